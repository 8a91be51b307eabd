import { describe, expect, it } from 'vitest';
import { neighbours, swingSimilarity, userWeight } from '../../../content/snippets/recall/swing.ts';
import { itemSimilarity } from '../../../content/snippets/recall/item-cf.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** Swing straight from the definition: for each item pair, every unordered pair of distinct co-users. */
function naiveSwing(userItems: number[][], nItems: number, alpha: number, a1: number, beta: number): number[][] {
  const I = userItems.map((items) => new Set(items));
  const w = I.map((s) => (s.size + a1) ** -beta);
  const s = Array.from({ length: nItems }, () => new Array<number>(nItems).fill(0));
  for (let i = 0; i < nItems; i++)
    for (let j = 0; j < nItems; j++) {
      if (i === j) continue;
      const both = I.flatMap((set, u) => (set.has(i) && set.has(j) ? [u] : []));
      for (let a = 0; a < both.length; a++)
        for (let b = a + 1; b < both.length; b++) {
          const [u, v] = [both[a]!, both[b]!];
          const overlap = [...I[u]!].filter((x) => I[v]!.has(x)).length;
          s[i]![j]! += (w[u]! * w[v]!) / (alpha + overlap);
        }
    }
  return s;
}

// The page's example: items A..E = 0..4.
const USERS = [
  [0, 1, 2], // u0: A, B, C
  [0, 1, 3], // u1: A, B, D
  [0, 1, 2, 3], // u2: A, B, C, D
  [0, 2, 4], // u3: A, C, E
];
const [A, B, C, D, E] = [0, 1, 2, 3, 4];

describe('swingSimilarity', () => {
  it('matches the hand computation on the four-user example (alpha = 1)', () => {
    const s = swingSimilarity(USERS, 5);
    // A-B: pairs (u0,u1) overlap {A,B} = 2, (u0,u2) {A,B,C} = 3, (u1,u2) {A,B,D} = 3
    //      1/3 + 1/4 + 1/4 = 0.833333
    expect(s[A]![B]).toBeCloseTo(1 / 3 + 1 / 4 + 1 / 4, 15);
    // A-C: pairs (u0,u2) overlap 3, (u0,u3) {A,C} = 2, (u2,u3) {A,C} = 2: 1/4 + 1/3 + 1/3 = 0.916667
    expect(s[A]![C]).toBeCloseTo(1 / 4 + 1 / 3 + 1 / 3, 15);
    // A-D: only (u1,u2), overlap 3 -> 0.25; B-C: only (u0,u2) -> 0.25; B-D: only (u1,u2) -> 0.25
    expect(s[A]![D]).toBeCloseTo(0.25, 15);
    expect(s[B]![C]).toBeCloseTo(0.25, 15);
    expect(s[B]![D]).toBeCloseTo(0.25, 15);
    // one co-user makes no swing: C-D (u2 only), A-E and C-E (u3 only)
    expect(s[C]![D]).toBe(0);
    expect(s[A]![E]).toBe(0);
    expect(s[C]![E]).toBe(0);
    expect(neighbours(s, A).map((n) => n.item)).toEqual([C, B, D]);
  });

  it('breaks the tie that co-occurrence and cosine leave between B and C', () => {
    const co = itemSimilarity(USERS, 5, { kind: 'cooccurrence' });
    const cos = itemSimilarity(USERS, 5, { kind: 'cosine' });
    expect(co[A]![B]).toBe(3);
    expect(co[A]![C]).toBe(3);
    expect(cos[A]![B]).toBeCloseTo(cos[A]![C]!, 15); // 3 / sqrt(4 * 3) = 0.866025 for both
    expect(cos[A]![E]).toBeCloseTo(0.5, 15); // cosine gives the single-user item E a score; Swing gives 0
    const s = swingSimilarity(USERS, 5);
    expect(s[A]![C]! - s[A]![B]!).toBeCloseTo(1 / 12, 15);
  });

  it('agrees with the naive definition on random data, with and without user weights', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const nItems = 12;
      const users = Array.from({ length: 15 }, () => {
        const set = new Set<number>();
        const size = 1 + Math.floor(rng() * 6);
        while (set.size < size) set.add(Math.floor(rng() * nItems));
        return [...set];
      });
      for (const [alpha, a1, beta] of [
        [1, 0, 0],
        [0.5, 0, 0.5],
        [2, 15, 0.3],
      ] as const) {
        const got = swingSimilarity(users, nItems, { alpha, userAlpha: a1, beta });
        const want = naiveSwing(users, nItems, alpha, a1, beta);
        got.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(want[i]![j]!, 12)));
        got.forEach((row, i) => row.forEach((x, j) => expect(x).toBe(got[j]![i]!))); // symmetric
        got.forEach((row, i) => expect(row[i]).toBe(0));
      }
    }
  });

  it('weights users by (|I_u| + alpha1)^-beta', () => {
    // A-B with beta = 0.5, alpha1 = 0: (u0,u1): 1/sqrt(3*3)/(1+2) = 1/9; (u0,u2): 1/sqrt(12)/4; (u1,u2): the same
    const s = swingSimilarity(USERS, 5, { beta: 0.5 });
    expect(s[A]![B]).toBeCloseTo(1 / 9 + 2 / (4 * Math.sqrt(12)), 15);
    expect(userWeight(4, 0, 0.5)).toBeCloseTo(0.5, 15);
    expect(userWeight(9, 0, 0)).toBe(1);
  });

  it('stays finite and ordered at extreme parameters', () => {
    const tiny = swingSimilarity(USERS, 5, { beta: 400 }); // weights ~ 3^-400 underflow to 0
    tiny.flat().forEach((x) => expect(Number.isFinite(x) && x >= 0).toBe(true));
    const big = swingSimilarity(USERS, 5, { alpha: 1e300 });
    expect(big[A]![C]! / big[A]![B]!).toBeCloseTo(1, 12); // alpha swamps the overlaps: 3 pairs each
    expect(swingSimilarity(USERS, 5, { alpha: 0 })[A]![B]).toBeCloseTo(1 / 2 + 1 / 3 + 1 / 3, 15);
    expect(() => swingSimilarity(USERS, 5, { alpha: -1 })).toThrow(/alpha/);
    expect(() => swingSimilarity(USERS, 5, { beta: NaN })).toThrow(/beta/);
    expect(() => swingSimilarity([[7]], 5)).toThrow(/outside/);
    expect(() => userWeight(0, 0, 1)).toThrow(/historySize/);
  });
});
