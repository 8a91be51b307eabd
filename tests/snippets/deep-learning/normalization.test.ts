import { describe, expect, it } from 'vitest';
import {
  batchNormInfer,
  batchNormTrain,
  columnStats,
  initBatchNorm,
  layerNorm,
  residualStreamNorms,
  rms,
  rmsNorm,
  standardize,
  type Matrix,
} from '../../../content/snippets/deep-learning/normalization.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

function randomMatrix(rng: Rng, m: number, d: number): Matrix {
  // features on very different scales and offsets, as raw inputs are
  return Array.from({ length: m }, () => Array.from({ length: d }, (_, j) => 3 * j + 10 ** (j - 1) * normal(rng)));
}

const transpose = (x: Matrix): Matrix => x[0]!.map((_, j) => x.map((row) => row[j]!));

describe('batch norm, training mode', () => {
  it('hand case: column [1, 2, 3, 4] has mean 2.5 and variance 1.25', () => {
    const x = [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
    ];
    const { y, state } = batchNormTrain(x, initBatchNorm(2));
    // (1 - 2.5)/sqrt(1.25 + 1e-5) = -1.3416354, (2 - 2.5)/sqrt(1.25 + 1e-5) = -0.4472118
    expect(y.map((r) => r[0]!)).toEqual(
      [-1.3416354199689269, -0.447211806656309, 0.447211806656309, 1.3416354199689269].map((v) =>
        expect.closeTo(v, 12),
      ),
    );
    // the second column is the first times 10: the same standardised values up to eps (scale invariance)
    for (let i = 0; i < 4; i++) expect(y[i]![1]).toBeCloseTo(y[i]![0]!, 4);
    // running mean = 0.9*0 + 0.1*2.5 = 0.25; running var = 0.9*1 + 0.1*(1.25 * 4/3) = 1.0666667
    expect(state.runningMean[0]).toBeCloseTo(0.25, 12);
    expect(state.runningVar[0]).toBeCloseTo(1.0666666666666667, 12);
  });

  it('gives every feature zero mean and unit variance before scale and shift (seeded random batch)', () => {
    const rng = mulberry32(17);
    const x = randomMatrix(rng, 32, 5);
    const { y } = batchNormTrain(x, { ...initBatchNorm(5), eps: 0 });
    const { mean, variance } = columnStats(y);
    for (const mu of mean) expect(mu).toBeCloseTo(0, 10);
    for (const v of variance) expect(v).toBeCloseTo(1, 10);
  });

  it('then applies gamma and beta: output column j has mean beta_j and sd |gamma_j|', () => {
    const rng = mulberry32(2);
    const x = randomMatrix(rng, 16, 3);
    const state = { ...initBatchNorm(3), eps: 0, gamma: [2, 0.5, -1], beta: [1, -3, 0] };
    const { mean, variance } = columnStats(batchNormTrain(x, state).y);
    expect(mean).toEqual([1, -3, 0].map((v) => expect.closeTo(v, 10)));
    expect(variance).toEqual([4, 0.25, 1].map((v) => expect.closeTo(v, 10)));
  });

  it('can represent the identity: gamma = batch sd and beta = batch mean give back x', () => {
    const rng = mulberry32(5);
    const x = randomMatrix(rng, 8, 4);
    const { mean, variance } = columnStats(x);
    const state = { ...initBatchNorm(4), eps: 0, gamma: variance.map(Math.sqrt), beta: mean };
    const { y } = batchNormTrain(x, state);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 4; j++) expect(y[i]![j]).toBeCloseTo(x[i]![j]!, 9);
  });

  it("makes one example's output depend on the rest of the batch", () => {
    const a = batchNormTrain(
      [
        [1, 1],
        [2, 0],
        [3, 5],
      ],
      initBatchNorm(2),
    ).y;
    const b = batchNormTrain(
      [
        [1, 1],
        [7, 0],
        [9, 5],
      ],
      initBatchNorm(2),
    ).y;
    expect(Math.abs(a[0]![0]! - b[0]![0]!)).toBeGreaterThan(0.1);
  });

  it('running statistics converge to the population mean and variance over many batches (seeds 1..5)', () => {
    // population: feature ~ N(4, 3^2); momentum a = 0.1, 400 batches of 16. The EMA's variance is
    // a / (2 - a) = 0.053 times the variance of what it averages: for the batch mean 9/16, so
    // sd 0.17 and the bound 0.7 is 4 sd; for the unbiased batch variance 2 * 81 / 15 = 10.8, so sd
    // 0.75 and the bound 3 is 4 sd.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      let state = initBatchNorm(1);
      for (let step = 0; step < 400; step++) {
        const x = Array.from({ length: 16 }, () => [4 + 3 * normal(rng)]);
        state = batchNormTrain(x, state).state;
      }
      expect(Math.abs(state.runningMean[0]! - 4)).toBeLessThan(0.7);
      expect(Math.abs(state.runningVar[0]! - 9)).toBeLessThan(3);
    }
  });

  it('rejects a batch of one and mismatched shapes', () => {
    expect(() => batchNormTrain([[1, 2]], initBatchNorm(2))).toThrow(/batch of one/);
    expect(() => batchNormTrain([[1], [2]], initBatchNorm(2))).toThrow(/features/);
  });
});

