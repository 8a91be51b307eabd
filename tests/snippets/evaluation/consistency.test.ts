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
    for (let t = 0; t < 50; t++) {
      const x = Array.from({ length: 6 }, () => 1 + rng() * 10);
      const y = Array.from({ length: 6 }, () => 1 + rng() * 10);
      expect(populationStabilityIndex(x, y)).toBeCloseTo(populationStabilityIndex(y, x), 12);
      expect(populationStabilityIndex(x, y)).toBeGreaterThan(0);
    }
  });

  it('stays finite when a bin empties', () => {
    const v = populationStabilityIndex([50, 50], [100, 0]);
    // Shares .5 .5 vs 1 and a 1e-4 floor: (1 - .5) ln 2 + (1e-4 - .5) ln(2e-4) = 0.34657 + 4.25784.
    expect(v).toBeCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(2e-4), 10);
  });
});
