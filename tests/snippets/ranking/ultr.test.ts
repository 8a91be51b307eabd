import { describe, expect, it } from 'vitest';
import {
  ipsPointwiseLoss,
  ipsRankMetric,
  ipsRelevance,
  kendallTau,
  naiveCtr,
  noisyRanker,
  pbmEm,
  pbmLogLikelihood,
  propensityFromRandomised,
  runUltrExperiment,
  simulateClicks,
  softplus,
  ULTR_SETUP,
  uniformShuffle,
  type ClickCounts,
} from '../../../content/snippets/ranking/ultr.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** Exact expected counts: every item shown `n` times at every position, clicks n θ_k γ_i. */
const expectedCounts = (theta: number[], gamma: number[], n = 1000): ClickCounts => ({
  impressions: gamma.map(() => theta.map(() => n)),
  clicks: gamma.map((g) => theta.map((t) => n * t * g)),
});

describe('the worked example: two items, each always in one slot', () => {
  // Propensities (1, 0.5, 0.25). Item A (relevance 0.3) always in slot 1: 1000 impressions, 300
  // clicks. Item B (relevance 0.5) always in slot 3: 1000 impressions, 1000 · 0.25 · 0.5 = 125 clicks.
  const counts: ClickCounts = {
    impressions: [
      [1000, 0, 0],
      [0, 0, 1000],
    ],
    clicks: [
      [300, 0, 0],
      [0, 0, 125],
    ],
  };
  const theta = [1, 0.5, 0.25];

  it('ranks A first by CTR and B first by IPS', () => {
    expect(naiveCtr(counts)).toEqual([0.3, 0.125]);
    expect(ipsRelevance(counts, theta)).toEqual([0.3, 0.5]); // 125 / 0.25 / 1000 = 0.5
  });

  it('clipping at 0.5 bounds the weights and biases B down to 0.5 · 0.25 / 0.5 = 0.25', () => {
    expect(ipsRelevance(counts, theta, 0.5)).toEqual([0.3, 0.25]);
  });
});

describe('ipsRelevance and naiveCtr', () => {
  it('IPS is exactly the relevance on expected counts, whatever the positions; CTR is not', () => {
    const theta = [1, 0.5, 0.25, 0.1];
    const gamma = [0.9, 0.1, 0.4];
    const counts = expectedCounts(theta, gamma);
    // Skew the placements: item 0 only in the bottom slot, item 1 only at the top.
    counts.impressions[0] = [0, 0, 0, 500];
    counts.clicks[0] = [0, 0, 0, 500 * 0.1 * 0.9];
    counts.impressions[1] = [800, 0, 0, 0];
    counts.clicks[1] = [800 * 0.1, 0, 0, 0];
    ipsRelevance(counts, theta).forEach((r, i) => expect(r).toBeCloseTo(gamma[i]!, 12));
    expect(naiveCtr(counts)[0]).toBeCloseTo(0.09, 12); // the best item looks worst by CTR
    expect(naiveCtr(counts)[1]).toBeCloseTo(0.1, 12);
  });

  it('with a clip has expectation γ · mean(θ / max(θ, clip))', () => {
    const theta = [1, 0.5, 0.25, 0.1];
    const gamma = [0.9, 0.1, 0.4];
    const clipped = ipsRelevance(expectedCounts(theta, gamma), theta, 0.3);
    // mean(θ / max(θ, 0.3)) = (1 + 1 + 0.25/0.3 + 0.1/0.3) / 4 = 0.791667
    clipped.forEach((r, i) => expect(r).toBeCloseTo((gamma[i]! * (2 + 0.25 / 0.3 + 0.1 / 0.3)) / 4, 12));
  });

  it('rejects a zero propensity without a clip, and items never shown', () => {
    const counts = expectedCounts([1, 0.5], [0.5]);
    expect(() => ipsRelevance(counts, [1, 0])).toThrow(/propensity\[1\] = 0 needs a clip > 0/);
    expect(ipsRelevance(counts, [1, 0], 0.1)[0]).toBeGreaterThan(0);
    const unseen: ClickCounts = { impressions: [[0, 0]], clicks: [[0, 0]] };
    expect(() => naiveCtr(unseen)).toThrow(/item 0 has no impressions/);
    expect(() => ipsRelevance(unseen, [1, 0.5])).toThrow(/item 0 has no impressions/);
  });
});

