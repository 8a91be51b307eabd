/**
 * Neighbourhood collaborative filtering on implicit feedback (who interacted with what).
 *
 * Input is one list of item indices per user. Item-item similarity is computed the way large
 * systems do it, from an inverted index: walk each user's list and count co-occurring pairs,
 * which costs sum_u |N(u)|^2 instead of n_items^2 * n_users.
 */

/** userItems[u] = the distinct items user u interacted with. */
export type Interactions = readonly (readonly number[])[];

export type SimilarityKind = 'cooccurrence' | 'cosine' | 'jaccard';

export interface ItemSimOptions {
  readonly kind: SimilarityKind;
  /**
   * Popularity penalty for `cosine`: sim(i, j) = C_ij / (N_i^(1 - alpha) * N_j^alpha), with j the
   * candidate. 0.5 is plain cosine; larger alpha divides more by the candidate's popularity N_j.
   */
  readonly alpha?: number;
  /** Weight each user's co-occurrences by 1 / log(1 + |N(u)|), so very active users count less. */
  readonly iuf?: boolean;
}

// #region similarity
/** sim[i][j]: how strongly having i in a history suggests candidate j. The diagonal is 0. */
export function itemSimilarity(userItems: Interactions, nItems: number, opts: ItemSimOptions): number[][] {
  const alpha = opts.alpha ?? 0.5;
  if (!Number.isFinite(alpha)) throw new RangeError(`itemSimilarity: alpha must be a finite number, got ${alpha}`);
  if (opts.iuf && opts.kind === 'jaccard')
    throw new RangeError('itemSimilarity: iuf is defined for cooccurrence and cosine, not jaccard');
  const pop = new Array<number>(nItems).fill(0); // N_i: users who touched item i
  const co = Array.from({ length: nItems }, () => new Array<number>(nItems).fill(0)); // C_ij
  for (const items of userItems) {
    const w = opts.iuf ? 1 / Math.log(1 + items.length) : 1;
    for (const i of items) {
      if (!(i >= 0 && i < nItems)) throw new RangeError(`itemSimilarity: item ${i} is outside [0, ${nItems})`);
      pop[i]!++;
      for (const j of items) if (j !== i) co[i]![j]! += w;
    }
  }
  return co.map((row, i) =>
    row.map((c, j) => {
      if (c === 0) return 0;
      const ni = pop[i]!;
      const nj = pop[j]!;
      if (opts.kind === 'cooccurrence') return c;
      if (opts.kind === 'jaccard') return c / (ni + nj - c);
      return c / (Math.pow(ni, 1 - alpha) * Math.pow(nj, alpha));
    }),
  );
}
// #endregion

// #region score
/**
 * Item-CF score of every unseen item j for one user: sum over history items i of sim[i][j].
 * With `neighbours = K`, item i only votes for its K most similar items (the usual top-K cut,
 * which also keeps the similarity table sparse).
 */
export function itemCfScores(
  history: readonly number[],
  sim: readonly (readonly number[])[],
  neighbours = Infinity,
): Map<number, number> {
  const seen = new Set(history);
  const scores = new Map<number, number>();
  for (const i of history) {
    const row = sim[i];
    if (!row) throw new RangeError(`itemCfScores: history item ${i} has no similarity row`);
    const top = row
      .map((s, j) => ({ j, s }))
      .filter(({ j, s }) => s > 0 && j !== i)
      .sort((a, b) => b.s - a.s || a.j - b.j)
      .slice(0, neighbours);
    for (const { j, s } of top) if (!seen.has(j)) scores.set(j, (scores.get(j) ?? 0) + s);
  }
  return scores;
}

/** Items sorted by score, best first (ties by index so results are deterministic). */
export function rank(scores: ReadonlyMap<number, number>): { item: number; score: number }[] {
  return [...scores].map(([item, score]) => ({ item, score })).sort((a, b) => b.score - a.score || a.item - b.item);
}
// #endregion

// #region user-cf
/**
 * User-CF for user u: cosine similarity between users' item sets, then each of the K most
 * similar users votes for their items with weight sim(u, v).
 */
export function userCfScores(userItems: Interactions, u: number, neighbours = Infinity): Map<number, number> {
  const mine = new Set(userItems[u] ?? []);
  if (mine.size === 0) return new Map();
  const sims: { v: number; s: number }[] = [];
  userItems.forEach((items, v) => {
    if (v === u || items.length === 0) return;
    let common = 0;
    for (const i of items) if (mine.has(i)) common++;
    if (common > 0) sims.push({ v, s: common / Math.sqrt(mine.size * items.length) });
  });
  sims.sort((a, b) => b.s - a.s || a.v - b.v);
  const scores = new Map<number, number>();
  for (const { v, s } of sims.slice(0, neighbours)) {
    for (const j of userItems[v]!) if (!mine.has(j)) scores.set(j, (scores.get(j) ?? 0) + s);
  }
  return scores;
}
// #endregion
