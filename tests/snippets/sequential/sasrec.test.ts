import { describe, expect, it } from 'vitest';
import {
  MASK,
  PAD,
  attentionMask,
  clozeMask,
  embedSequence,
  exactNdcg,
  fullSoftmaxCe,
  nextItemLogits,
  nextItemPairs,
  sampledBce,
  sampledHitProbability,
  sampledNdcg,
  sampledRankPmf,
  selfAttentionBlock,
  softplus,
  type BlockParams,
  type Matrix,
} from '../../../content/snippets/sequential/sasrec.ts';
import { mulberry32, normal, shuffle, type Rng } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];
const randn = (rng: Rng, r: number, c: number, scale = 1): Matrix =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => scale * normal(rng)));
const zeros = (r: number, c: number): Matrix => Array.from({ length: r }, () => new Array<number>(c).fill(0));

/** A block with random projections of width d and a feed-forward layer of width 2d. */
function randomBlock(rng: Rng, d: number): BlockParams {
  const s = 1 / Math.sqrt(d);
  return {
    wq: randn(rng, d, d, s),
    wk: randn(rng, d, d, s),
    wv: randn(rng, d, d, s),
    w1: randn(rng, d, 2 * d, s),
    b1: new Array<number>(2 * d).fill(0.1),
    w2: randn(rng, 2 * d, d, s),
    b2: new Array<number>(d).fill(-0.1),
  };
}

describe('attention masks', () => {
  it('hand cases: causal is lower-triangular, bidirectional is full, padding keys are hidden', () => {
    expect(attentionMask('causal', [true, true, true])).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
    expect(attentionMask('bidirectional', [true, true, true]).flat().every(Boolean)).toBe(true);
    // Left padding: the padded slot is never a key; as a query it sees only itself.
    expect(attentionMask('causal', [false, true, true])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, true, true],
    ]);
    expect(attentionMask('bidirectional', [false, true, true])).toEqual([
      [true, false, false],
      [false, true, true],
      [false, true, true],
    ]);
    expect(() => attentionMask('causal', [])).toThrow(RangeError);
  });
});

