import { describe, expect, it } from 'vitest';
import {
  itemCfScores,
  itemSimilarity,
  rank,
  userCfScores,
  type SimilarityKind,
} from '../../../content/snippets/recall/item-cf.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

// Items A=0, B=1, C=2, D=3, E=4.
//   u0: A B D      u1: A C      u2: B C D      u3: A B C E
// Popularity N: A 3, B 3, C 3, D 2, E 1.
// Co-occurrence C_ij: AB 2 (u0,u3), AC 2 (u1,u3), AD 1, AE 1, BC 2 (u2,u3), BD 2 (u0,u2), BE 1,
// CD 1, CE 1, DE 0.
const toy = [
  [0, 1, 3],
  [0, 2],
  [1, 2, 3],
  [0, 1, 2, 4],
];
const [A, B, C, D, E] = [0, 1, 2, 3, 4] as const;

describe('item similarity on the toy matrix', () => {
  it('co-occurrence counts', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cooccurrence' });
    expect(s[A]).toEqual([0, 2, 2, 1, 1]);
    expect(s[D]).toEqual([1, 2, 1, 0, 0]);
  });

  it('cosine = C_ij / sqrt(N_i N_j)', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cosine' });
    expect(s[A]![B]).toBeCloseTo(2 / 3, 12); // 2 / sqrt(3*3)
    expect(s[B]![D]).toBeCloseTo(2 / Math.sqrt(6), 12); // 2 / sqrt(3*2) = 0.8165
    expect(s[A]![E]).toBeCloseTo(1 / Math.sqrt(3), 12); // 1 / sqrt(3*1) = 0.5774
    expect(s[D]![E]).toBe(0);
  });

  it('jaccard = C_ij / (N_i + N_j - C_ij)', () => {
    const s = itemSimilarity(toy, 5, { kind: 'jaccard' });
    expect(s[A]![B]).toBeCloseTo(0.5, 12); // 2 / (3 + 3 - 2)
    expect(s[A]![D]).toBeCloseTo(0.25, 12); // 1 / (3 + 2 - 1)
    expect(s[C]![E]).toBeCloseTo(1 / 3, 12); // 1 / (3 + 1 - 1)
  });

  it('IUF down-weights the co-occurrences of active users', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cooccurrence', iuf: true });
    // AB co-occur for u0 (3 items) and u3 (4 items): 1/ln 4 + 1/ln 5 = 0.7213 + 0.6213
    expect(s[A]![B]).toBeCloseTo(1 / Math.log(4) + 1 / Math.log(5), 12);
    // AC co-occur for u1 (2 items) and u3: 1/ln 3 + 1/ln 5
    expect(s[A]![C]).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(5), 12);
    expect(() => itemSimilarity(toy, 5, { kind: 'jaccard', iuf: true })).toThrow(/iuf/);
    expect(() => itemSimilarity(toy, 5, { kind: 'cosine', alpha: Number.NaN })).toThrow(
      /alpha must be a finite number/,
    );
  });
});

describe('item-CF scores for u1 (history A, C)', () => {
  it('cosine: B = 2/3 + 2/3, E = 2/sqrt(3), D = 2/sqrt(6)', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cosine' });
    const r = rank(itemCfScores([A, C], s));
    expect(r.map((x) => x.item)).toEqual([B, E, D]);
    expect(r[0]!.score).toBeCloseTo(4 / 3, 12); // 1.3333
    expect(r[1]!.score).toBeCloseTo(2 / Math.sqrt(3), 12); // 1.1547
    expect(r[2]!.score).toBeCloseTo(2 / Math.sqrt(6), 12); // 0.8165
  });

  it('a strong popularity penalty (alpha = 1) promotes the item seen once', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cosine', alpha: 1 });
    // sim = C_ij / N_j: B = 2/3 + 2/3 = 1.333, D = 1/2 + 1/2 = 1, E = 1/1 + 1/1 = 2
    const r = rank(itemCfScores([A, C], s));
    expect(r.map((x) => x.item)).toEqual([E, B, D]);
    expect(r[0]!.score).toBeCloseTo(2, 12);
  });

  it('co-occurrence favours the popular item', () => {
    const r = rank(itemCfScores([A, C], itemSimilarity(toy, 5, { kind: 'cooccurrence' })));
    // B = 2 + 2 = 4, D = 1 + 1 = 2, E = 1 + 1 = 2 (tie broken by index)
    expect(r).toEqual([
      { item: B, score: 4 },
      { item: D, score: 2 },
      { item: E, score: 2 },
    ]);
  });

  it('neighbours = 1: each history item votes only for its single most similar item', () => {
    const s = itemSimilarity(toy, 5, { kind: 'cosine' });
    // A's top neighbour: B and C tie at 2/3 -> B (lower index); C's: A 2/3, B 2/3 -> A (seen)
    const r = rank(itemCfScores([A, C], s, 1));
    expect(r.map((x) => x.item)).toEqual([B]);
    expect(r[0]!.score).toBeCloseTo(2 / 3, 12);
  });
});

