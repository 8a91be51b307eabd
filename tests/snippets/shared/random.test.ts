import { describe, expect, it } from 'vitest';
import { mulberry32, normal, randomInt, shuffle } from '../../../content/snippets/shared/random.ts';

describe('mulberry32', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
  });

  it('is uniform on [0, 1): mean 1/2 and variance 1/12 within 4 standard errors', () => {
    const rng = mulberry32(7);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // sd of the mean of U(0,1) is sqrt(1/12 / n) ~ 0.00091
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
});

describe('randomInt', () => {
  it('covers 0..n-1 evenly', () => {
    const rng = mulberry32(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[randomInt(rng, 4)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400); // ~4.6 sd
  });
  it('rejects a non-positive n', () => {
    expect(() => randomInt(mulberry32(1), 0)).toThrow(/n must be a positive integer/);
  });
});

describe('normal', () => {
  it('has mean 0 and variance 1', () => {
    const rng = mulberry32(3);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = normal(rng);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6];
    const out = shuffle(mulberry32(9), input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...out].sort()).toEqual(input);
  });
});
