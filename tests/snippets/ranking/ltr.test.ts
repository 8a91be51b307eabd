import { describe, expect, it } from 'vitest';
import {
  bprLoss,
  idcg,
  lambdaRankLambdas,
  listnetLoss,
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
    expect(pointwiseBce(1000, 0)).toBeCloseTo(1000, 9);
    expect(pointwiseBce(-1000, 0)).toBe(0);
    expect(softplus(-800)).toBeGreaterThanOrEqual(0);
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

  it('rejects a target outside [0, 1]', () => {
    expect(() => ranknetLoss(0, 0, 1.5)).toThrow(/target must be in \[0, 1\]/);
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
});