describe('batch norm, inference mode', () => {
  it('uses the running statistics, not the batch ones (hand case)', () => {
    const x = [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
    ];
    const { state } = batchNormTrain(x, initBatchNorm(2));
    // (2.5 - 0.25)/sqrt(1.0666667 + 1e-5) = 2.1785429; batch statistics would have given 0
    expect(batchNormInfer([[2.5, 25]], state)[0]![0]).toBeCloseTo(2.1785429203456665, 10);
  });

  it('treats each row independently: the output of a row does not depend on the batch', () => {
    const rng = mulberry32(8);
    const { state } = batchNormTrain(randomMatrix(rng, 20, 3), initBatchNorm(3));
    const row = [0.3, 2.7, 6.1];
    const alone = batchNormInfer([row], state)[0]!;
    const inBatch = batchNormInfer([row, ...randomMatrix(rng, 5, 3)], state)[0]!;
    expect(inBatch).toEqual(alone);
  });
});

describe('layer norm', () => {
  it('hand case: row [2, 4, 9] has mean 5 and variance 26/3', () => {
    // (2 - 5)/sqrt(8.6667 + 1e-5) = -1.0190487, (4 - 5)/... = -0.3396829, (9 - 5)/... = 1.3587317
    const [y] = layerNorm([[2, 4, 9]], [1, 1, 1], [0, 0, 0]);
    expect(y).toEqual([-1.0190487428175694, -0.3396829142725232, 1.3587316570900927].map((v) => expect.closeTo(v, 12)));
  });

  it('gives every example zero mean and unit variance across its features', () => {
    const rng = mulberry32(31);
    const x = randomMatrix(rng, 6, 10);
    const y = layerNorm(x, new Array<number>(10).fill(1), new Array<number>(10).fill(0), 0);
    const { mean, variance } = columnStats(transpose(y)); // rows become columns
    for (const mu of mean) expect(mu).toBeCloseTo(0, 10);
    for (const v of variance) expect(v).toBeCloseTo(1, 10);
  });

  it('works on a batch of one and ignores the other rows', () => {
    const g = [1, 2, 3];
    const b = [0, 0, 1];
    const alone = layerNorm([[5, -1, 2]], g, b)[0]!;
    const inBatch = layerNorm(
      [
        [5, -1, 2],
        [100, 200, 300],
      ],
      g,
      b,
    )[0]!;
    expect(inBatch).toEqual(alone);
  });

  it('is invariant to rescaling and shifting an example by a x + c with a > 0; a < 0 flips the sign', () => {
    const g = [1, 1, 1, 1];
    const z = [0, 0, 0, 0];
    const y1 = layerNorm([[1, 3, -2, 7]], g, z, 0)[0]!;
    const y2 = layerNorm([[1, 3, -2, 7].map((v) => 4 * v + 11)], g, z, 0)[0]!;
    for (let j = 0; j < 4; j++) expect(y2[j]).toBeCloseTo(y1[j]!, 12);
    const y3 = layerNorm([[1, 3, -2, 7].map((v) => -4 * v + 11)], g, z, 0)[0]!;
    for (let j = 0; j < 4; j++) expect(y3[j]).toBeCloseTo(-y1[j]!, 12);
  });
});

