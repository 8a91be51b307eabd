/**
 * Online (streaming) training helpers: the replay window that mixes yesterday's samples back into
 * today's stream, and the distillation loss that adds the offline teacher's prediction to the
 * streaming student's soft label.
 *
 * Time is an abstract clock in hours: day d covers [24d, 24d + 24), so hour-of-day is `t mod 24`
 * and no time zone can shift a boundary. A real system would use its log's local day.
 */
import { type Rng, shuffle } from '../shared/random.ts';
import { bceWithLogits, sigmoid } from './stable.ts';

/** Anything with a timestamp in hours on the clock above. */
export interface Timed {
  readonly t: number;
}

const HOURS_PER_DAY = 24;

// #region replay-window
/** The time ranges the replay selector uses at `now`: replay is [from, to), fresh is [from, to]. */
export interface ReplayWindow {
  /** Yesterday, from the current time-of-day up to midnight: the part of the cycle to replay. */
  readonly replay: { readonly from: number; readonly to: number };
  /** Today, from the start of the current hour up to `now` (inclusive): the fresh stream. */
  readonly fresh: { readonly from: number; readonly to: number };
}

/**
 * At `now`, the model has already streamed through today's samples up to the current hour.
 * Replaying yesterday from the current time-of-day to midnight completes one full 24-hour cycle
 * (replay + today so far = exactly the last 24 hours), so every hour of the day is represented
 * once and the model does not drift toward the behaviour of the last few hours (night owls at
 * 1 a.m., commuters at 8 a.m.).
 */
export function replayWindow(now: number): ReplayWindow {
  if (!Number.isFinite(now) || now < HOURS_PER_DAY) {
    throw new RangeError(`replayWindow: now must be a finite time on day 1 or later, got ${now}`);
  }
  const dayStart = Math.floor(now / HOURS_PER_DAY) * HOURS_PER_DAY;
  const hour = Math.floor(now - dayStart); // current hour-of-day, 0..23
  return {
    replay: { from: now - HOURS_PER_DAY, to: dayStart },
    fresh: { from: dayStart + hour, to: now },
  };
}

/** Split `samples` into the replay part and the fresh part for training at `now`. */
export function selectReplay<T extends Timed>(samples: readonly T[], now: number): { replay: T[]; fresh: T[] } {
  const w = replayWindow(now);
  const replay = samples.filter((s) => s.t >= w.replay.from && s.t < w.replay.to);
  // `to` is inclusive for the fresh part: a sample logged exactly at `now` has arrived.
  const fresh = samples.filter((s) => s.t >= w.fresh.from && s.t <= w.fresh.to);
  return { replay, fresh };
}
// #endregion

// #region replay-mix
/**
 * One training batch: all fresh samples plus `ratio` replayed samples per fresh one, drawn
 * without replacement, then shuffled so that the optimiser never sees a run of old samples.
 */
export function mixReplay<T>(rng: Rng, fresh: readonly T[], replay: readonly T[], ratio: number): T[] {
  if (!Number.isFinite(ratio) || ratio < 0) throw new RangeError(`mixReplay: ratio must be >= 0, got ${ratio}`);
  const k = Math.min(replay.length, Math.round(ratio * fresh.length));
  const drawn = shuffle(rng, replay).slice(0, k);
  return shuffle(rng, [...fresh, ...drawn]);
}
// #endregion

// #region distill-loss
function checkProbability(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
}

function checkWeight(name: string, weight: number): void {
  if (!(weight >= 0 && weight < Infinity))
    throw new RangeError(`${name}: weight must be finite and >= 0, got ${weight}`);
}

/**
 * Loss (nats) of the streaming student on one sample, from its logit z (its click probability is
 * p_s = sigmoid(z)): its own logloss on the click label y plus `weight` (0.2 in the recipe on
 * the page, a 1 : 0.2 ratio) times the cross-entropy between the offline teacher's prediction p_t
 * and the student's. Both terms are binary cross-entropy from the logit, finite for every finite z.
 */
export function onlineDistillLoss(label: number, studentLogit: number, teacherP: number, weight = 0.2): number {
  checkProbability('onlineDistillLoss: label', label);
  checkProbability('onlineDistillLoss: teacherP', teacherP);
  checkWeight('onlineDistillLoss', weight);
  return bceWithLogits(studentLogit, label) + weight * bceWithLogits(studentLogit, teacherP);
}

/**
 * The soft label the two terms amount to: t = (y + w p_t) / (1 + w). With w = 0.2 that is
 * 5/6 of the label plus 1/6 of the teacher.
 */
