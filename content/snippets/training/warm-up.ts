/**
 * Learning-rate warm-up schedules.
 *
 * `linearWarmupDecay` is the schedule BERT made standard: the rate climbs linearly from 0 to its
 * peak over the warm-up steps, then falls linearly to 0 at the last step. `bertOriginalSchedule`
 * reproduces the original TensorFlow code exactly, whose decay is measured from step 0 (so the
 * rate drops slightly at the end of warm-up). `noamSchedule` is the Transformer's inverse square
 * root schedule, and `adamUnbiasedStepScale` shows why an Adam without bias correction (as in
 * BERT) takes oversized steps at the start unless the rate is warmed up.
 */

export interface WarmupSchedule {
  /** The highest learning rate, reached at the end of warm-up. */
  peakLr: number;
  /** Steps spent climbing from 0 to `peakLr`. */
  warmupSteps: number;
  /** Total training steps; the rate reaches 0 here. */
  totalSteps: number;
}

function checkSchedule({ peakLr, warmupSteps, totalSteps }: WarmupSchedule, step: number): void {
  if (!(peakLr > 0) || !Number.isFinite(peakLr))
    throw new RangeError(`peakLr must be a positive number, got ${peakLr}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) {
    throw new RangeError(`warmupSteps must be a non-negative integer, got ${warmupSteps}`);
  }
  if (!Number.isInteger(totalSteps) || totalSteps <= warmupSteps) {
    throw new RangeError(`totalSteps must be an integer larger than warmupSteps, got ${totalSteps}`);
  }
  if (!(step >= 0) || !Number.isFinite(step)) throw new RangeError(`step must be a non-negative number, got ${step}`);
}

// #region linear
/** Linear warm-up to `peakLr` at step `warmupSteps`, then linear decay to 0 at `totalSteps`. */
export function linearWarmupDecay(step: number, schedule: WarmupSchedule): number {
  checkSchedule(schedule, step);
  const { peakLr, warmupSteps, totalSteps } = schedule;
  if (step < warmupSteps) return peakLr * (step / warmupSteps);
  // After warm-up the remaining steps share the decay, so the curve is continuous at the peak.
  return peakLr * (Math.max(0, totalSteps - step) / (totalSteps - warmupSteps));
}
// #endregion

// #region bert
/**
 * The schedule as written in BERT's `optimization.py`: a linear decay over all steps,
 * overridden by the warm-up line while `step < warmupSteps`. At the end of warm-up the rate is
 * `peakLr * (1 - warmupSteps / totalSteps)`, a small drop when warm-up is short.
 */
export function bertOriginalSchedule(step: number, schedule: WarmupSchedule): number {
  checkSchedule(schedule, step);
  const { peakLr, warmupSteps, totalSteps } = schedule;
  const decayed = peakLr * (1 - Math.min(step, totalSteps) / totalSteps);
  return step < warmupSteps ? peakLr * (step / warmupSteps) : decayed;
}
// #endregion

// #region noam
/**
 * The Transformer schedule: lr = dModel^-1/2 * min(step^-1/2, step * warmup^-3/2). It rises
 * linearly for `warmupSteps` steps and then decays as 1/sqrt(step). Steps count from 1.
 */
export function noamSchedule(step: number, dModel: number, warmupSteps: number): number {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be an integer >= 1, got ${step}`);
  if (!(dModel > 0)) throw new RangeError(`dModel must be positive, got ${dModel}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 1) {
    throw new RangeError(`warmupSteps must be an integer >= 1, got ${warmupSteps}`);
  }
  return dModel ** -0.5 * Math.min(step ** -0.5, step * warmupSteps ** -1.5);
}
// #endregion

// #region adam-scale
/**
 * Size of Adam's update, in units of the learning rate, after `t` steps of a constant gradient
 * g when the bias correction is left out: m_t = (1 - b1^t) g and v_t = (1 - b2^t) g^2, so
 * |m_t| / sqrt(v_t) = (1 - b1^t) / sqrt(1 - b2^t) (Kingma and Ba 2015, §3, with epsilon = 0).
 * With the correction it would be exactly 1.
 */
export function adamUnbiasedStepScale(t: number, beta1 = 0.9, beta2 = 0.999): number {
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`t must be an integer >= 1, got ${t}`);
  if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`beta1 must be in [0, 1), got ${beta1}`);
  if (!(beta2 > 0 && beta2 < 1)) throw new RangeError(`beta2 must be in (0, 1), got ${beta2}`);
  // 1 - beta^t as -expm1(t ln beta): no cancellation when beta^t is within a few ulps of 1.
  const oneMinusPow = (beta: number) => -Math.expm1(t * Math.log(beta));
  return oneMinusPow(beta1) / Math.sqrt(oneMinusPow(beta2));
}
// #endregion
