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
    expect(() => retrieve([1, 2], [[1, 2, 3]], 1)).toThrow(/dimension/);
  });
});
