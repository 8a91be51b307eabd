/**
 * Weight initialisation: the variance rules of LeCun, Glorot (Xavier) and He (Kaiming), and a deep
 * ReLU stack that measures what each rule does to the size of the signal on the way forward and of
 * the gradient on the way back.
 */
import { normal, type Rng } from '../shared/random.ts';

export type InitScheme = 'lecun' | 'glorot' | 'he';

function checkFan(fan: number, name: string): void {
  if (!(Number.isInteger(fan) && fan >= 1)) throw new RangeError(`${name} must be an integer >= 1, got ${fan}`);
}

function checkVariance(variance: number, who: string): void {
  if (!(variance > 0 && variance < Infinity))
    throw new RangeError(`${who}: variance must be a finite number > 0, got ${variance}`);
}

// #region initialisers
/**
 * The weight variance each rule prescribes for a layer with fanIn inputs and fanOut outputs:
 * - 'lecun'  1 / fanIn              keeps the forward variance of a linear (or SELU) layer
 *                                   (LeCun et al. 1998, section 4.6; Klambauer et al. 2017);
 * - 'glorot' 2 / (fanIn + fanOut)   the compromise between the forward condition fanIn Var = 1
 *                                   and the backward one fanOut Var = 1 (Glorot and Bengio 2010,
 *                                   eq. 12);
 * - 'he'     2 / fanIn              ReLU zeroes half of a symmetric input, so it needs twice the
 *                                   LeCun variance (He et al. 2015, eq. 10).
 * Throws a RangeError unless both fans are integers >= 1.
 */
export function initVariance(scheme: InitScheme, fanIn: number, fanOut: number): number {
  checkFan(fanIn, 'fanIn');
  checkFan(fanOut, 'fanOut');
  if (scheme === 'lecun') return 1 / fanIn;
  if (scheme === 'glorot') return 2 / (fanIn + fanOut);
  return 2 / fanIn;
}

/**
 * The half-width a of the uniform distribution U(-a, a) with the given variance: a^2 / 3 = variance,
 * so a = sqrt(3 variance). With Glorot's variance this is his eq. 16, sqrt(6 / (fanIn + fanOut)).
 */
export function uniformLimit(variance: number): number {
  checkVariance(variance, 'uniformLimit');
  return Math.sqrt(3 * variance);
}

/**
 * A fanOut x fanIn weight matrix (row-major: entry [i * fanIn + j] connects input j to output i),
 * each entry drawn independently with mean 0 and the given variance, from a normal or a uniform
 * distribution. Throws a RangeError for bad fans or a variance that is not finite and > 0.
 */
export function initWeights(
  rng: Rng,
  fanOut: number,
  fanIn: number,
  variance: number,
  dist: 'normal' | 'uniform' = 'normal',
): Float64Array {
  checkFan(fanIn, 'fanIn');
  checkFan(fanOut, 'fanOut');
  checkVariance(variance, 'initWeights');
  const w = new Float64Array(fanOut * fanIn);
  const sd = Math.sqrt(variance);
  const a = uniformLimit(variance);
  for (let k = 0; k < w.length; k++) w[k] = dist === 'normal' ? sd * normal(rng) : a * (2 * rng() - 1);
  return w;
}
// #endregion

/**
 * Root mean square of v[0..len) as a scaled norm (divide by the largest |entry| first), so entries
 * of 1e200 or 1e-200 neither overflow nor underflow.
 */
function rms(v: Float64Array): number {
  let scale = 0;
  for (const x of v) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return 0;
  let sum = 0;
  for (const x of v) sum += (x / scale) ** 2;
  return scale * Math.sqrt(sum / v.length);
}

export interface ReluStackOptions {
  /** Units per layer (every layer is width x width). */
  width: number;
  /** Number of weight layers. */
  depth: number;
  /** Inputs pushed through the same weights; the moments are averaged over them. */
  batch: number;
  /** Variance of every weight (e.g. 2 / width for He). */
  variance: number;
  /** Weight distribution with that variance (default normal; uniform is cheaper to draw). */
  dist?: 'normal' | 'uniform';
  /** Also backpropagate a random gradient from the top (stores every weight matrix). */
  backward?: boolean;
}

export interface ReluStackMoments {
  /** ln E[h_l^2] for l = 0..depth: h_0 is the input, h_l = relu(W_l h_{l-1}). */
  logForward: number[];
  /** ln E[g_l^2] for l = 0..depth, g_l the gradient reaching h_l (empty unless backward). */
  logBackward: number[];
}

/**
 * The backward half of reluStackMoments: send a standard normal gradient down through the stored
 * layers, g_{l-1} = W_l^T (relu'(u_l) * g_l), rescaling each layer to unit RMS and returning
 * ln E[g_l^2] for l = 0..depth, as the forward pass does for the activations.
 */
