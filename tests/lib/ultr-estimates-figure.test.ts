import { describe, expect, it } from 'vitest';
import ultrEstimates, { MEANS, NAIVE_TOP, SETUP, TAUS } from '../../src/figures/ultr-estimates.ts';
import { localized } from '../../src/lib/figure.ts';

describe('ultr-estimates figure', () => {
  it('shows the order its caption describes, in every one of its seeds', () => {
    // The caption: naive CTR out of order (negative Kendall tau in every seed), IPS with
    // randomisation-estimated propensities exactly in order in every seed.
    TAUS.naive.forEach((t) => expect(t).toBeLessThan(0));
    TAUS.ips.forEach((t) => expect(t).toBe(1));
    // The naive estimate peaks at the third item and gives the most relevant item less.
    expect(NAIVE_TOP).toBe(2);
    expect(MEANS.naive[9]!).toBeLessThan(MEANS.naive[NAIVE_TOP]!);
    MEANS.ips.forEach((v, i) => expect(Math.abs(v - SETUP.relevance[i]!)).toBeLessThan(0.03));
    expect(localized(ultrEstimates.caption, 'en')).toContain('with tau 1 in every seed');
    expect(localized(ultrEstimates.caption, 'zh')).toContain('每个种子的 tau 都是 1');
  });
});
