import { describe, expect, it } from 'vitest';
import {
  bestSplit,
  fitGbdt,
  fitLogistic,
  leafOf,
  leafOneHot,
  meanLoss,
  negativeGradient,
  predictRaw,
} from '../../../content/snippets/ranking/gbdt.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

/** Seeded data: a smooth regression target and an XOR-shaped click label (an interaction). */
function data(seed: number, n = 400) {
  const rng = mulberry32(seed);
  const X = Array.from({ length: n }, () => [rng(), rng(), rng()]);
  const ySq = X.map((x) => Math.sin(6 * x[0]!) + (x[1]! > 0.5 ? x[2]! : 0) + 0.2 * normal(rng));
  const yXor = X.map((x) => (rng() < (x[0]! > 0.4 !== x[1]! > 0.6 ? 0.85 : 0.15) ? 1 : 0));
  return { X, ySq, yXor };
}

const strictlyDecreasing = (h: readonly number[]) => h.every((v, i) => i === 0 || v < h[i - 1]!);

describe('bestSplit', () => {
  it('finds the hand-checked stump split', () => {
    // x = 1,2,3,4 with residuals -1,-1,1,1 (y = 1,1,3,3 minus the mean 2).
    // Split at 2.5: S_L = -2, S_R = 2 -> gain = 4/2 + 4/2 - 0 = 4 (SSE 4 -> 0).
    // Split at 1.5: S_L = -1 (n 1), S_R = 1 (n 3) -> gain = 1 + 1/3 = 1.33, worse.
    const split = bestSplit([[1], [2], [3], [4]], [-1, -1, 1, 1], [0, 1, 2, 3]);
    expect(split).toEqual({ feature: 0, threshold: 2.5, gain: 4 });
  });

  it('picks the informative feature and never splits between equal values', () => {
    // feature 0 is constant, feature 1 repeats the value 1: the only threshold is 1.5
    const split = bestSplit(
      [
        [7, 1],
        [7, 1],
        [7, 2],
      ],
      [0, 0, 3],
      [0, 1, 2],
    );
    expect(split?.feature).toBe(1);
    expect(split?.threshold).toBe(1.5);
    // a constant target has nothing to gain
    expect(bestSplit([[1], [2]], [5, 5], [0, 1])).toBeNull();
    // minLeaf = 2 forbids the 1 | 3 cut, leaving 2.5
    expect(bestSplit([[1], [2], [3], [4]], [-3, 1, 1, 1], [0, 1, 2, 3], 2)?.threshold).toBe(2.5);
  });
});

