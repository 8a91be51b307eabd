/**
 * Study mode in a real browser: review cards graded and rescheduled across reloads, read marks in
 * the sidebar, section and home pages, export and import, the offline copy from file://, and no
 * study code on a plain note page until a study control is used.
 */
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OFFLINE_ROOT } from '../../src/integrations/offline.ts';
import { OFFLINE_ZIP } from '../../src/lib/site-assets.ts';
import { STORE_KEY } from '../../src/lib/study/store.ts';
import { audit } from '../support/axe.ts';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { DIST } from '../support/site.ts';

const NOTE = 'recall/alias-sampling';

/** The study record as the page stored it. */
const record = (page: Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), STORE_KEY) as Promise<{
    version: number;
    cards: Record<string, { due: string; reps: number }>;
    read: Record<string, string>;
  } | null>;

/** Start a review session of NOTE's cards, reveal the first and grade it `grade`; returns its id. */
async function gradeFirst(page: Page, grade: 'again' | 'hard' | 'good' | 'easy'): Promise<string> {
  await page.locator('[data-review-filters] button[type="submit"]').click();
  const card = page.locator('[data-review-card]');
  await card.waitFor();
  const href = (await card.locator('[data-card-link]').getAttribute('href'))!;
  await card.locator('[data-reveal]').click();
  await card.locator('[data-card-answer]').waitFor();
  await card.locator(`[data-grade="${grade}"]`).click();
  return `${NOTE}#${href.split('#check-')[1]}`;
}

describe.skipIf(!hasBrowser)('study mode', () => {
  const site = useSite();

  it('grades a card; after a reload it is scheduled, not new, and not yet due', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/review/?note=${NOTE}`);
    const counts = page.locator('[data-review-counts]');
    await expect(counts.textContent()).resolves.toBe('0 due, 5 new in this selection.');
    const before = Date.now();
    const id = await gradeFirst(page, 'good');

    await page.reload();
    await expect(counts.textContent()).resolves.toBe('0 due, 4 new in this selection.');
    const stored = (await record(page))!;
    expect(stored.version).toBe(2);
    expect(Object.keys(stored.cards)).toEqual([id]);
    expect(stored.cards[id]!.reps).toBe(1);
    expect(new Date(stored.cards[id]!.due).getTime()).toBeGreaterThan(before);

    // "Only due" has nothing yet; "only new" starts on another card.
    await page.locator('input[name="show"][value="due"]').check();
    await page.locator('[data-review-filters] button[type="submit"]').click();
    await expect(page.locator('[data-review-done]').textContent()).resolves.toContain('Nothing to review');
    await expect(page.locator('[data-review-done]').textContent()).resolves.toMatch(/The next card is due/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the answer as the note renders it, math included, and links the question on its note', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/review/?note=evaluation/auc-gauc`);
    await page.locator('[data-review-filters] button[type="submit"]').click();
    const href = (await page.locator('[data-card-link]').getAttribute('href'))!;
    await expect(page.locator('[data-card-answer]').isVisible()).resolves.toBe(false);
    await page.locator('[data-reveal]').click();
    const answer = await page.locator('[data-card-answer]').innerHTML();
    await page.goto(`${site.url}${href}`);
    const id = href.split('#')[1]!;
    const onNote = await page.locator(`details#${id} > div`).innerHTML();
    expect(answer.trim()).toBe(onNote.trim());
    await context.close();
  });

  it('marks a note read in the sidebar, its section page and the home page, and queues its questions', async () => {
    const { page, context, errors } = await site.page();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${site.url}/${NOTE}/`);
    // A plain reader loads no study code.
    expect(scripts.filter((s) => /progress|review/.test(s))).toEqual([]);

    const read = page.locator('[data-progress="read"]');
    await read.click();
    // The first click loads the study code, which then handles it.
    await expect.poll(() => read.getAttribute('aria-pressed')).toBe('true');
    expect(scripts).toContain('/_client/progress.js');
    await page.locator('[data-progress="queue"]').click();
    await expect
      .poll(() => page.locator('[data-progress-status]').textContent())
      .toContain('5 questions of this note are due for review.');

    await page.reload();
    const link = page.locator(`.sidebar a[data-note="${NOTE}"]`);
    await expect(link.getAttribute('class')).resolves.toMatch(/\bis-read\b/);
    await expect(link.getAttribute('class')).resolves.toMatch(/\bis-due\b/);
    await expect(link.textContent()).resolves.toContain(', read');
    await expect(read.getAttribute('aria-pressed')).resolves.toBe('true');

    await page.goto(`${site.url}/recall/`);
    await expect(page.locator(`[data-note-item="${NOTE}"]`).getAttribute('class')).resolves.toMatch(/\bis-read\b/);
    await page.goto(`${site.url}/`);
    await expect(page.locator('[data-section-card="recall"] [data-progress-count]').textContent()).resolves.toMatch(
      /· 1 of \d+ read/,
    );

    // The queued questions are due on the review page.
    await page.goto(`${site.url}/review/?note=${NOTE}`);
    await expect(page.locator('[data-review-counts]').textContent()).resolves.toBe('5 due, 0 new in this selection.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the record to a file and imports it in another browser', async () => {
    const first = await site.page();
    await first.page.goto(`${site.url}/review/?note=${NOTE}`);
    const id = await gradeFirst(first.page, 'easy');
    await first.page.locator('.review-data summary').click();
    const [download] = await Promise.all([
      first.page.waitForEvent('download'),
      first.page.locator('[data-export]').click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'rr-export-')), download.suggestedFilename());
    await download.saveAs(file);
    const exported = (await record(first.page))!;
    await first.context.close();

    const second = await site.page();
    await second.page.goto(`${site.url}/zh/review/`);
    await second.page.locator('.review-data summary').click();
    await second.page.locator('[data-import]').setInputFiles(file);
    // Reading the file is asynchronous: wait for the page to say it is done.
    await expect.poll(() => second.page.locator('[data-review-notice]').textContent()).toBe('已导入 1 张卡片。');
    const imported = (await record(second.page))!;
    expect(imported.cards[id]).toEqual(exported.cards[id]);
    await second.context.close();
  });

  it('reviews from the unzipped offline copy opened from file://', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-offline-study-'));
    for (const [name, data] of Object.entries(unzipSync(readFileSync(join(DIST, OFFLINE_ZIP))))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    const url = pathToFileURL(join(dir, OFFLINE_ROOT, 'review', 'index.html')).href;
    const { page, context, errors } = await site.page();
    await page.goto(`${url}?note=${NOTE}`);
    const id = await gradeFirst(page, 'good');
    await page.reload();
    await expect(page.locator('[data-review-counts]').textContent()).resolves.toBe('0 due, 4 new in this selection.');
    expect(Object.keys((await record(page))!.cards)).toEqual([id]);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const lang of ['', 'zh/'])
    for (const [theme, width] of [
      ['light', 1280],
      ['dark', 1280],
      ['light', 360],
      ['dark', 360],
    ] as const)
      it(`/${lang}review/ has no axe violations with a card open (${theme}, ${width} px)`, async () => {
        const { page, context } = await site.page({ colorScheme: theme, width });
        await page.goto(`${site.url}/${lang}review/?note=${NOTE}`);
        expect(await audit(page)).toEqual([]);
        await page.locator('[data-review-filters] button[type="submit"]').click();
        await page.locator('[data-reveal]').click();
        await page.locator('.review-data summary').click();
        expect(await audit(page)).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await context.close();
      });
});
