/**
 * Swing: item-to-item similarity from pairs of users who both interacted with two items, each
 * pair discounted by how much the two users overlap overall.
 *
 * Source: X. Yang, Y. Zhu, Y. Zhang, X. Wang, Q. Yuan, "Large Scale Product Graph Construction for
 * Recommendation in E-commerce", arXiv 2010.05525 (2020). The user weight (|I_u| + alpha1)^(-beta)
 * follows the parametrisation of the Apache Flink ML Swing operator.
 */

/** userItems[u] = the distinct items user u interacted with (I_u). */
export type Interactions = readonly (readonly number[])[];

export interface SwingOptions {
  /** Smoothing alpha in 1 / (alpha + |I_u ∩ I_v|); > 0 keeps small overlaps from dominating. Default 1. */
  alpha?: number;
  /** alpha1 in the user weight (|I_u| + alpha1)^(-beta). Default 0. */
  userAlpha?: number;
  /** beta in the user weight; 0 (the default) weights every user 1, 0.5 with alpha1 = 0 gives 1 / sqrt(|I_u|). */
  beta?: number;
}

/** A user's weight w_u = (|I_u| + alpha1)^(-beta): heavy users count less. */
export function userWeight(historySize: number, userAlpha = 0, beta = 0): number {
  if (beta === 0) return 1;
  if (!(historySize + userAlpha > 0))
    throw new RangeError(
      `userWeight: historySize + userAlpha must be > 0 when beta > 0, got ${historySize + userAlpha}`,
    );
  return Math.exp(-beta * Math.log(historySize + userAlpha)); // log form: no overflow for large beta
}

function check(opts: SwingOptions): Required<SwingOptions> {
  const alpha = opts.alpha ?? 1;
  const userAlpha = opts.userAlpha ?? 0;
  const beta = opts.beta ?? 0;
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new RangeError(`swing: alpha must be finite and >= 0, got ${alpha}`);
  if (!(userAlpha >= 0) || !Number.isFinite(userAlpha))
    throw new RangeError(`swing: userAlpha must be finite and >= 0, got ${userAlpha}`);
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new RangeError(`swing: beta must be finite and >= 0, got ${beta}`);
  return { alpha, userAlpha, beta };
}

// #region swing
/**
 * s[i][j] = sum over unordered pairs {u, v} of distinct users who both interacted with i and j of
 * w_u w_v / (alpha + |I_u ∩ I_v|). Computed pair by pair: each pair of users that shares at least
 * two items adds the same amount to every ordered pair of items in their common set, so the
 * cost is the number of co-occurring user pairs times |I_u ∩ I_v|^2. Symmetric, zero diagonal.
 */
export function swingSimilarity(userItems: Interactions, nItems: number, opts: SwingOptions = {}): number[][] {
  const { alpha, userAlpha, beta } = check(opts);
  const sets = userItems.map((items, u) => {
    for (const i of items)
      if (!(Number.isInteger(i) && i >= 0 && i < nItems))
        throw new RangeError(`swingSimilarity: user ${u} has item ${i} outside [0, ${nItems})`);
    return new Set(items);
  });
  const w = sets.map((s) => (s.size === 0 ? 0 : userWeight(s.size, userAlpha, beta))); // an empty history is in no pair
  // Inverted index: the users of each item, to visit only user pairs that share something.
  const usersOf: number[][] = Array.from({ length: nItems }, () => []);
  sets.forEach((s, u) => s.forEach((i) => usersOf[i]!.push(u)));
  const s = Array.from({ length: nItems }, () => new Array<number>(nItems).fill(0));
  const done = new Set<number>();
  for (const users of usersOf)
    for (let a = 0; a < users.length; a++)
      for (let b = a + 1; b < users.length; b++) {
        const [u, v] = [users[a]!, users[b]!];
        const key = u * userItems.length + v;
        if (done.has(key)) continue; // each pair once, however many items it shares
        done.add(key);
        const common = [...sets[u]!].filter((i) => sets[v]!.has(i));
        if (common.length < 2) continue; // one shared item makes no swing
        const add = (w[u]! * w[v]!) / (alpha + common.length);
        for (const i of common) for (const j of common) if (i !== j) s[i]![j]! += add;
      }
  return s;
}
// #endregion

/** The items most similar to `item` by a similarity matrix, best first, ties to the lower index; zeros dropped. */
export function neighbours(
  sim: readonly (readonly number[])[],
  item: number,
  k = Infinity,
): { item: number; score: number }[] {
  const row = sim[item];
  if (!row) throw new RangeError(`neighbours: item ${item} has no row`);
  return row
    .map((score, j) => ({ item: j, score }))
    .filter(({ item: j, score }) => j !== item && score > 0)
    .sort((a, b) => b.score - a.score || a.item - b.item)
    .slice(0, k);
}
