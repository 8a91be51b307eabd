/**
 * Position bias at serving time. A CTR model trained with the display position as a feature cannot
 * be fed the true position when it ranks, because the position is what the ranking decides. Two
 * ways out: score everyone at one fixed position (fine for ordering, wrong as a probability), or
 * score twice: first at the fixed position to estimate each item's slot, then at that slot.
 *
 * Models return click log-odds, and lists are sorted by log-odds, not by probability: two items
 * with logits 40 and 50 both have σ = 1 in double precision, but their logits still differ.
 */

/** Any CTR model that takes the display position (1 = top) and returns the click log-odds. */
export type PositionModel<T> = (item: T, position: number) => number;

export interface Scored<T> {
  item: T;
  /** The slot the item is shown in (1 = top). */
  position: number;
  /** Click probability from the first pass, at the default position. */
  firstPass: number;
  /** Click probability at `position`: the number to use where the value matters (bids, thresholds). */
  score: number;
}

/** σ(z) = 1 / (1 + e^-z) for any real z, in two branches so exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// #region toy-model
/**
 * The usual shape: a position-free relevance logit plus a per-slot bias on the wide (shallow)
 * side, added in log-odds. `slotBias[k]` is the bias of position k + 1; slots past the table
 * reuse its last entry. Returns the click log-odds z(x) + β_k.
 */
export function wideSidePositionModel<T>(
  relevance: (item: T) => number,
  slotBias: readonly number[],
): PositionModel<T> {
  if (slotBias.length === 0) throw new RangeError('wideSidePositionModel: slotBias is empty');
  slotBias.forEach((b, k) => {
    if (!Number.isFinite(b)) throw new RangeError(`wideSidePositionModel: slotBias[${k}] must be finite, got ${b}`);
  });
  return (item, position) => {
    if (!Number.isInteger(position) || position < 1)
      throw new RangeError(`wideSidePositionModel: position must be an integer >= 1, got ${position}`);
    const z = relevance(item);
    if (!Number.isFinite(z)) throw new RangeError(`wideSidePositionModel: relevance logit must be finite, got ${z}`);
    return z + slotBias[Math.min(position, slotBias.length) - 1]!;
  };
}
// #endregion

// #region fixed
/** Serving with the position frozen: every item scored as if it were shown at `defaultPosition`. */
export function scoreAtFixedPosition<T>(
  items: readonly T[],
  model: PositionModel<T>,
  defaultPosition = 1,
): Scored<T>[] {
  return items
    .map((item) => ({ item, logit: model(item, defaultPosition) }))
    .sort((x, y) => y.logit - x.logit) // by log-odds: probabilities near 1 would tie
    .map((r, k) => ({ item: r.item, position: k + 1, firstPass: sigmoid(r.logit), score: sigmoid(r.logit) }));
}
// #endregion

// #region two-pass
/**
 * Pass 1 scores every item at `defaultPosition` and sorts, which estimates the slot each item will
 * get. Pass 2 rescores each item at that estimated slot. The list keeps the pass-1 order, so every
 * reported score is the model's prediction for the slot the item is actually shown in.
 */
export function twoPassScore<T>(items: readonly T[], model: PositionModel<T>, defaultPosition = 1): Scored<T>[] {
  return scoreAtFixedPosition(items, model, defaultPosition).map((r) => ({
    ...r,
    score: sigmoid(model(r.item, r.position)),
  }));
}
// #endregion

/** Expected clicks on a page: the sum of the per-slot click probabilities. */
export function expectedClicks<T>(list: readonly Scored<T>[]): number {
  return list.reduce((s, r) => s + r.score, 0);
}
