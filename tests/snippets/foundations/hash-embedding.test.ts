import { describe, expect, it } from 'vitest';
import {
  birthdayCollisionProbability,
  combineHashEmbedding,
  dheEncode,
  expectedCollidingFraction,
  expectedOccupiedBuckets,
  hashBucket,
  hashString,
  kHashBuckets,
  measureCollisions,
  murmur3_32,
} from '../../../content/snippets/foundations/hash-embedding.ts';

const ids = (n: number, prefix = 'item:') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('murmur3_32', () => {
  it('matches the reference test vectors of MurmurHash3_x86_32', () => {
    const b = (...xs: number[]) => new Uint8Array(xs);
    expect(murmur3_32(b(), 0)).toBe(0);
    expect(murmur3_32(b(), 1)).toBe(0x514e28b7);
    expect(murmur3_32(b(), 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3_32(b(0xff, 0xff, 0xff, 0xff), 0)).toBe(0x76293b50);
    expect(murmur3_32(b(0x21, 0x43, 0x65, 0x87), 0)).toBe(0xf55b516b);
    expect(murmur3_32(b(0x21, 0x43, 0x65, 0x87), 0x5082edee)).toBe(0x2362f9de);
    expect(murmur3_32(b(0x21, 0x43, 0x65), 0)).toBe(0x7e4a8634);
  });

  it('hashes strings by their UTF-8 bytes', () => {
    // the value the Python mmh3 and Go murmur3 packages give for "Hello world", seed 0
    expect(hashString('Hello world', 0)).toBe(2911983372);
    expect(hashString('hello, world', 0)).toBe(345750399);
    // non-ASCII keys are hashed as UTF-8 (3 bytes per CJK character)
    expect(hashString('召回', 7)).toBe(murmur3_32(new Uint8Array([0xe5, 0x8f, 0xac, 0xe5, 0x9b, 0x9e]), 7));
  });
});

describe('bucketing', () => {
  it('spreads ids uniformly over the buckets (chi-square)', () => {
    const m = 50;
    const n = 100_000;
    const counts = new Array<number>(m).fill(0);
    for (const key of ids(n)) counts[hashBucket(key, m, 42)]!++;
    const e = n / m;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    // df = 49: mean 49, sd sqrt(98) ~ 9.9; 49 + 5 sd ~ 98.5
    expect(chi2).toBeLessThan(98.5);
  });

  it('k hash functions give k different, reproducible buckets', () => {
    const a = kHashBuckets('user:17', 4, 1_000_000, 3);
    expect(kHashBuckets('user:17', 4, 1_000_000, 3)).toEqual(a);
    expect(new Set(a).size).toBe(4);
    expect(kHashBuckets('user:17', 4, 1_000_000, 4)).not.toEqual(a);
  });

  it('rejects bad arguments', () => {
    expect(() => hashBucket('x', 0, 1)).toThrow(/m must be an integer/);
    expect(() => kHashBuckets('x', 0, 10, 1)).toThrow(/k must be an integer >= 1/);
  });
});

describe('collision rates: measured vs analytic', () => {
  it('the birthday numbers', () => {
    // 23 people, 365 days: 1 - prod_{i=1}^{22} (1 - i/365) = 0.507297...
    expect(birthdayCollisionProbability(23, 365)).toBeCloseTo(0.507297, 6);
    // n = m = 10^4: expected colliding fraction 1 - (1 - 1e-4)^9999 ~ 1 - e^-1 = 0.632
    expect(expectedCollidingFraction(10_000, 10_000)).toBeCloseTo(0.63214, 4);
    // occupied buckets 10^4 (1 - (1 - 1e-4)^10^4) ~ 10^4 (1 - e^-1) = 6321.4
    expect(expectedOccupiedBuckets(10_000, 10_000)).toBeCloseTo(6321.4, 0);
  });

  it('one hash, table as large as the vocabulary: ~63% of ids collide', () => {
    const n = 10_000;
    const m = 10_000;
    const got = measureCollisions(ids(n), 1, m, 9);
    // sd of the colliding fraction is ~0.005 here; allow 0.02
    expect(Math.abs(got.collidingFraction - expectedCollidingFraction(n, m))).toBeLessThan(0.02);
    // sd of the empty-bucket count ~ sqrt(m e^-1 (1 - 2 e^-1)) ~ 31; allow 150
    expect(Math.abs(got.occupiedBuckets - expectedOccupiedBuckets(n, m))).toBeLessThan(150);
  });

  it('one hash, table 10x the vocabulary: still ~9.5% of ids collide', () => {
    const n = 10_000;
    const m = 100_000;
    const got = measureCollisions(ids(n, 'u'), 1, m, 1);
    expect(expectedCollidingFraction(n, m)).toBeCloseTo(0.0952, 3);
    expect(Math.abs(got.collidingFraction - expectedCollidingFraction(n, m))).toBeLessThan(0.012);
  });

  it('two hashes into 100 buckets behave like one hash into 100^2 codes', () => {
    const n = 5000;
    const got = measureCollisions(ids(n, 'query-'), 2, 100, 5);
    // 1 - (1 - 10^-4)^4999 = 0.3935; a single hash into 100 buckets would collide for every id
    expect(expectedCollidingFraction(n, 100, 2)).toBeCloseTo(0.3935, 3);
    expect(Math.abs(got.collidingFraction - 0.3935)).toBeLessThan(0.025);
    expect(measureCollisions(ids(n, 'query-'), 1, 100, 5).collidingFraction).toBe(1);
  });

  it('over many seeds, P(any collision among 23 ids in 365 buckets) ~ 0.507', () => {
    const trials = 2000;
    let hit = 0;
    const keys = ids(23, 'x');
    for (let s = 0; s < trials; s++) if (measureCollisions(keys, 1, 365, s).collidingFraction > 0) hit++;
    // sd of the proportion sqrt(0.25 / 2000) ~ 0.011; allow 0.045
    expect(Math.abs(hit / trials - 0.5073)).toBeLessThan(0.045);
  });
});

describe('hash embedding and DHE', () => {
  it('combines the hashed rows with the importance weights', () => {
    // buckets [2, 0], weights [0.5, 2]: 0.5 * [2, 2] + 2 * [1, 0] = [3, 1]
    const pool = [
      [1, 0],
      [0, 1],
      [2, 2],
    ];
    expect(combineHashEmbedding([2, 0], [0.5, 2], pool)).toEqual([3, 1]);
    // same buckets, different importance weights: two colliding ids still get different vectors
    expect(combineHashEmbedding([2, 0], [1, 0], pool)).toEqual([2, 2]);
    expect(() => combineHashEmbedding([3], [1], pool)).toThrow(/outside the pool/);
    expect(() => combineHashEmbedding([0, 1], [1], pool)).toThrow(/one weight per bucket/);
  });

  it('DHE codes lie in [-1, 1], look uniform, and differ between ids', () => {
    const k = 64;
    const m = 1_000_000;
    const codes = ids(500, 'video').map((key) => dheEncode(key, k, m, 1));
    let s = 0;
    let s2 = 0;
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of codes) {
      expect(c).toHaveLength(k);
      for (const v of c) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        s += v;
        s2 += v * v;
        count++;
      }
    }
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(1);
    // U(-1, 1): mean 0 (sd of the mean sqrt(1/3 / 32000) ~ 0.0032), E[v^2] = 1/3
    expect(Math.abs(s / count)).toBeLessThan(0.015);
    expect(Math.abs(s2 / count - 1 / 3)).toBeLessThan(0.01);
    expect(new Set(codes.map((c) => c.join(','))).size).toBe(500);
  });
});