describe('invariance to a x + c: a > 0 only', () => {
  it('rescaling and shifting a feature by a > 0 leaves BN and LN unchanged; a < 0 flips the sign', () => {
    const rng = mulberry32(23);
    for (let trial = 0; trial < 20; trial++) {
      const col = Array.from({ length: 6 }, () => normal(rng));
      const c = 10 * normal(rng);
      for (const a of [0.01, 3, 1e6, -0.01, -3, -1e6]) {
        // eps = 0 makes the invariance exact; with eps > 0 it holds up to eps / variance
        const bn = (v: number[]) =>
          batchNormTrain(
            v.map((x) => [x]),
            { ...initBatchNorm(1), eps: 0 },
          ).y.map((r) => r[0]!);
        const ln = (v: number[]) => layerNorm([v], [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], 0)[0]!;
        const moved = col.map((x) => a * x + c);
        const sign = Math.sign(a); // (a x + c - (a mu + c)) / (|a| sigma) = sign(a) (x - mu) / sigma
        bn(moved).forEach((v, i) => expect(v).toBeCloseTo(sign * bn(col)[i]!, 7));
        ln(moved).forEach((v, i) => expect(v).toBeCloseTo(sign * ln(col)[i]!, 7));
      }
    }
  });
});

describe('extreme scales (scaled norms)', () => {
  it('rms of [1e200, 1e200] and [1e-200, 1e-200] is the entry itself; the naive sqrt of the mean square is not', () => {
    expect(rms([1e200, 1e200])).toBe(1e200);
    expect(rms([1e-200, -1e-200])).toBe(1e-200);
    expect(Math.sqrt((1e200 ** 2 + 1e200 ** 2) / 2)).toBe(Infinity);
    expect(Math.sqrt((1e-200 ** 2 + 1e-200 ** 2) / 2)).toBe(0);
    expect(rms([3, 4])).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(rms([0, 0])).toBe(0);
    expect(standardize([2, 4, 9], 0).xhat).toEqual([-3, -1, 4].map((v) => expect.closeTo(v / Math.sqrt(26 / 3), 14)));
    expect(() => standardize([], 0)).toThrow(/empty/);
  });

  it('standardises features of size 1e200 and 1e-200 correctly, where squaring them would overflow or underflow', () => {
    // deviations +-1e200: variance 1e400 overflows, but the standardised values are exactly +-1
    const huge = batchNormTrain([[1e200], [-1e200]], initBatchNorm(1)).y.map((r) => r[0]!);
    expect(huge).toEqual([expect.closeTo(1, 14), expect.closeTo(-1, 14)]);
    const naiveVar = (1e200 ** 2 + (-1e200) ** 2) / 2;
    expect(naiveVar).toBe(Infinity); // what the one-pass formula would divide by: every output 0
    // deviations +-1e-200: variance 1e-400 underflows to 0 and eps dominates, y = x / sqrt(eps)
    const tiny = batchNormTrain([[1e-200], [-1e-200]], initBatchNorm(1)).y.map((r) => r[0]!);
    expect(tiny[0]! / (1e-200 / Math.sqrt(1e-5))).toBeCloseTo(1, 12);
    // with eps = 0 the tiny column is standardised too, to exactly +-1 (not 0 / 0)
    const tinyNoEps = batchNormTrain([[1e-200], [-1e-200]], { ...initBatchNorm(1), eps: 0 }).y.map((r) => r[0]!);
    expect(tinyNoEps).toEqual([expect.closeTo(1, 14), expect.closeTo(-1, 14)]);
    // layer norm on rows [1e200, 1e200, -1e200, -1e200] and the same at 1e-200, eps = 0
    for (const s of [1e200, 1e-200]) {
      expect(layerNorm([[s, s, -s, -s]], [1, 1, 1, 1], [0, 0, 0, 0], 0)[0]).toEqual(
        [1, 1, -1, -1].map((v) => expect.closeTo(v, 14)),
      );
    }
  });

  it('matches the naive two-pass formula where that one is finite (seeded random batches, scales 1e-100..1e100)', () => {
    const rng = mulberry32(41);
    for (let trial = 0; trial < 50; trial++) {
      const scale = 10 ** (200 * rng() - 100);
      const x = Array.from({ length: 8 }, () => [scale * normal(rng), scale * (1 + normal(rng))]);
      const { mean, variance } = columnStats(x); // naive: squares of up to 1e200 still fit
      const eps = 1e-5;
      const { y } = batchNormTrain(x, { ...initBatchNorm(2), eps });
      x.forEach((row, i) =>
        row.forEach((v, j) => {
          const naive = (v - mean[j]!) / Math.sqrt(variance[j]! + eps);
          expect(Math.abs(y[i]![j]! - naive)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(naive)));
        }),
      );
    }
  });

  it('a constant feature maps to 0 even with eps = 0, and the running variance overflow is reported at inference', () => {
    const { y, state } = batchNormTrain(
      [
        [5, 1e200],
        [5, -1e200],
      ],
      { ...initBatchNorm(2), eps: 0 },
    );
    expect(y.map((r) => r[0])).toEqual([0, 0]);
    expect(state.runningVar[1]).toBe(Infinity); // 0.1 * 1e400 * 2: no float64 holds it
    expect(() => batchNormInfer([[0, 0]], state)).toThrow(/runningVar\[1\]/);
    expect(() => initBatchNorm(2, 0.1, -1)).toThrow(/eps/);
    expect(() => layerNorm([[1, 2]], [1, 1], [0, 0], Number.NaN)).toThrow(/eps/);
  });
});