describe('user-CF', () => {
  it('scores u1 by its cosine neighbours', () => {
    // sim(u1,u0) = 1/sqrt(2*3), sim(u1,u2) = 1/sqrt(2*3), sim(u1,u3) = 2/sqrt(2*4)
    // B: u0 + u2 + u3 = 2/sqrt(6) + 1/sqrt(2) = 1.5236; D: u0 + u2 = 0.8165; E: u3 = 0.7071
    const r = rank(userCfScores(toy, 1));
    expect(r.map((x) => x.item)).toEqual([B, D, E]);
    expect(r[0]!.score).toBeCloseTo(2 / Math.sqrt(6) + 1 / Math.sqrt(2), 12);
    expect(r[2]!.score).toBeCloseTo(1 / Math.sqrt(2), 12);
    // only the nearest user (u3) votes: B and E, each with 0.7071
    const near = rank(userCfScores(toy, 1, 1));
    expect(near.map((x) => x.item)).toEqual([B, E]);
    for (const x of near) expect(x.score).toBeCloseTo(1 / Math.sqrt(2), 12);
  });
});

describe('inverted-index similarity equals the naive column computation', () => {
  function naive(userItems: number[][], nItems: number, kind: SimilarityKind, alpha: number, iuf: boolean): number[][] {
    // dense user x item matrix, then one pass over all item pairs
    const R = userItems.map((items) => {
      const row = new Array<number>(nItems).fill(0);
      for (const i of items) row[i] = 1;
      return row;
    });
    const w = userItems.map((items) => (iuf ? 1 / Math.log(1 + items.length) : 1));
    const out: number[][] = [];
    for (let i = 0; i < nItems; i++) {
      out.push([]);
      for (let j = 0; j < nItems; j++) {
        let c = 0;
        let ni = 0;
        let nj = 0;
        R.forEach((row, u) => {
          c += row[i]! * row[j]! * w[u]!;
          ni += row[i]!;
          nj += row[j]!;
        });
        let s = 0;
        if (i !== j && c > 0) {
          if (kind === 'cooccurrence') s = c;
          else if (kind === 'jaccard') s = c / (ni + nj - c);
          else s = c / (ni ** (1 - alpha) * nj ** alpha);
        }
        out[i]!.push(s);
      }
    }
    return out;
  }

  it('on random interaction lists, for every kind', () => {
    const rng = mulberry32(77);
    for (let trial = 0; trial < 30; trial++) {
      const nItems = 2 + Math.floor(rng() * 12);
      const nUsers = 1 + Math.floor(rng() * 15);
      const userItems = Array.from({ length: nUsers }, () => {
        const set = new Set<number>();
        const len = 1 + Math.floor(rng() * nItems);
        for (let t = 0; t < len; t++) set.add(Math.floor(rng() * nItems));
        return [...set];
      });
      const cases: [SimilarityKind, number, boolean][] = [
        ['cooccurrence', 0.5, false],
        ['cooccurrence', 0.5, true],
        ['cosine', 0.5, false],
        ['cosine', 0.8, true],
        ['jaccard', 0.5, false],
      ];
      for (const [kind, alpha, iuf] of cases) {
        const fast = itemSimilarity(userItems, nItems, { kind, alpha, iuf });
        const slow = naive(userItems, nItems, kind, alpha, iuf);
        fast.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(slow[i]![j]!, 10)));
        // cosine (alpha 0.5) and jaccard are symmetric and at most 1 on binary data
        if (kind !== 'cooccurrence' && alpha === 0.5 && !iuf) {
          fast.forEach((row, i) =>
            row.forEach((v, j) => {
              expect(v).toBeCloseTo(fast[j]![i]!, 12);
              expect(v).toBeLessThanOrEqual(1 + 1e-12);
            }),
          );
        }
      }
    }
  });
});
