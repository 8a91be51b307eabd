import * as Plot from '@observablehq/plot';
import { cosineSimilarityMatrix, intraListDiversity, mmrRerank } from '../../content/snippets/ranking/mmr.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Seeded pools of 60 candidates in 4 topics: each embedding is its topic's centre plus noise, and
 * the first topic is the most relevant, so a pure relevance sort fills most of the top 10 with it.
 * One pool is one draw, and pools differ a lot (the per-pool standard deviation of the diversity
 * at λ = 1 is about 0.15), so the curves average 400 pools and the caption gives each number with
 * two standard errors of that mean; a test checks that a second, disjoint set of 400 pools agrees.
 */
export const POOLS = 400;
const DIM = 8;
const TOPICS = 4;
const CANDIDATES = 60;
const K = 10;
export const LAMBDAS = Array.from({ length: 21 }, (_, s) => s / 20);

interface PoolPoint {
  relevance: number;
  diversity: number;
  topics: number;
}

/** One seeded pool, re-ranked by MMR at every λ of LAMBDAS: the top 10's mean relevance, diversity and topic count. */
export function sweep(seed: number): PoolPoint[] {
  const rng = mulberry32(seed);
  const centres = Array.from({ length: TOPICS }, () => Array.from({ length: DIM }, () => normal(rng)));
  const topicOf = Array.from({ length: CANDIDATES }, (_, i) => i % TOPICS);
  const vectors = topicOf.map((t) => centres[t]!.map((c) => c + 0.35 * normal(rng)));
  const relevance = topicOf.map((t) => Math.min(1, Math.max(0, 0.85 - 0.15 * t + 0.08 * normal(rng))));
  const similarity = cosineSimilarityMatrix(vectors);
  return LAMBDAS.map((lambda) => {
    const picked = mmrRerank(relevance, similarity, lambda, K);
    return {
      relevance: picked.reduce((sum, i) => sum + relevance[i]!, 0) / K,
      diversity: intraListDiversity(picked, similarity),
      topics: new Set(picked.map((i) => topicOf[i]!)).size,
    };
  });
}

type Key = keyof PoolPoint;
export interface SummaryRow {
  lambda: number;
  mean: Record<Key, number>;
  /** Standard error of the mean over the pools. */
  se: Record<Key, number>;
}

/** The first λ at which diversity has fallen below halfway between its λ = 0 and λ = 1 values. */
const turn = (curve: readonly { diversity: number }[]): number => {
  const mid = (curve[0]!.diversity + curve.at(-1)!.diversity) / 2;
  return LAMBDAS[curve.findIndex((r) => r.diversity < mid)]!;
};

/** Means and standard errors per λ over the pools of these seeds, the turning point of the mean curve, and the quartiles of the per-pool turning points. */
export function summarise(seeds: readonly number[]) {
  const pools = seeds.map(sweep);
  const n = pools.length;
  const rows: SummaryRow[] = LAMBDAS.map((lambda, s) => {
    const stat = (key: Key): [number, number] => {
      const xs = pools.map((p) => p[s]![key]);
      const m = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
      return [m, sd / Math.sqrt(n)];
    };
    const [r, rSe] = stat('relevance');
    const [d, dSe] = stat('diversity');
    const [t, tSe] = stat('topics');
    return {
      lambda,
      mean: { relevance: r, diversity: d, topics: t },
      se: { relevance: rSe, diversity: dSe, topics: tSe },
    };
  });
  const perPool = pools.map((p) => turn(p)).sort((x, y) => x - y);
  return {
    rows,
    knee: turn(rows.map((r) => r.mean)),
    q1: perPool[Math.floor(n / 4)]!,
    q3: perPool[Math.floor((3 * n) / 4)]!,
  };
}

const { rows, knee, q1, q3 } = summarise(Array.from({ length: POOLS }, (_, k) => k + 1));
/** Axis labels and curve names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'λ (weight on relevance) →',
    y: '↑ Value',
    relevance: 'mean relevance of the top 10',
    diversity: 'intra-list diversity (mean 1 − cosine)',
  },
  zh: {
    x: 'λ（相关性的权重）→',
    y: '↑ 取值',
    relevance: '前 10 个的平均相关性',
    diversity: '列表内多样性（1 − 余弦的均值）',
  },
};
const pure = rows.at(-1)!;
const balanced = rows[10]!;
/** mean ± two standard errors, both to `digits` decimals. */
const pm = (r: SummaryRow, key: Key, digits: number): string =>
  `${r.mean[key].toFixed(digits)} ± ${(2 * r.se[key]).toFixed(digits)}`;

