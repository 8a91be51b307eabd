import { describe, expect, it } from 'vitest';
import {
  alsSweep,
  biasedMfPredict,
  fmPredict,
  initMf,
  lowRankRatings,
  objective,
  predict,
  rmse,
  sgdEpoch,
  sgdStep,
  solveSpd,
  type MfModel,
} from '../../../content/snippets/recall/matrix-factorization.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('one SGD step', () => {
  it('matches the hand computation', () => {
    // p = [1, 0], q = [0.5, 0.5], r = 2, lr = 0.1, lambda = 0.1
    // prediction 0.5, e = 1.5
    // p' = p + 0.1 (1.5 q - 0.1 p) = [1 + 0.1 (0.75 - 0.1), 0.1 (0.75)] = [1.065, 0.075]
    // q' = q + 0.1 (1.5 p - 0.1 q) = [0.5 + 0.1 (1.5 - 0.05), 0.5 + 0.1 (0 - 0.05)] = [0.645, 0.495]
    const m: MfModel = { P: [[1, 0]], Q: [[0.5, 0.5]] };
    const e = sgdStep(m, { u: 0, i: 0, r: 2 }, 0.1, 0.1);
    expect(e).toBe(1.5);
    expect(m.P[0]![0]).toBeCloseTo(1.065, 12);
    expect(m.P[0]![1]).toBeCloseTo(0.075, 12);
    expect(m.Q[0]![0]).toBeCloseTo(0.645, 12);
    expect(m.Q[0]![1]).toBeCloseTo(0.495, 12);
  });

  it('is a descent step on the single-rating objective for a small learning rate', () => {
    const rng = mulberry32(8);
    for (let t = 0; t < 100; t++) {
      const m = initMf(1, 1, 3, rng, 1);
      const rating = { u: 0, i: 0, r: 3 * normal(rng) };
      const before = objective(m, [rating], 0.05);
      sgdStep(m, rating, 0.01, 0.05);
      expect(objective(m, [rating], 0.05)).toBeLessThanOrEqual(before + 1e-12);
    }
  });
});

describe('SGD on a rank-2 toy matrix', () => {
  const { train, test } = lowRankRatings(20, 15, 2, 0.6, mulberry32(1));
  const lambda = 0.01;

  it('drives the training objective down and reconstructs known and held-out entries', () => {
    const m = initMf(20, 15, 2, mulberry32(101));
    const rng = mulberry32(201);
    const start = objective(m, train, lambda);
    const startTest = rmse(m, test);
    let prev = start;
    for (let epoch = 1; epoch <= 200; epoch++) {
      sgdEpoch(m, train, 0.03, lambda, rng);
      const j = objective(m, train, lambda);
      // SGD is noisy epoch to epoch, but never by more than a few percent here
      expect(j).toBeLessThan(prev * 1.05);
      prev = j;
    }
    expect(prev).toBeLessThan(start / 20);
    // known entries: every one within 0.1 of its rating (ratings have sd ~1.4)
    for (const { u, i, r } of train) expect(Math.abs(predict(m, u, i) - r)).toBeLessThan(0.1);
    // held-out entries were never seen, yet the low-rank structure predicts them
    expect(rmse(m, test)).toBeLessThan(0.1);
    expect(rmse(m, test)).toBeLessThan(startTest / 10);
  });

  it('with too few factors (k = 1) it cannot fit rank-2 data', () => {
    const m = initMf(20, 15, 1, mulberry32(101));
    const rng = mulberry32(201);
    for (let epoch = 0; epoch < 200; epoch++) sgdEpoch(m, train, 0.03, lambda, rng);
    expect(rmse(m, train)).toBeGreaterThan(0.3);
  });
});

describe('ALS', () => {
  it('solveSpd on a hand case', () => {
    // [[4, 2], [2, 3]] x = [2, 1]: det 8, x = (1/8) [[3, -2], [-2, 4]] [2, 1] = [0.5, 0]
    const x = solveSpd(
      [
        [4, 2],
        [2, 3],
      ],
      [2, 1],
    );
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
    expect(() => solveSpd([[0]], [1])).toThrow(/positive definite/);
  });

  it('never increases the objective, and each half-step zeroes its gradient', () => {
    const { train, test } = lowRankRatings(20, 15, 2, 0.6, mulberry32(2));
    const lambda = 0.05;
    const m = initMf(20, 15, 2, mulberry32(102));
    let prev = objective(m, train, lambda);
    for (let sweep = 0; sweep < 20; sweep++) {
      alsSweep(m, train, lambda);
      const j = objective(m, train, lambda);
      expect(j).toBeLessThanOrEqual(prev + 1e-9);
      prev = j;
    }
    // After the sweep the item side was solved last: dJ/dq_i = sum_u -2 e p_u + 2 lambda q_i = 0
    for (let i = 0; i < 15; i++) {
      const g = [0, 0];
      for (const { u, i: ii, r } of train) {
        if (ii !== i) continue;
        const e = r - predict(m, u, i);
        for (let f = 0; f < 2; f++) g[f]! += -2 * e * m.P[u]![f]! + 2 * lambda * m.Q[i]![f]!;
      }
      for (const gf of g) expect(Math.abs(gf)).toBeLessThan(1e-9);
    }
    expect(rmse(m, test)).toBeLessThan(0.15);
  });
});

describe('MF is an FM restricted to one-hot user and item ids', () => {
  it('the FM prediction equals biased MF on random parameters', () => {
    const rng = mulberry32(31);
    const nUsers = 4;
    const nItems = 3;
    const k = 3;
    const n = nUsers + nItems;
    const w0 = normal(rng);
    const w = Array.from({ length: n }, () => normal(rng));
    const V = Array.from({ length: n }, () => Array.from({ length: k }, () => normal(rng)));
    for (let u = 0; u < nUsers; u++) {
      for (let i = 0; i < nItems; i++) {
        const x = new Array<number>(n).fill(0);
        x[u] = 1;
        x[nUsers + i] = 1;
        // the only pair with x_a x_b != 0 is (user u, item i): w0 + w_u + w_i + <v_u, v_i>
        const mf = biasedMfPredict(w0, w[u]!, w[nUsers + i]!, V[u]!, V[nUsers + i]!);
        expect(fmPredict(w0, w, V, x)).toBeCloseTo(mf, 12);
      }
    }
  });
});