describe('the variance of one weighted click', () => {
  it('is γ/θ - γ², 0.25 in slot 1 and 4.75 at θ = 0.1 for γ = 0.5, and at most γ/τ when clipped at τ', () => {
    // One impression: clicked with probability θγ, IPS value 1/max(θ, clip) if clicked, else 0.
    const variance = (theta: number, gamma: number, clip = 0): number => {
      const one = (click: number): number => ipsRelevance({ impressions: [[1]], clicks: [[click]] }, [theta], clip)[0]!;
      const p = theta * gamma;
      const mean = p * one(1);
      return p * one(1) ** 2 - mean ** 2;
    };
    expect(variance(1, 0.5)).toBeCloseTo(0.25, 14);
    expect(variance(0.1, 0.5)).toBeCloseTo(4.75, 12);
    expect(variance(0.1, 0.5, 0.5)).toBeLessThanOrEqual(0.5 / 0.5);
    // Unclipped the mean is γ; clipped at 0.5 it is γ θ / 0.5 = 0.1.
    expect(0.1 * 0.5 * ipsRelevance({ impressions: [[1]], clicks: [[1]] }, [0.1], 0.5)[0]!).toBeCloseTo(0.1, 14);
  });
});

describe('ipsPointwiseLoss', () => {
  it('has the full-information cross-entropy as its expectation over the click', () => {
    for (const [theta, gamma, z] of [
      [0.25, 0.5, 0.3],
      [1, 0.2, -2],
      [0.05, 0.9, 4],
      [1e-3, 0.3, -0.7],
    ] as const) {
      const pClick = theta * gamma;
      const expected = pClick * ipsPointwiseLoss(z, 1, theta) + (1 - pClick) * ipsPointwiseLoss(z, 0, theta);
      expect(expected).toBeCloseTo(gamma * softplus(-z) + (1 - gamma) * softplus(z), 12);
    }
  });

  it('equals the weighted form (c/θ) softplus(-z) + (1 - c/θ) softplus(z) on ordinary inputs', () => {
    const rng = mulberry32(3);
    for (let t = 0; t < 200; t++) {
      const z = 8 * (rng() - 0.5);
      const theta = 0.01 + 0.99 * rng();
      const w = 1 / theta;
      expect(ipsPointwiseLoss(z, 1, theta)).toBeCloseTo(w * softplus(-z) + (1 - w) * softplus(z), 9);
      expect(ipsPointwiseLoss(z, 0, theta)).toBe(softplus(z));
    }
  });

  it('is unbounded below when c/θ > 1, and exact at extreme logits and propensities', () => {
    // c = 1, θ = 0.1: softplus(z) - 10 z, which falls like -9 z.
    expect(ipsPointwiseLoss(1000, 1, 0.1)).toBeCloseTo(-9000, 9);
    expect(ipsPointwiseLoss(-1000, 1, 0.1)).toBeCloseTo(10_000, 9);
    // θ = 1e-300, z = 0: the weighted form cancels 1e300 · ln 2 against (1 - 1e300) · ln 2 and
    // returns 0 (rounding); the loss is ln 2 - 0 / 1e-300 = ln 2.
    const w = 1e300;
    expect(w * softplus(0) + (1 - w) * softplus(0)).toBe(0);
    expect(ipsPointwiseLoss(0, 1, 1e-300)).toBe(Math.LN2);
    expect(ipsPointwiseLoss(1, 1, 1 - 1e-16)).toBeCloseTo(softplus(-1), 14);
    expect(() => ipsPointwiseLoss(0, 1, 0)).toThrow(/propensity must lie in \(0, 1\]/);
    expect(() => ipsPointwiseLoss(NaN, 1, 0.5)).toThrow(/logit must be finite/);
  });
});