export default defineFigure({
  caption: {
    en: `MMR on ${POOLS} simulated pools of ${CANDIDATES} candidates from ${TOPICS} topics (seeds 1 to ${POOLS}), top ${K} kept, as λ sweeps from 0 (only novelty) to 1 (only relevance); each point is the mean over the pools, and ± gives two standard errors of that mean. At λ = 1 the list covers ${pm(pure, 'topics', 2)} of the ${TOPICS} topics, with mean relevance ${pm(pure, 'relevance', 3)} and diversity ${pm(pure, 'diversity', 2)}; at λ = 0.5 it covers ${pm(balanced, 'topics', 2)}, relevance ${pm(balanced, 'relevance', 3)}, diversity ${pm(balanced, 'diversity', 2)}. The mean diversity first drops below halfway between its two ends at λ = ${knee.toFixed(2)}; pool by pool that point varies, from ${q1.toFixed(2)} to ${q3.toFixed(2)} for the middle half of the pools.`,
    zh: `在 ${POOLS} 个模拟候选池上运行 MMR：每个池有来自 ${TOPICS} 个话题的 ${CANDIDATES} 个候选（种子 1 到 ${POOLS}），保留前 ${K} 个，λ 从 0（只看新颖性）扫到 1（只看相关性）；每个点是各候选池的均值，± 给出该均值的两倍标准误。λ = 1 时，列表覆盖 ${TOPICS} 个话题中的 ${pm(pure, 'topics', 2)} 个，平均相关性 ${pm(pure, 'relevance', 3)}，多样性 ${pm(pure, 'diversity', 2)}；λ = 0.5 时覆盖 ${pm(balanced, 'topics', 2)} 个话题，相关性 ${pm(balanced, 'relevance', 3)}，多样性 ${pm(balanced, 'diversity', 2)}。平均多样性在 λ = ${knee.toFixed(2)} 处首次跌破两端取值的中点；逐个候选池来看，这个点各不相同，中间一半的候选池落在 ${q1.toFixed(2)} 到 ${q3.toFixed(2)} 之间。`,
  },
  alt: {
    en: `Two lines against λ from 0 to 1. Mean relevance of the top ${K} rises from ${rows[0]!.mean.relevance.toFixed(2)} to ${pure.mean.relevance.toFixed(2)}; intra-list diversity stays near ${rows[0]!.mean.diversity.toFixed(2)} for small λ, is ${balanced.mean.diversity.toFixed(2)} at λ = 0.5, first falls below halfway at λ = ${knee.toFixed(2)}, and ends at ${pure.mean.diversity.toFixed(2)}.`,
    zh: `两条曲线，横轴是从 0 到 1 的 λ。前 ${K} 个的平均相关性从 ${rows[0]!.mean.relevance.toFixed(2)} 升到 ${pure.mean.relevance.toFixed(2)}；列表内多样性在 λ 较小时保持在 ${rows[0]!.mean.diversity.toFixed(2)} 附近，λ = 0.5 时为 ${balanced.mean.diversity.toFixed(2)}，在 λ = ${knee.toFixed(2)} 处首次跌破中点，最后为 ${pure.mean.diversity.toFixed(2)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const long = rows.flatMap((r) => [
      { lambda: r.lambda, value: r.mean.relevance, metric: label.relevance },
      { lambda: r.lambda, value: r.mean.diversity, metric: label.diversity },
    ]);
    return {
      width: 640,
      height: 340,
      x: { label: label.x, domain: [0, 1] },
      y: { label: label.y, grid: true, domain: [0, 1] },
      color: { domain: [label.relevance, label.diversity], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(long, { x: 'lambda', y: 'value', stroke: 'metric', strokeWidth: 2.5 }),
        Plot.dot(long, { x: 'lambda', y: 'value', fill: 'metric', r: 3 }),
        Plot.text(long.slice(-2), {
          x: 'lambda',
          y: 'value',
          text: 'metric',
          fill: 'metric',
          textAnchor: 'end',
          dy: -12,
          fontSize: 12,
        }),
        Plot.ruleY([0]),
      ],
    };
  },
});
