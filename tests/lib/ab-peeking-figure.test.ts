import { describe, expect, it } from 'vitest';
import abPeeking, { SIMULATED_PER_SEED, WORST_Z } from '../../src/figures/ab-peeking.ts';
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
    expect(abPeeking.caption).toContain(`within ${Math.ceil(WORST_Z * 10) / 10} standard errors`);
    expect(abPeeking.caption).toContain('5.0 % with one look, 14.2 % with 5, 19.3 % with 10, 24.8 % with 20');
  }, 60_000);
});
