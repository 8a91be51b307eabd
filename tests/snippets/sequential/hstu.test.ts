import { describe, expect, it } from 'vitest';
import {
  attentionScoreCount,
  mFalconMask,
  pointwiseAttention,
  rankingSequence,
  retrievalTargets,
  silu,
  softmaxAttention,
} from '../../../content/snippets/sequential/hstu.ts';
import { causalMask, type Matrix } from '../../../content/snippets/deep-learning/attention.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

const HISTORY = [
  { item: 'v1', action: 'like' },
  { item: 'v2', action: 'skip' },
  { item: 'v3', action: 'watch' },
];

function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => normal(rng)));
}

describe('rankingSequence and retrievalTargets', () => {
  it('interleaves items and actions, with a target only at item tokens', () => {
    const { tokens, targets } = rankingSequence(HISTORY, 'v4');
    expect(tokens.map((t) => `${t.kind}:${t.id}`)).toEqual([
      'item:v1',
      'action:like',
      'item:v2',
      'action:skip',
      'item:v3',
      'action:watch',
      'item:v4',
    ]);
    expect(targets).toEqual(['like', null, 'skip', null, 'watch', null, null]);
    expect(rankingSequence([]).tokens).toEqual([]);
  });

  it('targets the next item only when the user acted positively on it', () => {
    const positive = (a: string) => a !== 'skip';
    // position 0 -> v2 was skipped: null; position 1 -> v3 watched: 'v3'; position 2: nothing follows
    expect(retrievalTargets(HISTORY, positive)).toEqual([null, 'v3', null]);
  });
});

describe('silu', () => {
  it('matches hand values and the naive formula', () => {
    expect(silu(0)).toBe(0);
    expect(silu(1)).toBeCloseTo(0.7310585786300049, 15); // 1 / (1 + e^-1)
    expect(silu(-1)).toBeCloseTo(-0.2689414213699951, 15); // -1 / (1 + e)
    const rng = mulberry32(2);
    for (let t = 0; t < 500; t++) {
      const x = 20 * normal(rng);
      expect(silu(x)).toBeCloseTo(x / (1 + Math.exp(-x)), 12);
    }
  });

  it('is finite at the extremes', () => {
    expect(silu(1000)).toBe(1000);
    expect(Object.is(silu(-1000), -0) || silu(-1000) === 0).toBe(true);
    expect(silu(-745)).toBeLessThanOrEqual(0);
    expect(() => silu(Number.NaN)).toThrow(/NaN/);
  });
});