export function distillSoftLabel(label: number, teacherP: number, weight = 0.2): number {
  checkProbability('distillSoftLabel: label', label);
  checkProbability('distillSoftLabel: teacherP', teacherP);
  checkWeight('distillSoftLabel', weight);
  return (label + weight * teacherP) / (1 + weight);
}

/**
 * Gradient of onlineDistillLoss with respect to the student's logit z:
 * (p_s - y) + w (p_s - p_t) = (1 + w) (p_s - t), t the soft label above. So the teacher term is
 * the same as training on t with a learning rate 1 + w times larger.
 */
export function onlineDistillGrad(label: number, studentLogit: number, teacherP: number, weight = 0.2): number {
  return (1 + weight) * (sigmoid(studentLogit) - distillSoftLabel(label, teacherP, weight));
}
// #endregion

/** Mean loss over a batch of (label, student logit, teacher probability) triples. */
export function meanOnlineDistillLoss(
  batch: readonly { label: number; studentLogit: number; teacherP: number }[],
  weight = 0.2,
): number {
  if (batch.length === 0) throw new RangeError('meanOnlineDistillLoss: batch must not be empty');
  let sum = 0;
  for (const s of batch) sum += onlineDistillLoss(s.label, s.studentLogit, s.teacherP, weight);
  return sum / batch.length;
}

/** Settings of simulateStudent. */
export interface StudentSimulation {
  /** Probability that a streamed sample is a click, in (0, 1). */
  readonly clickRate: number;
  /** The teacher's fixed prediction for these samples, in [0, 1]. */
  readonly teacherP: number;
  /** Weight of the teacher term (0 = plain logloss). */
  readonly weight: number;
  /** Learning rate on the logit, > 0. */
  readonly lr: number;
  /** Number of streamed samples, one optimiser step each. */
  readonly steps: number;
  /** Starting logit (default 0, a prediction of 1/2). */
  readonly z0?: number;
  /**
   * Factor on the whole loss (default 1), > 0. 1 / (1 + weight) turns logloss + weight * teacher
   * CE into its normalised form, 1/(1 + w) logloss + w/(1 + w) teacher CE.
   */
  readonly lossScale?: number;
  /** 'sgd' (default) or 'adam' (Kingma and Ba 2015, Algorithm 1: beta1 0.9, beta2 0.999, eps 1e-8). */
  readonly optimizer?: 'sgd' | 'adam';
}

/**
 * One student logit trained online: each step draws a label y ~ Bernoulli(clickRate) (one rng()
 * call, so runs with the same seed see the same labels), takes the gradient
 * g = lossScale * onlineDistillGrad(y, z, teacherP, weight) and updates z by plain SGD,
 * z <- z - lr g, or by Adam with bias correction. Returns the student's click probability
 * sigmoid(z) after each step. A toy model of one embedding row on a stream, used to measure what
 * the teacher term does to the level and the noise of the prediction. Throws a RangeError for a
 * click rate outside (0, 1), a learning rate or loss scale that is not a positive number, a
 * non-integer step count or a non-finite start.
 */
export function simulateStudent(rng: Rng, sim: StudentSimulation): number[] {
  const { clickRate, teacherP, weight, lr, steps, z0 = 0, lossScale = 1, optimizer = 'sgd' } = sim;
  if (!(clickRate > 0 && clickRate < 1))
    throw new RangeError(`simulateStudent: clickRate must be in (0, 1), got ${clickRate}`);
  if (!(lr > 0 && lr < Infinity)) throw new RangeError(`simulateStudent: lr must be a positive number, got ${lr}`);
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`simulateStudent: steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(z0)) throw new RangeError(`simulateStudent: z0 must be finite, got ${z0}`);
  if (!(lossScale > 0 && lossScale < Infinity))
    throw new RangeError(`simulateStudent: lossScale must be a positive number, got ${lossScale}`);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let z = z0;
  let m = 0; // Adam's first moment
  let v = 0; // Adam's second moment
  const out: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const y = rng() < clickRate ? 1 : 0;
    const g = lossScale * onlineDistillGrad(y, z, teacherP, weight);
    if (optimizer === 'adam') {
      m = beta1 * m + (1 - beta1) * g;
      v = beta2 * v + (1 - beta2) * g * g;
      // Bias-corrected moments; 1 - beta^i as -expm1(i ln beta), exact for large i too.
      const mHat = m / -Math.expm1(i * Math.log(beta1));
      const vHat = v / -Math.expm1(i * Math.log(beta2));
      z -= (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
    } else {
      z -= lr * g;
    }
    out.push(sigmoid(z));
  }
  return out;
}
