import { describe, expect, it } from 'vitest';
import {
  compareOfflineOnline,
  nullRate,
  populationStabilityIndex,
  type LoggedSample,
} from '../../../content/snippets/evaluation/consistency.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const offline: LoggedSample[] = [
  { id: 'r1:i1', score: 0.1, features: { ctr7d: 0.05, age: 30, price: 9.9 } },
  { id: 'r1:i2', score: 0.2, features: { ctr7d: 0.02, age: 30, price: null } },
  { id: 'r2:i1', score: 0.3, features: { ctr7d: 0.05, age: 41, price: 9.9 } },
  { id: 'r2:i3', score: 0.4, features: { ctr7d: 0.01, age: 41, price: 20 } },
];
const online: LoggedSample[] = [
  // Float noise well inside the tolerance: not a mismatch.
  { id: 'r1:i1', score: 0.1 + 1e-9, features: { ctr7d: 0.05, age: 30, price: 9.9 } },
  // Missing price filled with 0 online instead of left missing: score moves.
  { id: 'r1:i2', score: 0.26, features: { ctr7d: 0.02, age: 30, price: 0 } },
  // A stale ctr7d online.
  { id: 'r2:i1', score: 0.35, features: { ctr7d: 0.04, age: 41, price: 9.9 } },
  // r2:i3 was never logged online; r3:i9 only online.
  { id: 'r3:i9', score: 0.5, features: { ctr7d: 0.03, age: 22, price: 5 } },
];

describe('compareOfflineOnline', () => {
  it('finds the mismatched samples, the one-sided ids and the features to blame', () => {
    const r = compareOfflineOnline(offline, online, { abs: 1e-6, rel: 1e-3 });
    expect(r.compared).toBe(3);
    expect(r.scoreMismatches.map((m) => m.id)).toEqual(['r1:i2', 'r2:i1']);
    expect(r.onlyOffline).toEqual(['r2:i3']);
    expect(r.onlyOnline).toEqual(['r3:i9']);
    // ctr7d differs on r2:i1 and price (null vs 0) on r1:i2: one each, sorted by name on ties.
    expect(r.featureMismatches).toEqual([
      ['ctr7d', 1],
      ['price', 1],
    ]);
  });

  it('applies abs + rel * |offline| as the tolerance', () => {
    const a: LoggedSample[] = [{ id: 'x', score: 100, features: {} }];
    // |100.05 - 100| = 0.05 <= 0 + 1e-3 * 100 = 0.1: equal. |100.2 - 100| = 0.2 > 0.1: mismatch.
    expect(
      compareOfflineOnline(a, [{ id: 'x', score: 100.05, features: {} }], { abs: 0, rel: 1e-3 }).scoreMismatches,
    ).toHaveLength(0);
    expect(
      compareOfflineOnline(a, [{ id: 'x', score: 100.2, features: {} }], { abs: 0, rel: 1e-3 }).scoreMismatches,
    ).toHaveLength(1);
  });

  it('treats equal infinite scores as equal and a huge gap as a mismatch', () => {
    const one = (score: number): LoggedSample[] => [{ id: 'x', score, features: {} }];
    expect(compareOfflineOnline(one(Infinity), one(Infinity)).scoreMismatches).toHaveLength(0);
    expect(compareOfflineOnline(one(1e308), one(-1e308)).scoreMismatches).toHaveLength(1);
    // relative tolerance at the top of the range: 1e308 vs 1e308 * (1 + 1e-5) is within rel 1e-4
    expect(compareOfflineOnline(one(1e308), one(1e308 * (1 + 1e-5))).scoreMismatches).toHaveLength(0);
    // and at the bottom: 1e-300 vs 2e-300 is within abs 1e-6
    expect(compareOfflineOnline(one(1e-300), one(2e-300)).scoreMismatches).toHaveLength(0);
  });

  it('counts a feature present on one side only', () => {
    const r = compareOfflineOnline(
      [{ id: 'x', score: 1, features: { a: 1 } }],
      [{ id: 'x', score: 1, features: { a: 1, b: 2 } }],
    );
    expect(r.featureMismatches).toEqual([['b', 1]]);
  });
});