function backwardLogMoments(
  rng: Rng,
  weights: readonly Float64Array[],
  masks: readonly Uint8Array[],
  n: number,
  batch: number,
  logSd: number,
): number[] {
  const depth = weights.length - 1;
  let g = new Float64Array(batch * n).map(() => normal(rng)); // dLoss/dh_depth
  let logG = Math.log(rms(g));
  g = g.map((x) => x / Math.exp(logG));
  const out: number[] = [];
  out[depth] = 2 * logG;
  for (let l = depth; l >= 1; l--) {
    const z = weights[l]!;
    const mask = masks[l]!;
    const prev = new Float64Array(batch * n);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < n; i++) {
        const delta = mask[b * n + i]! * g[b * n + i]!;
        if (delta !== 0) for (let j = 0, zi = i * n, hb = b * n; j < n; j++) prev[hb + j]! += z[zi + j]! * delta;
      }
    const s = rms(prev);
    logG += logSd + Math.log(s);
    g = s > 0 ? prev.map((x) => x / s) : prev;
    out[l - 1] = 2 * logG;
  }
  return out;
}

// #region relu-stack
/**
 * Push `batch` standard normal inputs through `depth` fully connected ReLU layers of size
 * width x width, with zero-mean weights of the given variance (normal or uniform) and no biases.
 * Returns ln E[h_l^2], the log of the mean square activation after every layer, and with
 * `backward` ln E[g_l^2] for a standard normal gradient sent down from the top. Theory (He et
 * al. 2015, section 2.2): E[h_l^2] = (width * variance / 2)^l E[h_0^2], the same factor per
 * layer backwards.
 *
 * Logs, not values: ReLU is positively homogeneous, relu(c u) = c relu(u) for c > 0, so the code
 * multiplies by unit-variance weights, rescales each layer to unit RMS and adds up the logs of the
 * scales and of sqrt(variance). A factor of 1e-300 per layer is then a log, not an underflow to 0.
 * Random numbers are drawn in this order: the inputs (row by row), every weight matrix
 * (row-major), then the top gradient. Once a layer is 0 for every unit and input, the result is
 * -Infinity from there on. Throws a RangeError for sizes that are not integers >= 1 or a
 * variance that is not finite and > 0.
 */
export function reluStackMoments(rng: Rng, opts: ReluStackOptions): ReluStackMoments {
  const { width: n, depth, batch, variance, dist = 'normal', backward = false } = opts;
  checkFan(n, 'width');
  checkFan(depth, 'depth');
  checkFan(batch, 'batch');
  checkVariance(variance, 'reluStackMoments');
  const logSd = 0.5 * Math.log(variance);
  let h = new Float64Array(batch * n).map(() => normal(rng));
  let logScale = Math.log(rms(h)); // the true h is exp(logScale) times this unit-RMS h
  h = h.map((x) => x / Math.exp(logScale));
  const logForward = [2 * logScale];
  const weights: Float64Array[] = [];
  const masks: Uint8Array[] = [];
  for (let l = 1; l <= depth; l++) {
    const z = initWeights(rng, n, n, 1, dist); // W_l = sqrt(variance) * z
    const next = new Float64Array(batch * n);
    const mask = new Uint8Array(batch * n); // relu'(u), kept for the backward pass
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < n; i++) {
        let u = 0;
        for (let j = 0, zi = i * n, hb = b * n; j < n; j++) u += z[zi + j]! * h[hb + j]!;
        if (u > 0) [next[b * n + i], mask[b * n + i]] = [u, 1];
      }
    const s = rms(next);
    logScale += logSd + Math.log(s); // -Infinity once a layer is all zeros
    h = s > 0 ? next.map((x) => x / s) : next;
    logForward.push(2 * logScale);
    if (backward) [weights[l], masks[l]] = [z, mask];
  }
  const logBackward = backward ? backwardLogMoments(rng, weights, masks, n, batch, logSd) : [];
  return { logForward, logBackward };
}
// #endregion

/**
 * The depth-l prediction of the variance recursion for square layers: ln E[h_l^2] - ln E[h_0^2]
 * = l ln(width * variance / 2) (He et al. 2015, eqs. 9-10). 0 for every l exactly when
 * variance = 2 / width.
 */
export function predictedLogMoment(layer: number, width: number, variance: number): number {
  if (!(Number.isInteger(layer) && layer >= 0)) throw new RangeError(`layer must be an integer >= 0, got ${layer}`);
  checkFan(width, 'width');
  checkVariance(variance, 'predictedLogMoment');
  return layer * Math.log((width * variance) / 2);
}

// #region embedding-scale
/**
 * Standard deviation of the dot product u . v of two independent embeddings of `dim` entries,
 * each entry drawn with mean 0 and standard deviation `std`: Var[u_k v_k] = std^4, so the score
 * has standard deviation std^2 sqrt(dim). It is the spread of a two-tower model's (or an MF
 * model's) logits before any training. Computed as (std * dim^(1/4))^2 so that neither a tiny std
 * (1e-200) underflows nor a huge one overflows before the answer itself does. Throws a RangeError
 * for dim not an integer >= 1 or std not finite and >= 0.
 */
export function dotScoreStd(dim: number, std: number): number {
  checkFan(dim, 'dim');
  if (!(std >= 0 && std < Infinity)) throw new RangeError(`std must be a finite number >= 0, got ${std}`);
  return (std * dim ** 0.25) ** 2;
}
// #endregion
