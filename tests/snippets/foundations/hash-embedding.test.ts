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
  logPairCollisionProbability,
  measureCollisions,
  murmur3_32,
  pairCollisionProbability,
} from '../../../content/snippets/foundations/hash-embedding.ts';
import { mulberry32, randomInt } from '../../../content/snippets/shared/random.ts';

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
    for (let seed = 1; seed <= 5; seed++) {
      const counts = new Array<number>(m).fill(0);
      for (const key of ids(n)) counts[hashBucket(key, m, seed)]!++;
      const e = n / m;
      const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
      // df = 49: mean 49, sd sqrt(98) ~ 9.9; 49 + 5 sd ~ 98.5 (a 1-in-3-million exceedance per seed)
      expect(chi2).toBeLessThan(98.5);
    }
  }, 30_000);

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

  /** Colliding fraction and occupied rows over seeds 1..20, as the table on the page quotes them. */
  function overSeeds(n: number, m: number, k: number, prefix: string, combine: 'concat' | 'sum' = 'concat') {
    const frac: number[] = [];
    const occ: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = measureCollisions(ids(n, prefix), k, m, seed, combine);
      frac.push(r.collidingFraction);
      occ.push(r.occupiedBuckets);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));
    return { frac, mean: mean(frac), sd: sd(frac), occMean: mean(occ) };
  }
  const pct = (x: number) => Math.round(1000 * x) / 10; // percent with one decimal, as on the page

  it('one hash, table as large as the vocabulary: ~63% of ids collide, for every seed', () => {
    const n = 10_000;
    const m = 10_000;
    const r = overSeeds(n, m, 1, 'item:');
    // sd of the colliding fraction is ~0.003 here (the 20 seeds give 0.0028); allow 0.02 per seed
    for (const f of r.frac) expect(Math.abs(f - expectedCollidingFraction(n, m))).toBeLessThan(0.02);
    // the page's table: 63.3% +- 0.3 measured, 6,318 occupied rows on average against 6,321 expected
    expect([pct(r.mean), pct(r.sd)]).toEqual([63.3, 0.3]);
    expect(Math.round(r.occMean)).toBe(6318);
    // sd of the occupied-row count ~ sqrt(m e^-1 (1 - 2 e^-1)) ~ 16 for one seed; the mean of 20 within 3 of 6,321
    expect(Math.abs(r.occMean - expectedOccupiedBuckets(n, m))).toBeLessThan(16);
  }, 30_000);

  it('one hash, table 10x the vocabulary: still ~9.5% of ids collide', () => {
    const n = 10_000;
    const m = 100_000;
    expect(expectedCollidingFraction(n, m)).toBeCloseTo(0.0952, 3);
    const r = overSeeds(n, m, 1, 'u');
    // binomial-like sd ~ 0.004 per seed; allow 0.015 (~4 sd)
    for (const f of r.frac) expect(Math.abs(f - expectedCollidingFraction(n, m))).toBeLessThan(0.015);
    expect([pct(r.mean), pct(r.sd)]).toEqual([9.4, 0.4]);
  }, 30_000);

  it('two hashes into 100 buckets, concatenated: like one hash into 100^2 codes', () => {
    const n = 5000;
    // 1 - (1 - 10^-4)^4999 = 0.3935; a single hash into 100 buckets would collide for every id
    expect(expectedCollidingFraction(n, 100, 2)).toBeCloseTo(0.3935, 3);
    const r = overSeeds(n, 100, 2, 'query-');
    // sd per seed ~ 0.011 (20 seeds); allow 0.045 (~4 sd)
    for (const f of r.frac) expect(Math.abs(f - 0.3935)).toBeLessThan(0.045);
    expect([pct(r.mean), pct(r.sd)]).toEqual([39.6, 1.1]);
    expect(overSeeds(n, 100, 1, 'query-').frac.every((f) => f === 1)).toBe(true);
  }, 30_000);

  it('two hashes into 100 buckets, summed from one table: order is lost, ~63% collide', () => {
    const n = 5000;
    // An id's own pair {a, a} (probability 1/100) is shared by another id with P = 1e-4, a pair
    // {a, b} (probability 99/100) with P = 2e-4:
    // 1 - [0.01 (1 - 1e-4)^4999 + 0.99 (1 - 2e-4)^4999] = 0.629697167393642 (50-digit arithmetic),
    // a little below 1 - (1 - p_pair)^4999 = 0.630240 with p_pair = (2 * 100 - 1) / 100^3.
    expect(expectedCollidingFraction(n, 100, 2, 'sum')).toBeCloseTo(0.629697167393642, 13);
    expect(-Math.expm1(4999 * Math.log1p(-pairCollisionProbability(100, 2, 'sum')))).toBeCloseTo(0.63024, 5);
    const r = overSeeds(n, 100, 2, 'query-', 'sum');
    // sd per seed ~ 0.008; allow 0.035 (~4 sd). The concatenated 0.39 is 30 sd away.
    for (const f of r.frac) expect(Math.abs(f - 0.6297)).toBeLessThan(0.035);
    // the mean of the 20 seeds (sd of the mean ~ 0.0018) within 3 sd of the exact expectation
    expect(Math.abs(r.mean - 0.6297)).toBeLessThan(0.0055);
    expect([pct(r.mean), pct(r.sd)]).toEqual([63.2, 0.8]);
  }, 30_000);

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

  it('DHE codes look uniform for every seed', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const vs = ids(500, 'video').flatMap((key) => dheEncode(key, 64, 1_000_000, seed));
      const mean = vs.reduce((a, b) => a + b, 0) / vs.length;
      const ms = vs.reduce((a, b) => a + b * b, 0) / vs.length;
      // sd of the mean ~ 0.0032, of the mean square sqrt(4/45 / 32000) ~ 0.0017: both bounds ~5 sd
      expect(Math.abs(mean)).toBeLessThan(0.016);
      expect(Math.abs(ms - 1 / 3)).toBeLessThan(0.009);
    }
  });
});