describe('ipsRankMetric', () => {
  it('is unbiased for the sum of ranks of the relevant results: exact enumeration of examinations', () => {
    // Three results shown at positions with propensities Q; result j is clicked iff examined (o_j = 1,
    // probability Q_j) and relevant (r_j). The new ranking puts them at ranks newRanks.
    const Q = [0.9, 0.4, 0.15];
    const r = [1, 0, 1] as const;
    const newRanks = [3, 1, 2];
    let expected = 0;
    for (let mask = 0; mask < 8; mask++) {
      const o = [0, 1, 2].map((j) => (mask >> j) & 1);
      const p = o.reduce((s, oj, j) => s * (oj ? Q[j]! : 1 - Q[j]!), 1);
      const clicks = o.map((oj, j) => (oj && r[j] ? 1 : 0) as 0 | 1);
      expected += p * ipsRankMetric(newRanks, clicks, Q);
    }
    // True value: ranks of the relevant results, 3 + 2 = 5.
    expect(expected).toBeCloseTo(5, 12);
    // The naive count of clicked ranks has expectation 0.9·3 + 0.15·2 = 3.0.
    expect(0.9 * 3 + 0.15 * 2).toBeCloseTo(3, 12);
  });

  it('rejects a clicked result with propensity 0 and mismatched lengths', () => {
    expect(() => ipsRankMetric([1, 2], [1, 0], [0, 1])).toThrow(/propensities\[0\] must be > 0/);
    expect(() => ipsRankMetric([1], [1, 0], [1, 1])).toThrow(/same length/);
  });
});

describe('propensityFromRandomised', () => {
  it('divides each position’s click-through rate by position 1’s', () => {
    // Position CTRs 0.4, 0.2, 0.1 (pooled over items) give (1, 0.5, 0.25).
    const counts: ClickCounts = {
      impressions: [
        [50, 50, 50],
        [50, 50, 50],
      ],
      clicks: [
        [30, 12, 6],
        [10, 8, 4],
      ],
    };
    expect(propensityFromRandomised(counts)).toEqual([1, 0.5, 0.25]);
    expect(() => propensityFromRandomised({ impressions: [[5, 5]], clicks: [[0, 1]] })).toThrow(
      /position 1 has no clicks/,
    );
    expect(() => propensityFromRandomised({ impressions: [[5, 0]], clicks: [[1, 0]] })).toThrow(
      /position 2 has no impressions/,
    );
  });

  it('gives only ratios: with θ_1 = 0.8 the IPS estimates come out θ_1 = 0.8 times too low', () => {
    // Expected counts of shuffled traffic with true propensities (0.8, 0.4, 0.2): every item in every slot.
    const theta = [0.8, 0.4, 0.2];
    const gamma = [0.9, 0.5, 0.2];
    const counts = expectedCounts(theta, gamma);
    const relative = propensityFromRandomised(counts);
    relative.forEach((p, k) => expect(p).toBeCloseTo([1, 0.5, 0.25][k]!, 12)); // too large by 1/θ_1 = 1.25
    ipsRelevance(counts, relative).forEach((r, i) => expect(r).toBeCloseTo(0.8 * gamma[i]!, 12));
  });

  it('recovers 1/k within 0.02 from 20,000 shuffled requests, seeds 1-5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const counts = simulateClicks(
        ULTR_SETUP.relevance,
        ULTR_SETUP.propensity,
        uniformShuffle(10),
        20_000,
        mulberry32(seed),
      );
      propensityFromRandomised(counts).forEach((p, k) => expect(Math.abs(p - 1 / (k + 1))).toBeLessThan(0.02));
    }
  });
});

