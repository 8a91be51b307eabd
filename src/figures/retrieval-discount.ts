import * as Plot from '@observablehq/plot';
import { binaryGrades, hitAtK, ndcgAtK, reciprocalRank } from '../../content/snippets/evaluation/retrieval-metrics.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * One user, one held-out item, placed at rank 1..20 of a 20-item list: how much credit each
 * metric gives it. With a single relevant item, AP equals RR and Recall@10 equals HR@10.
 */
const K = 10;
const RANKS = Array.from({ length: 20 }, (_, i) => i + 1);
const list = RANKS.map((r) => `item${r}`);

const metrics = [
  { name: `HR@${K} = Recall@${K}`, score: (rel: Set<string>) => hitAtK(list, rel, K) },
  { name: `NDCG@${K}`, score: (rel: Set<string>) => ndcgAtK(list, binaryGrades(rel), K) },
  { name: 'MRR = MAP', score: (rel: Set<string>) => reciprocalRank(list, rel) },
];

const rows = metrics.flatMap((m) =>
  RANKS.map((rank) => ({ metric: m.name, rank, credit: m.score(new Set([`item${rank}`])) })),
);
const at = (metric: string, rank: number) => rows.find((r) => r.metric === metric && r.rank === rank)!.credit;
const NDCG = `NDCG@${K}`;
const MRR = 'MRR = MAP';

/** Axis labels in each language (the metric names are the same in both, as are the numbers). */
const LABELS = {
  en: { x: 'Rank of the relevant item →', y: '↑ Credit' },
  zh: { x: '相关物品的排名 →', y: '↑ 得分' },
};

export default defineFigure({
  caption: {
    en: `Credit a single relevant item earns at each rank. HR@${K} is a cliff: full credit anywhere in the top ${K}, none after. MRR halves from rank 1 to rank 2 (${at(MRR, 2).toFixed(2)}) and keeps falling as 1/rank. NDCG@${K} decays gently as 1/log₂(rank + 1), ${at(NDCG, 2).toFixed(2)} at rank 2 and ${at(NDCG, K).toFixed(2)} at rank ${K}, then drops to 0 past the cut-off.`,
    zh: `单个相关物品排在各个位置时能拿到的分数。HR@${K} 是一道悬崖：排在前 ${K} 位的任何位置都拿满分，之后一分没有。MRR 从第 1 位到第 2 位减半（${at(MRR, 2).toFixed(2)}），之后按 1/排名 继续下降。NDCG@${K} 按 1/log₂(排名 + 1) 平缓衰减，第 2 位为 ${at(NDCG, 2).toFixed(2)}，第 ${K} 位为 ${at(NDCG, K).toFixed(2)}，过了截断位置就降为 0。`,
  },
  alt: {
    en: `Three curves over ranks 1 to 20. HR@${K} stays at 1 to rank ${K} and is 0 after. NDCG@${K} falls from 1 to ${at(NDCG, K).toFixed(2)} at rank ${K}, then to 0. MRR falls fastest: ${[2, 10, 20].map((r) => `${+at(MRR, r).toFixed(2)} at rank ${r}`).join(', ')}.`,
    zh: `排名 1 到 20 上的三条曲线。HR@${K} 到第 ${K} 位为止一直是 1，之后为 0。NDCG@${K} 从 1 降到第 ${K} 位的 ${at(NDCG, K).toFixed(2)}，之后为 0。MRR 下降最快：${[2, 10, 20].map((r) => `第 ${r} 位为 ${+at(MRR, r).toFixed(2)}`).join('，')}。`,
  },
  plot: (lang) => ({
    width: 620,
    height: 320,
    x: { label: LABELS[lang].x, ticks: [1, 5, 10, 15, 20] },
    y: { label: LABELS[lang].y, domain: [0, 1.05], grid: true },
    color: { domain: metrics.map((m) => m.name), range: [FIG_COLORS[2], FIG_COLORS[0], FIG_COLORS[1]] },
    marks: [
      Plot.ruleX([K + 0.5], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.5 }),
      Plot.line(rows, { x: 'rank', y: 'credit', stroke: 'metric', curve: 'step', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'rank', y: 'credit', fill: 'metric', r: 3 }),
      Plot.text(
        metrics.map((m, i) => ({ metric: m.name, rank: [3, 6, 4][i]!, credit: at(m.name, [3, 6, 4][i]!) })),
        { x: 'rank', y: 'credit', text: 'metric', fill: 'metric', textAnchor: 'start', dx: 6, dy: -10, fontSize: 12 },
      ),
    ],
  }),
});