describe('pair collision probability: concatenated vs summed codes', () => {
  /** Brute force: enumerate all m^k tuples, group them by multiset, sum P(multiset)^2. */
  function bruteSum(m: number, k: number): number {
    const count = new Map<string, number>();
    const t = new Array<number>(k).fill(0);
    for (let idx = 0; idx < m ** k; idx++) {
      let r = idx;
      for (let j = 0; j < k; j++) {
        t[j] = r % m;
        r = Math.floor(r / m);
      }
      const key = [...t].sort((a, b) => a - b).join(',');
      count.set(key, (count.get(key) ?? 0) + 1);
    }
    let s = 0;
    for (const c of count.values()) s += c * c;
    return s / m ** (2 * k);
  }

  /** Brute force: the expected colliding fraction, averaging 1 - (1 - P(own code))^(n-1) over all m^k tuples. */
  function bruteFraction(n: number, m: number, k: number, combine: 'concat' | 'sum'): number {
    const keyOf = (t: number[]) => (combine === 'sum' ? [...t].sort((a, b) => a - b) : t).join(',');
    const tuples: number[][] = [];
    for (let idx = 0; idx < m ** k; idx++) {
      let r = idx;
      tuples.push(
        Array.from({ length: k }, () => {
          const x = r % m;
          r = Math.floor(r / m);
          return x;
        }),
      );
    }
    const count = new Map<string, number>();
    for (const t of tuples) count.set(keyOf(t), (count.get(keyOf(t)) ?? 0) + 1);
    let s = 0;
    for (const t of tuples) s += 1 - (1 - count.get(keyOf(t))! / m ** k) ** (n - 1);
    return s / m ** k;
  }

  it('gives the colliding fraction that brute-force enumeration of every code gives', () => {
    for (let m = 1; m <= 5; m++)
      for (let k = 1; k <= 4; k++)
        for (const n of [2, 3, 10, 40])
          for (const combine of ['concat', 'sum'] as const) {
            const want = bruteFraction(n, m, k, combine);
            expect(Math.abs(expectedCollidingFraction(n, m, k, combine) - want)).toBeLessThan(1e-13);
          }
    // summed codes: strictly below the plug-in 1 - (1 - p_pair)^(n-1) once some codes repeat a row
    const plugIn = -Math.expm1(39 * Math.log1p(-pairCollisionProbability(5, 3, 'sum')));
    expect(expectedCollidingFraction(40, 5, 3, 'sum')).toBeLessThan(plugIn);
  });

  it('matches brute-force enumeration of every multiset', () => {
    for (let m = 1; m <= 6; m++)
      for (let k = 1; k <= 5; k++) {
        expect(Math.abs(pairCollisionProbability(m, k, 'sum') / bruteSum(m, k) - 1)).toBeLessThan(1e-12);
        expect(pairCollisionProbability(m, k)).toBeCloseTo(m ** -k, 15);
      }
  });

  it('is (2m - 1) / m^3 for k = 2 and tends to k! m^-k for large m', () => {
    // k = 2: m pairs (a, a) with P = m^-2 each, m(m-1)/2 pairs {a, b} with P = 2 m^-2 each:
    // m * m^-4 + m(m-1)/2 * 4 m^-4 = (2m - 1) / m^3, about 2 m^-2: twice the concatenated m^-2
    for (const m of [2, 10, 100, 1e4, 2 ** 32])
      expect(Math.abs(pairCollisionProbability(m, 2, 'sum') / ((2 * m - 1) / m ** 3) - 1)).toBeLessThan(1e-13);
    // all k rows distinct dominates: k! m^-k (1 + O(k^2 / m))
    for (const k of [3, 5, 8]) {
      const m = 1e9;
      let factorial = 1;
      for (let i = 2; i <= k; i++) factorial *= i;
      expect(Math.abs(pairCollisionProbability(m, k, 'sum') / (factorial * m ** -k) - 1)).toBeLessThan(k ** 2 / m);
    }
  });

  it('agrees with a simulation of random k-tuples, for every seed', () => {
    // m = 4, k = 3: sum 0.0625 exactly (brute force above), concatenated 4^-3 = 0.015625,
    // and the large-m rule 3! 4^-3 = 0.094 is far off: the simulation must find the exact value.
    const m = 4;
    const k = 3;
    const pairs = 100_000;
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      // A tuple as a base-m number: in draw order (concatenated code), or sorted (summed code).
      const code = (t: number[]) => t.reduce((c, x) => c * m + x, 0);
      let sameSet = 0;
      let sameTuple = 0;
      for (let i = 0; i < pairs; i++) {
        const a = Array.from({ length: k }, () => randomInt(rng, m));
        const b = Array.from({ length: k }, () => randomInt(rng, m));
        if (code(a) === code(b)) sameTuple++;
        if (code(a.sort((x, y) => x - y)) === code(b.sort((x, y) => x - y))) sameSet++;
      }
      // sd sqrt(0.0625 * 0.9375 / 1e5) = 7.7e-4 and sqrt(0.0156 * 0.984 / 1e5) = 3.9e-4; allow 4 sd
      expect(Math.abs(sameSet / pairs - pairCollisionProbability(m, k, 'sum'))).toBeLessThan(0.0031);
      expect(Math.abs(sameTuple / pairs - pairCollisionProbability(m, k))).toBeLessThan(0.0016);
    }
  }, 30_000);

  it('rejects what it cannot compute', () => {
    expect(() => pairCollisionProbability(0, 2)).toThrow(/m must be an integer/);
    expect(() => pairCollisionProbability(10, 1.5)).toThrow(/k must be an integer/);
    expect(() => logPairCollisionProbability(10, 31, 'sum')).toThrow(/logPairCollisionProbability: k must be <= 30/);
    expect(() => expectedCollidingFraction(10, 10, 31, 'sum')).toThrow(/expectedCollidingFraction: k must be <= 30/);
    expect(() => expectedCollidingFraction(10, 0)).toThrow(/expectedCollidingFraction: m must be an integer/);
    expect(() => expectedCollidingFraction(0, 10)).toThrow(/n must be an integer/);
  });
});

