import { describe, expect, it } from 'vitest';
import {
  drawFromProposal,
  expectedNceLoss,
  fullSoftmaxLoss,
  nceLoss,
  negativeSamplingLoss,
  sampledSoftmaxGrad,
  sampledSoftmaxLogits,
  sampledSoftmaxLoss,
} from '../../../content/snippets/deep-learning/sampled-softmax.ts';
import { softmax } from '../../../content/snippets/deep-learning/losses.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const TARGET = { id: 0, score: 2, q: 0.1 };
const SAMPLED = [
  { id: 5, score: 1, q: 0.5 },
  { id: 7, score: 0, q: 0.2 },
];

/** 20 items with seeded scores and a Zipf proposal q_i proportional to 1/(i+1); target item 3. */
function zipfCase(seed = 99) {
  const rng = mulberry32(seed);
  const V = 20;
  const scores = Array.from({ length: V }, () => 1.5 * normal(rng));
  const w = Array.from({ length: V }, (_, i) => 1 / (i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  return { rng, scores, q: w.map((x) => x / total), target: 3 };
}

describe('sampled softmax', () => {
  it('subtracts log q from every logit (hand values)', () => {
    // 2 - ln 0.1 = 4.302585, 1 - ln 0.5 = 1.693147, 0 - ln 0.2 = 1.609438
    const z = sampledSoftmaxLogits(TARGET, SAMPLED);
    expect(z[0]).toBeCloseTo(4.302585, 6);
    expect(z[1]).toBeCloseTo(1.693147, 6);
    expect(z[2]).toBeCloseTo(1.609438, 6);
    // exp of the logits: e^2/0.1 = 73.890561, e/0.5 = 5.436564, 1/0.2 = 5; sum 84.327125
    // loss = -ln(73.890561 / 84.327125) = -ln 0.876237 = 0.132121
    expect(sampledSoftmaxLoss(TARGET, SAMPLED)).toBeCloseTo(0.132121, 5);
  });

  it('masks an accidental hit of the true class', () => {
    const withHit = [...SAMPLED, { id: 0, score: 2, q: 0.1 }];
    expect(sampledSoftmaxLogits(TARGET, withHit)[3]).toBe(-Infinity);
    expect(sampledSoftmaxLoss(TARGET, withHit)).toBeCloseTo(sampledSoftmaxLoss(TARGET, SAMPLED), 12);
    // kept, the copy competes with the target: -ln(73.890561 / 158.217686) = -ln 0.467021 = 0.761387
    expect(sampledSoftmaxLoss(TARGET, withHit, false)).toBeCloseTo(0.761387, 5);
  });

  it('with Q uniform and every item sampled, equals the full softmax loss', () => {
    const rng = mulberry32(17);
    for (let trial = 0; trial < 50; trial++) {
      const V = 2 + Math.floor(rng() * 30);
      const scores = Array.from({ length: V }, () => 3 * normal(rng));
      const target = Math.floor(rng() * V);
      const all = scores.map((score, id) => ({ id, score, q: 1 / V }));
      const loss = sampledSoftmaxLoss(all[target]!, all);
      expect(loss).toBeCloseTo(fullSoftmaxLoss(scores, target), 10);
      // the corrected logits (minus the masked copy) are the full logits shifted by log V
      const z = sampledSoftmaxLogits(all[target]!, all).slice(1);
      z.forEach((zi, id) => {
        if (id !== target) expect(zi).toBeCloseTo(scores[id]! + Math.log(V), 10);
      });
    }
  });

  it('without the correction, sampling from a skewed Q is biased: the gradient on negatives does not converge', () => {
    // Limits as m -> infinity (the target's sampled copies masked): with the correction each negative
    // j gets p_j / (1 - p_t), whose L1 distance to the full gradient p_j is exactly p_t; without it,
    // q_j e^s_j / sum_{k != t} q_k e^s_k, a fixed bias. The mean L1 error over draws is at least the
    // L1 bias (Jensen), and its noise part is at most sum_j sqrt(p_j / m) <= sqrt(V / m) = 0.082 for
    // V = 20, m = 3000. So: corrected error < p_t + 0.15, raw error > raw bias - 0.02, for 5 catalogues.
    for (let seed = 1; seed <= 5; seed++) {
      const { rng, scores, q, target } = zipfCase(seed);
      const p = softmax(scores);
      const full = p.map((pi, i) => pi - (i === target ? 1 : 0));
      const rawWeight = scores.map((sc, j) => (j === target ? 0 : q[j]! * Math.exp(sc)));
      const rawTotal = rawWeight.reduce((a, b) => a + b, 0);
      const rawBias = p.reduce((b, pj, j) => (j === target ? b : b + Math.abs(rawWeight[j]! / rawTotal - pj)), 0);
      // L1 error over the negatives, averaged over 10 draws of m = 3000
      const err = (correct: boolean) => {
        let sum = 0;
        for (let r = 0; r < 10; r++) {
          const g = sampledSoftmaxGrad(scores, target, drawFromProposal(rng, q, 3000), q, correct);
          g.forEach((x, i) => {
            if (i !== target) sum += Math.abs(x - full[i]!);
          });
        }
        return sum / 10;
      };
      expect(rawBias).toBeGreaterThan(0.25); // over seeds 1..5 it ranges from 0.25 to 1.0
      expect(err(true)).toBeLessThan(p[target]! + 0.15);
      expect(err(false)).toBeGreaterThan(rawBias - 0.02);
    }
  });

  it("the figure's crossing: the correction loses at 10 to 50 samples and wins from 100 on (two blocks of 5 catalogues)", () => {
    // The setup of src/figures/sampled-softmax-bias.ts: 50 items, scores 1.5 N(0, 1), target 3, a Zipf
    // proposal, 20 sampled gradients per catalogue and m; the L1 error on the negatives is averaged
    // over the 5 catalogues of a block. The page quotes the crossing at 100 samples; it must not
    // depend on which catalogues are drawn.
    const V = 50;
    const TARGET = 3;
    const w = Array.from({ length: V }, (_, i) => 1 / (i + 1));
    const total = w.reduce((a, b) => a + b, 0);
    const q = w.map((x) => x / total);
    const sizes = [10, 20, 50, 100, 200, 500];
    for (const block of [
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]) {
      const corrected = sizes.map(() => 0);
      const raw = sizes.map(() => 0);
      for (const seed of block) {
        const rng = mulberry32(seed);
        const scores = Array.from({ length: V }, () => 1.5 * normal(rng));
        const full = softmax(scores).map((p, i) => p - (i === TARGET ? 1 : 0));
        sizes.forEach((m, k) => {
          for (const correct of [true, false]) {
            let sum = 0;
            for (let r = 0; r < 20; r++) {
              const g = sampledSoftmaxGrad(scores, TARGET, drawFromProposal(rng, q, m), q, correct);
              g.forEach((x, i) => {
                if (i !== TARGET) sum += Math.abs(x - full[i]!);
              });
            }
            if (correct) corrected[k]! += sum / 20 / block.length;
            else raw[k]! += sum / 20 / block.length;
          }
        });
      }
      sizes.forEach((m, k) => {
        if (m < 100) expect(corrected[k]).toBeGreaterThan(raw[k]!);
        else expect(corrected[k]).toBeLessThan(raw[k]!);
      });
      // past the crossing the corrected error keeps falling, the raw one stays above 0.6
      expect(corrected[5]).toBeLessThan(0.5 * corrected[3]!);
      expect(raw[5]).toBeGreaterThan(0.6);
    }
  });

  it("masking the target's sampled copies leaves a residue equal to the target's own probability", () => {
    // With many draws the corrected negatives' weights add up to m (Z - e^s_t) while the target
    // keeps the single term e^s_t / q_t, so its gradient tends to -1 instead of P(t) - 1, and the
    // L1 error on the negatives tends to P(t), not to 0. At m = 200,000 the noise part is below
    // sqrt(20 / 200000) = 0.01; catalogue 99 has P(t) = 0.0514, well above it.
    for (const seed of [99, 3, 4, 8]) {
      const { rng, scores, q, target } = zipfCase(seed);
      const p = softmax(scores);
      const g = sampledSoftmaxGrad(scores, target, drawFromProposal(rng, q, 200_000), q);
      expect(g[target]!).toBeCloseTo(-1, 2);
      expect(p[target]!).toBeGreaterThan(0.03); // so -1 is measurably off the full gradient P(t) - 1
      let err = 0;
      g.forEach((x, i) => {
        if (i !== target) err += Math.abs(x - p[i]!);
      });
      expect(Math.abs(err - p[target]!)).toBeLessThan(0.01);
    }
  });

  it('draws from the proposal with the right frequencies (chi-square, 3 cells, seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const q = [0.5, 0.3, 0.2];
      const n = 30_000;
      const counts = [0, 0, 0];
      for (const id of drawFromProposal(rng, q, n)) counts[id]!++;
      const chi2 = counts.reduce((s, c, i) => s + (c - n * q[i]!) ** 2 / (n * q[i]!), 0);
      // 99.9% quantile of chi-square with 2 degrees of freedom: a correct sampler fails one seed
      // in 1,000; a sampler off by 1% in one cell (chi2 ~ 30,000 * 0.01^2 / 0.2 = 15 + noise) fails
      expect(chi2).toBeLessThan(13.8);
    }
  });

  it('never draws an id whose proposal probability is 0, even when rounding leaves the sum short of u', () => {
    // q sums to 1 - 1e-10 (within the 1e-9 tolerance); u = 0.99999999995 falls past the last
    // positive entry, and the draw must fall back to id 1, not to id 2 with q = 0
    const rng = () => 0.99999999995;
    expect(drawFromProposal(rng, [0.5, 0.5 - 1e-10, 0], 3)).toEqual([1, 1, 1]);
    expect(() => drawFromProposal(rng, [0.5, 0.6], 1)).toThrow(/sum to 1/);
    expect(() => drawFromProposal(rng, [1.5, -0.5], 1)).toThrow(/>= 0/);
    expect(() => drawFromProposal(rng, [1], 1.5)).toThrow(/m must/);
  });
});

