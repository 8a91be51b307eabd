/** AUC by ranks (ties count half), the naive pair count it equals, GAUC and ROC points. */

export type Label = 0 | 1;

function checkInputs(labels: readonly Label[], scores: readonly number[]): { pos: number; neg: number } {
  if (labels.length !== scores.length)
    throw new RangeError(`auc: labels (${labels.length}) and scores (${scores.length}) differ in length`);
  let pos = 0;
  labels.forEach((y, i) => {
    if (y !== 0 && y !== 1) throw new RangeError(`auc: labels[${i}] must be 0 or 1, got ${String(y)}`);
    if (!Number.isFinite(scores[i])) throw new RangeError(`auc: scores[${i}] must be finite, got ${scores[i]}`);
    pos += y;
  });
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) throw new RangeError('auc: undefined without at least one positive and one negative');
  return { pos, neg };
}

// #region rank-auc
/**
 * AUC = (sum of the positives' ranks - P(P+1)/2) / (P N), ranks ascending by score from 1
 * (the Mann-Whitney U statistic over P N). Tied scores share their average rank, which is what
 * makes a tied pair count one half. O(n log n) for the sort. labels[i] is 0 or 1 for scores[i];
 * scores are any finite numbers (logits, probabilities), compared exactly. Throws a RangeError
 * for arrays of different lengths, a label other than 0/1, a non-finite score, or a single class.
 */
export function auc(labels: readonly Label[], scores: readonly number[]): number {
  const { pos, neg } = checkInputs(labels, scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1; // average of ranks start+1 .. end+1
    for (let k = start; k <= end; k++) if (labels[order[k]!] === 1) rankSumPos += midRank;
    start = end + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
// #endregion

// #region pair-auc
/** The definition itself: the share of (positive, negative) pairs ordered correctly, ties half. O(P N). Same errors as auc. */
export function aucByPairs(labels: readonly Label[], scores: readonly number[]): number {
  const { pos, neg } = checkInputs(labels, scores);
  let wins = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    });
  });
  return wins / (pos * neg);
}
// #endregion

// #region gauc
export interface Impression {
  user: string;
  label: Label;
  score: number;
}

export interface GaucResult {
  gauc: number;
  /** Users whose AUC entered the average. */
  users: number;
  /** Users skipped because all their impressions had one label (their AUC is undefined). */
  skipped: number;
}

/**
 * Group AUC: each user's AUC, averaged with weights (impressions, as in DIN's eq. 10, or clicks
 * per user). Users with only clicks or only non-clicks have no pair to compare and are skipped.
 * Throws a RangeError when no user has both labels.
 */
export function gauc(
  impressions: readonly Impression[],
  weightBy: 'impressions' | 'clicks' = 'impressions',
): GaucResult {
  const byUser = new Map<string, { labels: Label[]; scores: number[] }>();
  for (const { user, label, score } of impressions) {
    const g = byUser.get(user) ?? { labels: [], scores: [] };
    g.labels.push(label);
    g.scores.push(score);
    byUser.set(user, g);
  }
  let weighted = 0;
  let totalWeight = 0;
  let users = 0;
  let skipped = 0;
  for (const { labels, scores } of byUser.values()) {
    const clicks = labels.reduce<number>((s, y) => s + y, 0);
    if (clicks === 0 || clicks === labels.length) {
      skipped++;
      continue;
    }
    const w = weightBy === 'impressions' ? labels.length : clicks;
    weighted += w * auc(labels, scores);
    totalWeight += w;
    users++;
  }
  if (users === 0) throw new RangeError('gauc: no user has both a click and a non-click');
  return { gauc: weighted / totalWeight, users, skipped };
}
// #endregion

// #region roc
export interface RocPoint {
  /** False-positive rate: share of negatives scored at or above the threshold. */
  fpr: number;
  /** True-positive rate: share of positives scored at or above the threshold. */
  tpr: number;
  threshold: number;
}

/**
 * ROC curve: lower the threshold through every distinct score. A group of tied scores moves the
 * curve diagonally, and the trapezoid under that diagonal is exactly the "ties count half" rule.
 */
export function rocPoints(labels: readonly Label[], scores: readonly number[]): RocPoint[] {
  const { pos, neg } = checkInputs(labels, scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i])
      points.push({ fpr: fp / neg, tpr: tp / pos, threshold: scores[i]! });
  }
  return points;
}

/** Area under a polyline of ROC points by the trapezoid rule. */
export function areaUnder(points: readonly RocPoint[]): number {
  let area = 0;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}
// #endregion
