/**
 * The Transformer's attention and positional encoding on plain arrays. A matrix is an array of
 * rows; a sequence of n tokens with d features each is an n x d matrix.
 */

export type Matrix = number[][];

function cols(m: Matrix, who: string, name: string): number {
  const c = m[0]?.length ?? 0;
  if (m.length === 0 || c === 0) throw new RangeError(`${who}: ${name} must be a non-empty matrix`);
  for (const row of m)
    if (row.length !== c) throw new RangeError(`${who}: every row of ${name} must have ${c} entries`);
  return c;
}

/** A B for A (n x k) and B (k x p). */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const k = cols(a, 'matMul', 'a');
  const p = cols(b, 'matMul', 'b');
  if (b.length !== k) throw new RangeError(`matMul: a has ${k} columns but b has ${b.length} rows`);
  return a.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, t) => s + v * b[t]![j]!, 0)));
}

export function transpose(m: Matrix): Matrix {
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

// #region softmax
/**
 * Softmax of one row, shifted by its maximum so exp never overflows (every exponent is <= 0) and
 * the sum never underflows (its largest term is 1); -Infinity entries (masked) get weight 0.
 * Throws a RangeError for NaN or +Infinity (a score that overflowed) and for an all-masked row.
 */
export function softmax(row: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of row) {
    if (Number.isNaN(v) || v === Infinity)
      throw new RangeError(`softmax: scores must be finite or -Infinity, got ${v}`);
    if (v > max) max = v;
  }
  if (max === -Infinity) throw new RangeError('softmax: every entry is masked (-Infinity)');
  const e = row.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}
// #endregion

// #region attention
/**
 * Raw attention scores Q K^T / sqrt(d_k) (Vaswani et al. 2017, §3.2.1, eq. 1): dividing by
 * sqrt(d_k) keeps their variance near 1. Q is n x d_k, K is m x d_k; the result is n x m.
 * Q is scaled before the product, so a score that fits after scaling does not overflow on the way.
 */
export function attentionScores(q: Matrix, k: Matrix): Matrix {
  const dk = cols(q, 'attentionScores', 'q');
  if (cols(k, 'attentionScores', 'k') !== dk)
    throw new RangeError('attentionScores: q and k must have the same width d_k');
  const scale = 1 / Math.sqrt(dk);
  return matMul(
    q.map((row) => row.map((v) => v * scale)),
    transpose(k),
  );
}

/**
 * Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) + mask) V.
 * Q is n x d_k (one query per output position), K is m x d_k and V is m x d_v (one key and value
 * per input position). `mask[i][j] = false` forbids query i from looking at key j (its score
 * becomes -Infinity, so its weight is exactly 0). Returns the output (n x d_v) and the weights
 * (n x m; every row sums to 1).
 */
export function attention(q: Matrix, k: Matrix, v: Matrix, mask?: boolean[][]): { output: Matrix; weights: Matrix } {
  cols(v, 'attention', 'v');
  if (k.length !== v.length) throw new RangeError('attention: k and v must have one row per input position');
  const scores = attentionScores(q, k).map((row, i) =>
    row.map((s, j) => {
      const allowed = mask ? mask[i]?.[j] : true;
      if (allowed === undefined) throw new RangeError(`attention: mask has no entry [${i}][${j}]`);
      return allowed ? s : -Infinity;
    }),
  );
  const weights = scores.map(softmax);
  return { output: matMul(weights, v), weights };
}

/** Causal (decoder) mask: position i may attend to positions 0..i only. */
export function causalMask(n: number): boolean[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j <= i));
}
// #endregion

/** Per-head projections: each is d_model x d_k (or d_v); Wo is (h * d_v) x d_model. */
export interface MultiHeadParams {
  wq: Matrix[];
  wk: Matrix[];
  wv: Matrix[];
  wo: Matrix;
}

// #region multi-head
/**
 * MultiHead(X) = Concat(head_1, ..., head_h) Wo, head_i = Attention(X Wq_i, X Wk_i, X Wv_i).
 * Each head attends in its own small subspace; the concatenation just lays the heads side by side,
 * and Wo is what mixes information across heads.
 */
export function multiHeadSelfAttention(
  x: Matrix,
  p: MultiHeadParams,
  mask?: boolean[][],
): { output: Matrix; weights: Matrix[] } {
  const h = p.wq.length;
  if (h === 0 || p.wk.length !== h || p.wv.length !== h)
    throw new RangeError('multiHeadSelfAttention: wq, wk, wv need one matrix per head');
  const heads = p.wq.map((wq, i) => attention(matMul(x, wq), matMul(x, p.wk[i]!), matMul(x, p.wv[i]!), mask));
  const concat = x.map((_, t) => heads.flatMap((head) => head.output[t]!));
  return { output: matMul(concat, p.wo), weights: heads.map((head) => head.weights) };
}
// #endregion

// #region positional-encoding
/**
 * Sinusoidal encoding (Vaswani et al. 2017), d even:
 *   PE(pos, 2i) = sin(pos / 10000^(2i/d)),  PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).
 * Pair i is a point on a circle turning at angular speed w_i = 10000^(-2i/d) per position:
 * wavelengths run geometrically from 2 pi (i = 0) towards 10000 * 2 pi.
 */
export function positionalEncoding(pos: number, d: number): number[] {
  if (!Number.isFinite(pos)) throw new RangeError(`positionalEncoding: pos must be a finite number, got ${pos}`);
  if (!Number.isInteger(d) || d <= 0 || d % 2 !== 0)
    throw new RangeError(`positionalEncoding: d must be a positive even integer, got ${d}`);
  const pe = new Array<number>(d);
  for (let i = 0; i < d / 2; i++) {
    const angle = pos / 10000 ** ((2 * i) / d);
    pe[2 * i] = Math.sin(angle);
    pe[2 * i + 1] = Math.cos(angle);
  }
  return pe;
}

