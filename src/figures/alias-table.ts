import * as Plot from '@observablehq/plot';
import { buildAlias } from '../../content/snippets/recall/alias.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

const weights = [1, 2, 3, 4];
const n = weights.length;
const sum = weights.reduce((a, b) => a + b, 0);
const table = buildAlias(weights);

// Left: each outcome's probability scaled by n (average height 1).
const scaled = weights.map((w, i) => ({
  panel: '1. scaled probabilities n·pᵢ',
  column: String(i),
  outcome: String(i),
  part: 'own',
  h: (w * n) / sum,
}));
// Right: the filled table, each column topped up to 1 by its alias.
const filled = table.prob
  .flatMap((p, i) => [
    { panel: '2. alias table', column: String(i), outcome: String(i), part: 'own', h: p },
    { panel: '2. alias table', column: String(i), outcome: String(table.alias[i]), part: 'alias', h: 1 - p },
  ])
  .filter((d) => d.h > 1e-12);
const data = [...scaled, ...filled];

export default defineFigure({
  caption: `Weights ${weights.join(', ')}: scaled by n = ${n}, the bars are ${scaled.map((d) => d.h.toFixed(1)).join(', ')} around the dashed line at 1 (left). Cutting the tall bars to fill the short ones gives ${n} columns of height exactly 1, each holding its own outcome (blue) and at most one alias (orange) (right).`,
  alt: `Left: four bars of heights ${scaled.map((d) => d.h.toFixed(1)).join(', ')} against a line at 1. Right: four columns of height 1; ${table.prob.map((p, i) => `column ${i} keeps ${(p * 100).toFixed(0)}% for outcome ${i}${p < 1 ? ` and gives the rest to outcome ${table.alias[i]}` : ''}`).join('; ')}.`,
  plot: () => ({
    width: 640,
    height: 300,
    marginTop: 30,
    fx: { label: null },
    x: { label: 'column', padding: 0.15, type: 'band' },
    y: { label: '↑ height', domain: [0, 1.7] },
    color: { domain: ['own', 'alias'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
    marks: [
      Plot.barY(data, Plot.stackY({ fx: 'panel', x: 'column', y: 'h', fill: 'part', stroke: 'var(--bg)' })),
      Plot.text(
        data,
        Plot.stackY({
          fx: 'panel',
          x: 'column',
          y: 'h',
          text: 'outcome',
          fill: 'white',
          fontWeight: 700,
          fontSize: 13,
        }),
      ),
      Plot.ruleY([1], { stroke: 'currentColor', strokeDasharray: '5 4' }),
      Plot.ruleY([0]),
    ],
  }),
});
