/**
 * Knowledge distillation (Hinton, Vinyals, Dean 2015): a student learns from the teacher's
 * softened class probabilities as well as from the hard label.
 *
 * Logits are unitless real vectors of one score per class. Losses are in nats. Everything that
 * needs a log-probability takes it from a log-softmax, never from the log of a softmax output,
 * which rounds to 0 (log 0 = -Infinity) once two logits differ by more than about 745.
 */
import { logSumExp } from './stable.ts';

/**
 * The largest temperature the distillation losses accept. At temperature T the soft term
 * T^2 KL is computed from log-probabilities of size about 1 whose differences are of size 1/T,
 * so its absolute rounding error is about T^2 * 1e-16: 1e-10 at T = 1000. Beyond that the
 * logit-matching limit sum_i (z_i - v_i)^2 / (2N) is the better formula.
 */
export const MAX_KD_TEMPERATURE = 1000;

function checkLogits(name: string, z: readonly number[]): void {
  if (z.length === 0) throw new RangeError(`${name} must not be empty`);
  for (const v of z) if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${v}`);
}

function checkTemperature(name: string, T: number, max = Infinity): void {
  if (!(T > 0 && T <= max) || !Number.isFinite(T)) {
    throw new RangeError(`${name}: T must be a positive number${max < Infinity ? ` at most ${max}` : ''}, got ${T}`);
  }
}

// #region softmax-t
/**
 * softmax(z / T). Subtracting the max logit first changes nothing mathematically (it cancels in
 * the ratio) but keeps exp() from overflowing. T > 1 flattens the distribution, T -> 0 turns it
 * into argmax.
 */
export function softmaxT(z: readonly number[], T = 1): number[] {
  checkLogits('softmaxT: z', z);
  checkTemperature('softmaxT', T);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * log softmax(z / T) = (z_i - m) / T - log sum_j exp((z_j - m) / T). A class whose probability
 * rounds to 0 still gets its exact log-probability (-800 at a logit gap of 800), so losses built
 * on it stay finite.
 */
export function logSoftmaxT(z: readonly number[], T = 1): number[] {
  checkLogits('logSoftmaxT: z', z);
  checkTemperature('logSoftmaxT', T);
  const m = Math.max(...z);
  const scaled = z.map((v) => (v - m) / T);
  // Only a T below about 1e-305 can push (v - m) / T past the largest double.
  if (scaled.some((v) => !Number.isFinite(v))) {
    throw new RangeError(`logSoftmaxT: T = ${T} is too small for these logits: (z_i - max z) / T overflows`);
  }
  const lse = logSumExp(scaled);
  return scaled.map((v) => v - lse);
}
// #endregion

/**
 * KL(p || q) = sum_i p_i ln(p_i / q_i) of two probability vectors of the same length, with
 * 0 ln 0 = 0; Infinity if some q_i = 0 where p_i > 0 (the true value). Computed as
 * p_i (ln p_i - ln q_i): the ratio p_i / q_i itself overflows for p_i = 1, q_i = 1e-320.
 */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError('klDivergence: p and q must have the same length');
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (!(pi >= 0 && pi <= 1)) throw new RangeError(`klDivergence: p[${i}] must be in [0, 1], got ${pi}`);
    if (!(qi >= 0 && qi <= 1)) throw new RangeError(`klDivergence: q[${i}] must be in [0, 1], got ${qi}`);
    if (pi > 0) kl += pi * (Math.log(pi) - Math.log(qi));
  }
  return kl;
}

/**
 * KL(p || q) from log-probabilities (for instance two logSoftmaxT outputs of the same length):
 * sum_i e^{logP_i} (logP_i - logQ_i), skipping classes with p_i = 0.
 */
export function klFromLogProbs(logP: readonly number[], logQ: readonly number[]): number {
  if (logP.length !== logQ.length) throw new RangeError('klFromLogProbs: logP and logQ must have the same length');
  let kl = 0;
  for (let i = 0; i < logP.length; i++) {
    const pi = Math.exp(logP[i]!);
    if (pi > 0) kl += pi * (logP[i]! - logQ[i]!);
  }
  return kl;
}

// #region kd-loss
/**
 * The soft-target term: T^2 * KL(teacher_T || student_T). KL differs from Hinton's soft
 * cross-entropy only by the teacher's entropy, a constant for the student, so the gradients are
 * the same; KL has the advantage of being 0 when the student matches the teacher.
 * The T^2 factor undoes the 1/T^2 by which softening shrinks the gradient (see softTargetGrad).
 * Built on log-softmax, so a logit gap of 800 gives the exact 800 instead of Infinity.
 * T must be in (0, MAX_KD_TEMPERATURE]; the logit vectors must have the same length.
 */
export function softTargetLoss(studentLogits: readonly number[], teacherLogits: readonly number[], T: number): number {
  checkLogits('softTargetLoss: studentLogits', studentLogits);
  checkLogits('softTargetLoss: teacherLogits', teacherLogits);
  if (studentLogits.length !== teacherLogits.length) {
    throw new RangeError('softTargetLoss: studentLogits and teacherLogits must have the same length');
  }
  checkTemperature('softTargetLoss', T, MAX_KD_TEMPERATURE);
  const kl = klFromLogProbs(logSoftmaxT(teacherLogits, T), logSoftmaxT(studentLogits, T));
  // T * (T * kl), not (T * T) * kl: for a tiny T, T * T underflows to 0 while kl is huge.
  return T * (T * kl);
}

/**
 * Full KD loss: alpha * soft term + (1 - alpha) * the usual cross-entropy with the hard label at
 * T = 1, -log softmax(z)_label. Both terms then have gradients of similar size, so alpha means
 * what it says.
 */
export function kdLoss(
  studentLogits: readonly number[],
  teacherLogits: readonly number[],
  label: number,
  T: number,
  alpha: number,
): number {
  if (!Number.isInteger(label) || label < 0 || label >= studentLogits.length) {
    throw new RangeError(`kdLoss: label must be a class index, got ${label}`);
  }
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`kdLoss: alpha must be in [0, 1], got ${alpha}`);
  const hard = -logSoftmaxT(studentLogits, 1)[label]!;
  return alpha * softTargetLoss(studentLogits, teacherLogits, T) + (1 - alpha) * hard;
}
// #endregion

// #region kd-grad
/**
 * Gradient of softTargetLoss with respect to the student's logits:
 * d/dz_i [T^2 KL] = T^2 * (1/T) (q_i - p_i) = T (q_i - p_i),
 * where q and p are the student's and teacher's softened probabilities. Without the T^2 factor it
 * would be (q_i - p_i) / T, and since q_i - p_i itself shrinks like 1/T for large T, the raw
 * gradient would fall like 1/T^2.
 */
export function softTargetGrad(
  studentLogits: readonly number[],
  teacherLogits: readonly number[],
  T: number,
): number[] {
  if (studentLogits.length !== teacherLogits.length) {
    throw new RangeError('softTargetGrad: studentLogits and teacherLogits must have the same length');
  }
  checkTemperature('softTargetGrad', T, MAX_KD_TEMPERATURE);
  const q = softmaxT(studentLogits, T);
  const p = softmaxT(teacherLogits, T);
  return q.map((qi, i) => T * (qi - p[i]!));
}
// #endregion
