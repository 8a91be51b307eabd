/**
 * Online (streaming) training helpers: the replay window that mixes yesterday's samples back into
 * today's stream, and the distillation loss that keeps the streaming student near the offline
 * teacher.
 *
 * Time is an abstract clock in hours: day d covers [24d, 24d + 24), so hour-of-day is `t mod 24`
 * and no time zone can shift a boundary. A real system would use its log's local day.
 */
import { type Rng, shuffle } from '../shared/random.ts';

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
const EPS = 1e-12; // keeps log() finite when a probability reaches exactly 0 or 1

/** Binary cross-entropy of predicted probability `p` against a (possibly soft) target `y`. */
export function binaryCrossEntropy(y: number, p: number): number {
  if (!(y >= 0 && y <= 1)) throw new RangeError(`binaryCrossEntropy: y must be in [0, 1], got ${y}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binaryCrossEntropy: p must be in [0, 1], got ${p}`);
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
}

/**
 * Loss of the streaming student on one sample: its own logloss on the click label plus `weight`
 * (0.2 in the production recipe, a 1 : 0.2 ratio) times the cross-entropy between the offline
 * teacher's prediction and the student's. The second term pulls the student back toward the
 * teacher whenever a noisy streaming batch drags it away.
 */
export function onlineDistillLoss(label: number, studentP: number, teacherP: number, weight = 0.2): number {
  if (!(weight >= 0)) throw new RangeError(`onlineDistillLoss: weight must be >= 0, got ${weight}`);
  return binaryCrossEntropy(label, studentP) + weight * binaryCrossEntropy(teacherP, studentP);
}

/**
 * Its gradient with respect to the student's logit z (p = sigmoid(z)):
 * (p - y) + w (p - p_t) = (1 + w) (p - (y + w p_t) / (1 + w)).
 * So the extra term is the same as training on the soft label (y + w p_t) / (1 + w).
 */
export function onlineDistillGrad(label: number, studentP: number, teacherP: number, weight = 0.2): number {
  return studentP - label + weight * (studentP - teacherP);
}
// #endregion

/** Mean loss over a batch of (label, student, teacher) triples. */
export function meanOnlineDistillLoss(
  batch: readonly { label: number; studentP: number; teacherP: number }[],
  weight = 0.2,
): number {
  if (batch.length === 0) throw new RangeError('meanOnlineDistillLoss: batch must not be empty');
  let sum = 0;
  for (const s of batch) sum += onlineDistillLoss(s.label, s.studentP, s.teacherP, weight);
  return sum / batch.length;
}
