import * as Plot from '@observablehq/plot';
import { fitGbdt } from '../../content/snippets/ranking/gbdt.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// The data of the tests: 400 points in [0,1]^3 whose click probability is 0.85 when exactly one
// of (x0 > 0.4) and (x1 > 0.6) holds and 0.15 otherwise: an XOR-shaped interaction.
const ROUNDS = 60;
const rng = mulberry32(42);
const X = Array.from({ length: 400 }, () => [rng(), rng(), rng()]);
// The tests draw a noisy regression target next; drawing the same normals keeps both on one stream.
X.forEach(() => normal(rng));
const y = X.map((x) => (rng() < (x[0]! > 0.4 !== x[1]! > 0.6 ? 0.85 : 0.15) ? 1 : 0));

const runs = ([1, 2] as const).map((depth) => ({
  name: depth === 1 ? 'depth-1 stumps' : 'depth-2 trees',
  history: fitGbdt(X, y, { loss: 'logistic', rounds: ROUNDS, depth, learningRate: 0.3 }).lossHistory,
}));
const rows = runs.flatMap((r) => r.history.map((loss, round) => ({ round, loss, run: r.name })));
const end = (i: 0 | 1) => runs[i]!.history.at(-1)!;

export default defineFigure({
  caption: `Training log loss of gradient boosting with learning rate 0.3 on 400 seeded points whose label depends on an XOR of two thresholds. Both curves fall every round, the property the tests check. Stumps add up one-feature functions, which cannot express the interaction: they only creep down to ${end(0).toFixed(3)} (the dashed line, ln 2 = 0.693, is a coin flip); depth-2 trees split on one feature and then the other, and reach ${end(1).toFixed(3)} after ${ROUNDS} rounds.`,
  alt: `Two decreasing curves of training log loss over ${ROUNDS} boosting rounds, both starting at ${runs[0]!.history[0]!.toFixed(3)}. The depth-1 curve declines slowly and ends near ${end(0).toFixed(2)}; the depth-2 curve drops steeply in the first rounds and keeps falling to ${end(1).toFixed(2)}.`,
  plot: () => ({
    width: 600,
    height: 320,
    marginRight: 20,
    x: { label: 'boosting round →', grid: true },
    y: { label: '↑ training log loss', grid: true, domain: [0, 0.72] },
    color: { domain: runs.map((r) => r.name), range: [FIG_COLORS[1], FIG_COLORS[0]] },
    marks: [
      Plot.ruleY([Math.LN2], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.5 }),
      Plot.line(rows, { x: 'round', y: 'loss', stroke: 'run', strokeWidth: 2 }),
      Plot.text(
        rows.filter((r) => r.round === 40),
        { x: 'round', y: 'loss', text: 'run', fill: 'run', dy: -12, fontWeight: 700, fontSize: 12 },
      ),
    ],
  }),
});