describe('RMSNorm (Zhang & Sennrich 2019)', () => {
  it('hand case: the row (3, 4) has mean square 12.5, so it maps to (3, 4) / 3.5355 = (0.8485, 1.1314)', () => {
    const [y] = rmsNorm([[3, 4]], [1, 1], 0);
    expect(y![0]).toBeCloseTo(3 / Math.sqrt(12.5), 15);
    expect(y![1]).toBeCloseTo(4 / Math.sqrt(12.5), 15);
    expect(y![0]).toBeCloseTo(0.8485, 4);
    // the gain scales each feature: g = (2, -1) gives (1.6971, -1.1314)
    const [z] = rmsNorm([[3, 4]], [2, -1], 0);
    expect(z![0]).toBeCloseTo(1.6971, 4);
    expect(z![1]).toBeCloseTo(-1.1314, 4);
  });

  it('rescales but does not re-centre: unit mean square, invariant to a > 0, not to a shift', () => {
    const rng = mulberry32(21);
    for (let t = 0; t < 50; t++) {
      const row = Array.from({ length: 8 }, () => 5 + 3 * normal(rng));
      const ones = row.map(() => 1);
      const [y] = rmsNorm([row], ones, 0);
      expect(y!.reduce((s, v) => s + v * v, 0) / y!.length).toBeCloseTo(1, 12);
      // the mean is not removed: a row centred at 5 keeps a positive mean
      expect(y!.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
      const a = 0.1 + 10 * rng();
      const [ya] = rmsNorm([row.map((v) => a * v)], ones, 0);
      ya!.forEach((v, j) => expect(v).toBeCloseTo(y![j]!, 12));
      const [yneg] = rmsNorm([row.map((v) => -a * v)], ones, 0);
      yneg!.forEach((v, j) => expect(v).toBeCloseTo(-y![j]!, 12));
      const [shifted] = rmsNorm([row.map((v) => v + 1)], ones, 0);
      expect(shifted!.some((v, j) => Math.abs(v - y![j]!) > 1e-3)).toBe(true);
    }
  });

  it('on a zero-mean row it is layer norm with beta = 0', () => {
    const rng = mulberry32(22);
    for (let t = 0; t < 50; t++) {
      const row = Array.from({ length: 6 }, () => 4 * normal(rng));
      const mean = row.reduce((s, v) => s + v, 0) / row.length;
      const centred = row.map((v) => v - mean);
      const g = row.map(() => normal(rng));
      const beta = row.map(() => 0);
      for (const eps of [0, 1e-5]) {
        const [a] = rmsNorm([centred], g, eps);
        const [b] = layerNorm([row], g, beta, eps);
        a!.forEach((v, j) => expect(v).toBeCloseTo(b![j]!, 12));
      }
    }
  });

  it('handles rows of 1e200 and 1e-200, where the squares overflow or underflow', () => {
    // naive: mean(x^2) = Infinity, so x / sqrt(...) = 0; scaled: exactly 1
    expect(rmsNorm([[1e200, 1e200]], [1, 1], 0)).toEqual([[1, 1]]);
    expect(rmsNorm([[1e200, 1e200]], [1, 1], 1e-6)).toEqual([[1, 1]]);
    // naive: mean(x^2) underflows to 0, so with eps = 0 it divides 0 by 0; scaled: exactly 1
    expect(rmsNorm([[1e-200, 1e-200]], [1, 1], 0)).toEqual([[1, 1]]);
    // with eps = 1e-6 a tiny row is left tiny, as it should be: 1e-200 / sqrt(1e-6) = 1e-197
    const [tiny] = rmsNorm([[1e-200, -1e-200]], [1, 1], 1e-6);
    expect(tiny![0]! / 1e-197).toBeCloseTo(1, 12);
    expect(tiny![1]! / -1e-197).toBeCloseTo(1, 12);
    // mixed signs and sizes: (1e200, -1e200, 3e200) has rms 1e200 sqrt(11/3)
    const [mixed] = rmsNorm([[1e200, -1e200, 3e200]], [1, 1, 1], 0);
    expect(mixed![2]).toBeCloseTo(3 / Math.sqrt(11 / 3), 12);
    expect(rmsNorm([[0, 0, 0]], [1, 1, 1], 0)).toEqual([[0, 0, 0]]);
    expect(() => rmsNorm([[1, 2]], [1], 0)).toThrow(/gain must have 2 entries/);
    expect(() => rmsNorm([[1, 2]], [1, 1], -1)).toThrow(/eps must be a finite number >= 0/);
  });
});

describe('Post-LN and Pre-LN residual streams at initialisation', () => {
  // d = 64, 48 sub-layers F(v) = W v with W ~ N(0, 1/d) entries, x_0 ~ N(0, I), seeds 1-5
  const d = 64;
  const L = 48;
  const runs = [1, 2, 3, 4, 5].map((seed) => {
    const rng = mulberry32(seed);
    const x0 = Array.from({ length: d }, () => normal(rng));
    const weights = Array.from({ length: L }, () =>
      Array.from({ length: d }, () => Array.from({ length: d }, () => normal(rng) / Math.sqrt(d))),
    );
    return { pre: residualStreamNorms(x0, weights, 'pre'), post: residualStreamNorms(x0, weights, 'post') };
  });

  it('Post-LN holds every hidden state at squared norm d', () => {
    for (const r of runs) for (const v of r.post.slice(1)) expect(v).toBeCloseTo(d, 9);
  });

  it('Pre-LN grows it by about d per layer: ||x_l||^2 is near ||x_0||^2 + l d (seeds 1-5, as on the page)', () => {
    // E||W LN(x)||^2 = ||LN(x)||^2 = d, and the cross term has mean 0. The page: over seeds 1-5 and
    // layers 12, 24 and 48 the ratio lies between 0.82 and 1.25.
    const ratios: number[] = [];
    for (const r of runs) {
      for (const l of [12, 24, 48]) ratios.push(r.pre[l]! / (r.pre[0]! + l * d));
      // a final LayerNorm divides the stream by ||x_48|| / sqrt(d): between 6.3 and 7.6, near sqrt(49) = 7
      const shrink = Math.sqrt(r.pre[L]! / d);
      expect(shrink).toBeGreaterThan(6.3);
      expect(shrink).toBeLessThan(7.6);
    }
    expect(Math.min(...ratios)).toBeCloseTo(0.82, 2);
    expect(Math.max(...ratios)).toBeCloseTo(1.25, 2);
  });

  it('over 100 seeds the Pre-LN ratio at layer 48 has mean 1 and standard deviation near sqrt(2/d) = 0.177', () => {
    // Given x_l, z = W_l LN(x_l) is N(0, I_d) (||LN(x_l)||^2 = d exactly with eps = 0, W_l fresh), so the
    // increment ||z||^2 + 2 x_l.z has mean d and variance 2d + 4||x_l||^2. Summing over l layers, the ratio
    // ||x_l||^2 / (||x_0||^2 + l d) has mean 1 and standard deviation ~ sqrt(2/d) at every depth.
    // Bounds: the mean's standard error is 0.177 / 10 = 0.018, so 0.07 is 4 of them; the sample sd of a
    // skewed (chi-square-like) ratio varies more than 7%, so [0.12, 0.24] is wide. Seed blocks 1-100,
    // 1001-1100, ..., 4001-4100 all stay inside (means 0.98-1.02, sds 0.14-0.21).
    const ratios = Array.from({ length: 100 }, (_, s) => {
      const rng = mulberry32(s + 1);
      const x0 = Array.from({ length: d }, () => normal(rng));
      const weights = Array.from({ length: L }, () =>
        Array.from({ length: d }, () => Array.from({ length: d }, () => normal(rng) / Math.sqrt(d))),
      );
      const pre = residualStreamNorms(x0, weights, 'pre');
      return pre[L]! / (pre[0]! + L * d);
    });
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1));
    expect(Math.abs(mean - 1)).toBeLessThan(0.07);
    expect(sd).toBeGreaterThan(0.12);
    expect(sd).toBeLessThan(0.24);
  }, 30_000);

  it('rejects a stream of fewer than 2 features, non-finite entries and weights that are not d x d', () => {
    expect(() => residualStreamNorms([1], [[[1]]], 'pre')).toThrow(/at least 2 finite/);
    expect(() => residualStreamNorms([1, Number.NaN], [], 'post')).toThrow(/at least 2 finite/);
    expect(() => residualStreamNorms([1, 2], [[[1, 0], [0]]], 'pre')).toThrow(/2 x 2/);
    expect(() => residualStreamNorms([1, 2], [[[1, 0]]], 'post')).toThrow(/2 x 2/);
    // no sub-layers: only ||x_0||^2
    expect(residualStreamNorms([3, 4], [], 'pre')).toEqual([25]);
  });
});

describe('invalid input is reported, not turned into NaN', () => {
  it('non-finite entries and mismatched parameters throw a RangeError naming the argument', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(() => rmsNorm([[1, bad]], [1, 1])).toThrow(/x must hold finite numbers/);
      expect(() => layerNorm([[1, bad]], [1, 1], [0, 0])).toThrow(/x must hold finite numbers/);
      expect(() => batchNormTrain([[1], [bad]], initBatchNorm(1))).toThrow(/x must hold finite numbers/);
      expect(() => batchNormInfer([[bad]], initBatchNorm(1))).toThrow(/x must hold finite numbers/);
    }
    expect(() => batchNormInfer([[1, 2]], initBatchNorm(3))).toThrow(/state has 3 features, x has 2/);
    expect(() => layerNorm([[1, 2]], [1], [0, 0])).toThrow(/gamma and beta must have 2 entries/);
    expect(() => rmsNorm([], [])).toThrow(/non-empty/);
    expect(() => rmsNorm([[1, 2], [3]], [1, 1])).toThrow(/every row of x must have 2 features/);
  });
});
