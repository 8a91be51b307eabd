import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bertOriginalSchedule, linearWarmupDecay } from '../../content/snippets/training/warm-up.ts';

// A fine-tuning-sized run: 1,000 steps with 10% warm-up, so the ramp is visible.
const schedule = { peakLr: 5e-5, warmupSteps: 100, totalSteps: 1000 };

export default defineFigure({
  caption:
    'Linear warm-up then linear decay (peak 5e-5, 100 warm-up steps of 1,000). The continuous form peaks exactly at the end of warm-up; the original BERT code decays from step 0, so it drops to 90% of the peak at step 100.',
  alt: 'Two learning-rate curves over 1,000 steps. Both rise in a straight line from 0 to 5e-5 over the first 100 steps. The continuous schedule then falls in a straight line to 0 at step 1,000; the original BERT schedule falls to 4.5e-5 at step 100 and then runs just below it, also reaching 0 at step 1,000.',
  plot: () => {
    const rows: { step: number; lr: number; schedule: string }[] = [];
    // Every step near the end of warm-up, so the drop of the original code shows as a vertical edge.
    for (let step = 0; step <= schedule.totalSteps; step += step >= 90 && step < 110 ? 1 : 5) {
      rows.push({ step, lr: 1e5 * linearWarmupDecay(step, schedule), schedule: 'linear warm-up + decay' });
      rows.push({ step, lr: 1e5 * bertOriginalSchedule(step, schedule), schedule: 'original BERT code' });
    }
    return {
      width: 640,
      height: 300,
      marginLeft: 60,
      x: { label: 'training step', grid: true },
      y: { label: 'learning rate (×10⁻⁵)', grid: true },
      color: { domain: ['linear warm-up + decay', 'original BERT code'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.ruleY([0]),
        Plot.ruleX([schedule.warmupSteps], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 'step', y: 'lr', stroke: 'schedule', strokeWidth: 2 }),
        // Direct labels instead of a legend: the figure renders to one SVG.
        Plot.text([{ step: 400, lr: 1e5 * linearWarmupDecay(400, schedule) }], {
          x: 'step',
          y: 'lr',
          text: () => 'linear warm-up + decay',
          fill: FIG_COLORS[0],
          dx: 6,
          dy: -8,
          textAnchor: 'start',
        }),
        Plot.text([{ step: 400, lr: 1e5 * bertOriginalSchedule(400, schedule) }], {
          x: 'step',
          y: 'lr',
          text: () => 'original BERT code',
          fill: FIG_COLORS[1],
          dx: -6,
          dy: 10,
          textAnchor: 'end',
        }),
      ],
    };
  },
});
