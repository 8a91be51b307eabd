import { describe, expect, it } from 'vitest';
import {
  attention,
  attentionScores,
  BERT_BASE,
  BERT_LARGE,
  bertParams,
  causalMask,
  crossAttention,
  matMul,
  multiHeadSelfAttention,
  positionalEncoding,
  shiftEncoding,
  softmax,
  transformerLayerParams,
  type Matrix,
  type MultiHeadParams,
} from '../../../content/snippets/deep-learning/attention.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

const randn = (rng: Rng, r: number, c: number): Matrix =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => normal(rng)));
const identity = (n: number): Matrix =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

describe('scaled dot-product attention', () => {
  it('hand case: one query, two keys', () => {
    // scores = [1*1 + 0*0, 1*0 + 0*1] / sqrt(2) = [0.7071068, 0]
    // weights = [e^0.7071068, 1] / (2.0281150 + 1) = [0.6697615, 0.3302385]
    // output = 0.6697615*[1, 2] + 0.3302385*[3, 4] = [1.6604769, 2.6604769]
    const { output, weights } = attention(
      [[1, 0]],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(weights[0]).toEqual([0.6697615493266569, 0.3302384506733431].map((v) => expect.closeTo(v, 12)));
    expect(output[0]).toEqual([1.6604769013466862, 2.6604769013466862].map((v) => expect.closeTo(v, 12)));
  });

  it('every row of weights is a probability distribution (seeded random inputs, with and without a mask)', () => {
    const rng = mulberry32(10);
    const q = randn(rng, 6, 8);
    const k = randn(rng, 6, 8);
    const v = randn(rng, 6, 3);
    for (const mask of [undefined, causalMask(6)]) {
      const { weights } = attention(q, k, v, mask);
      for (const row of weights) {
        expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
        for (const w of row) expect(w).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('a causal mask gives exactly zero weight to future positions; the first query sees only itself', () => {
    const rng = mulberry32(4);
    const x = randn(rng, 5, 4);
    const { weights, output } = attention(x, x, x, causalMask(5));
    weights.forEach((row, i) => row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0))));
    expect(output[0]).toEqual(x[0]!.map((v) => expect.closeTo(v, 12)));
  });

  it('equals a naive per-query loop', () => {
    const rng = mulberry32(6);
    const q = randn(rng, 3, 4);
    const k = randn(rng, 5, 4);
    const v = randn(rng, 5, 2);
    const { output } = attention(q, k, v);
    q.forEach((qi, i) => {
      const s = k.map((kj) => kj.reduce((acc, x, t) => acc + x * qi[t]!, 0) / 2); // sqrt(4) = 2
      const z = s.map(Math.exp);
      const total = z.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 2; c++) {
        const expected = v.reduce((acc, vj, j) => acc + (z[j]! / total) * vj[c]!, 0);
        expect(output[i]![c]).toBeCloseTo(expected, 12);
      }
    });
  });

  it('is unchanged when keys and values are permuted together (attention is a set operation)', () => {
    const rng = mulberry32(7);
    const q = randn(rng, 2, 3);
    const k = randn(rng, 4, 3);
    const v = randn(rng, 4, 2);
    const perm = [2, 0, 3, 1];
    const a = attention(q, k, v).output;
    const b = attention(
      q,
      perm.map((p) => k[p]!),
      perm.map((p) => v[p]!),
    ).output;
    for (let i = 0; i < 2; i++) for (let c = 0; c < 2; c++) expect(b[i]![c]).toBeCloseTo(a[i]![c]!, 12);
  });

  it('dividing by sqrt(d_k) keeps the score variance near 1 for unit-variance q and k (seeds 1..5)', () => {
    // Each score is q.k / 8 for an independent pair: a sum of 64 products of independent N(0,1),
    // variance 64 before scaling, 1 after. The variance of one squared score is E s^4 - 1 = 2 + 6/64
    // (a product of two normals has fourth moment 9), so with 4,000 independent pairs the estimate
    // has sd sqrt(2.094 / 4000) = 0.023: the bound 0.1 is 4.4 sd, and a missing or doubled scale
    // (variance 64 or 0.25) fails by far.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 4000;
      const scores = Array.from({ length: n }, () => attentionScores(randn(rng, 1, 64), randn(rng, 1, 64))[0]![0]!);
      const variance = scores.reduce((a, b) => a + b * b, 0) / n; // the mean is 0 by construction
      expect(Math.abs(variance - 1)).toBeLessThan(0.1);
    }
  });

  it('softmax is stable on huge scores and rejects an all-masked row', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(/masked/);
  });

  it('softmax at scores of +-1000 and gaps of 800 matches the analytic weights', () => {
    // shifted by the max: [0, -800, -2000] -> weights [1, e^-800 = 0, 0]; naive exp(1000) = Infinity
    expect(softmax([1000, 200, -1000])).toEqual([1, 0, 0]);
    expect(Math.exp(1000)).toBe(Infinity);
    // a gap of 30: the small weight is e^-30 / (1 + e^-30), kept to full relative precision
    const w = softmax([-1000, -970]);
    expect(w[0]! / (Math.exp(-30) / (1 + Math.exp(-30)))).toBeCloseTo(1, 13);
    expect(softmax([-1000, -1000, -1000])).toEqual([1 / 3, 1 / 3, 1 / 3].map((v) => expect.closeTo(v, 15)));
    expect(() => softmax([Number.NaN, 1])).toThrow(/finite/);
    expect(() => softmax([Infinity, 1])).toThrow(/finite/);
  });

  it('attention with scores of about 1000 puts all weight on the best key; tiny vectors give uniform weights', () => {
    // q = (1000, 0) against keys (2, 0) and (0.5, 0), d_k = 2: scaled scores 1414.2 and 353.6; the
    // gap of 1060.7 makes the second weight e^-1060.7, below the smallest float64 (e^-745)
    const big = attention(
      [[1000, 0]],
      [
        [2, 0],
        [0.5, 0],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(big.weights[0]).toEqual([1, 0]);
    expect(big.output[0]).toEqual([1, 2]);
    // entries of 1e-200: every score underflows to 0, so the weights are uniform, the output the mean value
    const tiny = attention(
      [[1e-200, 1e-200]],
      [
        [1e-200, 0],
        [0, 1e-200],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(tiny.weights[0]).toEqual([0.5, 0.5]);
    expect(tiny.output[0]).toEqual([2, 3]);
    // scores that overflow float64 (entries of 1e200) are reported, not turned into NaN weights
    expect(() => attention([[1e200, 1e200]], [[1e200, 1e200]], [[1]])).toThrow(/finite/);
  });
});

describe('multi-head attention', () => {
  it('one head with Wo = I is plain attention on the projections', () => {
    const rng = mulberry32(13);
    const x = randn(rng, 4, 3);
    const wq = randn(rng, 3, 2);
    const wk = randn(rng, 3, 2);
    const wv = randn(rng, 3, 2);
    const mh = multiHeadSelfAttention(x, { wq: [wq], wk: [wk], wv: [wv], wo: identity(2) }).output;
    const single = attention(matMul(x, wq), matMul(x, wk), matMul(x, wv)).output;
    expect(mh.flat()).toEqual(single.flat().map((v) => expect.closeTo(v, 12)));
  });

  it('concatenates the heads side by side before Wo', () => {
    // two heads, each projecting onto one coordinate; with Wo = I column h is head h's output
    const rng = mulberry32(14);
    const x = randn(rng, 3, 2);
    const e0 = [[1], [0]];
    const e1 = [[0], [1]];
    const { output } = multiHeadSelfAttention(x, { wq: [e0, e1], wk: [e0, e1], wv: [e0, e1], wo: identity(2) });
    const head0 = attention(matMul(x, e0), matMul(x, e0), matMul(x, e0)).output;
    const head1 = attention(matMul(x, e1), matMul(x, e1), matMul(x, e1)).output;
    output.forEach((row, t) => {
      expect(row[0]).toBeCloseTo(head0[t]![0]!, 12);
      expect(row[1]).toBeCloseTo(head1[t]![0]!, 12);
    });
    // a Wo that swaps columns mixes across heads
    const swapped = multiHeadSelfAttention(x, {
      wq: [e0, e1],
      wk: [e0, e1],
      wv: [e0, e1],
      wo: [
        [0, 1],
        [1, 0],
      ],
    }).output;
    swapped.forEach((row, t) => expect(row[0]).toBeCloseTo(head1[t]![0]!, 12));
  });

  it('d_model = 64 split into 8 heads of 8 gives back 64 features per token', () => {
    const rng = mulberry32(15);
    const x = randn(rng, 5, 64);
    const heads = Array.from({ length: 8 }, () => randn(rng, 64, 8));
    const { output, weights } = multiHeadSelfAttention(x, { wq: heads, wk: heads, wv: heads, wo: randn(rng, 64, 64) });
    expect(output.length).toBe(5);
    expect(output[0]!.length).toBe(64);
    expect(weights.length).toBe(8);
  });
});

describe('sinusoidal positional encoding', () => {
  it('PE(pos, 2i) = sin(pos / 10000^(2i/d)) and PE(pos, 2i+1) = cos(...)', () => {
    // d = 4, pos = 10: i = 0 -> angle 10;  i = 1 -> angle 10 / 10000^(2/4) = 10/100 = 0.1
    const pe = positionalEncoding(10, 4);
    expect(pe[0]).toBeCloseTo(Math.sin(10), 14);
    expect(pe[1]).toBeCloseTo(Math.cos(10), 14);
    expect(pe[2]).toBeCloseTo(0.09983341664682815, 14);
    expect(pe[3]).toBeCloseTo(0.9950041652780258, 14);
    expect(positionalEncoding(0, 6)).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('has norm sqrt(d/2) at every position', () => {
    for (const pos of [0, 7, 500]) expect(Math.hypot(...positionalEncoding(pos, 64))).toBeCloseTo(Math.sqrt(32), 12);
  });

  it('PE(pos + k) is a fixed linear map (depending on k only) of PE(pos)', () => {
    const d = 16;
    for (const k of [1, 5, 37]) {
      for (const pos of [0, 3, 100, 511]) {
        const shifted = shiftEncoding(positionalEncoding(pos, d), k);
        expect(shifted).toEqual(positionalEncoding(pos + k, d).map((v) => expect.closeTo(v, 10)));
      }
    }
  });

  it('the dot product PE(p) . PE(p + k) depends on the offset k only', () => {
    const d = 32;
    const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
    for (const k of [1, 4, 20]) {
      // sum_i cos(k w_i): sin a sin b + cos a cos b = cos(a - b)
      let expected = 0;
      for (let i = 0; i < d / 2; i++) expected += Math.cos(k / 10000 ** ((2 * i) / d));
      for (const p of [0, 9, 250]) {
        expect(dot(positionalEncoding(p, d), positionalEncoding(p + k, d))).toBeCloseTo(expected, 10);
      }
    }
  });

  it('rejects an odd d', () => {
    expect(() => positionalEncoding(1, 5)).toThrow(/even/);
  });
});

describe('encoder-decoder cross-attention', () => {
  const params = (rng: Rng, d: number, h: number): MultiHeadParams => ({
    wq: Array.from({ length: h }, () => randn(rng, d, d / h)),
    wk: Array.from({ length: h }, () => randn(rng, d, d / h)),
    wv: Array.from({ length: h }, () => randn(rng, d, d / h)),
    wo: randn(rng, d, d),
  });

  it('hand case: one decoder query reading two encoder positions', () => {
    // one head, identity projections, d = 2: the query (1, 0) against encoder keys (1, 0) and (0, 1)
    // is the self-attention hand case of the page: weights (0.6698, 0.3302), output (1.6605, 2.6605)
    // when the encoder's values are (1, 2) and (3, 4). Here keys and values are the same rows, so
    // the encoder output is Z = [(1, 0), (0, 1)] with Wv mapping (1, 0) -> (1, 2), (0, 1) -> (3, 4).
    const out = crossAttention(
      [[1, 0]],
      [
        [1, 0],
        [0, 1],
      ],
      {
        wq: [identity(2)],
        wk: [identity(2)],
        wv: [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        wo: identity(2),
      },
    );
    expect(out.weights[0]![0]![0]).toBeCloseTo(0.6698, 4);
    expect(out.output[0]![0]).toBeCloseTo(1.6605, 4);
    expect(out.output[0]![1]).toBeCloseTo(2.6605, 4);
  });

  it('has one output row per decoder position and one weight per source position', () => {
    const rng = mulberry32(31);
    const p = params(rng, 8, 2);
    const { output, weights } = crossAttention(randn(rng, 3, 8), randn(rng, 5, 8), p);
    expect(output).toHaveLength(3);
    expect(output[0]).toHaveLength(8);
    expect(weights).toHaveLength(2);
    for (const w of weights) {
      expect(w).toHaveLength(3);
      for (const row of w) {
        expect(row).toHaveLength(5);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
  });

  it('equals a naive loop: queries from the decoder, keys and values from the encoder', () => {
    const rng = mulberry32(32);
    const d = 6;
    const h = 3;
    const p = params(rng, d, h);
    const Y = randn(rng, 4, d);
    const Z = randn(rng, 7, d);
    const { output } = crossAttention(Y, Z, p);
    const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const row = (m: Matrix, x: readonly number[]) => m[0]!.map((_, j) => x.reduce((s, v, i) => s + v * m[i]![j]!, 0));
    Y.forEach((y, t) => {
      const concat: number[] = [];
      for (let k = 0; k < h; k++) {
        const q = row(p.wq[k]!, y);
        const keys = Z.map((z) => row(p.wk[k]!, z));
        const values = Z.map((z) => row(p.wv[k]!, z));
        const scores = keys.map((key) => dot(q, key) / Math.sqrt(d / h));
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const total = e.reduce((a, b) => a + b, 0);
        concat.push(...values[0]!.map((_, j) => values.reduce((s, v, i) => s + (e[i]! / total) * v[j]!, 0)));
      }
      row(p.wo, concat).forEach((v, j) => expect(output[t]![j]).toBeCloseTo(v, 10));
    });
  });

  it('a decoder position reads the whole source: source order does not matter, its own row only depends on itself', () => {
    const rng = mulberry32(33);
    const p = params(rng, 4, 2);
    const Y = randn(rng, 3, 4);
    const Z = randn(rng, 5, 4);
    const base = crossAttention(Y, Z, p).output;
    // permuting the encoder positions leaves every output unchanged (keys and values move together)
    const permuted = crossAttention(Y, [Z[3]!, Z[0]!, Z[4]!, Z[1]!, Z[2]!], p).output;
    permuted.flat().forEach((v, i) => expect(v).toBeCloseTo(base.flat()[i]!, 12));
    // changing decoder position 1 changes output row 1 only
    const Y2 = Y.map((r, t) => (t === 1 ? r.map((v) => v + 1) : r));
    const changed = crossAttention(Y2, Z, p).output;
    expect(changed[0]).toEqual(base[0]);
    expect(changed[2]).toEqual(base[2]);
    expect(changed[1]!.some((v, j) => Math.abs(v - base[1]![j]!) > 1e-6)).toBe(true);
    // changing one encoder position changes every row
    const Z2 = Z.map((r, i) => (i === 2 ? r.map((v) => v + 1) : r));
    crossAttention(Y, Z2, p).output.forEach((r, t) =>
      expect(r.some((v, j) => Math.abs(v - base[t]![j]!) > 1e-6)).toBe(true),
    );
  });

  it('is self-attention when the decoder states are the encoder output, and a mask hides source padding', () => {
    const rng = mulberry32(34);
    const p = params(rng, 4, 2);
    const X = randn(rng, 5, 4);
    const cross = crossAttention(X, X, p).output;
    const self = multiHeadSelfAttention(X, p).output;
    cross.flat().forEach((v, i) => expect(v).toBeCloseTo(self.flat()[i]!, 12));
    // source positions 3 and 4 are padding: weight exactly 0, and the output ignores their content
    const Y = randn(rng, 2, 4);
    const mask = [0, 1].map(() => [true, true, true, false, false]);
    const a = crossAttention(Y, X, p, mask);
    for (const w of a.weights) for (const row of w) expect(row.slice(3)).toEqual([0, 0]);
    const Xpad = X.map((r, i) => (i >= 3 ? r.map(() => 1000) : r));
    const b = crossAttention(Y, Xpad, p, mask);
    b.output.flat().forEach((v, i) => expect(v).toBe(a.output.flat()[i]));
  });

  it('stays finite with encoder outputs of size 1000: all weight on the best-matching source position', () => {
    // one head, identity projections, d = 2: query (1000, 0) against keys (1000, 0) and (0, 1000)
    // scores 1e6 / sqrt(2) and 0: the softmax puts weight 1 on the first key exactly
    const out = crossAttention(
      [[1000, 0]],
      [
        [1000, 0],
        [0, 1000],
      ],
      { wq: [identity(2)], wk: [identity(2)], wv: [identity(2)], wo: identity(2) },
    );
    expect(out.weights[0]![0]).toEqual([1, 0]);
    expect(out.output[0]).toEqual([1000, 0]);
  });
});

describe('parameter count of a Transformer block and of BERT', () => {
  it('a block is 4d^2 + 2 d dFF + 9d + dFF; BERT-base has 7,087,872 per layer', () => {
    // 4 * 768^2 = 2,359,296; 2 * 768 * 3072 = 4,718,592; 9 * 768 = 6,912; + 3072: 7,087,872
    expect(transformerLayerParams(768, 3072)).toBe(2_359_296 + 4_718_592 + 6_912 + 3_072);
    expect(transformerLayerParams(768, 3072)).toBe(7_087_872);
    // a decoder layer adds cross-attention (4d^2 + 4d) and a third LayerNorm (2d)
    expect(transformerLayerParams(512, 2048, true) - transformerLayerParams(512, 2048)).toBe(4 * 512 * 512 + 6 * 512);
    expect(() => transformerLayerParams(0, 1)).toThrow(/positive integers/);
    // Transformer base (d 512, dFF 2048): encoder layer 3,152,384, decoder layer 4,204,032; 6 + 6 layers 44,138,496
    expect(transformerLayerParams(512, 2048)).toBe(3_152_384);
    expect(transformerLayerParams(512, 2048, true)).toBe(4_204_032);
    expect(6 * transformerLayerParams(512, 2048) + 6 * transformerLayerParams(512, 2048, true)).toBe(44_138_496);
    // with dFF = 4d the feed-forward weights are 8d^2 of a block's 12d^2 weights
    expect((2 * 768 * 3072) / (4 * 768 * 768 + 2 * 768 * 3072)).toBeCloseTo(2 / 3, 15);
  });

  it('counts the same as the matrices it describes (any head count)', () => {
    const rng = mulberry32(35);
    const d = 12;
    const dFF = 20;
    for (const h of [1, 2, 3, 4, 6, 12]) {
      const p: MultiHeadParams = {
        wq: Array.from({ length: h }, () => randn(rng, d, d / h)),
        wk: Array.from({ length: h }, () => randn(rng, d, d / h)),
        wv: Array.from({ length: h }, () => randn(rng, d, d / h)),
        wo: randn(rng, d, d),
      };
      const entries = (ms: Matrix[]) => ms.reduce((s, m) => s + m.length * m[0]!.length, 0);
      const attentionWeights = entries([...p.wq, ...p.wk, ...p.wv, p.wo]);
      expect(attentionWeights).toBe(4 * d * d); // independent of h
      const biases = 4 * d; // one per output of Wq, Wk, Wv (h heads of d/h) and Wo
      const ffn = d * dFF + dFF + dFF * d + d;
      const layerNorms = 2 * (2 * d);
      expect(transformerLayerParams(d, dFF)).toBe(attentionWeights + biases + ffn + layerNorms);
    }
  });

  it('BERT-base is 109,482,240 parameters (about 110M), 110,106,428 with its pre-training heads', () => {
    // embeddings (30522 + 512 + 2) * 768 + 2 * 768 = 23,837,184; 12 layers 85,054,464; pooler 590,592
    const base = bertParams(BERT_BASE);
    expect(base.embeddings).toBe(23_837_184);
    expect(base.encoder).toBe(85_054_464);
    expect(base.pooler).toBe(590_592);
    expect(base.total).toBe(109_482_240);
    expect(Math.round(base.total / 1e6)).toBe(109); // the paper rounds to 110M
    // + MLM transform 590,592, its LayerNorm 1,536, output bias 30,522, NSP 1,538
    expect(bertParams(BERT_BASE, true).total).toBe(110_106_428);
    // the 12 layers hold 78% of the parameters, the token embeddings 21%
    expect(base.encoder / base.total).toBeCloseTo(0.777, 3);
    expect((30522 * 768) / base.total).toBeCloseTo(0.214, 3);
  });

  it('BERT-large is 335,141,888 parameters (the paper says 340M)', () => {
    const large = bertParams(BERT_LARGE);
    expect(large.perLayer).toBe(12_596_224);
    expect(large.total).toBe(335_141_888);
    expect(bertParams(BERT_LARGE, true).total).toBe(336_226_108);
  });

  it('adds up part by part, and rejects a configuration that is not positive integers', () => {
    const base = bertParams(BERT_BASE);
    expect(base.embeddings + base.encoder + base.pooler + base.heads).toBe(base.total);
    expect(base.perLayer * BERT_BASE.layers).toBe(base.encoder);
    // the heads differ between the two calls only by the heads
    expect(bertParams(BERT_BASE, true).total - base.total).toBe(bertParams(BERT_BASE, true).heads);
    expect(() => bertParams({ ...BERT_BASE, layers: 0 })).toThrow(/config.layers must be a positive integer/);
    expect(() => bertParams({ ...BERT_BASE, d: 767.5 })).toThrow(/config.d must be a positive integer/);
    expect(() => bertParams({ ...BERT_BASE, vocab: Number.NaN })).toThrow(/config.vocab/);
  });

  it('Transformer base: the layers are 44.1M of the 65M that Vaswani et al. list; shared embeddings ~18.9M', () => {
    const layers = 6 * transformerLayerParams(512, 2048) + 6 * transformerLayerParams(512, 2048, true);
    expect(layers).toBe(44_138_496);
    // a shared source-target vocabulary of about 37,000 tokens of width 512
    expect(37_000 * 512).toBe(18_944_000);
    expect((layers + 37_000 * 512) / 1e6).toBeCloseTo(63.1, 1);
  });
});
