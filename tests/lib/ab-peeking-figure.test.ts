import { describe, expect, it } from 'vitest';
import abPeeking, { SIMULATED_PER_SEED, WORST_Z } from '../../src/figures/ab-peeking.ts';
import { localized } from '../../src/lib/figure.ts';
import { peekingFalsePositiveRateNormal } from '../../content/snippets/evaluation/ab-test.ts';

describe('ab-peeking figure', () => {
  it('shows simulated click data that follow the normal-theory line for every seed, not one lucky run', () => {
    const exact = peekingFalsePositiveRateNormal(20);
    expect(SIMULATED_PER_SEED).toHaveLength(5);
    for (const run of SIMULATED_PER_SEED) {
      expect(run).toHaveLength(20);
      // 4,000 experiments per seed: one standard error is sqrt(v (1 - v) / 4000), 0.6 points at
      // 10 looks. Over 20 correlated looks the largest gap stays below 3.5 of them for each seed.
      run.forEach((v, i) => {
        expect(Math.abs(v - exact[i]!) / Math.sqrt((exact[i]! * (1 - exact[i]!)) / 4000)).toBeLessThan(3.5);
      });
      // and the rate climbs with the number of looks, far above the nominal 5 % by look 10
      expect(run[9]!).toBeGreaterThan(0.15);
    }
    // the pooled dots the figure draws: within 3 standard errors of the 20,000-experiment mean
    expect(WORST_Z).toBeLessThan(3);
    const worst = Math.ceil(WORST_Z * 10) / 10;
    const en = localized(abPeeking.caption, 'en');
    expect(en).toContain(`within ${worst} standard errors`);
    expect(en).toContain('5.0 % with one look, 14.2 % with 5, 19.3 % with 10, 24.8 % with 20');
    // the Chinese caption states the same computed numbers
    const zh = localized(abPeeking.caption, 'zh');
    expect(zh).toContain(`在 ${worst} 个标准误以内`);
    expect(zh).toContain('查看 1 次为 5.0 %，5 次为 14.2 %，10 次为 19.3 %，20 次为 24.8 %');
  }, 60_000);
});