describe('extreme logits and proposal probabilities', () => {
  it('sampled softmax at scores of +-1000, gaps of 800 and q = 1e-300', () => {
    // corrected logits: 1000 - ln 0.5 and -1000 - ln 1e-300 = -1000 + 690.8; the loss is
    // log(1 + e^(d)) with d = (-309.2) - (1000.69) = -1309.9: e^d underflows, the loss is 0
    const t = { id: 0, score: 1000, q: 0.5 };
    const negs = [{ id: 1, score: -1000, q: 1e-300 }];
    expect(sampledSoftmaxLogits(t, negs)[1]).toBeCloseTo(-1000 + 300 * Math.LN10, 10);
    expect(sampledSoftmaxLoss(t, negs)).toBe(0);
    // reversed: the target loses by 1000 + 1000 - ln(0.5) + ln(1e-300) = 1309.91 nats
    const lose = { id: 0, score: -1000, q: 1e-300 };
    const win = [{ id: 1, score: 1000, q: 0.5 }];
    const gap = 1000 - Math.log(0.5) - (-1000 - Math.log(1e-300));
    expect(sampledSoftmaxLoss(lose, win)).toBeCloseTo(gap, 9); // log1p(e^-gap) adds nothing visible
    expect(fullSoftmaxLoss([-1000, 1000], 0)).toBeCloseTo(2000, 10);
    expect(fullSoftmaxLoss([0, -800, 1000, 1000], 1)).toBeCloseTo(1800 + Math.LN2, 10);
    // the naive -log(e^s_t / sum e^s) is NaN or Infinity here
    expect(-Math.log(Math.exp(-1000) / (Math.exp(-1000) + Math.exp(1000)))).not.toBeCloseTo(2000, 0);
    expect(() => fullSoftmaxLoss([Infinity, 0], 1)).toThrow(/finite/);
  });

  it('the sampled gradient keeps its precision when the target dominates (p_t within 1e-16 of 1)', () => {
    // scores (40, 0, 0): each negative has p = e^-40 / (1 + 2 e^-40) = 4.25e-18, and the target's
    // gradient is -(sum of the negatives) = -8.5e-18, where p_t - 1 would round to 0
    const g = sampledSoftmaxGrad([40, 0, 0], 0, [1, 2], [1 / 3, 1 / 3, 1 / 3]);
    const e = Math.exp(-40) / (1 + 2 * Math.exp(-40));
    expect(g[1]! / e).toBeCloseTo(1, 12);
    expect(g[0]! / (-2 * e)).toBeCloseTo(1, 12);
    // extreme scores: finite, and the negatives' push sums to minus the target's
    const h = sampledSoftmaxGrad([-1000, 1000, 200], 0, [1, 2, 2], [1e-300, 0.5, 0.5 - 1e-300]);
    expect(h.every(Number.isFinite)).toBe(true);
    expect(h[0]! + h[1]! + h[2]!).toBeCloseTo(0, 14);
    expect(h[1]).toBeCloseTo(1, 14);
    expect(() => sampledSoftmaxGrad([0, 1], 0, [1], [0.5, 0])).toThrow(/q must/);
  });

  it('NCE and negative sampling at logits of +-1000 and q = 1e-300: softplus, never log(sigmoid)', () => {
    // target delta = -1000 - ln(1 * 0.5) = -999.307: -log sigmoid(delta) = 999.307 (+ e^-999 ~ 0)
    const nce = nceLoss({ id: 0, score: -1000, q: 0.5 }, [{ id: 1, score: 1000, q: 0.5 }]);
    // noise delta = 1000 + 0.693: -log(1 - sigmoid) = 1000.693
    expect(nce).toBeCloseTo(999.307 + 1000.693, 2);
    // the two ln 0.5 terms cancel: the total is 2000 up to e^-999
    expect(nce).toBeCloseTo(2000, 9);
    // a tiny proposal probability: the target's delta = 0 - ln(1e-300) = 690.8 costs e^-690.8 ~ 0, and
    // the noise item's delta = 0 costs ln 2
    expect(nceLoss({ id: 0, score: 0, q: 1e-300 }, [{ id: 1, score: 0, q: 1 }])).toBeCloseTo(Math.log1p(1), 12);
    expect(negativeSamplingLoss(-1000, [1000, 1000])).toBeCloseTo(3000, 10);
    expect(negativeSamplingLoss(1000, [-1000])).toBe(0);
    // naive -log(sigmoid(-1000)) = -log(0) = Infinity
    expect(-Math.log(1 / (1 + Math.exp(1000)))).toBe(Infinity);
    expect(expectedNceLoss([1000, -1000], [0.5, 0.5], [1e-300, 1 - 1e-300], 5)).toBeGreaterThan(0);
    expect(Number.isFinite(expectedNceLoss([1000, -1000], [0.5, 0.5], [1e-300, 1 - 1e-300], 5))).toBe(true);
    expect(() => expectedNceLoss([0, 0], [0.5, 0.5], [1, 0], 1)).toThrow(/q must/);
  });
});