describe('pointwise vs softmax aggregation', () => {
  // q matches key A = [1, 0] (score 3) and is orthogonal to B = [0, 1] (score 0).
  const q = [[3, 0]];
  const A = { k: [1, 0], v: [1, 0] };
  const B = { k: [0, 1], v: [0, 1] };
  const history = (a: number, b: number) => [...Array<typeof A>(a).fill(A), ...Array<typeof B>(b).fill(B)];

  it('softmax keeps only the share of matching events; pointwise keeps their count', () => {
    const x = history(1, 1); // one match in two events
    const y = history(10, 10); // ten matches in twenty
    const sx = softmaxAttention(
      q,
      x.map((e) => e.k),
      x.map((e) => e.v),
    ).output[0]!;
    const sy = softmaxAttention(
      q,
      y.map((e) => e.k),
      y.map((e) => e.v),
    ).output[0]!;
    // e^3 / (e^3 + 1) = 0.9526 for both users
    expect(sx[0]).toBeCloseTo(Math.exp(3) / (Math.exp(3) + 1), 12);
    expect(sx[0]).toBeCloseTo(0.9526, 4);
    expect(sy[0]).toBeCloseTo(sx[0]!, 12);
    const N = 20;
    const px = pointwiseAttention(
      q,
      x.map((e) => e.k),
      x.map((e) => e.v),
      N,
    ).output[0]!;
    const py = pointwiseAttention(
      q,
      y.map((e) => e.k),
      y.map((e) => e.v),
      N,
    ).output[0]!;
    // SiLU(3) = 3 / (1 + e^-3) = 2.8577; SiLU(0) = 0 so B adds nothing
    expect(px).toEqual([expect.closeTo(3 / (1 + Math.exp(-3)) / 20, 12), 0]);
    expect(px[0]).toBeCloseTo(0.1429, 4);
    expect(py[0]).toBeCloseTo(10 * px[0]!, 12);
    expect(py[0]).toBeCloseTo(1.4289, 4);
    expect(py[1]).toBe(0);
  });

  it('pointwise rows need not sum to one; softmax rows always do', () => {
    const rng = mulberry32(4);
    const [Q, K, V] = [randomMatrix(rng, 6, 3), randomMatrix(rng, 6, 3), randomMatrix(rng, 6, 2)];
    const mask = causalMask(6);
    for (const row of softmaxAttention(Q, K, V, { mask }).weights)
      expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    const sums = pointwiseAttention(Q, K, V, 6, { mask }).weights.map((r) => r.reduce((s, w) => s + w, 0));
    expect(sums.some((s) => Math.abs(s - 1) > 0.05)).toBe(true);
  });

  it('equals the sum written out term by term, with bias and mask (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 7;
      const [Q, K, V, bias] = [
        randomMatrix(rng, n, 4),
        randomMatrix(rng, n, 4),
        randomMatrix(rng, n, 3),
        randomMatrix(rng, n, n),
      ];
      const mask = causalMask(n);
      const out = pointwiseAttention(Q, K, V, 16, { mask, bias, scale: 0.5 }).output;
      for (let i = 0; i < n; i++)
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let j = 0; j <= i; j++) {
            const z = 0.5 * Q[i]!.reduce((t, x, f) => t + x * K[j]![f]!, 0) + bias[i]![j]!;
            s += (z / (1 + Math.exp(-z)) / 16) * V[j]![c]!;
          }
          expect(out[i]![c]).toBeCloseTo(s, 12);
        }
    }
  });

  it('is causal: changing a later token leaves every earlier output unchanged', () => {
    const rng = mulberry32(11);
    const [Q, K, V] = [randomMatrix(rng, 5, 3), randomMatrix(rng, 5, 3), randomMatrix(rng, 5, 2)];
    const mask = causalMask(5);
    const before = pointwiseAttention(Q, K, V, 5, { mask }).output;
    K[4] = [100, -100, 3];
    V[4] = [7, 7];
    const after = pointwiseAttention(Q, K, V, 5, { mask }).output;
    for (let i = 0; i < 4; i++) expect(after[i]).toEqual(before[i]);
    expect(after[4]).not.toEqual(before[4]);
  });

  it('stays finite for scores of +-1000', () => {
    const out = pointwiseAttention([[1000], [-1000]], [[1], [1]], [[1], [2]], 2).output;
    expect(out[0]![0]).toBeCloseTo((1000 + 2000) / 2, 9);
    expect(out[1]![0]).toBe(0);
    const soft = softmaxAttention([[1000]], [[1], [0.2]], [[1], [2]]).output;
    expect(soft[0]![0]).toBeCloseTo(1, 12); // the 800 gap leaves the second key with e^-800 = 0
  });

  it('rejects bad arguments', () => {
    expect(() => pointwiseAttention([[1]], [[1]], [[1]], 0)).toThrow(/normalizer/);
    expect(() => pointwiseAttention([[1]], [[1, 2]], [[1]], 1)).toThrow(/one width/);
    expect(() => pointwiseAttention([[1]], [[1]], [[1], [2]], 1)).toThrow(/one row per key/);
    expect(() => pointwiseAttention([[1]], [[1], [1]], [[1], [1]], 1, { mask: [[true]] })).toThrow(/mask/);
  });
});

