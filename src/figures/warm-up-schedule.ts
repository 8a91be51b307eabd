import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bertOriginalSchedule, linearWarmupDecay } from '../../content/snippets/training/warm-up.ts';

// A fine-tuning-sized run: 1,000 steps with 10% warm-up, so the ramp is visible.
const schedule = { peakLr: 5e-5, warmupSteps: 100, totalSteps: 1000 };

/** Axis labels and curve names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    step: 'training step',
    lr: 'learning rate (×10⁻⁵)',
    linear: 'linear warm-up + decay',
    bert: 'original BERT code',
  },
  zh: {
    step: '训练步数',
    lr: '学习率（×10⁻⁵）',
    linear: '线性预热 + 线性衰减',
    bert: 'BERT 原始代码',
  },
};

export default defineFigure({
  caption: {
    en: 'Linear warm-up then linear decay (peak 5e-5, 100 warm-up steps of 1,000). The continuous form peaks exactly at the end of warm-up; the original BERT code decays from step 0, so it drops to 90% of the peak at step 100.',
    zh: '线性预热后接线性衰减（峰值 5e-5，共 1,000 步，其中预热 100 步）。连续形式恰好在预热结束时达到峰值；BERT 原始代码从第 0 步就开始衰减，所以在第 100 步跌到峰值的 90%。',
  },
  alt: {
    en: 'Two learning-rate curves over 1,000 steps. Both rise in a straight line from 0 to 5e-5 over the first 100 steps. The continuous schedule then falls in a straight line to 0 at step 1,000; the original BERT schedule falls to 4.5e-5 at step 100 and then runs just below it, also reaching 0 at step 1,000.',
    zh: '1,000 步上的两条学习率曲线。两者都在前 100 步内沿直线从 0 升到 5e-5。随后连续形式沿直线下降，在第 1,000 步降到 0；BERT 原始调度在第 100 步跌到 4.5e-5，之后始终略低于前者，同样在第 1,000 步降到 0。',
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { step: number; lr: number; schedule: string }[] = [];
    // Every step near the end of warm-up, so the drop of the original code shows as a vertical edge.
    for (let step = 0; step <= schedule.totalSteps; step += step >= 90 && step < 110 ? 1 : 5) {
      rows.push({ step, lr: 1e5 * linearWarmupDecay(step, schedule), schedule: label.linear });
      rows.push({ step, lr: 1e5 * bertOriginalSchedule(step, schedule), schedule: label.bert });
    }
    return {
      width: 640,
      height: 300,
      marginLeft: 60,
      x: { label: label.step, grid: true },
      y: { label: label.lr, grid: true },
      color: { domain: [label.linear, label.bert], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.ruleY([0]),
        Plot.ruleX([schedule.warmupSteps], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 'step', y: 'lr', stroke: 'schedule', strokeWidth: 2 }),
        // Direct labels instead of a legend: the figure renders to one SVG.
        Plot.text([{ step: 400, lr: 1e5 * linearWarmupDecay(400, schedule) }], {
          x: 'step',
          y: 'lr',
          text: () => label.linear,
          fill: FIG_COLORS[0],
          dx: 6,
          dy: -8,
          textAnchor: 'start',
        }),
        Plot.text([{ step: 400, lr: 1e5 * bertOriginalSchedule(400, schedule) }], {
          x: 'step',
          y: 'lr',
          text: () => label.bert,
          fill: FIG_COLORS[1],
          dx: -6,
          dy: 10,
          textAnchor: 'end',
        }),
      ],
    };
  },
});
