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

export default defineFigure({
  caption: `Credit a single relevant item earns at each rank. HR@${K} is a cliff: full credit anywhere in the top ${K}, none after. MRR halves from rank 1 to rank 2 (${at('MRR = MAP', 2).toFixed(2)}) and keeps falling as 1/rank. NDCG@${K} decays gently as 1/log₂(rank + 1), ${at(`NDCG@${K}`, 2).toFixed(2)} at rank 2 and ${at(`NDCG@${K}`, K).toFixed(2)} at rank ${K}, then drops to 0 past the cut-off.`,
  alt: `Three curves over ranks 1 to 20. HR@${K} stays at 1 to rank ${K} and is 0 after. NDCG@${K} falls from 1 to ${at(`NDCG@${K}`, K).toFixed(2)} at rank ${K}, then to 0. MRR falls fastest: ${[2, 10, 20].map((r) => `${+at('MRR = MAP', r).toFixed(2)} at rank ${r}`).join(', ')}.`,
  plot: () => ({
    width: 620,
    height: 320,
    x: { label: 'Rank of the relevant item →', ticks: [1, 5, 10, 15, 20] },
    y: { label: '↑ Credit', domain: [0, 1.05], grid: true },
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
