import { describe, expect, it } from 'vitest';
import {
  bucketCounts,
  bucketize,
  clip,
  equalFrequencyBoundaries,
  equalWidthBoundaries,
  fitMinMax,
  fitZScore,
  log1pTransform,
  minMax,
  zScore,
} from '../../../content/snippets/foundations/features.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('min-max and z-score', () => {
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];

  it('min-max maps the training range onto [0, 1]', () => {
    const s = fitMinMax(xs);
    expect(s).toEqual({ min: 2, max: 9 });
    // (5 - 2) / (9 - 2) = 3/7
    expect(minMax(5, s)).toBeCloseTo(3 / 7, 12);
    expect(minMax(2, s)).toBe(0);
    expect(minMax(9, s)).toBe(1);
    // A serving value outside the training range leaves [0, 1]: the stored stats drifted.
    expect(minMax(16, s)).toBe(2);
  });

  it('z-score uses the population standard deviation', () => {
    // mean = 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; var = 32/8 = 4; std = 2
    const s = fitZScore(xs);
    expect(s.mean).toBe(5);
    expect(s.std).toBe(2);
    expect(zScore(9, s)).toBe(2);
    expect(zScore(2, s)).toBe(-1.5);
  });

  it('transformed training data has mean 0 and variance 1', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const data = Array.from({ length: 1000 }, () => 3 + 10 * normal(rng));
      const s = fitZScore(data);
      const z = data.map((x) => zScore(x, s));
      const m = z.reduce((a, b) => a + b, 0) / z.length;
      const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / z.length;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(v).toBeCloseTo(1, 12);
    }
  });

  it('constant features map to 0 instead of NaN', () => {
    expect(minMax(3, fitMinMax([3, 3, 3]))).toBe(0);
    expect(zScore(3, fitZScore([3, 3, 3]))).toBe(0);
  });

  it('rejects empty or non-finite data', () => {
    expect(() => fitMinMax([])).toThrow(/xs must not be empty/);
    expect(() => fitZScore([1, Number.NaN])).toThrow(/xs must be finite/);
  });
});

/** The textbook two-pass formulas, with no scaling: the reference where they stay finite. */
function naiveZ(xs: readonly number[]) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
}

describe('scaling at the ends of the double range', () => {
  it('fitZScore agrees with the naive formulas on ordinary data', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: 500 }, () => 1e3 + 50 * normal(rng));
      const got = fitZScore(xs);
      const ref = naiveZ(xs);
      expect(Math.abs(got.mean / ref.mean - 1)).toBeLessThan(1e-14);
      expect(Math.abs(got.std / ref.std - 1)).toBeLessThan(1e-12);
    }
  });

  it('fitZScore is exactly scale-equivariant, down to 1e-300 and up to 1e300', () => {
    const rng = mulberry32(9);
    const xs = Array.from({ length: 200 }, () => normal(rng));
    const ref = fitZScore(xs);
    for (const c of [1e-300, 1e-200, 1e200, 1e300]) {
      // the naive formulas fail here: squares of 1e-200 underflow to 0, sums near 1e300 overflow
      const got = fitZScore(xs.map((x) => x * c));
      expect(Math.abs(got.mean / (ref.mean * c) - 1)).toBeLessThan(1e-13);
      expect(Math.abs(got.std / (ref.std * c) - 1)).toBeLessThan(1e-13);
    }
    expect(naiveZ([1e-200, 3e-200]).std).toBe(0);
    // analytic: mean 2e-200, deviations +-1e-200, std 1e-200
    const tiny = fitZScore([1e-200, 3e-200]);
    expect(tiny.mean).toBeCloseTo(2e-200, 214);
    expect(Math.abs(tiny.std / 1e-200 - 1)).toBeLessThan(1e-15);
    // analytic: +-1e308 alternating has mean 0 and std 1e308; the naive sum overflows
    expect(naiveZ([1e308, 1e308]).mean).toBe(Infinity);
    expect(fitZScore([1e308, -1e308, 1e308, -1e308])).toEqual({ mean: 0, std: 1e308 });
    expect(fitZScore([Number.MAX_VALUE, Number.MAX_VALUE]).mean).toBe(Number.MAX_VALUE);
  });

  it('minMax and zScore divide a difference that would overflow without changing the answer', () => {
    const wide = { min: -1e308, max: 1e308 };
    // (x - min) / (max - min) = (0 + 1e308) / 2e308 = 0.5; the naive range is Infinity
    expect(minMax(0, wide)).toBe(0.5);
    expect(minMax(1e308, wide)).toBe(1);
    expect(minMax(-1e308, wide)).toBe(0);
    // finite range, but x - min overflows: (1e308 + 1e308) / 1e307 = 20
    expect(minMax(1e308, { min: -1e308, max: -9e307 })).toBeCloseTo(20, 12);
    // z = (1e308 - (-1e308)) / 1e308 = 2
    expect(zScore(1e308, { mean: -1e308, std: 1e308 })).toBe(2);
    // ordinary inputs: identical to the textbook formula
    const rng = mulberry32(4);
    for (let t = 0; t < 100; t++) {
      const a = 100 * normal(rng);
      const b = a + 1 + rng() * 50;
      const x = 200 * normal(rng);
      expect(minMax(x, { min: a, max: b })).toBe((x - a) / (b - a));
      expect(zScore(x, { mean: a, std: b - a })).toBe((x - a) / (b - a));
    }
  });
});

