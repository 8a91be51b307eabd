import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { cosine, trainLine, type Edge } from '../../content/snippets/recall/line.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// The graph of the tests: 0 and 1 share the neighbours 2..5 without an edge between them; 6 and 7
// share 8..11; the bridge 5-8 joins the halves. Undirected, so each edge is listed both ways.
const PAIRS: [number, number][] = [];
for (const a of [0, 1]) for (const b of [2, 3, 4, 5]) PAIRS.push([a, b]);
for (const a of [6, 7]) for (const b of [8, 9, 10, 11]) PAIRS.push([a, b]);
PAIRS.push([5, 8]);
const EDGES: Edge[] = PAIRS.flatMap(([a, b]) => [
  { from: a, to: b, weight: 1 },
  { from: b, to: a, weight: 1 },
]);

const PROBES = [
  { label: '0 and 2: joined by an edge', a: 0, b: 2 },
  { label: '0 and 1: same neighbours, no edge', a: 0, b: 1 },
  { label: '0 and 6: other half of the graph', a: 0, b: 6 },
] as const;
const ORDERS = ['first order', 'second order'] as const;

const ROWS = ORDERS.flatMap((order, k) => {
  const { emb } = trainLine(12, EDGES, {
    order: k === 0 ? 1 : 2,
    dim: 8,
    steps: 20_000,
    negatives: 5,
    lr: 0.05,
    rng: mulberry32(1),
  });
  return PROBES.map((p) => ({ pair: p.label, order, cos: cosine(emb[p.a]!, emb[p.b]!) }));
});
const cos = (probe: number, order: number) =>
  ROWS.find((r) => r.pair === PROBES[probe]!.label && r.order === ORDERS[order])!.cos.toFixed(2);

export default defineFigure({
  caption: `Cosine similarity of three node pairs after training first-order and second-order LINE on the same 12-node graph (8 dimensions, 20,000 sampled edges, 5 negatives). First order pulls the two ends of an edge together (nodes 0 and 2: ${cos(0, 0)}); second order does not (${cos(0, 1)}), because 0 and 2 have different neighbours. Both put nodes 0 and 1, which share all their neighbours, close together (${cos(1, 0)} and ${cos(1, 1)}): second order directly, first order only because both are pulled towards the same neighbours.`,
  alt: `Grouped bars for three pairs, first order then second order. Nodes 0 and 2, joined by an edge: ${cos(0, 0)} and ${cos(0, 1)}. Nodes 0 and 1, which share all their neighbours but are not joined: ${cos(1, 0)} and ${cos(1, 1)}. Nodes 0 and 6, in different halves: ${cos(2, 0)} and ${cos(2, 1)}.`,
  plot: () => {
    const rows = ROWS;
    return {
      width: 640,
      height: 320,
      marginBottom: 40,
      fx: { label: null, domain: PROBES.map((p) => p.label) },
      x: { axis: null, domain: [...ORDERS] },
      y: { label: 'cosine similarity', grid: true, domain: [-1.1, 1.1] },
      color: { domain: [...ORDERS], range: [FIG_COLORS[0], FIG_COLORS[2]] },
      marks: [
        Plot.barY(rows, { fx: 'pair', x: 'order', y: 'cos', fill: 'order' }),
        Plot.ruleY([0]),
        // Value labels just past the end of each bar, above positive bars and below negative ones.
        Plot.text(
          rows.filter((d) => d.cos >= 0),
          { fx: 'pair', x: 'order', y: 'cos', text: (d: { cos: number }) => d.cos.toFixed(2), dy: -8, fontSize: 11 },
        ),
        Plot.text(
          rows.filter((d) => d.cos < 0),
          { fx: 'pair', x: 'order', y: 'cos', text: (d: { cos: number }) => d.cos.toFixed(2), dy: 10, fontSize: 11 },
        ),
        Plot.text(
          ORDERS.map((order, k) => ({ pair: PROBES[1].label, order, y: -0.4 - 0.15 * k })),
          { fx: 'pair', frameAnchor: 'middle', y: 'y', text: 'order', fill: 'order', fontSize: 12 },
        ),
      ],
    };
  },
});
