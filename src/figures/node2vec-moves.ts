import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { moveCounts, node2vecWalker, weightedGraph } from '../../content/snippets/recall/node2vec.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// Three communities of six nodes (each pair inside one joined with probability 0.6) and two
// bridges, so steps back, sideways (to another neighbour of the previous node) and outward all occur.
function communityGraph() {
  const rng = mulberry32(2016);
  const edges: [number, number][] = [];
  for (let c = 0; c < 3; c++) {
    for (let a = 0; a < 6; a++) {
      for (let b = a + 1; b < 6; b++) if (rng() < 0.6) edges.push([6 * c + a, 6 * c + b]);
    }
  }
  edges.push([5, 6], [11, 12]);
  return weightedGraph(18, edges);
}

const QS = [0.125, 0.25, 0.5, 1, 2, 4, 8];
const KINDS = ['back to t (d = 0)', 'sideways (d = 1)', 'outward (d = 2)'] as const;

// For each q: seeds 1..10, 400 walks of 40 nodes per seed, pooled (152,000 steps): the shares
// shown are stable to about 0.005, and no single seed's share differs from them by more than 0.02.
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

function moveShares() {
  const graph = communityGraph();
  return QS.flatMap((q) => {
    const walk = node2vecWalker(graph, 1, q);
    const counts = [0, 0, 0];
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 400; i++) moveCounts(graph, walk(i % 18, 40, rng)).forEach((c, k) => (counts[k]! += c));
    }
    const total = counts.reduce((a, b) => a + b, 0);
    return KINDS.map((kind, k) => ({ q, kind, share: counts[k]! / total }));
  });
}

const ROWS = moveShares();
const share = (q: number, k: number) => ROWS.find((r) => r.q === q && r.kind === KINDS[k])!.share.toFixed(2);
const LO = QS[0]!;
const HI = QS[QS.length - 1]!;

/** Move kinds and axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { kinds: [...KINDS] as string[], x: 'q (in-out parameter), p = 1', y: 'share of steps' },
  zh: { kinds: ['回到 t（d = 0）', '横向（d = 1）', '向外（d = 2）'], x: 'q（进出参数），p = 1', y: '步数占比' },
};

export default defineFigure({
  caption: {
    en: 'Share of node2vec steps of each kind as the in-out parameter q varies (p = 1), on an 18-node graph of three communities; for each q, 4,000 walks of 40 nodes (400 from each of seeds 1 to 10). Small q sends the walk outward, DFS-like; large q keeps it next to the previous node (back to it or to one of its neighbours), BFS-like. At q = 1 the walk is DeepWalk’s.',
    zh: '在由三个社群组成的 18 节点图上，node2vec 各类步的占比随进出参数 q 的变化（p = 1）；每个 q 做 4,000 次 40 节点的游走（种子 1 到 10 各 400 次）。q 小时游走向外走，类似 DFS；q 大时游走停留在上一个节点旁边（回到它，或走到它的某个邻居），类似 BFS。q = 1 时就是 DeepWalk 的游走。',
  },
  alt: {
    en: `Three lines against q on a log scale from 1/8 to 8. From q = 1/8 to q = 8 the outward share falls from ${share(LO, 2)} to ${share(HI, 2)}, the share of steps back to the previous node rises from ${share(LO, 0)} to ${share(HI, 0)}, and the sideways share rises from ${share(LO, 1)} to ${share(HI, 1)}.`,
    zh: `三条线，横轴为 q，对数刻度，从 1/8 到 8。从 q = 1/8 到 q = 8，向外步的占比从 ${share(LO, 2)} 降到 ${share(HI, 2)}，回到上一个节点的步的占比从 ${share(LO, 0)} 升到 ${share(HI, 0)}，横向步的占比从 ${share(LO, 1)} 升到 ${share(HI, 1)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const kindName = (kind: string) => label.kinds[KINDS.findIndex((k) => k === kind)]!;
    const rows = ROWS.map((r) => ({ ...r, kind: kindName(r.kind) }));
    const last = rows.filter((r) => r.q === HI);
    return {
      width: 640,
      height: 320,
      marginRight: 130,
      x: {
        type: 'log',
        base: 2,
        label: label.x,
        grid: true,
        ticks: QS,
        tickFormat: (q: number) => (q < 1 ? `1/${1 / q}` : String(q)),
      },
      y: { label: label.y, grid: true, domain: [0, 1] },
      color: { domain: label.kinds, range: [FIG_COLORS[3], FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.ruleX([1], { strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 'q', y: 'share', stroke: 'kind', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'q', y: 'share', fill: 'kind', r: 3 }),
        Plot.text(last, { x: 'q', y: 'share', text: 'kind', fill: 'kind', dx: 8, textAnchor: 'start', fontSize: 12 }),
      ],
    };
  },
});