describe('clip and log1p', () => {
  it('log1p keeps tiny values exactly and huge ones finite', () => {
    expect(log1pTransform(1e-300)).toBe(1e-300); // log(1 + x) = x - x^2/2 + ...: x itself
    expect(log1pTransform(-1e-300)).toBe(-1e-300);
    expect(log1pTransform(1e308)).toBeCloseTo(308 * Math.LN10, 10);
    expect(log1pTransform(-Number.MAX_VALUE)).toBeCloseTo(-Math.log(Number.MAX_VALUE), 10);
  });

  it('clips into the interval', () => {
    expect(clip(-3, 0, 10)).toBe(0);
    expect(clip(4, 0, 10)).toBe(4);
    expect(clip(99, 0, 10)).toBe(10);
    expect(() => clip(1, 5, 2)).toThrow(/lo must be <= hi/);
  });

  it('log1p is 0 at 0, odd, monotone, and compresses the tail', () => {
    expect(log1pTransform(0)).toBe(0);
    // log(1 + 9) = log 10
    expect(log1pTransform(9)).toBeCloseTo(Math.LN10, 12);
    expect(log1pTransform(-9)).toBeCloseTo(-Math.LN10, 12);
    // a 1000x larger count only moves the feature by about log(1000) ~ 6.9
    expect(log1pTransform(999_999) - log1pTransform(999)).toBeCloseTo(Math.log(1_000_000 / 1000), 2);
    const grid = Array.from({ length: 50 }, (_, i) => -100 + i * 4.3);
    for (let i = 1; i < grid.length; i++)
      expect(log1pTransform(grid[i]!)).toBeGreaterThan(log1pTransform(grid[i - 1]!));
  });
});

