import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { adamUnbiasedStepScale } from '../../content/snippets/training/warm-up.ts';

/** The largest update factor over the first 200 steps and where it occurs. */
const peak = Array.from({ length: 200 }, (_, i) => ({ t: i + 1, scale: adamUnbiasedStepScale(i + 1) })).reduce(
  (a, b) => (b.scale > a.scale ? b : a),
);

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { t: 'step t', ratio: '|update| / learning rate' },
  zh: { t: '步数 t', ratio: '|更新量| / 学习率' },
};

export default defineFigure({
  caption: {
    en: 'Update size of Adam without bias correction, in units of the learning rate, for a constant gradient (β₁ = 0.9, β₂ = 0.999). The first steps are 3 to 6.6 times larger than intended; with the correction the ratio would be 1 throughout. A warm-up that starts the rate at 0 absorbs this overshoot.',
    zh: '恒定梯度下（β₁ = 0.9，β₂ = 0.999），不带偏差修正的 Adam 的更新量，以学习率为单位。最初几步比预期大 3 到 6.6 倍；有偏差修正时，这个比值始终为 1。让学习率从 0 开始的预热能吸收掉这部分超调。',
  },
  // Described from the same function the chart draws.
  alt: {
    en: `A curve over the first 3,000 steps on a logarithmic step axis. It starts at ${adamUnbiasedStepScale(1).toFixed(2)} at step 1, peaks at about ${peak.scale.toFixed(2)} at step ${peak.t}, falls to ${adamUnbiasedStepScale(100).toFixed(2)} by step 100 and ${adamUnbiasedStepScale(1000).toFixed(2)} by step 1,000, and approaches the dashed reference line at 1.`,
    zh: `步数轴取对数，画出前 3,000 步的一条曲线。它在第 1 步为 ${adamUnbiasedStepScale(1).toFixed(2)}，在第 ${peak.t} 步达到约 ${peak.scale.toFixed(2)} 的峰值，到第 100 步降到 ${adamUnbiasedStepScale(100).toFixed(2)}，到第 1,000 步降到 ${adamUnbiasedStepScale(1000).toFixed(2)}，并逐渐趋近 1 处的虚线参考线。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { t: number; scale: number }[] = [];
    for (let t = 1; t <= 3000; t = t < 20 ? t + 1 : Math.ceil(t * 1.1))
      rows.push({ t, scale: adamUnbiasedStepScale(t) });
    return {
      width: 640,
      height: 280,
      x: { type: 'log', label: label.t, grid: true },
      y: { label: label.ratio, grid: true, domain: [0, 7] },
      marks: [
        Plot.ruleY([1], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 't', y: 'scale', stroke: FIG_COLORS[0], strokeWidth: 2 }),
      ],
    };
  },
});
