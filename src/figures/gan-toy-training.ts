import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { trainToyGan } from '../../content/snippets/deep-learning/gan.ts';

const P_DATA = [0.4, 0.3, 0.15, 0.1, 0.05];
const ITERATIONS = 400;

export default defineFigure({
  caption:
    'Alternating training on a five-outcome toy (discriminator: one logit per outcome; generator: a softmax), exact gradients, non-saturating generator loss. JSD(p_data ‖ p_g) after each generator step, for k = 1 and k = 5 discriminator steps per generator step. With k = 5 the discriminator stays close to optimal and the divergence falls steadily; with k = 1 it lags, progress stalls, and near the end the two players overshoot each other and the divergence climbs again.',
  alt: 'Two curves of Jensen-Shannon divergence on a log scale over 400 generator steps, both starting at 0.056. The k = 5 curve falls in a nearly straight line: 9e-6 at step 100, 6e-8 at step 200, 1e-11 at step 400. The k = 1 curve reaches 5e-4 at step 100, then plateaus around 2e-4 until step 250, drops to 1e-7 at step 385 and rises back to 1e-6 by step 400.',
  plot: () => {
    const rows: { step: number; jsd: number; run: string }[] = [];
    for (const k of [1, 5]) {
      const { jsd } = trainToyGan(P_DATA, { k, iterations: ITERATIONS, lrD: 0.5, lrG: 0.5, nonSaturating: true });
      jsd.forEach((v, i) => {
        // A log axis cannot show the round-off zeros reached at convergence.
        if (v > 1e-14) rows.push({ step: i + 1, jsd: v, run: `k = ${k}` });
      });
    }
    const ends = ['k = 1', 'k = 5'].map((run) => rows.filter((r) => r.run === run).at(-1)!);
    return {
      width: 640,
      height: 300,
      x: { label: 'generator step', grid: true },
      y: { type: 'log', label: 'JSD(p_data ‖ p_g)', grid: true, tickFormat: '.0e' },
      color: { domain: ['k = 1', 'k = 5'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(rows, { x: 'step', y: 'jsd', stroke: 'run', strokeWidth: 2 }),
        Plot.text(ends, { x: 'step', y: 'jsd', text: 'run', fill: 'run', dy: -10, textAnchor: 'end', fontSize: 12 }),
      ],
    };
  },
});
