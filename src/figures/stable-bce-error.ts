import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bceWithLogits, naiveBceWithLogits } from '../../content/snippets/training/stable.ts';

/** The plotted error at one logit, for the text alternative (computed, not typed in). */
const errorAt = (z: number) => Math.abs(naiveBceWithLogits(z, 0) - bceWithLogits(z, 0)).toExponential(0);

export default defineFigure({
  caption:
    'Absolute error of the textbook BCE, −log(1 − σ(z)) for a negative example, against the stable form, as the logit z grows. The error grows like e^z times machine epsilon because 1 − σ(z) is formed by cancellation; past the dashed line z = ln 2⁵³ ≈ 36.74, σ(z) rounds to exactly 1 and the naive loss is Infinity (no points).',
  alt: `Log-scale error against z from 0 to 40, rising almost linearly on the log scale: about ${[5, 15, 20, 30, 35].map((z) => `${errorAt(z)} at z = ${z}`).join(', ')}. The points stop at the dashed line z ≈ 36.74, where the naive formula returns Infinity while the stable loss is simply z.`,
  plot: () => {
    const rows: { z: number; error: number }[] = [];
    for (let i = 0; i <= 800; i++) {
      const z = i / 20;
      const naive = naiveBceWithLogits(z, 0);
      const error = Math.abs(naive - bceWithLogits(z, 0));
      // A log axis cannot show 0 (exact agreement) or Infinity (overflow): leave those out.
      if (Number.isFinite(error) && error > 0) rows.push({ z, error });
    }
    return {
      width: 640,
      height: 300,
      x: { label: 'logit z (label y = 0)', grid: true, domain: [0, 40] },
      y: { type: 'log', label: '|naive − stable|', grid: true, tickFormat: '.0e' },
      marks: [
        Plot.dot(rows, { x: 'z', y: 'error', r: 1.5, fill: FIG_COLORS[1] }),
        Plot.ruleX([Math.log(2 ** 53)], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
      ],
    };
  },
});
