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
    const rng = mulberry32(5);
    const data = Array.from({ length: 1000 }, () => 3 + 10 * normal(rng));
    const s = fitZScore(data);
    const z = data.map((x) => zScore(x, s));
    const m = z.reduce((a, b) => a + b, 0) / z.length;
    const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / z.length;
    expect(Math.abs(m)).toBeLessThan(1e-12);
    expect(v).toBeCloseTo(1, 12);
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

describe('clip and log1p', () => {
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

  it('equal width on skewed data crowds one bucket; equal frequency does not', () => {
    const rng = mulberry32(11);
    const xs = Array.from({ length: 2000 }, () => Math.exp(normal(rng)));
    const wide = bucketCounts(xs, equalWidthBoundaries(xs, 8));
    const freq = bucketCounts(xs, equalFrequencyBoundaries(xs, 8));
    expect(wide[0]!).toBeGreaterThan(1000); // most of a log-normal sits left of (max - min) / 8
    expect(freq).toEqual(new Array(8).fill(250));
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
