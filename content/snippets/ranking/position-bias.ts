/**
 * Position bias at serving time. A CTR model trained with the display position as a feature cannot
 * be fed the true position when it ranks, because the position is what the ranking decides. Two
 * ways out: score everyone at one fixed position (fine for ordering, wrong as a probability), or
 * score twice: first at the fixed position to estimate each item's slot, then at that slot.
 */

/** Any CTR model that takes the display position (1 = top) as an input. */
export type PositionModel<T> = (item: T, position: number) => number;

export interface Scored<T> {
  item: T;
  /** The slot the item is shown in (1 = top). */
  position: number;
  /** Score from the first pass, at the default position. */
  firstPass: number;
  /** Score at `position`: the number to use where the value itself matters (bids, thresholds). */
  score: number;
}

// #region toy-model
/**
 * The usual shape: a position-free relevance logit plus a per-slot bias on the wide (shallow)
 * side, added in log-odds. `slotBias[k]` is the bias of position k + 1; slots past the table
 * reuse its last entry.
 */
export function wideSidePositionModel<T>(
  relevance: (item: T) => number,
  slotBias: readonly number[],
): PositionModel<T> {
  if (slotBias.length === 0) throw new RangeError('wideSidePositionModel: slotBias is empty');
  return (item, position) => {
    if (!Number.isInteger(position) || position < 1)
      throw new RangeError(`wideSidePositionModel: position must be an integer >= 1, got ${position}`);
    const bias = slotBias[Math.min(position, slotBias.length) - 1]!;
    return 1 / (1 + Math.exp(-(relevance(item) + bias)));
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
    .map((item) => {
      const s = model(item, defaultPosition);
      return { item, position: 0, firstPass: s, score: s };
    })
    .sort((x, y) => y.score - x.score)
    .map((r, k) => ({ ...r, position: k + 1 }));
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
    score: model(r.item, r.position),
  }));
}
// #endregion

/** Expected clicks on a page: the sum of the per-slot click probabilities. */
export function expectedClicks<T>(list: readonly Scored<T>[]): number {
  return list.reduce((s, r) => s + r.score, 0);
}
