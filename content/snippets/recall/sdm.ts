/**
 * Pieces of SDM (Lv et al., CIKM 2019): cutting a behaviour log into sessions, the user-attention
 * pooling used on both the short- and long-term side, and the gate that fuses the two.
 */

export interface SessionOptions {
  /** Two behaviours closer than this (seconds) belong to the same session; default 10 minutes. */
  maxGapSeconds?: number;
  /** A session holds at most this many behaviours; the rest start a new one. Default 50. */
  maxLength?: number;
}

// #region sessions
/**
 * Split a time-sorted behaviour log into sessions (lists of indices into `times`). A new session
 * starts when the gap to the previous behaviour is at least `maxGapSeconds`, or when the current
 * session is already `maxLength` long (Lv et al. 2019, §3.1: 10 minutes and 50). `times` are
 * finite seconds in ascending order; anything else throws a RangeError naming `times`.
 */
export function splitSessions(times: readonly number[], opts: SessionOptions = {}): number[][] {
  const maxGap = opts.maxGapSeconds ?? 600;
  const maxLength = opts.maxLength ?? 50;
  if (!(maxGap > 0)) throw new RangeError(`maxGapSeconds must be positive, got ${maxGap}`);
  if (!Number.isInteger(maxLength) || maxLength < 1)
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const sessions: number[][] = [];
  let current: number[] = [];
  times.forEach((t, i) => {
    // NaN would pass every comparison below as false and silently join the current session.
    if (!Number.isFinite(t)) throw new RangeError(`times must be finite numbers (index ${i} is ${t})`);
    const prev = times[i - 1];
    if (prev !== undefined && t < prev) throw new RangeError(`times must be sorted ascending (index ${i})`);
    const split = prev !== undefined && (t - prev >= maxGap || current.length >= maxLength);
    if (split) {
      sessions.push(current);
      current = [];
    }
    current.push(i);
  });
  if (current.length > 0) sessions.push(current);
  return sessions;
}

/**
 * Short-term behaviours S = the latest session; long-term behaviours L = everything before it
 * within `lookbackSeconds` (7 days in the paper) of the session's start.
 */
export function shortAndLongTerm(
  times: readonly number[],
  opts: SessionOptions & { lookbackSeconds?: number } = {},
): { short: number[]; long: number[] } {
  const sessions = splitSessions(times, opts);
  const short = sessions.at(-1) ?? [];
  const start = short[0];
  if (start === undefined) return { short: [], long: [] };
  const horizon = times[start]! - (opts.lookbackSeconds ?? 7 * 24 * 3600);
  const long: number[] = [];
  for (let i = 0; i < start; i++) if (times[i]! >= horizon) long.push(i);
  return { short, long };
}
// #endregion

function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths differ (${a.length} vs ${b.length})`);
  // Scale each vector by its largest |entry| first: the products then lie in [-1, 1], so
  // [1e200, -1e200] . [1e200, 1e200] is 0, not Infinity - Infinity = NaN, and nothing underflows
  // on the way. Only a result beyond 1.8e308, which no logit can use, is an error.
  const sa = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const sb = b.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (sa === 0 || sb === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! / sa) * (b[i]! / sb);
  const result = sum * sa * sb;
  if (!Number.isFinite(result)) throw new RangeError('sdm: an inner product of the vectors is not finite');
  return result;
}

// #region attention
/**
 * User attention: the user profile e_u (d numbers) is the query, weights softmax_k(e_u . h_k),
 * output sum_k w_k h_k (d numbers). SDM uses it to pool the self-attended session states (short
 * term) and each attribute's long-term behaviour list. The scores are shifted by their maximum
 * before exp, so scores of +-1000 or a gap of 800 give exact weights instead of NaN.
 */
export function userAttention(
  eu: readonly number[],
  states: readonly (readonly number[])[],
): { weights: number[]; pooled: number[] } {
  if (states.length === 0) throw new RangeError('userAttention: states must not be empty');
  const scores = states.map((h) => dot(eu, h));
  const m = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - m));
  const z = e.reduce((s, x) => s + x, 0);
  const weights = e.map((x) => x / z);
  const pooled = eu.map((_, d) => states.reduce((s, h, k) => s + weights[k]! * h[d]!, 0));
  return { weights, pooled };
}
// #endregion

// #region gate
/** sigma(x) = 1 / (1 + e^{-x}); safe at both ends (e^{1000} = Infinity gives 0, not NaN). */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function matVec(W: readonly (readonly number[])[], x: readonly number[]): number[] {
  return W.map((row) => dot(row, x));
}

export interface GateParams {
  W1: readonly (readonly number[])[]; // applied to the user profile e_u
  W2: readonly (readonly number[])[]; // applied to the short-term vector s_t
  W3: readonly (readonly number[])[]; // applied to the long-term vector p_u
  b: readonly number[];
}

/** G = sigmoid(W1 e_u + W2 s_t + W3 p_u + b): one weight in (0, 1) per dimension. */
export function fusionGate(
  eu: readonly number[],
  s: readonly number[],
  p: readonly number[],
  params: GateParams,
): number[] {
  const a = matVec(params.W1, eu);
  const b = matVec(params.W2, s);
  const c = matVec(params.W3, p);
  if (params.b.length !== s.length || a.length !== s.length)
    throw new RangeError('fusionGate: W and b must map to the dimension of s_t');
  return params.b.map((bias, d) => sigmoid(a[d]! + b[d]! + c[d]! + bias));
}

/** o_t = (1 - G) * p_u + G * s_t, element-wise: G = 1 keeps the session, G = 0 the long-term vector. */
export function fuse(gate: readonly number[], s: readonly number[], p: readonly number[]): number[] {
  if (gate.length !== s.length || s.length !== p.length)
    throw new RangeError('fuse: gate, s and p must have equal length');
  return gate.map((g, d) => (1 - g) * p[d]! + g * s[d]!);
}
// #endregion
