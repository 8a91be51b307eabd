import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { adamUnbiasedStepScale } from '../../content/snippets/training/warm-up.ts';

/** The largest update factor over the first 200 steps and where it occurs. */
const peak = Array.from({ length: 200 }, (_, i) => ({ t: i + 1, scale: adamUnbiasedStepScale(i + 1) })).reduce(
  (a, b) => (b.scale > a.scale ? b : a),
);

export default defineFigure({
  caption:
    'Update size of Adam without bias correction, in units of the learning rate, for a constant gradient (β₁ = 0.9, β₂ = 0.999). The first steps are 3 to 6.6 times larger than intended; with the correction the ratio would be 1 throughout. A warm-up that starts the rate at 0 absorbs this overshoot.',
  // Described from the same function the chart draws.
  alt: `A curve over the first 3,000 steps on a logarithmic step axis. It starts at ${adamUnbiasedStepScale(1).toFixed(2)} at step 1, peaks at about ${peak.scale.toFixed(2)} at step ${peak.t}, falls to ${adamUnbiasedStepScale(100).toFixed(2)} by step 100 and ${adamUnbiasedStepScale(1000).toFixed(2)} by step 1,000, and approaches the dashed reference line at 1.`,
  plot: () => {
    const rows: { t: number; scale: number }[] = [];
    for (let t = 1; t <= 3000; t = t < 20 ? t + 1 : Math.ceil(t * 1.1))
      rows.push({ t, scale: adamUnbiasedStepScale(t) });
    return {
      width: 640,
      height: 280,
      x: { type: 'log', label: 'step t', grid: true },
      y: { label: '|update| / learning rate', grid: true, domain: [0, 7] },
      marks: [
        Plot.ruleY([1], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 't', y: 'scale', stroke: FIG_COLORS[0], strokeWidth: 2 }),
      ],
    };
  },
});
