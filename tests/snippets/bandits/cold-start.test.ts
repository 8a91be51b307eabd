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
import { MIN_FIT_IMPRESSIONS, simulateCatalogue } from '../../../src/figures/cold-start-shrinkage.ts';

const SEEDS = [1, 2, 3, 4, 5];

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

  it('takes the limits: m = 0 is the raw CTR, no impressions is the prior, and both at once throw', () => {
    expect(smoothedCtr(3, 40, 0.5, 0)).toBe(3 / 40);
    expect(smoothedCtr(0, 0, 0.03, 1e-300)).toBeCloseTo(0.03, 15);
    expect(smoothedCtr(0, 0, 0.03, 1e300)).toBeCloseTo(0.03, 15);
    // m = 0 and n = 0 is 0 / 0: there is neither data nor prior.
    expect(() => smoothedCtr(0, 0, 0.03, 0)).toThrow(/m = 0 and no impressions: the CTR is 0 \/ 0/);
  });

  it('is accurate at extreme priors and counts (1e-300, 1 - 1e-16, 1e300 impressions)', () => {
    // prior 1e-300 with no data: the prior itself, not 0
    expect(smoothedCtr(0, 0, 1e-300, 100)).toBeCloseTo(1e-300, 310);
    expect(smoothedCtr(0, 0, 1e-300, 100) / 1e-300).toBeCloseTo(1, 14);
    // prior 1 - 2^-53 (the largest double below 1): an item with 2 clicks in 2 stays below 1
    const top = 1 - 2 ** -53;
    // exact value 1 - (100 / 102) 2^-53, whose nearest double is 1 - 2^-53
    expect(smoothedCtr(2, 2, top, 100)).toBe(1 - 2 ** -53);
    // 1e300 impressions against m = 100: the raw CTR to double precision
    expect(smoothedCtr(5e299, 1e300, 0.03, 100)).toBeCloseTo(0.5, 15);
  });

  it('rejects impossible counts and priors', () => {
    expect(() => smoothedCtr(5, 3, 0.03, 100)).toThrow(/clicks must be in/);
    expect(() => smoothedCtr(0, 0, 0.03, -1)).toThrow(/m must be a finite number >= 0/);
    expect(() => smoothedCtr(0, 0, 0.03, Infinity)).toThrow(/m must be a finite number >= 0/);
    expect(() => smoothedCtr(0, 10, 1.5, 10)).toThrow(/priorCtr must be in \[0, 1\]/);
    expect(() => smoothedCtr(0, Number.NaN, 0.03, 10)).toThrow(/impressions must be/);
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

  it('recovers Beta(2, 3) and Beta(3, 97) from 20 000 seeded samples, seeds 1 to 5', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const draw = (a: number, b: number) => Array.from({ length: 20_000 }, () => sampleBeta(a, b, rng));
      const small = fitBetaMoments(draw(2, 3));
      // Within 6%: the moment estimates have sd of about 1.5% here; forgetting the "- 1" in
      // alpha + beta would give 6 instead of 5, 20% off.
      expect(Math.abs(small.alpha / 2 - 1)).toBeLessThan(0.06);
      expect(Math.abs(small.beta / 3 - 1)).toBeLessThan(0.06);
      // Beta(3, 97) is skewed, so its sample variance is noisier: sd of the fitted strength about 2%.
      const ctr = fitBetaMoments(draw(3, 97));
      expect(Math.abs(ctr.alpha / 3 - 1)).toBeLessThan(0.1);
      expect(Math.abs(ctr.beta / 97 - 1)).toBeLessThan(0.1);
    }
  });

  it('fits rates near 1e-300 whose squared deviations underflow, and agrees with the plain formula above that', () => {
    // Rates s, 2s, 3s: mean 2s, sample variance s^2, so alpha + beta = 2s (1 - 2s) / s^2 - 1 and
    // alpha = 2s (alpha + beta) = 4 (1 - 2s) - 2s, which tends to 4 as s -> 0.
    for (const scale of [1e-3, 1e-50, 1e-150, 1e-200, 1e-300]) {
      const fit = fitBetaMoments([scale, 2 * scale, 3 * scale]);
      expect(fit.alpha).toBeCloseTo(4 * (1 - 2 * scale) - 2 * scale, 12);
      expect(fit.beta / ((1 - 2 * scale) * ((2 * (1 - 2 * scale)) / scale - 1))).toBeCloseTo(1, 12);
    }
    // where the plain computation is finite, both agree
    const rng = mulberry32(4);
    for (let i = 0; i < 100; i++) {
      const rates = Array.from({ length: 10 }, () => rng() * 0.3);
      const mu = rates.reduce((a, r) => a + r, 0) / rates.length;
      const v = rates.reduce((a, r) => a + (r - mu) ** 2, 0) / (rates.length - 1);
      const plain = betaFromMoments(mu, v);
      const fit = fitBetaMoments(rates);
      expect(fit.alpha / plain.alpha).toBeCloseTo(1, 12);
      expect(fit.beta / plain.beta).toBeCloseTo(1, 12);
    }
  });

  it('fits rates near 1 - 1e-16 as the mirror image of rates near 1e-16', () => {
    // 1 - k 2^-53 is exact for k = 1, 2, 3; their complements are k 2^-53, fitted to alpha of
    // about 4, so here beta is about 4 and alpha about 2 / 2^-53.
    const e = 2 ** -53;
    const fit = fitBetaMoments([1 - e, 1 - 2 * e, 1 - 3 * e]);
    const mirror = fitBetaMoments([e, 2 * e, 3 * e]);
    expect(fit.alpha / mirror.beta).toBeCloseTo(1, 12);
    expect(fit.beta / mirror.alpha).toBeCloseTo(1, 12);
    expect(fit.beta).toBeCloseTo(4, 12);
  });

  it('works at means of 1e-300 and 1 - 2^-53 when given the moments', () => {
    // mean 1e-300, variance 1e-301: alpha + beta = 1e-300 / 1e-301 - 1 = 9
    const low = betaFromMoments(1e-300, 1e-301);
    expect(low.alpha / 9e-300).toBeCloseTo(1, 12);
    expect(low.beta).toBeCloseTo(9, 12);
    const high = betaFromMoments(1 - 2 ** -53, 2 ** -60);
    // alpha + beta = (1 - 2^-53) 2^-53 / 2^-60 - 1 = 2^7 (1 - 2^-53) - 1 = 127 to double precision
    expect(high.alpha + high.beta).toBeCloseTo(127, 10);
  });

  it('rejects moments no Beta has, with the reason', () => {
    expect(() => betaFromMoments(0.5, 0.3)).toThrow(/variance must be below mean \(1 - mean\) = 0.25/);
    expect(() => betaFromMoments(0.5, 0.25)).toThrow(/variance must be below/); // all mass on 0 and 1
    expect(() => betaFromMoments(0.5, 0)).toThrow(/variance must be > 0 \(0 is a point mass\)/);
    expect(() => betaFromMoments(0, 0.1)).toThrow(/mean must be strictly between 0 and 1/);
    expect(() => betaFromMoments(1, 0.1)).toThrow(/mean must be strictly between 0 and 1/);
    expect(() => betaFromMoments(0.5, 1e-320)).toThrow(/variance too small: alpha \+ beta overflows/);
    expect(() => fitBetaMoments([0.25, 0.25, 0.25])).toThrow(/all equal \(variance 0\)/);
    expect(() => fitBetaMoments([0, 0, 0])).toThrow(/mean must be strictly between 0 and 1/);
    expect(() => fitBetaMoments([1, 1])).toThrow(/mean must be strictly between 0 and 1 .*got 1/);
    expect(() => fitBetaMoments([0.2, 1.2])).toThrow(/rates\[1\] must be in \[0, 1\]/);
    expect(() => fitBetaMoments([0.2])).toThrow(/need at least two values/);
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

  it('removes the binomial noise: recovers the Beta(3, 97) prior where raw CTRs give far too weak a prior, seeds 1 to 5', () => {
    // Raw CTRs treated as exact read the binomial noise as spread. With impressions uniform on
    // 50..499, h = mean(1/n) = 0.0051369 and the prior variance s2 = 0.03 * 0.97 / 101 = 0.00028812,
    // so the raw CTRs have variance s2 + (0.0291 - s2) h = 0.00043612 and the raw fit's strength
    // tends to 0.0291 / 0.00043612 - 1 = 65.7 instead of 100. With 4,000 items the fitted strengths
    // have sd of about 4% (corrected) and 3% (raw).
    const corrected: number[] = [];
    const raw: number[] = [];
    for (const seed of SEEDS) {
      const items = simulateItems(mulberry32(seed), 4000);
      const fit = fitBetaFromCounts(items);
      expect(Math.abs((fit.alpha + fit.beta) / 100 - 1)).toBeLessThan(0.18);
      expect(Math.abs(fit.alpha / (fit.alpha + fit.beta) - 0.03)).toBeLessThan(0.002);
      const naive = fitBetaMoments(items.map((it) => it.clicks / it.impressions));
      expect(Math.abs((naive.alpha + naive.beta) / 65.7 - 1)).toBeLessThan(0.12);
      corrected.push(fit.alpha + fit.beta);
      raw.push(naive.alpha + naive.beta);
    }
    // The cold-start page quotes the ranges over these five seeds: 95 to 109, and 64 to 70.
    expect([Math.min(...corrected), Math.max(...corrected)].map(Math.round)).toEqual([95, 109]);
    expect([Math.min(...raw), Math.max(...raw)].map(Math.round)).toEqual([64, 70]);
  });

  it("reproduces the page's pitfall: on the figure's 300-item catalogue, fitting every item is erratic", () => {
    // Seeds 1-20 of the figure's simulation (true prior strength 100): fitting only items with at
    // least 100 impressions gives strengths from 74 to 120; fitting all items, from 32 to 571.
    const strength = (items: ItemStats[]) => {
      const f = fitBetaFromCounts(items);
      return f.alpha + f.beta;
    };
    const filtered: number[] = [];
    const all: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const items = simulateCatalogue(seed);
      filtered.push(strength(items.filter((it) => it.impressions >= MIN_FIT_IMPRESSIONS)));
      all.push(strength(items));
    }
    expect([Math.min(...filtered), Math.max(...filtered)].map(Math.round)).toEqual([74, 120]);
    expect([Math.min(...all), Math.max(...all)].map(Math.round)).toEqual([32, 571]);
  });

  it('rejects items with no clicks at all, or only single impressions', () => {
    expect(() =>
      fitBetaFromCounts([
        { clicks: 0, impressions: 50 },
        { clicks: 0, impressions: 80 },
      ]),
    ).toThrow(/mean must be strictly between 0 and 1/);
    expect(() =>
      fitBetaFromCounts([
        { clicks: 1, impressions: 1 },
        { clicks: 0, impressions: 1 },
      ]),
    ).toThrow(/single impression/);
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
