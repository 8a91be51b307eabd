import * as Plot from '@observablehq/plot';
import { sampledHitProbability } from '../../content/snippets/sequential/sasrec.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// A catalogue of 10,000 items; HR@10 of one held-out item as a function of its exact rank.
const N = 10_000;
const K = 10;
const SAMPLES = [100, 1000] as const;
const ranks = [...new Set(Array.from({ length: 81 }, (_, i) => Math.round(10 ** (i / 20))))].filter((r) => r <= N);
type Series = 'exact' | 100 | 1000;
const rows: { rank: number; p: number; series: Series }[] = ranks.flatMap((rank) => [
  { rank, p: rank <= K ? 1 : 0, series: 'exact' as Series },
  ...SAMPLES.map((m) => ({ rank, p: sampledHitProbability(rank, N, m, K), series: m as Series })),
]);
/** The first rank in (K, N] at which the hit probability with m negatives drops below `level`. */
const firstBelow = (m: number, level: number) => {
  // the probability falls as the rank grows (more items above the target), so bisect
  let lo = K; // probability >= level here
  let hi = N;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (sampledHitProbability(mid, N, m, K) >= level) lo = mid;
    else hi = mid;
  }
  return hi;
};
/** Largest exact rank that a sampled HR@10 with m negatives still counts as a hit at least half the time. */
const halfRank = (m: number) => firstBelow(m, 0.5) - 1;
/** First rank from which the hit probability with m negatives is below 1%. */
const goneRank = (m: number) => firstBelow(m, 0.01);
const p = (rank: number, m: number) => sampledHitProbability(rank, N, m, K).toFixed(2);
/** A tiny probability in scientific notation (toFixed would print 0.00). */
const pSci = (rank: number, m: number) => sampledHitProbability(rank, N, m, K).toExponential(0);
export const SUMMARY = { p500: p(500, 100), p5000: pSci(5000, 100), half100: halfRank(100), half1000: halfRank(1000) };

/** Series names and axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    series: { exact: 'exact HR@10', 100: '100 sampled negatives', 1000: '1,000 sampled negatives' },
    x: 'exact rank of the held-out item among 10,000 →',
    y: '↑ probability it counts as a hit@10',
  },
  zh: {
    series: { exact: '精确 HR@10', 100: '采样 100 个负样本', 1000: '采样 1000 个负样本' },
    x: '留出物品在 10000 个物品中的精确排名 →',
    y: '↑ 被算作命中@10 的概率',
  },
};

export default defineFigure({
  caption: {
    en: `How often a sampled HR@10 counts a held-out item as a hit, by the item's exact rank in a catalogue of ${N.toLocaleString('en-US')}. Exact HR@10 is a step at rank 10. Ranked against 100 random negatives, an item at exact rank 500 still counts as a hit with probability ${p(500, 100)}, and the metric stays above one half up to rank ${halfRank(100)}; with 1,000 negatives, up to rank ${halfRank(1000)}. A sampled metric rewards moving an item from rank 5,000 (probability ${pSci(5000, 100)}) to rank 500, and no user sees either position.`,
    zh: `在 ${N.toLocaleString('zh-CN')} 个物品的目录中，采样 HR@10 把一个留出物品算作命中的概率，随它的精确排名变化。精确 HR@10 是在排名 10 处的一个台阶。与 100 个随机负样本一起排序时，精确排名第 500 的物品仍有 ${p(500, 100)} 的概率被算作命中，直到排名 ${halfRank(100)} 这个概率都高于一半；采样 1000 个负样本时，这个位置是排名 ${halfRank(1000)}。采样指标会奖励把一个物品从第 5000 名（概率 ${pSci(5000, 100)}）挪到第 500 名，而这两个位置用户都看不到。`,
  },
  alt: {
    en: `Three curves against exact rank on a log axis from 1 to ${N.toLocaleString('en-US')}. Exact HR@10 drops from 1 to 0 after rank 10. With 100 negatives the curve passes one half at rank ${halfRank(100)} and falls below 0.01 at rank ${goneRank(100).toLocaleString('en-US')}; with 1,000 negatives it passes one half at rank ${halfRank(1000)} and falls below 0.01 at rank ${goneRank(1000)}.`,
    zh: `三条曲线，横轴为精确排名，对数刻度，从 1 到 ${N.toLocaleString('zh-CN')}。精确 HR@10 在排名 10 之后从 1 掉到 0。采样 100 个负样本时，曲线在排名 ${halfRank(100)} 处降到一半，在排名 ${goneRank(100).toLocaleString('zh-CN')} 处降到 0.01 以下；采样 1000 个负样本时，这两个位置分别是排名 ${halfRank(1000)} 和 ${goneRank(1000)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = rows.map((r) => ({ ...r, name: label.series[r.series] }));
    const names = [label.series.exact, label.series[100], label.series[1000]];
    return {
      width: 640,
      height: 320,
      marginLeft: 50,
      x: { type: 'log', label: label.x, grid: true, tickFormat: '~s' },
      y: { label: label.y, grid: true, domain: [0, 1.05] },
      color: { domain: names, range: ['currentColor', FIG_COLORS[1], FIG_COLORS[0]], legend: true },
      marks: [
        Plot.line(
          named.filter((r) => r.series === 'exact'),
          { x: 'rank', y: 'p', stroke: 'name', strokeWidth: 2, curve: 'step-before' },
        ),
        Plot.line(
          named.filter((r) => r.series !== 'exact'),
          { x: 'rank', y: 'p', stroke: 'name', strokeWidth: 2 },
        ),
        Plot.ruleY([0]),
      ],
    };
  },
});