describe('collision formulas at the extremes', () => {
  it('keep tiny probabilities that 1 - (1 - p)^n rounds away', () => {
    // n = m = 1e6, k = 3: p = 1e-18, 1 - (1 - p)^(n-1) = 9.99998999999499e-13 (50-digit arithmetic)
    expect(1 - Math.pow(1 - 1e-18, 1e6 - 1)).toBe(0); // the naive formula loses everything
    expect(expectedCollidingFraction(1e6, 1e6, 3) / 9.99998999999499e-13 - 1).toBeLessThan(1e-12);
    // p = 1e-312 is below the smallest normal double, (n - 1) p = 9.00719925474099e-297 is not
    const n = 2 ** 53 - 1;
    expect(Math.abs(expectedCollidingFraction(n, 1e6, 52) / 9.00719925474099e-297 - 1)).toBeLessThan(1e-12);
    // k = 1024 hash values (DHE's Figure 1) in a range of 1e6: p = 1e-6144, zero to double precision
    expect(expectedCollidingFraction(1e9, 1e6, 1024)).toBe(0);
    // and the other end: one bucket, everyone collides
    expect(expectedCollidingFraction(5, 1)).toBe(1);
    expect(expectedCollidingFraction(1, 1)).toBe(0);
  });

  it('occupied rows and the birthday bound keep their digits for huge tables', () => {
    // 3 ids in 1e15 rows: 1e15 (1 - (1 - 1e-15)^3) = 3 - 3e-15 + ..., naive gives 2.9976
    expect(1e15 * (1 - Math.pow(1 - 1e-15, 3))).toBeCloseTo(2.9976, 4);
    expect(expectedOccupiedBuckets(3, 1e15)).toBeCloseTo(3, 12);
    expect(expectedOccupiedBuckets(0, 10)).toBe(0);
    expect(expectedOccupiedBuckets(7, 1)).toBe(1);
    // 100 ids in 2^32 buckets: 1 - prod (1 - i/2^32) = 1.1525110308452509e-6 (50-digit arithmetic)
    expect(Math.abs(birthdayCollisionProbability(100, 2 ** 32) / 0.000001152511030845251 - 1)).toBeLessThan(1e-12);
    // the page's "about 77,000 ids for the 32-bit range": sqrt(2 m ln 2) = 77,163 gives ~0.5
    expect(birthdayCollisionProbability(77_163, 2 ** 32)).toBeCloseTo(0.5, 4);
    expect(birthdayCollisionProbability(2 ** 32, 2 ** 32)).toBe(1);
    expect(birthdayCollisionProbability(11, 10)).toBe(1);
    expect(birthdayCollisionProbability(1, 10)).toBe(0);
  });
});