describe('bucket boundaries', () => {
  it('equal width cuts [min, max] into k equal intervals', () => {
    // min 0, max 10, k = 4 -> width 2.5 -> 2.5, 5, 7.5
    expect(equalWidthBoundaries([0, 1, 10, 3], 4)).toEqual([2.5, 5, 7.5]);
    expect(equalWidthBoundaries([0, 1, 10, 3], 1)).toEqual([]);
  });

  it('equal frequency on a hand case', () => {
    // n = 7, k = 3: bucket j starts at sorted index ceil(7j/3) -> 3, 5.
    // sorted = [1, 2, 4, 8, 16, 32, 64]; boundaries (4+8)/2 = 6 and (16+32)/2 = 24;
    // buckets hold {1,2,4}, {8,16}, {32,64}: sizes 3, 2, 2.
    const xs = [64, 1, 16, 2, 32, 4, 8];
    const b = equalFrequencyBoundaries(xs, 3);
    expect(b).toEqual([6, 24]);
    expect(bucketCounts(xs, b)).toEqual([3, 2, 2]);
  });

  it('bucketize counts the boundaries <= x', () => {
    const b = [1, 2, 3];
    expect([0.5, 1, 1.5, 2, 3, 9].map((x) => bucketize(x, b))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(bucketize(5, [])).toBe(0);
  });

  it('property: on distinct data, equal-frequency bucket counts differ by at most one', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 300);
      const k = 1 + Math.floor(rng() * n);
      // Skewed, distinct values: exp of a normal, plus a tiny index term to break any ties.
      const xs = Array.from({ length: n }, (_, i) => Math.exp(2 * normal(rng)) + i * 1e-9);
      const b = equalFrequencyBoundaries(xs, k);
      expect(b.length).toBe(k - 1);
      const counts = bucketCounts(xs, b);
      expect(counts.reduce((a, c) => a + c, 0)).toBe(n);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      // and against a naive rule: the r-th smallest value (0-based) belongs to bucket floor(r k / n)
      const sorted = [...xs].sort((p, q) => p - q);
      const wrong = sorted.filter((x, r) => bucketize(x, b) !== Math.floor((r * k) / n));
      expect(wrong).toEqual([]);
    }
  });

  it('equal width on skewed data crowds one bucket; equal frequency does not, for every seed', () => {
    const firsts: number[] = [];
    let sparseOfSeed11 = -1;
    for (let seed = 1; seed <= 20; seed++) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: 2000 }, () => Math.exp(normal(rng)));
      const wide = bucketCounts(xs, equalWidthBoundaries(xs, 8));
      if (seed === 11) sparseOfSeed11 = wide.filter((c) => c <= 5).length;
      const freq = bucketCounts(xs, equalFrequencyBoundaries(xs, 8));
      // most of a log-normal sits left of min + (max - min) / 8, however far the largest draw lands
      expect(wide[0]!).toBeGreaterThan(1500);
      expect(freq).toEqual(new Array(8).fill(250));
      firsts.push(wide[0]!);
    }
    // the numbers the page quotes: 1,864 for the figure's seed 11, 1,662 to 1,960 over seeds 1..20
    expect(firsts[10]).toBe(1864);
    expect([Math.min(...firsts), Math.max(...firsts)]).toEqual([1662, 1960]);
    // and, for seed 11, "five or fewer in each of four others" (counts 1864, 105, 18, 7, 5, 0, 0, 1)
    expect(sparseOfSeed11).toBe(4);
  });

  it('boundaries stay finite and correct at the ends of the double range', () => {
    // equal width over [-1e308, 1e308]: max - min overflows, the boundaries do not
    expect(equalWidthBoundaries([-1e308, 1e308], 4)).toEqual([-5e307, 0, 5e307]);
    // and agree with min + j (max - min) / k on ordinary data
    const rng = mulberry32(3);
    for (let t = 0; t < 50; t++) {
      const xs = Array.from({ length: 20 }, () => 100 * normal(rng));
      const { min, max } = fitMinMax(xs);
      const k = 2 + Math.floor(rng() * 10);
      equalWidthBoundaries(xs, k).forEach((b, j) =>
        expect(Math.abs(b - (min + ((j + 1) * (max - min)) / k))).toBeLessThan(1e-12 * (max - min)),
      );
    }
    // equal frequency between 1e308 and 1.5e308: (lo + hi) / 2 would overflow
    const big = [1e308, 1.2e308, 1.5e308, 1.7e308];
    expect(equalFrequencyBoundaries(big, 2)).toEqual([1.35e308]);
    // adjacent doubles: the midpoint rounds to lo, so the boundary must be hi to split them
    const one = 1 + Number.EPSILON;
    expect((1 + one) / 2).toBe(1);
    expect(equalFrequencyBoundaries([1, one], 2)).toEqual([one]);
    expect(bucketCounts([1, one], equalFrequencyBoundaries([1, one], 2))).toEqual([1, 1]);
    // tiny values: boundaries between 1e-300-sized values
    const [tiny] = equalFrequencyBoundaries([1e-300, 2e-300, 3e-300, 4e-300], 2);
    expect(Math.abs(tiny! / 2.5e-300 - 1)).toBeLessThan(1e-15);
  });

  it('ties: a boundary inside a run of equal values is dropped', () => {
    // half the values are 0 (e.g. users with no purchases): 4 buckets cannot all hold 25%
    const xs = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6];
    const b = equalFrequencyBoundaries(xs, 4);
    // n = 12, k = 4: cuts at sorted indices 3, 6, 9 -> (0+0) tie dropped, (0+1)/2, (3+4)/2
    expect(b).toEqual([0.5, 3.5]);
    expect(bucketCounts(xs, b)).toEqual([6, 3, 3]);
  });

  it('rejects bad k', () => {
    expect(() => equalFrequencyBoundaries([1, 2], 3)).toThrow(/k must be <= the number of values/);
    expect(() => equalWidthBoundaries([1, 2], 0)).toThrow(/k must be an integer >= 1/);
  });
});