describe('fitGbdt', () => {
  it('one round with eta = 1 fits the hand case exactly', () => {
    // F0 = mean = 2; tree leaves -1 (x <= 2.5) and +1; F1 = 1,1,3,3 = y; loss 0.5 -> 0
    const { model, lossHistory } = fitGbdt([[1], [2], [3], [4]], [1, 1, 3, 3], {
      loss: 'squared',
      rounds: 1,
      depth: 1,
      learningRate: 1,
    });
    expect(model.base).toBe(2);
    expect(lossHistory).toEqual([0.5, 0]);
    expect(predictRaw(model, [0])).toBe(1);
    expect(predictRaw(model, [10])).toBe(3);
  });

  it('log loss leaves take one Newton step: sum g / sum p(1-p)', () => {
    // y = (0, 1): F0 = log(0.5/0.5) = 0, p = 0.5, g = (-0.5, 0.5), p(1-p) = 0.25
    // leaves: -0.5/0.25 = -2 and 0.5/0.25 = 2; loss after = log(1 + e^-2) = 0.126928
    const { model, lossHistory } = fitGbdt([[0], [1]], [0, 1], {
      loss: 'logistic',
      rounds: 1,
      depth: 1,
      learningRate: 1,
    });
    expect(predictRaw(model, [0])).toBeCloseTo(-2, 12);
    expect(predictRaw(model, [1])).toBeCloseTo(2, 12);
    expect(lossHistory[0]).toBeCloseTo(Math.log(2), 12);
    expect(lossHistory[1]).toBeCloseTo(Math.log(1 + Math.exp(-2)), 12);
  });

  for (const depth of [1, 2] as const) {
    it(`training loss decreases every round (squared and log loss, depth ${depth})`, () => {
      const { X, ySq, yXor } = data(42);
      const sq = fitGbdt(X, ySq, { loss: 'squared', rounds: 30, depth, learningRate: 0.3 });
      const lg = fitGbdt(X, yXor, { loss: 'logistic', rounds: 30, depth, learningRate: 0.3 });
      expect(sq.lossHistory).toHaveLength(31);
      expect(strictlyDecreasing(sq.lossHistory)).toBe(true);
      expect(strictlyDecreasing(lg.lossHistory)).toBe(true);
    });
  }

  it('predictRaw reproduces the scores the training loop tracked', () => {
    const { X, yXor } = data(7, 100);
    const { model, lossHistory } = fitGbdt(X, yXor, { loss: 'logistic', rounds: 10, depth: 2, learningRate: 0.5 });
    expect(
      meanLoss(
        'logistic',
        yXor,
        X.map((x) => predictRaw(model, x)),
      ),
    ).toBeCloseTo(lossHistory[10]!, 12);
  });

  it('stumps cannot express an XOR interaction; depth-2 trees can', () => {
    const { X, yXor } = data(42);
    const d1 = fitGbdt(X, yXor, { loss: 'logistic', rounds: 30, depth: 1, learningRate: 0.3 }).lossHistory.at(-1)!;
    const d2 = fitGbdt(X, yXor, { loss: 'logistic', rounds: 30, depth: 2, learningRate: 0.3 }).lossHistory.at(-1)!;
    // a sum of one-feature functions stays near the coin-flip loss ln 2 = 0.693
    expect(d1).toBeGreaterThan(0.6);
    expect(d2).toBeLessThan(0.4);
  });

  it('negativeGradient is the residual for each loss', () => {
    expect(negativeGradient('squared', [1, 2], [0.5, 3])).toEqual([0.5, -1]);
    expect(negativeGradient('logistic', [1, 0], [0, 0])).toEqual([0.5, -0.5]);
  });

  it('rejects bad input', () => {
    expect(() => fitGbdt([], [], { loss: 'squared', rounds: 1, depth: 1, learningRate: 0.1 })).toThrow(/equal length/);
    expect(() => fitGbdt([[1]], [2], { loss: 'logistic', rounds: 1, depth: 1, learningRate: 0.1 })).toThrow(/0 or 1/);
    expect(() => fitGbdt([[1], [2]], [1, 1], { loss: 'logistic', rounds: 1, depth: 1, learningRate: 0.1 })).toThrow(
      /both classes/,
    );
    expect(() => fitGbdt([[1]], [2], { loss: 'squared', rounds: 1, depth: 1, learningRate: 0 })).toThrow(
      /learningRate/,
    );
  });
});

describe('leafOneHot (GBDT + LR)', () => {
  const { X, yXor } = data(42);
  const { model } = fitGbdt(X, yXor, { loss: 'logistic', rounds: 20, depth: 2, learningRate: 0.3 });

  it('is one-hot per tree: one 1 in each tree block, at the leaf the sample reaches', () => {
    const width = model.trees.reduce((s, t) => s + t.leaves, 0);
    for (const x of X.slice(0, 50)) {
      const v = leafOneHot(model, x);
      expect(v).toHaveLength(width);
      let offset = 0;
      for (const tree of model.trees) {
        const block = v.slice(offset, offset + tree.leaves);
        expect(block.reduce((s, b) => s + b, 0)).toBe(1);
        expect(block.indexOf(1)).toBe(leafOf(tree, x).leaf);
        offset += tree.leaves;
      }
    }
    // depth 2 gives at most four leaves per tree
    for (const tree of model.trees) expect(tree.leaves).toBeLessThanOrEqual(4);
  });

  it('lets logistic regression learn the interaction it cannot learn from raw features', () => {
    const logloss = (p: (x: readonly number[]) => number, Z: readonly (readonly number[])[]) =>
      Z.reduce((s, z, i) => s - (yXor[i]! * Math.log(p(z)) + (1 - yXor[i]!) * Math.log(1 - p(z))), 0) / Z.length;
    const raw = fitLogistic(X, yXor, { epochs: 200, learningRate: 2 });
    const leaves = X.map((x) => leafOneHot(model, x));
    const onLeaves = fitLogistic(leaves, yXor, { epochs: 200, learningRate: 2 });
    expect(logloss(raw.predict, X)).toBeGreaterThan(0.65); // a line cannot separate XOR
    expect(logloss(onLeaves.predict, leaves)).toBeLessThan(0.4);
  }, 30_000);
});
