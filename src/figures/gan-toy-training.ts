import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { trainToyGan } from '../../content/snippets/deep-learning/gan.ts';

const P_DATA = [0.4, 0.3, 0.15, 0.1, 0.05];
const ITERATIONS = 400;
const OPTIONS = { iterations: ITERATIONS, lrD: 0.5, lrG: 0.5, nonSaturating: true } as const;
const runs = { 1: trainToyGan(P_DATA, { k: 1, ...OPTIONS }).jsd, 5: trainToyGan(P_DATA, { k: 5, ...OPTIONS }).jsd };

/** The largest rebound of a curve: the low point a and the later high point b maximising jsd[b] / jsd[a]. */
function rebound(jsd: readonly number[]): { low: number; high: number; ratio: number } {
  let best = { low: 0, high: 0, ratio: 1 };
  let low = 0;
  jsd.forEach((v, t) => {
    if (v < jsd[low]!) low = t;
    if (v / jsd[low]! > best.ratio) best = { low, high: t, ratio: v / jsd[low]! };
  });
  return best;
}
const e1 = (x: number) => x.toExponential(0);
const at = (k: 1 | 5, step: number) => e1(runs[k][step - 1]!);
const k1Rebound = rebound(runs[1]);

export default defineFigure({
  caption:
    'Alternating training on a five-outcome toy (discriminator: one logit per outcome; generator: a softmax), exact gradients, non-saturating generator loss, both learning rates 0.5. JSD(p_data ‖ p_g) after each generator step, for k = 1 and k = 5 discriminator steps per generator step. With k = 5 the discriminator stays close to optimal and the divergence falls steadily; with k = 1 it lags, progress stalls, and the two players overshoot each other so that the divergence climbs again for a while.',
  alt: `Two curves of Jensen-Shannon divergence on a log scale over ${ITERATIONS} generator steps, both starting at ${at(1, 1)}. The k = 5 curve falls in a nearly straight line: ${at(5, 100)} at step 100, ${at(5, 200)} at step 200, ${at(5, ITERATIONS)} at step ${ITERATIONS}. The k = 1 curve reaches ${at(1, 100)} at step 100 and ${at(1, 200)} at step 200, falls to ${e1(runs[1][k1Rebound.low]!)} at step ${k1Rebound.low + 1}, and climbs back to ${e1(runs[1][k1Rebound.high]!)} by step ${k1Rebound.high + 1}.`,
  plot: () => {
    const rows: { step: number; jsd: number; run: string }[] = [];
    for (const k of [1, 5] as const) {
      runs[k].forEach((v, i) => {
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