describe('NCE', () => {
  it('matches a hand-computed loss with k = 2 noise samples', () => {
    // target: delta = 2 - ln(2 * 0.1) = 3.609438; -ln sigmoid = ln(1 + 0.2 e^-2) = ln 1.027067 = 0.026707
    // noise 1: delta = 1 - ln(2 * 0.5) = 1;        -ln(1 - sigmoid(1)) = ln(1 + e) = 1.313262
    // noise 2: delta = 0 - ln(2 * 0.2) = 0.916291; -ln(1 - sigmoid) = ln(1 + 2.5) = 1.252763
    // total 2.592732
    expect(nceLoss(TARGET, SAMPLED)).toBeCloseTo(2.592732, 5);
  });

  it('negative sampling drops the log(kQ) term', () => {
    // ln(1 + e^-2) + ln(1 + e^1) + ln(1 + e^0) = 0.126928 + 1.313262 + 0.693147 = 2.133337
    expect(negativeSamplingLoss(2, [1, 0])).toBeCloseTo(2.133337, 5);
    // with k q = 1 for every item the two coincide
    const t = { id: 0, score: 0.4, q: 0.5 };
    const n = [
      { id: 1, score: -0.3, q: 0.5 },
      { id: 2, score: 1.1, q: 0.5 },
    ];
    expect(nceLoss(t, n)).toBeCloseTo(negativeSamplingLoss(0.4, [-0.3, 1.1]), 12);
  });

  it('negative sampling is NCE on scores shifted by log(kq), so it learns s = log(p / (k q)) instead of log p', () => {
    const rng = mulberry32(12);
    for (let t = 0; t < 50; t++) {
      const k = 1 + Math.floor(rng() * 6);
      const q = () => 0.01 + 0.5 * rng();
      const target = { id: 0, score: 4 * rng() - 2, q: q() };
      const noise = Array.from({ length: k }, (_, j) => ({ id: j + 1, score: 4 * rng() - 2, q: q() }));
      const shift = (c: { id: number; score: number; q: number }) => ({ ...c, score: c.score + Math.log(k * c.q) });
      expect(nceLoss(shift(target), noise.map(shift))).toBeCloseTo(
        negativeSamplingLoss(
          target.score,
          noise.map((n) => n.score),
        ),
        10,
      );
    }
  });

  it('in expectation is minimised at s = log p (self-normalised), for any noise q and k', () => {
    const p = [0.5, 0.25, 0.15, 0.1];
    const q = [0.1, 0.2, 0.3, 0.4];
    for (const k of [1, 5, 20]) {
      const best = p.map(Math.log);
      const f0 = expectedNceLoss(best, p, q, k);
      const h = 1e-6;
      best.forEach((_, i) => {
        const up = best.slice();
        const down = best.slice();
        up[i]! += h;
        down[i]! -= h;
        // zero gradient: p (sigma - 1) + k q sigma = 0 exactly when e^s = p
        expect((expectedNceLoss(up, p, q, k) - expectedNceLoss(down, p, q, k)) / (2 * h)).toBeCloseTo(0, 6);
        const nudged = best.slice();
        nudged[i]! += 0.3;
        expect(expectedNceLoss(nudged, p, q, k)).toBeGreaterThan(f0);
      });
    }
  });
});
