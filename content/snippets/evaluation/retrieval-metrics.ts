/**
 * Top-K metrics for one ranked list against the items the user actually engaged with, and their
 * means over users. Positions are 1-based: rank 1 is the top of the list.
 */

function checkK(name: string, k: number): void {
  if (!(k === Infinity || (Number.isInteger(k) && k >= 1)))
    throw new RangeError(`${name}: k must be a positive integer or Infinity, got ${k}`);
}

function checkRelevant<T>(name: string, relevant: ReadonlySet<T>): void {
  // Recall, AP and the like divide by |relevant|: a user with nothing relevant has no score.
  if (relevant.size === 0) throw new RangeError(`${name}: relevant is empty, the metric is undefined (skip this user)`);
}

/** 1-based ranks (within the top k) of the relevant items in `ranked`. */
function hitRanks<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number[] {
  const ranks: number[] = [];
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranked[i]!)) ranks.push(i + 1);
  return ranks;
}

// #region binary
/** Hit rate for one user: 1 if any relevant item is in the top k, else 0. */
export function hitAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): 0 | 1 {
  checkK('hitAtK', k);
  checkRelevant('hitAtK', relevant);
  return hitRanks(ranked, relevant, k).length > 0 ? 1 : 0;
}

/** Share of the user's relevant items that made the top k. */
export function recallAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  checkK('recallAtK', k);
  checkRelevant('recallAtK', relevant);
  return hitRanks(ranked, relevant, k).length / relevant.size;
}

/** Share of the top k that is relevant. Divides by k even if the list is shorter: empty slots miss. */
export function precisionAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`precisionAtK: k must be a positive integer, got ${k}`);
  return hitRanks(ranked, relevant, k).length / k;
}

/** 1 / rank of the first relevant item within the top k; 0 if there is none. */
export function reciprocalRank<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k = Infinity): number {
  checkK('reciprocalRank', k);
  const first = hitRanks(ranked, relevant, k)[0];
  return first === undefined ? 0 : 1 / first;
}
// #endregion

// #region ap
/**
 * Average precision: the precision at the rank of each relevant hit, summed and divided by
 * min(|relevant|, k), the most hits the top k could hold. k = Infinity gives the classic AP.
 */
export function averagePrecision<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k = Infinity): number {
  checkK('averagePrecision', k);
  checkRelevant('averagePrecision', relevant);
  const ranks = hitRanks(ranked, relevant, k);
  // The j-th hit (1-based) at rank r has precision j / r at that cut-off.
  const sum = ranks.reduce((s, r, j) => s + (j + 1) / r, 0);
  return sum / Math.min(relevant.size, k);
}
// #endregion

// #region ndcg
export type Gain = 'exponential' | 'linear';

/**
 * DCG of graded relevances listed in rank order: gain(rel_i) / log2(i + 1), summed over ranks
 * i <= k. Grades are finite and >= 0; a RangeError names a grade that is not, or a DCG that
 * overflows the double range (an exponential gain 2^rel - 1 with rel above 1023).
 */
export function dcg(grades: readonly number[], k: number, gain: Gain = 'exponential'): number {
  checkK('dcg', k);
  let sum = 0;
  const n = Math.min(k, grades.length);
  for (let i = 0; i < n; i++) {
    const rel = grades[i]!;
    if (!(rel >= 0 && rel < Infinity)) throw new RangeError(`dcg: grades[${i}] must be finite and >= 0, got ${rel}`);
    // Exponential gain 2^rel - 1 (Burges et al.) stresses the best items; linear is rel itself.
    // expm1(rel ln 2) is 2^rel - 1 without the cancellation that turns a tiny rel into 0.
    const g = gain === 'exponential' ? Math.expm1(rel * Math.LN2) : rel;
    sum += g / Math.log2(i + 2); // rank i + 1, so the discount is log2(rank + 1)
  }
  if (sum === Infinity)
    throw new RangeError(`dcg: the gains overflow the double range (grades up to ${Math.max(...grades.slice(0, n))})`);
  return sum;
}

/**
 * NDCG@k = DCG@k / IDCG@k. The ideal list sorts every judged item by grade, including relevant
 * items the ranker never retrieved, so missing them costs. Unjudged items have grade 0.
 */
export function ndcgAtK<T>(
  ranked: readonly T[],
  grades: ReadonlyMap<T, number>,
  k: number,
  gain: Gain = 'exponential',
): number {
  checkK('ndcgAtK', k);
  const ideal = [...grades.values()].sort((a, b) => b - a);
  const idcg = dcg(ideal, k, gain);
  if (!(idcg > 0)) throw new RangeError('ndcgAtK: no judged item has a positive grade, NDCG is undefined');
  return (
    dcg(
      ranked.map((item) => grades.get(item) ?? 0),
      k,
      gain,
    ) / idcg
  );
}
// #endregion

// #region mean
export interface Query<T> {
  ranked: readonly T[];
  relevant: ReadonlySet<T>;
}

/**
 * The mean of a per-user metric, skipping users with nothing relevant (their recall, AP and NDCG
 * are undefined). MRR = meanOver(qs, reciprocalRank); MAP = meanOver(qs, averagePrecision).
 */
export function meanOver<T>(
  queries: readonly Query<T>[],
  metric: (ranked: readonly T[], relevant: ReadonlySet<T>) => number,
): number {
  let sum = 0;
  let n = 0;
  for (const q of queries) {
    if (q.relevant.size === 0) continue;
    sum += metric(q.ranked, q.relevant);
    n++;
  }
  if (n === 0) throw new RangeError('meanOver: no query has a relevant item');
  return sum / n;
}
// #endregion

/** Binary grades (1 for each relevant item) for ndcgAtK. */
export function binaryGrades<T>(relevant: ReadonlySet<T>): Map<T, number> {
  return new Map([...relevant].map((item) => [item, 1]));
}