/**
 * PE(pos + k) is a linear function of PE(pos) whose matrix depends on k only: each (sin, cos)
 * pair is rotated by the angle k w_i, because
 *   sin(a + b) = sin a cos b + cos a sin b,   cos(a + b) = cos a cos b - sin a sin b.
 * This returns that block-diagonal map applied to a given encoding.
 */
export function shiftEncoding(pe: readonly number[], k: number): number[] {
  const d = pe.length;
  const out = new Array<number>(d);
  for (let i = 0; i < d / 2; i++) {
    const b = k / 10000 ** ((2 * i) / d);
    const s = pe[2 * i]!;
    const c = pe[2 * i + 1]!;
    out[2 * i] = s * Math.cos(b) + c * Math.sin(b);
    out[2 * i + 1] = c * Math.cos(b) - s * Math.sin(b);
  }
  return out;
}
// #endregion

// #region cross-attention
/**
 * Encoder-decoder (cross) attention (Vaswani et al. 2017, §3.2.3): the queries come from the
 * decoder's states (n x d_model), the keys and values from the encoder's output (m x d_model), so
 * every target position reads the whole source sentence. head_i = Attention(Y Wq_i, Z Wk_i,
 * Z Wv_i) for decoder states Y and encoder output Z; the heads are concatenated and mixed by Wo.
 * `mask` (n x m, optional) hides source padding; there is no causal mask here, since the whole
 * source is known. Returns the output (n x d_model) and each head's n x m weights.
 */
export function crossAttention(
  decoderStates: Matrix,
  encoderOutput: Matrix,
  p: MultiHeadParams,
  mask?: boolean[][],
): { output: Matrix; weights: Matrix[] } {
  const h = p.wq.length;
  if (h === 0 || p.wk.length !== h || p.wv.length !== h)
    throw new RangeError('crossAttention: wq, wk, wv need one matrix per head');
  const heads = p.wq.map((wq, i) =>
    attention(matMul(decoderStates, wq), matMul(encoderOutput, p.wk[i]!), matMul(encoderOutput, p.wv[i]!), mask),
  );
  const concat = decoderStates.map((_, t) => heads.flatMap((head) => head.output[t]!));
  return { output: matMul(concat, p.wo), weights: heads.map((head) => head.weights) };
}
// #endregion

// #region parameter-count
/**
 * Weights and biases of one Transformer layer of width d and feed-forward width dFF:
 *   attention  4 d^2 + 4 d        (Wq, Wk, Wv, Wo and their biases; the head count does not
 *                                  matter, since h heads of width d/h fill d x d matrices)
 *   FFN        2 d dFF + dFF + d  (two linear layers with biases)
 *   LayerNorm  2 d per sub-layer  (gain and bias)
 * An encoder layer has attention + FFN + 2 LayerNorms: 4 d^2 + 2 d dFF + 9 d + dFF. A decoder
 * layer adds cross-attention and a third LayerNorm: + 4 d^2 + 6 d. Layer structure from Vaswani et
 * al. 2017, §3.1-3.3. Returns a count of numbers; throws a RangeError unless d and dFF are
 * positive integers.
 */
export function transformerLayerParams(d: number, dFF: number, decoder = false): number {
  if (!Number.isInteger(d) || d <= 0 || !Number.isInteger(dFF) || dFF <= 0)
    throw new RangeError(`transformerLayerParams: d and dFF must be positive integers, got ${d}, ${dFF}`);
  const attention = 4 * d * d + 4 * d;
  const ffn = 2 * d * dFF + dFF + d;
  const layerNorm = 2 * d;
  return decoder ? 2 * attention + ffn + 3 * layerNorm : attention + ffn + 2 * layerNorm;
}

export interface BertConfig {
  vocab: number;
  maxPositions: number;
  segments: number;
  d: number;
  dFF: number;
  layers: number;
}

/** bert-base-uncased (Devlin et al. 2019, §3; sizes from the released configuration). */
export const BERT_BASE: BertConfig = { vocab: 30522, maxPositions: 512, segments: 2, d: 768, dFF: 3072, layers: 12 };
/** bert-large-uncased: 24 layers of width 1024. */
export const BERT_LARGE: BertConfig = { vocab: 30522, maxPositions: 512, segments: 2, d: 1024, dFF: 4096, layers: 24 };

/**
 * BERT's parameters, exactly: token, position and segment embeddings plus their LayerNorm; the
 * encoder layers; the pooler (a d x d layer with bias on [CLS]). `withPretrainingHeads` adds the
 * masked-LM head (a d x d transform, a LayerNorm and an output bias; the output weights are the
 * token embeddings, shared) and the next-sentence classifier (d x 2 with bias). Architecture from
 * Devlin et al. 2019, §3 and §3.1. Returns counts of numbers per part and their total; throws a
 * RangeError unless every field of the configuration is a positive integer.
 */
export function bertParams(c: BertConfig, withPretrainingHeads = false) {
  for (const [name, v] of Object.entries(c))
    if (!Number.isInteger(v) || v <= 0)
      throw new RangeError(`bertParams: config.${name} must be a positive integer, got ${v}`);
  const embeddings = (c.vocab + c.maxPositions + c.segments) * c.d + 2 * c.d;
  const perLayer = transformerLayerParams(c.d, c.dFF);
  const encoder = c.layers * perLayer;
  const pooler = c.d * c.d + c.d;
  const heads = withPretrainingHeads ? c.d * c.d + c.d + 2 * c.d + c.vocab + (2 * c.d + 2) : 0;
  return { embeddings, perLayer, encoder, pooler, heads, total: embeddings + encoder + pooler + heads };
}
// #endregion
