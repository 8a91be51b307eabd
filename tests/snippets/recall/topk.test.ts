import { describe, expect, it } from 'vitest';
import { retrieve, topK, type Scored } from '../../../content/snippets/recall/topk.ts';
import { mulberry32, normal, randomInt } from '../../../content/snippets/shared/random.ts';

/** The reference: sort everything (best score first, lower index first on ties), keep k. */
function fullSort(scores: readonly number[], k: number): Scored[] {
  return scores
    .map((score, index) => ({ index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}

describe('topK', () => {
  it('matches a full sort on seeded random data, including heavy ties and k > n', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 300; trial++) {
      const n = randomInt(rng, 60);
      // few distinct values on odd trials, so many ties must be broken by index
      const levels = trial % 2 === 1 ? 4 : 1_000_000;
      const scores = Array.from({ length: n }, () => randomInt(rng, levels) - levels / 2);
      const k = randomInt(rng, 70); // often larger than n
      expect(topK(scores, k)).toEqual(fullSort(scores, k));
    }
  });

  it('handles the hand case with ties', () => {
    // scores 3, 7, 7, 1, 7: the three 7s win, in index order
    expect(topK([3, 7, 7, 1, 7], 3)).toEqual([
      { index: 1, score: 7 },
      { index: 2, score: 7 },
      { index: 4, score: 7 },
    ]);
    expect(topK([3, 7], 5)).toEqual([
      { index: 1, score: 7 },
      { index: 0, score: 3 },
    ]);
    expect(topK([3, 7], 0)).toEqual([]);
    expect(topK([], 4)).toEqual([]);
  });

  it('handles negative and infinite scores', () => {
    expect(topK([-Infinity, -2, Infinity, -5], 2).map((s) => s.index)).toEqual([2, 1]);
  });

  it('rejects a bad k or a NaN score', () => {
    expect(() => topK([1, 2], -1)).toThrow(/k must be/);
    expect(() => topK([1, 2], 1.5)).toThrow(/k must be/);
    expect(() => topK([1, Number.NaN], 1)).toThrow(/NaN/);
  });
});

describe('retrieve', () => {
  it('returns the items with the largest inner product with the user', () => {
    const rng = mulberry32(5);
    const items = Array.from({ length: 200 }, () => [normal(rng), normal(rng), normal(rng)]);
    const user = [1, -0.5, 2];
    const got = retrieve(user, items, 10);
    const scores = items.map((v) => v[0]! - 0.5 * v[1]! + 2 * v[2]!);
    expect(got.map((s) => s.index)).toEqual(fullSort(scores, 10).map((s) => s.index));
    // the reported score is the inner product itself
    got.forEach((s) => expect(s.score).toBeCloseTo(scores[s.index]!, 12));
    expect(() => retrieve([1, 2], [[1, 2, 3]], 1)).toThrow(/dimension/);
  });

  it('matches naive scoring on seeded data of ordinary scale, seeds 1..5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const d = 4;
      const items = Array.from({ length: 100 }, () => Array.from({ length: d }, () => 5 * normal(rng)));
      const user = Array.from({ length: d }, () => normal(rng));
      const naive = items.map((v) => v.reduce((s, x, i) => s + x * user[i]!, 0));
      const got = retrieve(user, items, 7);
      expect(got.map((s) => s.index)).toEqual(fullSort(naive, 7).map((s) => s.index));
      got.forEach((s) => expect(s.score).toBeCloseTo(naive[s.index]!, 11));
    }
  });

  it('ranks tiny vectors correctly, where naive scores underflow to a tie at 0', () => {
    // true scores 1e-400, 2e-400, 6e-400: all 0 in double, so a naive ranking returns 0, 1, 2
    const user = [1e-200, 1e-200];
    const items = [
      [1e-200, 0],
      [0, 2e-200],
      [3e-200, 3e-200],
    ];
    expect(items.map((v) => v[0]! * user[0]! + v[1]! * user[1]!)).toEqual([0, 0, 0]);
    expect(retrieve(user, items, 3).map((s) => s.index)).toEqual([2, 1, 0]);
  });

  it('ranks huge vectors correctly, where naive scores overflow (Infinity ties, NaN)', () => {
    // true scores 1e400, 2e400, -2e400 and 0: naive gives Infinity, Infinity, -Infinity and NaN
    const user = [1e200, 1e200];
    const items = [
      [1e200, 0],
      [0, 2e200],
      [-1e200, -1e200],
      [1e200, -1e200],
    ];
    const got = retrieve(user, items, 4);
    expect(got.map((s) => s.index)).toEqual([1, 0, 3, 2]);
    // scores beyond 1.8e308 saturate; the exactly-zero one stays 0
    expect(got.map((s) => s.score)).toEqual([Infinity, Infinity, 0, -Infinity]);
    expect(() => retrieve([1, Number.NaN], items, 1)).toThrow(/finite/);
  });
});
