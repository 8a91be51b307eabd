import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';

/**
 * A bad value in `input`: its message sits next to it (in the field's own error line), the input
 * is marked invalid, and the demo's results stay on screen but are marked out of date.
 */
async function expectInvalid(demo: Locator, input: Locator, name: string, message: string): Promise<void> {
  await expect.poll(() => demo.locator(`[data-field-error="${name}"]`).textContent()).toBe(message);
  await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
  // the message is what the input's description points to
  const described = await input.getAttribute('aria-describedby');
  await expect(demo.locator(`[id="${described}"]`).textContent()).resolves.toBe(message);
  await expect(demo.getAttribute('class')).resolves.toContain('stale');
  await expect(demo.locator('.stale-note').isVisible()).resolves.toBe(true);
  await expect(demo.locator('[data-out="table"]').isVisible()).resolves.toBe(true);
}

/** The input is fixed: no mark, no message, results current again. */
async function expectValid(demo: Locator, input: Locator, name: string): Promise<void> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBeNull();
  await expect(demo.locator(`[data-field-error="${name}"]`).textContent()).resolves.toBe('');
  await expect(demo.getAttribute('class')).resolves.not.toContain('stale');
  await expect(demo.locator('.stale-note').isVisible()).resolves.toBe(false);
}

/** Every chart of a demo scrolls inside a focusable frame named by its caption, at its own size. */
async function expectLegibleCharts(page: Page, demo: Locator): Promise<void> {
  const frames = demo.locator('.demo-chart .figure-scroll');
  await expect(frames.count()).resolves.toBeGreaterThan(0);
  for (const frame of await frames.all()) {
    await expect(frame.getAttribute('tabindex')).resolves.toBe('0');
    await expect(frame.getAttribute('role')).resolves.toBe('group');
    const caption = await frame.getAttribute('aria-labelledby');
    await expect(page.locator(`[id="${caption}"]`).textContent()).resolves.not.toBe('');
  }
  // On a phone the text is drawn at 11 px or more (the chart scrolls instead of shrinking).
  const smallest = await demo.evaluate((el) =>
    Math.min(
      ...[...el.querySelectorAll('.demo-chart svg text')].map((t) => {
        const svg = t.closest('svg')!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      }),
    ),
  );
  expect(smallest).toBeGreaterThanOrEqual(11);
}

