import { describe, expect, it } from 'vitest';
import {
  betaFromMoments,
  fitBetaFromCounts,
  fitBetaMoments,
  smoothedCtr,
  topExposedPriorCtr,
  type ItemStats,
} from '../../../content/snippets/bandits/cold-start.ts';
import { sampleBeta } from '../../../content/snippets/bandits/beta.ts';
import { mulberry32, type Rng } from '../../../content/snippets/shared/random.ts';

describe('smoothedCtr', () => {
  it('matches hand computations with prior 3% worth m = 100 impressions', () => {
    // A new item: no data, so the prior itself.
    expect(smoothedCtr(0, 0, 0.03, 100)).toBeCloseTo(0.03, 12);
    // 1 click in 2 impressions (raw CTR 50%): (1 + 3) / (2 + 100) = 4 / 102 = 0.039216
    expect(smoothedCtr(1, 2, 0.03, 100)).toBeCloseTo(0.039216, 6);
    // 50 clicks in 1000 (raw 5%): (50 + 3) / 1100 = 0.048182
    // = w * 0.05 + (1 - w) * 0.03 with w = 1000 / 1100 = 0.909091: 0.045455 + 0.002727
    expect(smoothedCtr(50, 1000, 0.03, 100)).toBeCloseTo(0.048182, 6);
  });

  it('lies between the prior and the raw CTR and approaches the raw CTR with exposure', () => {
    const rng = mulberry32(12);
    for (let i = 0; i < 200; i++) {
      const n = 1 + Math.floor(rng() * 5000);
      const c = Math.floor(rng() * (n + 1));
      const prior = rng() * 0.1;
      const m = 1 + rng() * 500;
      const s = smoothedCtr(c, n, prior, m);
      expect(s).toBeGreaterThanOrEqual(Math.min(prior, c / n) - 1e-12);
      expect(s).toBeLessThanOrEqual(Math.max(prior, c / n) + 1e-12);
      // The blend form with weight n / (n + m) on the raw CTR is the same number.
      const w = n / (n + m);
      expect(s).toBeCloseTo(w * (c / n) + (1 - w) * prior, 12);
    }
    // 10^6 impressions against m = 100: within 0.0001 of the raw 5%.
    expect(Math.abs(smoothedCtr(50_000, 1_000_000, 0.03, 100) - 0.05)).toBeLessThan(1e-4);
  });

  it('is the posterior mean of a Beta prior with prior = alpha / (alpha + beta), m = alpha + beta', () => {
    // Beta(3, 97) prior, 4 clicks in 60 impressions: posterior mean (3 + 4) / (100 + 60) = 7 / 160
    expect(smoothedCtr(4, 60, 3 / 100, 100)).toBeCloseTo(7 / 160, 12);
  });

  it('rejects impossible counts', () => {
    expect(() => smoothedCtr(5, 3, 0.03, 100)).toThrow(/clicks must be in/);
    expect(() => smoothedCtr(0, 0, 0.03, 0)).toThrow(/m must be/);
  });
});

describe('topExposedPriorCtr', () => {
  // Ten items, deliberately not sorted by exposure.
  const items: ItemStats[] = [
    { clicks: 2, impressions: 100 }, // 2%
    { clicks: 200, impressions: 5000 }, // 4%
    { clicks: 1, impressions: 10 }, // 10%: a lucky click on a tiny sample
    { clicks: 30, impressions: 1200 }, // 2.5%
    { clicks: 400, impressions: 8000 }, // 5%
    { clicks: 14, impressions: 700 }, // 2%
    { clicks: 1, impressions: 20 }, // 5%
    { clicks: 75, impressions: 2500 }, // 3%
    { clicks: 6, impressions: 300 }, // 2%
    { clicks: 1, impressions: 50 }, // 2%
  ];

  it('averages the CTRs of the top 20% by impressions (hand computation)', () => {
    // Top 2 of 10 by impressions: 8000 (5%) and 5000 (4%): (0.05 + 0.04) / 2 = 0.045.
    expect(topExposedPriorCtr(items)).toBeCloseTo(0.045, 12);
    // Top 50%: 8000, 5000, 2500, 1200, 700 -> (0.05 + 0.04 + 0.03 + 0.025 + 0.02) / 5 = 0.033
    expect(topExposedPriorCtr(items, 0.5)).toBeCloseTo(0.033, 12);
  });

  it('takes at least one item and ignores items without impressions', () => {
    expect(
      topExposedPriorCtr(
        [
          { clicks: 3, impressions: 100 },
          { clicks: 0, impressions: 0 },
        ],
        0.2,
      ),
    ).toBeCloseTo(0.03, 12);
    expect(() => topExposedPriorCtr([{ clicks: 0, impressions: 0 }])).toThrow(/at least one item/);
  });
});