describe('mFalconMask', () => {
  it('is causal on the history and lets each candidate read history and itself only', () => {
    const m = mFalconMask(3, 2);
    const show = m.map((row) => row.map((b) => (b ? 1 : 0)).join(''));
    expect(show).toEqual(['10000', '11000', '11100', '11110', '11101']);
    expect(mFalconMask(0, 2)).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(() => mFalconMask(-1, 2)).toThrow(/n must/);
  });

  it('scores b candidates in one pass exactly as b separate passes (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 6;
      const b = 4;
      const d = 3;
      const hist = { q: randomMatrix(rng, n, d), k: randomMatrix(rng, n, d), v: randomMatrix(rng, n, 2) };
      const cand = { q: randomMatrix(rng, b, d), k: randomMatrix(rng, b, d), v: randomMatrix(rng, b, 2) };
      const N = 64; // a fixed normaliser, as in the released code (the maximum length)
      const batched = pointwiseAttention([...hist.q, ...cand.q], [...hist.k, ...cand.k], [...hist.v, ...cand.v], N, {
        mask: mFalconMask(n, b),
      }).output;
      const batchedSoft = softmaxAttention([...hist.q, ...cand.q], [...hist.k, ...cand.k], [...hist.v, ...cand.v], {
        mask: mFalconMask(n, b),
      }).output;
      for (let c = 0; c < b; c++) {
        const one = (x: Matrix, y: Matrix) => [...x, y[c]!];
        const alone = pointwiseAttention(one(hist.q, cand.q), one(hist.k, cand.k), one(hist.v, cand.v), N, {
          mask: causalMask(n + 1),
        }).output;
        const aloneSoft = softmaxAttention(one(hist.q, cand.q), one(hist.k, cand.k), one(hist.v, cand.v), {
          mask: causalMask(n + 1),
        }).output;
        batched[n + c]!.forEach((x, j) => expect(x).toBeCloseTo(alone[n]![j]!, 12));
        batchedSoft[n + c]!.forEach((x, j) => expect(x).toBeCloseTo(aloneSoft[n]![j]!, 12));
        // ... and the history rows do not change either
        for (let i = 0; i < n; i++) batched[i]!.forEach((x, j) => expect(x).toBeCloseTo(alone[i]![j]!, 12));
      }
      // dividing by the actual length instead (n + b in the batch, n + 1 alone) breaks the equality
      const byLength = pointwiseAttention(
        [...hist.q, ...cand.q],
        [...hist.k, ...cand.k],
        [...hist.v, ...cand.v],
        n + b,
        {
          mask: mFalconMask(n, b),
        },
      ).output;
      const aloneByLength = pointwiseAttention(
        [...hist.q, cand.q[0]!],
        [...hist.k, cand.k[0]!],
        [...hist.v, cand.v[0]!],
        n + 1,
        { mask: causalMask(n + 1) },
      ).output;
      expect(Math.abs(byLength[n]![0]! - aloneByLength[n]![0]!)).toBeGreaterThan(1e-6);
    }
  });
});

describe('attentionScoreCount', () => {
  it('counts by hand', () => {
    // n = 1000 history tokens, m = 1000 candidates, micro-batches of b = 100
    expect(attentionScoreCount(1000, 1000, 100, 'separate')).toBe(1000 * 1001 ** 2); // 1,002,001,000
    expect(attentionScoreCount(1000, 1000, 100, 'batched')).toBe(10 * 1100 ** 2); // 12,100,000
    expect(attentionScoreCount(1000, 1000, 100, 'cached')).toBe(1000 ** 2 + 10 * 100 * 1100); // 2,100,000
    // a last, partial micro-batch is padded to b
    expect(attentionScoreCount(2, 5, 2, 'batched')).toBe(3 * 16);
    // one candidate per batch without a cache is the separate count
    expect(attentionScoreCount(7, 9, 1, 'batched')).toBe(attentionScoreCount(7, 9, 1, 'separate'));
  });

  it('matches the size of the masked matrices it stands for', () => {
    const n = 5;
    const b = 3;
    expect(mFalconMask(n, b).flat().length).toBe(attentionScoreCount(n, b, b, 'batched'));
  });

  it('rejects bad sizes', () => {
    expect(() => attentionScoreCount(10, 0, 1, 'cached')).toThrow(/m must/);
    expect(() => attentionScoreCount(10, 5, 1.5, 'cached')).toThrow(/b must/);
  });
});
