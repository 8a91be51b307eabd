import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  adjacencyFromEdges,
  randomWalk,
  stationaryDistribution,
  visitFrequencies,
} from '../../content/snippets/recall/deepwalk.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// A hub (node 0) in a triangle-rich group, a path to a second group: degrees 4, 2, 3, 2, 2, 3, 2, 2.
const ADJ = adjacencyFromEdges(8, [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
  [1, 2],
  [2, 3],
  [4, 5],
  [5, 6],
  [5, 7],
  [6, 7],
]);
const LENGTHS = [1_000, 100_000] as const;
const PI = stationaryDistribution(ADJ);
/** The largest gap between a node's share of visits and deg(v) / 2|E|, for one walk from node 0. */
const gap = (len: number, seed: number) =>
  Math.max(
    ...visitFrequencies([randomWalk(ADJ, 0, len, mulberry32(seed))], ADJ.length).map((x, v) => Math.abs(x - PI[v]!)),
  );
// The chart shows one walk of each length (seeds 10 and 11); the caption also gives the range of
// the largest gap over seeds 1 to 20, so the reader can see the shown runs are typical.
const SHOWN_SEED = (k: number) => 10 + k;
const range = (len: number, to = 'to') => {
  const g = Array.from({ length: 20 }, (_, i) => gap(len, i + 1));
  return `${Math.min(...g).toFixed(3)} ${to} ${Math.max(...g).toFixed(3)}`;
};

/** Axis labels and the walk-length key in each language; the numbers are the same in both. */
const LABELS = {
  en: { node: 'node', share: 'share of visits', walk: (len: number) => `${len.toLocaleString('en-US')} steps` },
  zh: { node: '节点', share: '访问占比', walk: (len: number) => `${len.toLocaleString('zh-CN')} 步` },
};
/** Nodes of degree two, listed for the Chinese alt text (the English one names them in words). */
const DEG2 = ADJ.flatMap((nbrs, v) => (nbrs.length === 2 ? [v] : []));

export default defineFigure({
  caption: {
    en: `Share of visits per node in one uniform random walk of 1,000 and of 100,000 steps, against the stationary share degree / 2|E| (tick marks). The largest gap between a bar and its tick is ${gap(LENGTHS[0], SHOWN_SEED(0)).toFixed(3)} for the short walk shown and ${gap(LENGTHS[1], SHOWN_SEED(1)).toFixed(4)} for the long one (over seeds 1 to 20: ${range(LENGTHS[0])} and ${range(LENGTHS[1])}). The long walk matches the degrees: a hub with four edges is visited twice as often as a node with two, so hubs dominate a DeepWalk corpus the way frequent words dominate text.`,
    zh: `一次 1,000 步和一次 100,000 步的均匀随机游走中各节点的访问占比，对照平稳占比 deg(v) / 2|E|（短横线）。在所示的短游走中，条形与短横线之间的最大差距为 ${gap(LENGTHS[0], SHOWN_SEED(0)).toFixed(3)}，长游走为 ${gap(LENGTHS[1], SHOWN_SEED(1)).toFixed(4)}（在种子 1 到 20 上分别为 ${range(LENGTHS[0], '到')} 和 ${range(LENGTHS[1], '到')}）。长游走与度相吻合：有四条边的枢纽节点被访问的次数是只有两条边的节点的两倍，所以枢纽节点主导 DeepWalk 的语料，就像高频词主导文本一样。`,
  },
  alt: {
    en: 'Grouped bars for nodes 0 to 7. Tick marks show the stationary shares 0.20 for node 0, 0.15 for nodes 2 and 5, and 0.10 for the five nodes of degree two. The 100,000-step bars sit on the ticks; the 1,000-step bars scatter a few points around them.',
    zh: `节点 0 到 7 的分组条形图。短横线标出平稳占比：节点 0 为 ${PI[0]!.toFixed(2)}，节点 2 和 5 为 ${PI[2]!.toFixed(2)}，度为 2 的 ${DEG2.length} 个节点为 ${PI[DEG2[0]!]!.toFixed(2)}。100,000 步的条形正好落在短横线上；1,000 步的条形在它们周围散开几个百分点。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = LENGTHS.flatMap((len, k) =>
      visitFrequencies([randomWalk(ADJ, 0, len, mulberry32(SHOWN_SEED(k)))], ADJ.length).map((share, node) => ({
        node: String(node),
        share,
        walk: label.walk(len),
      })),
    );
    const ticks = PI.map((share, node) => ({ node: String(node), share }));
    return {
      width: 640,
      height: 300,
      fx: { label: label.node },
      x: { axis: null, domain: LENGTHS.map(label.walk) },
      y: { label: label.share, grid: true },
      color: {
        domain: LENGTHS.map(label.walk),
        range: [FIG_COLORS[0], FIG_COLORS[1]],
      },
      marks: [
        Plot.barY(rows, { fx: 'node', x: 'walk', y: 'share', fill: 'walk' }),
        Plot.tickY(ticks, { fx: 'node', y: 'share', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.ruleY([0]),
        // A key drawn as text (the figure renders to one SVG, without Plot's HTML legend).
        Plot.text(
          LENGTHS.map((l, k) => ({ node: '7', share: 0.24 - 0.02 * k, walk: label.walk(l) })),
          { fx: 'node', frameAnchor: 'right', y: 'share', text: 'walk', fill: 'walk', textAnchor: 'end', fontSize: 12 },
        ),
      ],
    };
  },
});
