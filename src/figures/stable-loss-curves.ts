import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { quadraticLossCurve } from '../../content/snippets/training/stable.ts';

const STEPS = 60;
const RUNS = [
  { name: { en: 'lr 0.1', zh: '学习率 0.1' }, lr: 0.1, momentum: 0 },
  { name: { en: 'lr 0.1 + momentum 0.9', zh: '学习率 0.1 + 动量 0.9' }, lr: 0.1, momentum: 0.9 },
  { name: { en: 'lr 2.05 (> 2 / curvature)', zh: '学习率 2.05（> 2 / 曲率）' }, lr: 2.05, momentum: 0 },
] as const;

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { step: 'step', loss: 'loss' },
  zh: { step: '步数', loss: '损失' },
};

/** The loss after the last step of one run. */
const finalLoss = (run: (typeof RUNS)[number]) => quadraticLossCurve(1, run.lr, run.momentum, STEPS)[STEPS]!;

export default defineFigure({
  caption: {
    en: 'Gradient descent on f(x) = x²/2 (curvature 1), loss on a log scale. Plain steps with a rate under 2/curvature lower the loss every step; with momentum 0.9 the iterate overshoots the minimum, so the loss rises again and again while trending down; a rate of 2.05 multiplies the loss by 1.1025 per step.',
    zh: '在 f(x) = x²/2（曲率为 1）上做梯度下降，损失取对数坐标。学习率低于 2/曲率的普通梯度步每一步都降低损失；加上 0.9 的动量后，迭代点会冲过最小值，损失在总体下降的同时一次次回升；学习率为 2.05 时，损失每步乘以 1.1025。',
  },
  // Described from the same runs the chart draws.
  alt: {
    en: `Three loss curves over ${STEPS} steps, log scale, all starting at 0.5. The plain lr 0.1 run falls in a straight line to about ${finalLoss(RUNS[0]).toExponential(1)}. The momentum run falls in waves, each wave rising for a few steps, and ends near ${finalLoss(RUNS[1]).toExponential(0)}. The lr 2.05 run climbs in a straight line to about ${Math.round(finalLoss(RUNS[2]))}.`,
    zh: `${STEPS} 步内的三条损失曲线，对数坐标，起点都是 0.5。学习率 0.1 的普通梯度下降沿直线降到约 ${finalLoss(RUNS[0]).toExponential(1)}。带动量的一条呈波浪状下降，每个波都会上升几步，最后停在 ${finalLoss(RUNS[1]).toExponential(0)} 附近。学习率 2.05 的一条沿直线上升到约 ${Math.round(finalLoss(RUNS[2]))}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { step: number; loss: number; run: string }[] = [];
    for (const run of RUNS) {
      quadraticLossCurve(1, run.lr, run.momentum, STEPS).forEach((loss, step) => {
        // A log axis cannot show an exact 0.
        if (loss > 0) rows.push({ step, loss, run: run.name[lang] });
      });
    }
    const names = RUNS.map((r) => r.name[lang]);
    // Each curve labelled at its last point (the figure is one SVG, so no separate legend); the
    // wavy momentum curve is labelled above its last crest instead, where the text is clear.
    const momentumRows = rows.filter((r) => r.run === names[1]);
    const crests = momentumRows.filter(
      (r, i) =>
        i > 0 &&
        i < momentumRows.length - 1 &&
        r.loss > momentumRows[i - 1]!.loss &&
        r.loss > momentumRows[i + 1]!.loss,
    );
    const crest = crests[crests.length - 2] ?? momentumRows[0]!;
    const ends = rows.filter((r) => r.step === STEPS && r.run !== names[1]);
    return {
      width: 640,
      // Room for the widest tick label ("1e+2") in the site's 12 px figure text.
      marginLeft: 48,
      height: 320,
      marginRight: 10,
      x: { label: label.step, grid: true },
      y: { type: 'log', label: label.loss, grid: true, tickFormat: '.0e' },
      color: { domain: names, range: [FIG_COLORS[0], FIG_COLORS[3], FIG_COLORS[1]] },
      marks: [
        Plot.line(rows, { x: 'step', y: 'loss', stroke: 'run', strokeWidth: 2 }),
        Plot.text(ends, { x: 'step', y: 'loss', text: 'run', fill: 'run', textAnchor: 'end', dy: -9, fontSize: 12 }),
        Plot.text([crest], {
          x: 'step',
          y: 'loss',
          text: 'run',
          fill: 'run',
          textAnchor: 'middle',
          dy: -12,
          fontSize: 12,
        }),
      ],
    };
  },
});