describe('pbmEm', () => {
  it('recovers θ_k / θ_1 exactly from expected counts, but not θ_1 itself (the scale is not identified)', () => {
    const r = pbmEm(expectedCounts([1, 0.5, 0.25], [0.2, 0.5, 0.8]));
    expect(r.theta[1]! / r.theta[0]!).toBeCloseTo(0.5, 12);
    expect(r.theta[2]! / r.theta[0]!).toBeCloseTo(0.25, 12);
    // Every product θ_k γ_i is right ...
    [1, 0.5, 0.25].forEach((t, k) =>
      [0.2, 0.5, 0.8].forEach((g, i) => expect(r.theta[k]! * r.gamma[i]!).toBeCloseTo(t * g, 12)),
    );
    // ... with θ_1 = 0.9068 and every γ 1.1028 times too large, from the start θ = γ = 0.5.
    expect(r.theta[0]).toBeCloseTo(0.9068, 4);
    expect(r.gamma[2]).toBeCloseTo(0.8822, 4);
    r.gamma.forEach((g, i) => expect(g / [0.2, 0.5, 0.8][i]!).toBeCloseTo(1.1028, 4));
  });

  it('never lowers the log-likelihood, and recovers 1/k within 0.03 from 20,000 ordinary requests, seeds 1-5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const counts = simulateClicks(
        ULTR_SETUP.relevance,
        ULTR_SETUP.propensity,
        noisyRanker(ULTR_SETUP.loggingScores, ULTR_SETUP.loggingNoise),
        20_000,
        mulberry32(seed),
      );
      const r = pbmEm(counts, { iterations: 300 });
      r.logLikelihood
        .slice(1)
        .forEach((ll, t) => expect(ll).toBeGreaterThanOrEqual(r.logLikelihood[t]! - 1e-9 * Math.abs(ll)));
      expect(r.logLikelihood.at(-1)).toBeCloseTo(pbmLogLikelihood(counts, r.theta, r.gamma), 9);
      r.theta.forEach((t, k) => expect(Math.abs(t / r.theta[0]! - 1 / (k + 1))).toBeLessThan(0.03));
    }
  });

  it('stays finite when an item is always clicked (γ → 1) and rejects a bad start', () => {
    const counts: ClickCounts = {
      impressions: [
        [10, 10],
        [10, 10],
      ],
      clicks: [
        [10, 5],
        [2, 1],
      ],
    };
    const r = pbmEm(counts, { iterations: 500 });
    [...r.theta, ...r.gamma, ...r.logLikelihood].forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(() => pbmEm(counts, { init: 1 })).toThrow(/init must lie in \(0, 1\)/);
  });
});

describe('kendallTau', () => {
  it('is 1 for the same order, -1 reversed, 1/3 with one of three pairs swapped, 1 with no pairs', () => {
    expect(kendallTau([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(kendallTau([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(kendallTau([1, 2, 3], [2, 1, 3])).toBeCloseTo(1 / 3, 14);
    expect(kendallTau([], [])).toBe(1);
  });
});

describe('simulateClicks', () => {
  it('rejects probabilities outside [0, 1] and lists longer than the propensity table', () => {
    expect(() => simulateClicks([1.5], [1], () => [0], 1, mulberry32(1))).toThrow(/must lie in \[0, 1\], got 1.5/);
    expect(() => simulateClicks([0.5, 0.5], [1], () => [0, 1], 1, mulberry32(1))).toThrow(
      /showed 2 items for 1 positions/,
    );
  });
});

describe('the page experiment (10 items, examination 1/k, a ranker that favours the wrong items)', () => {
  it('IPS recovers the true order in every seed; the naive CTR order is wrong in every seed', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const run = runUltrExperiment(seed, mulberry32);
      const truth = ULTR_SETUP.relevance;
      expect(kendallTau(run.ipsTrue, truth)).toBe(1);
      expect(kendallTau(run.ipsRandomised, truth)).toBe(1);
      expect(kendallTau(run.naive, truth)).toBeLessThan(0);
      // The naive CTR of the most relevant item is below that of the third least relevant.
      expect(run.naive[9]!).toBeLessThan(run.naive[2]!);
      run.ipsTrue.forEach((r, i) => expect(Math.abs(r - truth[i]!)).toBeLessThan(0.05));
      run.emPropensity!.forEach((p, k) => expect(Math.abs(p - ULTR_SETUP.propensity[k]!)).toBeLessThan(0.02));
      run.randomisedPropensity.forEach((p, k) => expect(Math.abs(p - ULTR_SETUP.propensity[k]!)).toBeLessThan(0.02));
    }
  }, 30_000);
});
