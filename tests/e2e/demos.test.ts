import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';

describe.skipIf(!hasBrowser)('demos', () => {
  const site = useSite();

  it('AUC: moving a score recomputes AUC and the ROC curve', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/evaluation/auc-gauc/`);
    const summary = page.locator('[data-auc-summary]');
    await expect(summary.textContent()).resolves.toContain('AUC = 0.767');
    const before = await page.locator('[data-auc-chart] path').last().getAttribute('d');
    // Item 8 is a non-click at 0.10; raise it to 1.00, above every click: 3 more pairs lost.
    await page.locator('input[name="score-7"]').fill('1');
    await expect(summary.textContent()).resolves.toContain('AUC = 0.567');
    expect(await page.locator('[data-auc-chart] path').last().getAttribute('d')).not.toBe(before);
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

  it('Thompson: changing the true CTRs reruns the simulation', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/bandits/thompson-sampling/`);
    const table = page.locator('[data-thompson-table] tbody tr');
    await expect(table.count()).resolves.toBe(3);
    await page.locator('[data-thompson-form] input[name="ctrs"]').fill('0.1, 0.5');
    await expect.poll(() => table.count()).toBe(2);
    // With arms this far apart nearly every pull goes to the 0.5 arm.
    const pulls = Number(await table.nth(1).locator('td').nth(1).textContent());
    expect(pulls).toBeGreaterThan(4500);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('node2vec: moving q changes the next-step probabilities', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/recall/node2vec/`);
    const table = page.locator('[data-node2vec-table]');
    const before = await table.textContent();
    await page.locator('[data-node2vec-form] input[name="logq"]').fill('3'); // q = 8: stay local
    await expect.poll(() => table.textContent()).not.toBe(before);
    await expect(page.locator('[data-node2vec-form] [name="q-out"]').textContent()).resolves.toContain('8');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('A/B sample size: a smaller lift needs a larger sample', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/evaluation/ab-testing/`);
    const table = page.locator('[data-sample-size-table]');
    const perArm = async () =>
      Number(
        (await table.locator('tr', { hasText: 'Units per arm' }).locator('td').textContent())!.replace(/[^0-9]/g, ''),
      );
    const before = await perArm();
    const lift = page.locator('[data-sample-size-form] input[name="liftPct"]');
    const liftValue = Number(await lift.inputValue());
    await lift.fill(String(liftValue / 2));
    // n scales as 1/lift^2: halving the lift roughly quadruples the sample
    await expect.poll(perArm).toBeGreaterThan(3.5 * before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('optimizers: the learning-rate slider reruns the optimisers', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/deep-learning/optimizers/`);
    const table = page.locator('[data-optimizer-table]');
    const before = await table.textContent();
    const slider = page.locator('[data-optimizer-form] input[name="log10Lr"]');
    await slider.fill(String(Number(await slider.getAttribute('min'))));
    await expect.poll(() => table.textContent()).not.toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});