describe('nullRate', () => {
  it('counts null and absent values', () => {
    // price: null on r1:i2 only -> 1/4; "missing" is absent everywhere -> 1.
    expect(
      nullRate(
        offline.map((s) => s.features),
        'price',
      ),
    ).toBe(0.25);
    expect(
      nullRate(
        offline.map((s) => s.features),
        'missing',
      ),
    ).toBe(1);
  });
});

describe('populationStabilityIndex', () => {
  it('matches a hand-computed value', () => {
    // Shares e = .25 .25 .25 .25, a = .1 .2 .3 .4:
    // (.1-.25) ln(.4) + (.2-.25) ln(.8) + (.3-.25) ln(1.2) + (.4-.25) ln(1.6)
    // = .137444 + .011157 + .009116 + .070501 = .228217 (sum of the unrounded terms)
    expect(populationStabilityIndex([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(0.228217, 6);
  });

  it('is 0 for equal shares, symmetric, and positive otherwise', () => {
    expect(populationStabilityIndex([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 14);
    const rng = mulberry32(6);
    for (let t = 0; t < 250; t++) {
      const x = Array.from({ length: 6 }, () => 1 + rng() * 10);
      const y = Array.from({ length: 6 }, () => 1 + rng() * 10);
      expect(populationStabilityIndex(x, y)).toBeCloseTo(populationStabilityIndex(y, x), 12);
      expect(populationStabilityIndex(x, y)).toBeGreaterThan(0);
    }
  });

  it('depends only on the shares: counts near 1e308 or 1e-300 give the same value', () => {
    const ref = [25, 25, 25, 25];
    const cur = [10, 20, 30, 40];
    const base = populationStabilityIndex(ref, cur);
    // a plain total of four counts of 1e308 overflows to Infinity
    expect([1e308, 1e308, 1e308, 1e308].reduce((x, y) => x + y, 0)).toBe(Infinity);
    for (const c of [1e306, 1e-300])
      expect(
        populationStabilityIndex(
          ref.map((x) => x * c),
          cur.map((x) => x * c),
        ),
      ).toBeCloseTo(base, 12);
    // mixed scales: a reference of 1e308s against a current histogram in ordinary counts
    expect(populationStabilityIndex([1e308, 1e308, 1e308, 1e308], cur)).toBeCloseTo(base, 12);
  });

  it('agrees with the plain formula on ordinary counts', () => {
    const naive = (e: number[], a: number[]) => {
      const se = e.reduce((x, y) => x + y, 0);
      const sa = a.reduce((x, y) => x + y, 0);
      return e.reduce((s, ei, i) => s + (a[i]! / sa - ei / se) * Math.log(a[i]! / sa / (ei / se)), 0);
    };
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const x = Array.from({ length: 8 }, () => 1 + rng() * 1000);
      const y = Array.from({ length: 8 }, () => 1 + rng() * 1000);
      expect(populationStabilityIndex(x, y)).toBeCloseTo(naive(x, y), 12);
    }
  });

  it('rejects counts and floors it cannot use', () => {
    expect(() => populationStabilityIndex([1, Infinity], [1, 1])).toThrow(/reference\[1\] must be finite/);
    expect(() => populationStabilityIndex([1, 1], [0, 0])).toThrow(/current has no counts/);
    expect(() => populationStabilityIndex([1, 0], [0, 1], 0)).toThrow(/eps must be in \(0, 1\)/);
  });

  it('stays finite when a bin empties', () => {
    const v = populationStabilityIndex([50, 50], [100, 0]);
    // Shares .5 .5 vs 1 and a 1e-4 floor: (1 - .5) ln 2 + (1e-4 - .5) ln(2e-4) = 0.34657 + 4.25784.
    expect(v).toBeCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(2e-4), 10);
  });
});
