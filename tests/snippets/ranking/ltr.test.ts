import { describe, expect, it } from 'vitest';
import {
  bprLoss,
  idcg,
  lambdaRankLambdas,
  listnetLoss,
  logSoftmax,
  ndcg,
  pointwiseBce,
  positionsByScore,
  ranknetLoss,
  softplus,
} from '../../../content/snippets/ranking/ltr.ts';
import { mulberry32, normal, shuffle } from '../../../content/snippets/shared/random.ts';

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

describe('pointwiseBce', () => {
  it('matches hand values and stays finite at extreme logits', () => {
    expect(pointwiseBce(0, 1)).toBeCloseTo(Math.LN2, 12); // -ln 0.5
    expect(pointwiseBce(2, 1)).toBeCloseTo(-Math.log(sigma(2)), 12); // 0.1269280
    expect(pointwiseBce(2, 0)).toBeCloseTo(-Math.log(1 - sigma(2)), 12); // 2.1269280
    // naive -log(1 - σ(1000)) = -log(0) = Infinity; exact: softplus(1000) = 1000
    expect(-Math.log(1 - sigma(1000))).toBe(Infinity);
    expect(pointwiseBce(1000, 0)).toBe(1000);
    expect(pointwiseBce(-1000, 1)).toBe(1000);
    expect(pointwiseBce(-1000, 0)).toBe(0);
    expect(pointwiseBce(1000, 1)).toBe(0);
    // e^-700 is representable: the loss -log σ(700) = log1p(e^-700) keeps its digits
    expect(pointwiseBce(700, 1) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(softplus(-800)).toBe(0); // e^-800 underflows: 0 is the nearest double
    for (const x of [-30, -2, 0, 2, 30]) expect(softplus(x)).toBeCloseTo(Math.log1p(Math.exp(x)), 12);
    expect(() => pointwiseBce(NaN, 1)).toThrow(/score\[0\] must be finite/);
  });
});

describe('ranknetLoss and bprLoss', () => {
  it('match hand values', () => {
    // s_i - s_j = 1: ln(1 + e^-1) = 0.3132617
    expect(ranknetLoss(1, 0)).toBeCloseTo(0.31326168751822286, 12);
    expect(bprLoss(1, 0)).toBeCloseTo(0.31326168751822286, 12);
    // a tie target (0.5) at equal scores costs ln 2; sigma = 2 doubles the score gap
    expect(ranknetLoss(0.3, 0.3, 0.5)).toBeCloseTo(Math.LN2, 12);
    expect(ranknetLoss(0.5, 0, 1, 2)).toBeCloseTo(ranknetLoss(1, 0), 12);
  });

  it('equal the naive cross-entropy and -log σ(x_ui - x_uj) on random scores', () => {
    const rng = mulberry32(2009);
    for (let t = 0; t < 200; t++) {
      const si = 2 * normal(rng);
      const sj = 2 * normal(rng);
      const target = rng();
      const p = sigma(si - sj);
      const naive = -target * Math.log(p) - (1 - target) * Math.log(1 - p);
      expect(ranknetLoss(si, sj, target)).toBeCloseTo(naive, 10);
      expect(bprLoss(si, sj)).toBeCloseTo(-Math.log(sigma(si - sj)), 10);
      // BPR is RankNet with a hard target and sigma = 1
      expect(bprLoss(si, sj)).toBeCloseTo(ranknetLoss(si, sj, 1, 1), 12);
    }
  });

  it('rejects a target outside [0, 1], a non-positive sigma and non-finite scores', () => {
    expect(() => ranknetLoss(0, 0, 1.5)).toThrow(/target must be in \[0, 1\]/);
    expect(() => ranknetLoss(0, 0, NaN)).toThrow(/target must be in \[0, 1\]/);
    expect(() => ranknetLoss(0, 0, 1, 0)).toThrow(/sigma must be > 0/);
    expect(() => ranknetLoss(Infinity, 0)).toThrow(/must be finite/);
    expect(() => bprLoss(NaN, 0)).toThrow(/x_ui - x_uj must be finite/);
  });

  it('are finite and exact at score gaps of 800 and scores of plus or minus 1000', () => {
    // Naive -log σ(-800) = log(1 + e^800) = Infinity; the exact loss is 800 + log1p(e^-800) = 800.
    expect(-Math.log(sigma(-800))).toBe(Infinity);
    expect(bprLoss(0, 800)).toBe(800);
    expect(bprLoss(-1000, 1000)).toBe(2000);
    expect(bprLoss(1000, -1000)).toBe(0); // e^-2000 underflows: 0 is the correctly rounded loss
    // a gap of 700: the loss e^-700 is representable and keeps its digits (naive log(1 + tiny) = 0)
    expect(bprLoss(700, 0) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(ranknetLoss(0, 800)).toBe(800); // wrong order, hard target
    expect(ranknetLoss(800, 0, 0)).toBe(800); // target 0: j should win
    // a tie target at a gap of 800: half the cost of each direction, 0.5 * (0 + 800)
    expect(ranknetLoss(800, 0, 0.5)).toBe(400);
    // sigma scales the gap: sigma = 2 at a gap of 500 is a gap of 1000
    expect(ranknetLoss(0, 500, 1, 2)).toBe(1000);
    // target 0 at a gap of -40: the loss is softplus(-40) ~ e^-40 (4.2e-18), kept in relative terms
    expect(ranknetLoss(-40, 0, 0) / Math.exp(-40)).toBeCloseTo(1, 12);
  });
});

describe('listnetLoss', () => {
  it('matches hand values', () => {
    // P_y = softmax([1, 0]) = [0.7310586, 0.2689414]
    // scores [0, 0]: P_s = [0.5, 0.5], loss = ln 2
    expect(listnetLoss([0, 0], [1, 0])).toBeCloseTo(Math.LN2, 12);
    // scores = labels: loss = entropy of P_y = 0.5822031 (the minimum)
    expect(listnetLoss([1, 0], [1, 0])).toBeCloseTo(0.5822031088882179, 12);
    // reversed: -(0.7310586 ln 0.2689414 + 0.2689414 ln 0.7310586) = 1.0443203
    expect(listnetLoss([0, 1], [1, 0])).toBeCloseTo(1.0443202661482278, 12);
  });

  it('over every permutation of a score set, is smallest when score order matches label order', () => {
    const rng = mulberry32(2007);
    const permutations = (xs: number[]): number[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (let trial = 0; trial < 10; trial++) {
      const labels = shuffle(rng, [0, 1, 2, 3, 4]);
      const scoreSet = Array.from({ length: 5 }, () => normal(rng));
      let best = Infinity;
      let bestPerm: number[] = [];
      for (const perm of permutations(scoreSet)) {
        const loss = listnetLoss(perm, labels);
        if (loss < best) [best, bestPerm] = [loss, perm];
      }
      // The best permutation ranks items exactly as their labels do.
      expect(positionsByScore(bestPerm)).toEqual(positionsByScore(labels));
    }
  });

  it('is finite and exact at score and label gaps of 800, where the naive form is Infinity or NaN', () => {
    // naive: softmax of (0, 800) overflows e^800 and gives NaN; log of a 0 probability is -Infinity
    const naive = (scores: number[], labels: number[]): number => {
      const p = scores.map(Math.exp);
      const ps = p.reduce((a, b) => a + b, 0);
      const q = labels.map(Math.exp);
      const qs = q.reduce((a, b) => a + b, 0);
      return -q.reduce((s, qi, j) => s + (qi / qs) * Math.log(p[j]! / ps), 0);
    };
    expect(Number.isNaN(naive([0, 800], [1, 0]))).toBe(true);
    // labels (800, 0): P_y = (1, 0) to double precision. Scores (0, 800): log P_s(0) = -800, so L = 800.
    expect(listnetLoss([0, 800], [800, 0])).toBe(800);
    // scores (1000, -1000) against labels (1, 0): log P_s = (0, -2000), L = P_y(1) * 2000
    expect(listnetLoss([1000, -1000], [1, 0])).toBeCloseTo(2000 / (1 + Math.E), 9);
    // a common shift of 1000 changes nothing
    expect(listnetLoss([1001, 1000], [1, 0])).toBeCloseTo(listnetLoss([1, 0], [1, 0]), 11);
    expect(listnetLoss([-1000, -1001], [1, 0])).toBeCloseTo(listnetLoss([1, 0], [1, 0]), 11);
  });

  it('logSoftmax matches the naive log of a softmax where finite, and rejects bad input', () => {
    const v = [0.3, -1.2, 2.5];
    const z = v.reduce((a, b) => a + Math.exp(b), 0);
    logSoftmax(v).forEach((l, i) => expect(l).toBeCloseTo(Math.log(Math.exp(v[i]!) / z), 14));
    expect(logSoftmax([0, -800])).toEqual([0, -800]); // naive: log(0) = -Infinity for the second
    expect(() => logSoftmax([])).toThrow(/v is empty/);
    expect(() => logSoftmax([0, NaN])).toThrow(/v\[1\] must be finite/);
  });

  it('is minimised by scores = labels + c', () => {
    const rng = mulberry32(3);
    const labels = [3, 1, 0, 2];
    const atOptimum = listnetLoss(
      labels.map((l) => l + 7),
      labels,
    );
    for (let t = 0; t < 100; t++) {
      const scores = labels.map((l) => l + 0.5 * normal(rng));
      expect(listnetLoss(scores, labels)).toBeGreaterThanOrEqual(atOptimum - 1e-12);
    }
  });
});

describe('lambdaRankLambdas', () => {
  it('matches the hand case', () => {
    // labels [2, 0, 1], scores [0.5, 1.0, 0.0]: ranked order doc1, doc0, doc2.
    // gains 2^l - 1 = [3, 0, 1]; discounts by position 1, 1/log2 3 = 0.6309298, 1/log2 4 = 0.5
    // IDCG = 3 + 1 * 0.6309298 = 3.6309298
    // (0,1): |ΔNDCG| = 3 (1 - 0.6309298) / IDCG = 0.3049386, rho = 1/(1 + e^-0.5) = 0.6224593
    // (0,2): |ΔNDCG| = 2 (0.6309298 - 0.5) / IDCG = 0.0721191, rho = 1/(1 + e^0.5) = 0.3775407
    // (2,1): |ΔNDCG| = 1 (1 - 0.5) / IDCG = 0.1377058,         rho = 1/(1 + e^-1) = 0.7310586
    // lambda_0 = -0.6224593*0.3049386 - 0.3775407*0.0721191 = -0.2170398
    // lambda_1 = +0.6224593*0.3049386 + 0.7310586*0.1377058 = +0.2904829
    // lambda_2 = +0.3775407*0.0721191 - 0.7310586*0.1377058 = -0.0734431
    const l = lambdaRankLambdas([0.5, 1.0, 0.0], [2, 0, 1]);
    expect(l[0]).toBeCloseTo(-0.21703980060698863, 12);
    expect(l[1]).toBeCloseTo(0.29048288377179365, 12);
    expect(l[2]).toBeCloseTo(-0.07344308316480502, 12);
    expect(ndcg([0.5, 1.0, 0.0], [2, 0, 1])).toBeCloseTo((3 * (1 / Math.log2(3)) + 0.5) / (3 + 1 / Math.log2(3)), 12);
  });

  it('one descent step s -= eta * lambda raises NDCG in the hand case', () => {
    const scores = [0.5, 1.0, 0.0];
    const labels = [2, 0, 1];
    const l = lambdaRankLambdas(scores, labels);
    const next = scores.map((s, i) => s - 2 * l[i]!);
    expect(ndcg(next, labels)).toBeGreaterThan(ndcg(scores, labels));
    expect(ndcg(next, labels)).toBeCloseTo(1 * 0 + (3 + 0.5) / idcg(labels), 12); // order doc0, doc1, doc2
  });

  it('equals a brute-force version that measures |ΔNDCG| by actually swapping, and sums to zero', () => {
    const rng = mulberry32(2010);
    for (let trial = 0; trial < 30; trial++) {
      const n = 6;
      const scores = Array.from({ length: n }, () => normal(rng));
      const labels = Array.from({ length: n }, () => Math.floor(rng() * 4));
      const base = ndcg(scores, labels);
      const naive = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (labels[i]! <= labels[j]!) continue;
          const swapped = [...scores];
          [swapped[i], swapped[j]] = [scores[j]!, scores[i]!];
          const delta = Math.abs(ndcg(swapped, labels) - base);
          const lij = (-1 / (1 + Math.exp(scores[i]! - scores[j]!))) * delta;
          naive[i]! += lij;
          naive[j]! -= lij;
        }
      }
      const got = lambdaRankLambdas(scores, labels);
      got.forEach((g, i) => expect(g).toBeCloseTo(naive[i]!, 10));
      expect(got.reduce((s, g) => s + g, 0)).toBeCloseTo(0, 12);
    }
  });

  it('returns zeros when no item is relevant', () => {
    expect(lambdaRankLambdas([1, 2, 3], [0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('stays finite at score gaps of 800 and scores of plus or minus 1000', () => {
    // Hand case's labels with extreme scores: item 1 (label 0) far on top, item 0 far below.
    // Order: doc1 (1000), doc2 (0), doc0 (-1000). Pairs with y_i > y_j:
    //  (0,1): rho = 1/(1 + e^-2000) = 1;  (0,2): rho = 1/(1 + e^-1000) = 1;  (2,1): rho = 1/(1 + e^-1000) = 1.
    // |ΔNDCG| from positions 3, 1, 2 (0-based 2, 0, 1): (0,1): 3 (1 - 0.5) / IDCG; (0,2): 2 (1/log2 3 - 0.5) / IDCG;
    // (2,1): 1 (1 - 1/log2 3) / IDCG, IDCG = 3 + 1/log2 3.
    const l = lambdaRankLambdas([-1000, 1000, 0], [2, 0, 1]);
    const I = 3 + 1 / Math.log2(3);
    const d01 = (3 * 0.5) / I;
    const d02 = (2 * (1 / Math.log2(3) - 0.5)) / I;
    const d21 = (1 - 1 / Math.log2(3)) / I;
    expect(l[0]).toBeCloseTo(-d01 - d02, 12);
    expect(l[1]).toBeCloseTo(d01 + d21, 12);
    expect(l[2]).toBeCloseTo(d02 - d21, 12);
    expect(ndcg([-1000, 1000, 0], [2, 0, 1])).toBeCloseTo((3 * 0.5 + 1 / Math.log2(3)) / I, 14);
    expect(positionsByScore([-1000, 1000, 0])).toEqual([2, 0, 1]);
    // Correctly ordered at a gap of 800: every rho is e^-800 or smaller, 0 in doubles.
    expect(lambdaRankLambdas([1600, 800, 0], [2, 1, 0]).every((x) => x === 0 || Object.is(x, -0))).toBe(true);
    expect(() => lambdaRankLambdas([0, NaN], [1, 0])).toThrow(/scores\[1\] must be finite/);
    expect(() => lambdaRankLambdas([0, 1], [1, -1])).toThrow(/labels\[1\] must be in \[0, 1024\)/);
    expect(() => lambdaRankLambdas([0, 1], [1, 0], 0)).toThrow(/sigma must be > 0/);
    // Gains of 2^1023 - 1: one or two fit in a double, three sum past 1.8e308.
    expect(idcg([1023, 1023]) / (2 ** 1023 * (1 + 1 / Math.log2(3)))).toBeCloseTo(1, 12);
    expect(() => lambdaRankLambdas([0, 1, 2], [1023, 1023, 1023])).toThrow(/ideal DCG overflows/);
  });
});