describe('one SASRec block', () => {
  it('hand case: zero query/key projections give uniform weights over the visible keys', () => {
    // x0 = (1, 3): mean 2, variance 1, so LN(x0) = (-1, 1) / sqrt(1 + 1e-5).
    // x1 = (0, 2): LN(x1) = (-1, 1) / sqrt(1 + 1e-5) as well.
    // Causal, Wv = I, feed-forward zero: row 0 = x0 + LN(x0); row 1 = x1 + (LN(x0) + LN(x1)) / 2.
    const c = 1 / Math.sqrt(1 + 1e-5);
    const I = [
      [1, 0],
      [0, 1],
    ];
    const p: BlockParams = {
      wq: zeros(2, 2),
      wk: zeros(2, 2),
      wv: I,
      w1: zeros(2, 2),
      b1: [0, 0],
      w2: zeros(2, 2),
      b2: [0, 0],
    };
    const x = [
      [1, 3],
      [0, 2],
    ];
    const { output, weights } = selfAttentionBlock(x, p, attentionMask('causal', [true, true]));
    expect(weights).toEqual([
      [1, 0],
      [0.5, 0.5],
    ]);
    expect(output[0]).toEqual([1 - c, 3 + c].map((v) => expect.closeTo(v, 12)));
    expect(output[1]).toEqual([0 - c, 2 + c].map((v) => expect.closeTo(v, 12)));
  });

  it('position t never attends to t + 1 or later (exact zeros), and attends to every earlier position', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const x = randn(rng, 7, 6);
      const { weights } = selfAttentionBlock(x, randomBlock(rng, 6), attentionMask('causal', new Array(7).fill(true)));
      weights.forEach((row, i) => row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0))));
    }
  });

  it('causal: changing the future leaves every earlier output bit-for-bit unchanged; bidirectional: it does not', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const p = randomBlock(rng, 6);
      const x = randn(rng, 8, 6);
      const changed = x.map((row, t) => (t >= 5 ? row.map(() => normal(rng)) : row));
      const all = new Array<boolean>(8).fill(true);
      const a = selfAttentionBlock(x, p, attentionMask('causal', all)).output;
      const b = selfAttentionBlock(changed, p, attentionMask('causal', all)).output;
      expect(b.slice(0, 5)).toEqual(a.slice(0, 5));
      const c = selfAttentionBlock(x, p, attentionMask('bidirectional', all)).output;
      const e = selfAttentionBlock(changed, p, attentionMask('bidirectional', all)).output;
      expect(Math.abs(c[0]![0]! - e[0]![0]!)).toBeGreaterThan(1e-6);
    }
  });

  it('padded slots do not influence the outputs at real positions, whatever they contain', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(100 + seed);
      const p = randomBlock(rng, 4);
      const valid = [false, false, true, true, true];
      const x = randn(rng, 5, 4);
      const junk = x.map((row, t) => (valid[t] ? row : row.map(() => 50 * normal(rng))));
      for (const kind of ['causal', 'bidirectional'] as const) {
        const a = selfAttentionBlock(x, p, attentionMask(kind, valid)).output;
        const b = selfAttentionBlock(junk, p, attentionMask(kind, valid)).output;
        expect(b.slice(2)).toEqual(a.slice(2));
      }
    }
  });

  it('stays finite for tiny and huge embeddings (layer norm rescales them)', () => {
    const rng = mulberry32(9);
    const p = randomBlock(rng, 4);
    for (const scale of [1e-200, 1e200]) {
      const x = randn(rng, 4, 4, scale);
      const { output, weights } = selfAttentionBlock(x, p, attentionMask('causal', [true, true, true, true]));
      for (const v of [...output.flat(), ...weights.flat()]) expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe('embeddings and scores', () => {
  it('embeds item plus position, and padding as zeros', () => {
    const M = [
      [1, 0],
      [0, 1],
    ];
    const P = [
      [10, 10],
      [20, 20],
      [30, 30],
    ];
    expect(embedSequence([PAD, 1, 0], M, P)).toEqual([
      [0, 0],
      [20, 21],
      [31, 30],
    ]);
    expect(() => embedSequence([0, 0, 0, 0], M, P)).toThrow(RangeError);
    expect(() => embedSequence([2], M, P)).toThrow(/items\[0\]/);
  });

  it('scores every item against the shared table (hand case) and refuses overflowing scores', () => {
    const M = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    expect(nextItemLogits([1, 2], M)).toEqual([1, 2, 3]);
    expect(() => nextItemLogits([1e200, 1e200], [[1e200, 1e200]])).toThrow(/not finite/);
  });
});

describe('losses', () => {
  const naiveBce = (pos: number, negs: number[]) =>
    -Math.log(1 / (1 + Math.exp(-pos))) - negs.reduce((s, z) => s + Math.log(1 - 1 / (1 + Math.exp(-z))), 0);

  it('sampled BCE: hand case and agreement with the naive formula on moderate logits', () => {
    // logits 0 and 0: -log(1/2) - log(1/2) = 2 log 2
    expect(sampledBce(0, [0])).toBeCloseTo(2 * Math.log(2), 14);
    const rng = mulberry32(3);
    for (let i = 0; i < 200; i++) {
      const pos = 6 * normal(rng);
      const negs = [6 * normal(rng), 6 * normal(rng)];
      // the naive 1 - sigmoid(z) loses digits for large z: compare relatively
      const naive = naiveBce(pos, negs);
      expect(Math.abs(sampledBce(pos, negs) - naive)).toBeLessThan(1e-8 * Math.max(1, naive));
    }
  });

  it('sampled BCE stays exact at logits of +-1000, where the naive formula is Infinity or NaN', () => {
    expect(sampledBce(1000, [-1000])).toBe(2 * Math.exp(-1000)); // both terms are log1p(e^-1000) = 0
    expect(sampledBce(-1000, [1000])).toBe(2000);
    expect(Number.isFinite(naiveBce(-1000, [1000]))).toBe(false);
    expect(softplus(-800)).toBeCloseTo(Math.exp(-800), 320);
    expect(() => sampledBce(Infinity, [])).toThrow(RangeError);
  });

  it('full softmax cross-entropy: hand case, agreement with naive, gaps of 800', () => {
    expect(fullSoftmaxCe([0, 0, 0], 1)).toBeCloseTo(Math.log(3), 14);
    const rng = mulberry32(4);
    for (let i = 0; i < 100; i++) {
      const z = [normal(rng), normal(rng), normal(rng), normal(rng)].map((v) => 5 * v);
      const naive = -Math.log(Math.exp(z[2]!) / z.reduce((s, v) => s + Math.exp(v), 0));
      expect(fullSoftmaxCe(z, 2)).toBeCloseTo(naive, 10);
    }
    expect(fullSoftmaxCe([1000, 200], 0)).toBe(0); // log1p(e^-800) rounds to 0
    expect(fullSoftmaxCe([1000, 200], 1)).toBe(800);
    // -1000 + log 2 rounds to a multiple of 1.1e-13 before -1000 is taken off again
    expect(fullSoftmaxCe([-1000, -1000], 0)).toBeCloseTo(Math.log(2), 12);
    expect(() => fullSoftmaxCe([0, 1], 2)).toThrow(RangeError);
  });
});

describe('training examples', () => {
  it('SASRec: every position predicts the next item; padding gives no pair', () => {
    expect(nextItemPairs([PAD, PAD, 3, 5, 7])).toEqual([
      { position: 2, target: 5 },
      { position: 3, target: 7 },
    ]);
    expect(nextItemPairs([4])).toEqual([]);
  });

  it('BERT4Rec cloze: masks round(rho n) real items, keeps their originals as targets, same seed same mask', () => {
    const items = [PAD, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    const a = clozeMask(items, 0.2, mulberry32(7));
    expect(a).toEqual(clozeMask(items, 0.2, mulberry32(7)));
    expect(a.targets).toHaveLength(2); // round(0.2 * 10)
    for (const { position, target } of a.targets) {
      expect(a.input[position]).toBe(MASK);
      expect(items[position]).toBe(target);
    }
    expect(a.input[0]).toBe(PAD);
    expect(a.input.filter((v) => v === MASK)).toHaveLength(2);
    expect(clozeMask([5, 6], 0.01, mulberry32(1)).targets).toHaveLength(1); // at least one
    expect(() => clozeMask(items, 0, mulberry32(1))).toThrow(RangeError);
    expect(() => clozeMask([PAD, PAD], 0.5, mulberry32(1))).toThrow(RangeError);
  });

  it('cloze: each real position is masked with frequency rho (2,000 draws per seed, 5 seeds)', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const hits = new Array<number>(10).fill(0);
      for (let i = 0; i < 2000; i++)
        for (const { position } of clozeMask(items, 0.3, rng).targets) hits[position]! += 1;
      // exactly 3 of 10 each time: frequency 0.3, sd sqrt(0.3 * 0.7 / 2000) = 0.0102; bound 0.045 is 4.4 sd
      for (const h of hits) expect(Math.abs(h / 2000 - 0.3)).toBeLessThan(0.045);
    }
  });
});

describe('sampled metrics', () => {
  /** C(n, k) as a float, for small n. */
  const choose = (n: number, k: number): number => {
    if (k < 0 || k > n) return 0;
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return c;
  };

  it('hand case: rank 5 of 20 with 4 negatives', () => {
    // 4 items above, 15 below; P(X = 0) = C(15, 4) / C(19, 4) = 1365 / 3876
    const pmf = sampledRankPmf(5, 20, 4);
    expect(pmf[0]).toBeCloseTo(1365 / 3876, 14);
    expect(pmf[4]).toBeCloseTo(1 / 3876, 14); // all four drawn are the four above
    expect(pmf.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('equals the hypergeometric formula term by term on small catalogues', () => {
    for (const n of [2, 5, 13, 40]) {
      for (let rank = 1; rank <= n; rank++) {
        for (const m of [0, 1, Math.floor((n - 1) / 2), n - 1]) {
          const pmf = sampledRankPmf(rank, n, m);
          pmf.forEach((p, x) =>
            expect(p).toBeCloseTo((choose(rank - 1, x) * choose(n - rank, m - x)) / choose(n - 1, m), 12),
          );
        }
      }
    }
  });

  it('agrees with drawing the negatives (20,000 draws per seed, 5 seeds)', () => {
    const n = 500;
    const rank = 40;
    const m = 20;
    const expected = sampledHitProbability(rank, n, m, 2);
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const others = Array.from({ length: n - 1 }, (_, i) => i); // ids < rank - 1 score above the target
      let hits = 0;
      for (let i = 0; i < 20000; i++) {
        const above = shuffle(rng, others)
          .slice(0, m)
          .filter((id) => id < rank - 1).length;
        if (above <= 1) hits += 1;
      }
      const sd = Math.sqrt((expected * (1 - expected)) / 20000);
      expect(Math.abs(hits / 20000 - expected)).toBeLessThan(4 * sd);
    }
  });

  it('one sampled negative turns HR@1 into the per-user AUC, (N - r) / (N - 1)', () => {
    for (const rank of [1, 7, 500, 999, 1000])
      expect(sampledHitProbability(rank, 1000, 1, 1)).toBeCloseTo((1000 - rank) / 999, 14);
  });

  it('extremes: rank 1, rank N with every item drawn, a million items, k above m', () => {
    expect(sampledRankPmf(1, 50, 10)[0]).toBe(1);
    const full = sampledRankPmf(50, 50, 49);
    expect(full[49]).toBeCloseTo(1, 12);
    const big = sampledRankPmf(300_000, 1_000_000, 1000);
    expect(big.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    for (const p of big) expect(Number.isFinite(p)).toBe(true);
    expect(sampledHitProbability(1_000_000, 1_000_000, 5, 10)).toBe(1); // 5 negatives can never push it out of a top 10
    expect(() => sampledRankPmf(0, 10, 3)).toThrow(RangeError);
    expect(() => sampledRankPmf(3, 10, 10)).toThrow(RangeError);
  });

  it('the worked example: sampled HR@10 prefers the model that full ranking scores zero', () => {
    const N = 10_000;
    const m = 100;
    // Model A: 30% of targets at exact rank 5, 70% at rank 1,000. Model B: every target at rank 60.
    const exactA = 0.3 * 1 + 0.7 * 0;
    const sampledA = 0.3 * sampledHitProbability(5, N, m, 10) + 0.7 * sampledHitProbability(1000, N, m, 10);
    const sampledB = sampledHitProbability(60, N, m, 10);
    expect(exactA).toBe(0.3);
    expect(sampledA.toFixed(3)).toBe('0.616');
    expect(sampledB.toFixed(3)).toBe('1.000');
    expect(sampledHitProbability(1000, N, m, 10).toFixed(3)).toBe('0.452');
    expect(sampledHitProbability(500, N, m, 10).toFixed(3)).toBe('0.973');
    expect(sampledHitProbability(2000, N, m, 10).toFixed(3)).toBe('0.002');
    // NDCG@10: exact A = 0.3 / log2(6) = 0.387 * 0.3; B = 0. Sampled: B above A.
    const ndcgA = 0.3 * exactNdcg(5, 10);
    expect(ndcgA.toFixed(3)).toBe('0.116');
    const sNdcgA = 0.3 * sampledNdcg(5, N, m, 10) + 0.7 * sampledNdcg(1000, N, m, 10);
    const sNdcgB = sampledNdcg(60, N, m, 10);
    expect(sNdcgA.toFixed(3)).toBe('0.395');
    expect(sNdcgB.toFixed(3)).toBe('0.818');
    // hand values and refusals: rank 1 scores 1, rank 3 scores 1 / log2(4) = 0.5, rank 0 is no rank
    expect(exactNdcg(1, 10)).toBe(1);
    expect(exactNdcg(3, 10)).toBe(0.5);
    expect(exactNdcg(11, 10)).toBe(0);
    expect(() => exactNdcg(0, 10)).toThrow(RangeError);
    // with every other item drawn, the sampled NDCG is the exact one
    expect(sampledNdcg(3, 50, 49, 10)).toBeCloseTo(0.5, 12);
  });
});
