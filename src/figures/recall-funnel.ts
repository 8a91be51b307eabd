import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { FUNNEL, shrinkFactors } from '../../content/snippets/recall/funnel.ts';

const fmt = (n: number) => n.toLocaleString('en-US');
const factors = shrinkFactors(FUNNEL);

export default defineFigure({
  caption: `The recommendation funnel: how many items typically leave each stage, on a log scale. The counts are illustrative orders of magnitude, not measurements of one system; the shape is the point: recall cuts the corpus by about ${fmt(factors[0]!)}x with cheap models, and each later stage cuts by about ${factors[1]}x with a more expensive model per item.`,
  alt: `Horizontal bars on a logarithmic axis, one per stage from top to bottom: ${FUNNEL.map((s) => `${s.stage} ${fmt(s.candidates)}`).join(', ')}. Each bar is shorter than the one above it.`,
  plot: () => {
    const rows = FUNNEL.map((s) => ({ ...s, label: s.stage }));
    return {
      width: 640,
      height: 260,
      marginLeft: 100,
      marginRight: 90,
      x: { type: 'log', label: 'items leaving the stage (log scale)', grid: true, domain: [1, 3e7], tickFormat: '~s' },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.barX(rows, { x1: 1, x2: 'candidates', y: 'label', fill: FIG_COLORS[0], fillOpacity: 0.8 }),
        Plot.text(rows, {
          x: 'candidates',
          y: 'label',
          text: (d: { candidates: number }) => fmt(d.candidates),
          textAnchor: 'start',
          dx: 6,
          fill: 'currentColor',
        }),
      ],
    };
  },
});
