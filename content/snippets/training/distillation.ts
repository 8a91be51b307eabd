/**
 * Knowledge distillation (Hinton, Vinyals, Dean 2015): a student learns from the teacher's
 * softened class probabilities as well as from the hard label.
 */

function checkLogits(name: string, z: readonly number[]): void {
  if (z.length === 0) throw new RangeError(`${name} must not be empty`);
  for (const v of z) if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${v}`);
}

// #region softmax-t
/**
 * softmax(z / T). Subtracting the max logit first changes nothing mathematically (it cancels in
 * the ratio) but keeps exp() from overflowing. T > 1 flattens the distribution, T -> 0 turns it
 * into argmax.
 */
export function softmaxT(z: readonly number[], T = 1): number[] {
  checkLogits('softmaxT: z', z);
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`softmaxT: T must be a positive number, got ${T}`);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
// #endregion

/** KL(p || q) = sum_i p_i ln(p_i / q_i), with 0 ln 0 = 0. */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`klDivergence: p and q must have the same length`);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi > 0) kl += pi * Math.log(pi / q[i]!);
  }
  return kl;
}

// #region kd-loss
/**
 * The soft-target term: T^2 * KL(teacher_T || student_T). KL differs from Hinton's soft
 * cross-entropy only by the teacher's entropy, a constant for the student, so the gradients are
 * the same; KL has the advantage of being 0 when the student matches the teacher.
 * The T^2 factor undoes the 1/T^2 by which softening shrinks the gradient (see softTargetGrad).
 */
export function softTargetLoss(studentLogits: readonly number[], teacherLogits: readonly number[], T: number): number {
  checkLogits('softTargetLoss: studentLogits', studentLogits);
  checkLogits('softTargetLoss: teacherLogits', teacherLogits);
  if (studentLogits.length !== teacherLogits.length) {
    throw new RangeError('softTargetLoss: studentLogits and teacherLogits must have the same length');
  }
  return T * T * klDivergence(softmaxT(teacherLogits, T), softmaxT(studentLogits, T));
}

/**
 * Full KD loss: alpha * soft term + (1 - alpha) * the usual cross-entropy with the hard label at
 * T = 1. Both terms then have gradients of similar size, so alpha means what it says.
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
  const hard = -Math.log(softmaxT(studentLogits, 1)[label]!);
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
  const q = softmaxT(studentLogits, T);
  const p = softmaxT(teacherLogits, T);
  return q.map((qi, i) => T * (qi - p[i]!));
}
// #endregion