describe('Beta fit by the method of moments', () => {
  it('matches a hand computation: rates 0.1, 0.2, 0.3 give Beta(3, 12)', () => {
    // mean 0.2; sample variance (0.01 + 0 + 0.01) / 2 = 0.01
    // alpha + beta = 0.2 * 0.8 / 0.01 - 1 = 15; alpha = 0.2 * 15 = 3, beta = 0.8 * 15 = 12
    const fit = fitBetaMoments([0.1, 0.2, 0.3]);
    expect(fit.alpha).toBeCloseTo(3, 10);
    expect(fit.beta).toBeCloseTo(12, 10);
  });

  it('inverts the Beta moments exactly', () => {
    // Beta(3, 97): mean 0.03, variance 3 * 97 / (100^2 * 101) = 0.000288119
    const fit = betaFromMoments(0.03, (3 * 97) / (100 ** 2 * 101));
    expect(fit.alpha).toBeCloseTo(3, 9);
    expect(fit.beta).toBeCloseTo(97, 7);
  });

  it('recovers Beta(2, 3) and Beta(3, 97) from 20 000 seeded samples', () => {
    const rng = mulberry32(2024);
    const draw = (a: number, b: number) => Array.from({ length: 20_000 }, () => sampleBeta(a, b, rng));
    const small = fitBetaMoments(draw(2, 3));
    // Within 5%: forgetting the "- 1" in alpha + beta would give 6 instead of 5, 20% off.
    expect(Math.abs(small.alpha / 2 - 1)).toBeLessThan(0.05);
    expect(Math.abs(small.beta / 3 - 1)).toBeLessThan(0.05);
    const ctr = fitBetaMoments(draw(3, 97));
    expect(Math.abs(ctr.alpha / 3 - 1)).toBeLessThan(0.08);
    expect(Math.abs(ctr.beta / 97 - 1)).toBeLessThan(0.08);
  });

  it('rejects a variance no Beta can have', () => {
    expect(() => betaFromMoments(0.5, 0.3)).toThrow(/variance must be in/);
    expect(() => fitBetaMoments([0.25, 0.25, 0.25])).toThrow(/variance must be in/);
  });
});

describe('fitBetaFromCounts', () => {
  /** Items whose true CTRs come from Beta(3, 97), each shown 50..499 times. */
  function simulateItems(rng: Rng, count: number): ItemStats[] {
    return Array.from({ length: count }, () => {
      const theta = sampleBeta(3, 97, rng);
      const impressions = 50 + Math.floor(rng() * 450);
      let clicks = 0;
      for (let i = 0; i < impressions; i++) if (rng() < theta) clicks++;
      return { clicks, impressions };
    });
  }

  it('removes the binomial noise: recovers the Beta(3, 97) prior where raw CTRs give far too weak a prior', () => {
    const items = simulateItems(mulberry32(77), 4000);
    const fit = fitBetaFromCounts(items);
    expect(Math.abs((fit.alpha + fit.beta) / 100 - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.alpha / (fit.alpha + fit.beta) - 0.03)).toBeLessThan(0.002);
    // Treating the noisy CTRs as exact: the noise (about 0.03 * 0.97 / 200 per item) is read as
    // real spread, and the prior comes out worth only about 64 impressions.
    const naive = fitBetaMoments(items.map((it) => it.clicks / it.impressions));
    expect(naive.alpha + naive.beta).toBeLessThan(75);
  });

  it('matches the closed form on a small hand case', () => {
    // CTRs 1/10, 3/10, 2/10: mean 0.2, sample variance 0.01, h = 1/10.
    // prior variance = (0.01 - 0.2 * 0.8 * 0.1) / 0.9 = (0.01 - 0.016) / 0.9 < 0: all noise.
    expect(() =>
      fitBetaFromCounts([
        { clicks: 1, impressions: 10 },
        { clicks: 3, impressions: 10 },
        { clicks: 2, impressions: 10 },
      ]),
    ).toThrow(/no more than binomial noise/);
    // CTRs 10/100, 30/100, 20/100: variance 0.01, h = 0.01.
    // prior variance = (0.01 - 0.16 * 0.01) / 0.99 = 0.0084 / 0.99 = 0.0084848
    // alpha + beta = 0.16 / 0.0084848 - 1 = 18.857 - 1 = 17.857; alpha = 0.2 * 17.857 = 3.5714
    const fit = fitBetaFromCounts([
      { clicks: 10, impressions: 100 },
      { clicks: 30, impressions: 100 },
      { clicks: 20, impressions: 100 },
    ]);
    expect(fit.alpha + fit.beta).toBeCloseTo(17.857143, 5);
    expect(fit.alpha).toBeCloseTo(3.571429, 5);
  });
});
