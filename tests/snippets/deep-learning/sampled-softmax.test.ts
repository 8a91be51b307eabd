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
function zipfCase() {
  const rng = mulberry32(99);
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
    // 20 items with Zipf proposal q_i proportional to 1/(i+1); full gradient is softmax - onehot
    const { rng, scores, q, target } = zipfCase();
    const full = softmax(scores).map((p, i) => p - (i === target ? 1 : 0));
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
    const corrected = err(true);
    const raw = err(false);
    expect(corrected).toBeLessThan(0.12);
    expect(raw).toBeGreaterThan(0.4);
  });

  it("masking the target's sampled copies leaves a residue equal to the target's own probability", () => {
    // With many draws the corrected negatives' weights add up to m (Z - e^s_t) while the target
    // keeps the single term e^s_t / q_t, so its gradient tends to -1 instead of P(t) - 1, and the
    // L1 error on the negatives tends to P(t) (here 0.0514), not to 0.
    const { rng, scores, q, target } = zipfCase();
    const p = softmax(scores);
    const g = sampledSoftmaxGrad(scores, target, drawFromProposal(rng, q, 200_000), q);
    expect(g[target]!).toBeCloseTo(-1, 2);
    expect(p[target]!).toBeGreaterThan(0.05); // so -1 is measurably off the full gradient P(t) - 1
    let err = 0;
    g.forEach((x, i) => {
      if (i !== target) err += Math.abs(x - p[i]!);
    });
    expect(err).toBeCloseTo(p[target]!, 2);
  });

  it('draws from the proposal with the right frequencies (chi-square, 3 cells)', () => {
    const rng = mulberry32(3);
    const q = [0.5, 0.3, 0.2];
    const n = 30_000;
    const counts = [0, 0, 0];
    for (const id of drawFromProposal(rng, q, n)) counts[id]!++;
    const chi2 = counts.reduce((s, c, i) => s + (c - n * q[i]!) ** 2 / (n * q[i]!), 0);
    expect(chi2).toBeLessThan(13.8); // 99.9% quantile of chi-square with 2 degrees of freedom
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