describe.skipIf(!hasBrowser)('demos', () => {
  const site = useSite();

  it('AUC: moving a score recomputes AUC and the ROC curve; one class only is flagged', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/evaluation/auc-gauc/`);
    const demo = page.locator('[data-demo="auc"]');
    const summary = demo.locator('[data-out="summary"]');
    await expect(summary.textContent()).resolves.toContain('AUC = 0.767');
    const curve = demo.locator('[data-out="chart"] path');
    const before = await curve.last().getAttribute('d');
    // Item 8 is a non-click at 0.10; raise it to 1.00, above every click: 3 more pairs lost.
    await demo.locator('input[name="score-7"]').fill('1');
    await expect(summary.textContent()).resolves.toContain('AUC = 0.567');
    await expect(demo.locator('[data-score-of="score-7"]').textContent()).resolves.toBe('1.00');
    expect(await curve.last().getAttribute('d')).not.toBe(before);
    // A slider cannot hold a bad value; unclicking every item leaves AUC undefined: the whole
    // form's message goes to the alert line, and the last results stay, marked out of date.
    for (const i of [0, 2, 4]) await demo.locator(`input[name="label-${i}"]`).uncheck();
    await expect(demo.locator('[data-demo-alert]').textContent()).resolves.toBe(
      'AUC is undefined: mark at least one item clicked and one not clicked.',
    );
    await expect(demo.getAttribute('class')).resolves.toContain('stale');
    await expect(demo.locator('.stale-note').isVisible()).resolves.toBe(true);
    await expect(summary.textContent()).resolves.toContain('AUC = ');
    await demo.locator('input[name="label-0"]').check();
    await expect(demo.locator('[data-demo-alert]').textContent()).resolves.toBe('');
    await expect(demo.getAttribute('class')).resolves.not.toContain('stale');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Alias: editing the weights rebuilds the table; bad weights show an error', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/recall/alias-sampling/`);
    const demo = page.locator('[data-demo="alias"]');
    const weights = demo.locator('input[name="weights"]');
    const rows = demo.locator('[data-out="table"] tbody tr');
    await weights.fill('1, 1');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('50.0%');
    // A bad value: its message sits next to the input, which is marked invalid, and the old
    // table stays but is marked out of date.
    await weights.fill('1, -3');
    await expect(demo.locator('[data-field-error="weights"]').textContent()).resolves.toBe(
      'Weight 1 ("-3") is negative: weights must be 0 or more.',
    );
    await expect(weights.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(demo.getAttribute('class')).resolves.toContain('stale');
    await expect(demo.locator('.stale-note').isVisible()).resolves.toBe(true);
    await weights.fill('1, 3');
    await expect(weights.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(demo.locator('.stale-note').isVisible()).resolves.toBe(false);
    await expect(rows.first().textContent()).resolves.toContain('25.0%');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Thompson: changing the true CTRs reruns the simulation; a bad prior is flagged at its input', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/bandits/thompson-sampling/`);
    const demo = page.locator('[data-demo="thompson"]');
    const rows = demo.locator('[data-out="table"] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await demo.locator('input[name="ctrs"]').fill('0.1, 0.5');
    await expect.poll(() => rows.count()).toBe(2);
    // With arms this far apart nearly every pull goes to the 0.5 arm (the count is grouped: 4,9xx).
    const pulls = Number((await rows.nth(1).locator('td').nth(1).textContent())!.replace(/[^0-9]/g, ''));
    expect(pulls).toBeGreaterThan(4500);
    await expect(demo.locator('[data-out="summary"]').textContent()).resolves.toContain('Regret after 50,000 steps');
    const alpha = demo.locator('input[name="alpha"]');
    await alpha.fill('0');
    await expectInvalid(demo, alpha, 'alpha', 'Prior α must be a number from 0.1 to 100,000; got "0".');
    await expect(rows.count()).resolves.toBe(2); // the last results stay
    await alpha.fill('3');
    await expectValid(demo, alpha, 'alpha');
    await expectLegibleCharts(page, demo);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('node2vec: moving q changes the next-step probabilities; a bad seed is flagged at its input', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/recall/node2vec/`);
    const demo = page.locator('[data-demo="node2vec"]');
    const table = demo.locator('[data-out="table"]');
    const before = await table.textContent();
    const logq = demo.locator('input[name="logq"]');
    await expect(logq.getAttribute('aria-valuetext')).resolves.toBe('q = 1');
    await logq.fill('3'); // q = 8: stay local
    await expect.poll(() => table.textContent()).not.toBe(before);
    await expect(demo.locator('[data-value-of="logq"]').textContent()).resolves.toContain('8');
    // the slider moves log2 q; a screen reader hears q itself
    await expect(logq.getAttribute('aria-valuetext')).resolves.toBe('q = 8');
    const seed = demo.locator('input[name="seed"]');
    await seed.fill('0');
    await expectInvalid(demo, seed, 'seed', 'The seed must be a whole number from 1 to 4294967295.');
    await seed.fill('2');
    await expectValid(demo, seed, 'seed');
    await expectLegibleCharts(page, demo);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('A/B sample size: a smaller lift needs a larger sample; a bad α is flagged at its input', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/evaluation/ab-testing/`);
    const demo = page.locator('[data-demo="sample-size"]');
    const table = demo.locator('[data-out="table"]');
    const perArm = async () =>
      Number(
        (await table.locator('tr', { hasText: 'Units per arm' }).locator('td').textContent())!.replace(/[^0-9]/g, ''),
      );
    const before = await perArm();
    expect(before).toBe(14_751); // the page's worked example
    const lift = demo.locator('input[name="liftPct"]');
    const liftValue = Number(await lift.inputValue());
    await lift.fill(String(liftValue / 2));
    // n scales as 1/lift^2: halving the lift roughly quadruples the sample
    await expect.poll(perArm).toBeGreaterThan(3.5 * before);
    const alpha = demo.locator('input[name="alpha"]');
    await alpha.fill('0.9');
    await expectInvalid(demo, alpha, 'alpha', 'α must be a number from 0.001 to 0.5.');
    await alpha.fill('0.05');
    await expectValid(demo, alpha, 'alpha');
    await expectLegibleCharts(page, demo);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('optimizers: the learning-rate slider reruns the optimisers and says the rate, not its log', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/deep-learning/optimizers/`);
    const demo = page.locator('[data-demo="optimizer"]');
    const table = demo.locator('[data-out="table"]');
    const before = await table.textContent();
    const slider = demo.locator('input[name="log10Lr"]');
    // the slider moves log10 of the rate (-0.5): a screen reader hears the rate itself
    await expect(slider.inputValue()).resolves.toBe('-0.5');
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('learning rate 0.32');
    await slider.fill(String(Number(await slider.getAttribute('min'))));
    await expect.poll(() => table.textContent()).not.toBe(before);
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('learning rate 0.001');
    await expect(demo.locator('[data-value-of="log10Lr"]').textContent()).resolves.toBe('0.001');
    const steps = demo.locator('input[name="steps"]');
    await steps.fill('0');
    await expectInvalid(demo, steps, 'steps', 'The number of steps must be a whole number from 1 to 500, got "0".');
    // the slider still says what it is set to while another input is invalid
    await slider.fill('0');
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('learning rate 1');
    await steps.fill('50');
    await expectValid(demo, steps, 'steps');
    await expect(table.textContent()).resolves.toContain('Learning rate 1 for all five');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('charts stay legible on a 360 px phone and demos speak Chinese on Chinese pages', async () => {
    const { page, context, errors } = await site.page({ width: 360 });
    await page.goto(`${site.url}/zh/deep-learning/optimizers/`);
    const demo = page.locator('[data-demo="optimizer"]');
    const slider = demo.locator('input[name="log10Lr"]');
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('学习率 0.32');
    await expect(demo.locator('label[for="optimizer-log10Lr"]').textContent()).resolves.toBe('学习率');
    await expectLegibleCharts(page, demo);
    // the chart is wider than the phone: its frame scrolls, the demo itself does not overflow
    const frame = demo.locator('.demo-chart .figure-scroll').first();
    const widths = await frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    const section = await demo.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(section.scroll).toBeLessThanOrEqual(section.client);
    const steps = demo.locator('input[name="steps"]');
    await steps.fill('0');
    await expectInvalid(demo, steps, 'steps', '步数须为 1 到 500 之间的整数，当前为 "0"。');
    await slider.fill('-1');
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('学习率 0.1');
    expect(errors).toEqual([]);
    await context.close();
  });
});
