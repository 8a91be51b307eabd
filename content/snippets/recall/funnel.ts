/**
 * The recommendation funnel and multi-channel recall.
 *
 * The stage sizes are illustrative orders of magnitude for a feed with a corpus of ~10^7 items,
 * not measurements of any one system: real numbers vary by product, but each stage cutting the
 * candidate set by roughly 10x is the common shape.
 */

// #region stages
export interface FunnelStage {
  /** Stage name. */
  readonly stage: string;
  /** Chinese name, as practitioners say it. */
  readonly zh: string;
  /** Typical number of items that leave this stage (order of magnitude). */
  readonly candidates: number;
  /** What scores the items at this stage. */
  readonly scorer: string;
}

export const FUNNEL: readonly FunnelStage[] = [
  { stage: 'Corpus', zh: '物料库', candidates: 10_000_000, scorer: 'none: everything eligible' },
  { stage: 'Recall', zh: '召回', candidates: 10_000, scorer: 'several cheap channels: CF, embeddings + ANN, rules' },
  { stage: 'Pre-ranking', zh: '粗排', candidates: 1_000, scorer: 'light model, e.g. two-tower dot product' },
  { stage: 'Ranking', zh: '精排', candidates: 100, scorer: 'heavy CTR/multi-task model with cross features' },
  { stage: 'Re-ranking', zh: '重排', candidates: 10, scorer: 'diversity, business rules, list-wise context' },
];

/** How many times smaller each stage's output is than the previous stage's. */
export function shrinkFactors(stages: readonly FunnelStage[]): number[] {
  const out: number[] = [];
  for (let s = 1; s < stages.length; s++) out.push(stages[s - 1]!.candidates / stages[s]!.candidates);
  return out;
}
// #endregion

// #region merge
export interface ScoredItem {
  readonly id: string;
  readonly score: number;
}

export interface RecallChannel {
  readonly name: string;
  /** The channel's own candidates, best first. Scores are only comparable within a channel. */
  readonly items: readonly ScoredItem[];
  /** How many distinct items this channel is guaranteed to contribute. */
  readonly quota: number;
}

/**
 * Multi-channel merge with a hard quota per channel: each channel, in priority order, adds its
 * best items not already taken until it has contributed `quota` of them. A channel whose items
 * would never win a global score comparison (a niche or fresh-item channel) still gets through.
 */
export function mergeWithQuotas(channels: readonly RecallChannel[]): { id: string; channel: string }[] {
  const taken = new Set<string>();
  const out: { id: string; channel: string }[] = [];
  for (const ch of channels) {
    if (!Number.isInteger(ch.quota) || ch.quota < 0) {
      throw new RangeError(
        `mergeWithQuotas: quota of channel "${ch.name}" must be a non-negative integer, got ${ch.quota}`,
      );
    }
    let added = 0;
    for (const item of ch.items) {
      if (added === ch.quota) break;
      if (taken.has(item.id)) continue;
      taken.add(item.id);
      out.push({ id: item.id, channel: ch.name });
      added++;
    }
  }
  return out;
}

/**
 * The alternative the quota guards against: pool every channel and keep the global top k. Scores
 * may be any numbers, including +-Infinity; a NaN score has no place in the order and is rejected.
 */
export function mergeByScore(channels: readonly RecallChannel[], k: number): { id: string; channel: string }[] {
  const best = new Map<string, { id: string; channel: string; score: number }>();
  for (const ch of channels) {
    for (const item of ch.items) {
      if (Number.isNaN(item.score))
        throw new RangeError(`mergeByScore: item "${item.id}" of channel "${ch.name}" has a NaN score`);
      const prev = best.get(item.id);
      if (!prev || item.score > prev.score) best.set(item.id, { id: item.id, channel: ch.name, score: item.score });
    }
  }
  return [...best.values()]
    .sort((a, b) => (a.score === b.score ? 0 : b.score > a.score ? 1 : -1))
    .slice(0, k)
    .map(({ id, channel }) => ({ id, channel }));
}
// #endregion
