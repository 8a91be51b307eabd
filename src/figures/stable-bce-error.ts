import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bceWithLogits, naiveBceWithLogits } from '../../content/snippets/training/stable.ts';

/** The plotted error at one logit, for the text alternative (computed, not typed in). */
const errorAt = (z: number) => Math.abs(naiveBceWithLogits(z, 0) - bceWithLogits(z, 0)).toExponential(0);

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { z: 'logit z (label y = 0)', error: '|naive − stable|' },
  zh: { z: 'logit z（标签 y = 0）', error: '|朴素 − 稳定|' },
};

export default defineFigure({
  caption: {
    en: 'Absolute error of the textbook BCE, −log(1 − σ(z)) for a negative example, against the stable form, as the logit z grows. The error grows like e^z times machine epsilon because 1 − σ(z) is formed by cancellation; past the dashed line z = ln 2⁵³ ≈ 36.74, σ(z) rounds to exactly 1 and the naive loss is Infinity (no points).',
    zh: '随着 logit z 增大，教科书式 BCE（对负样本为 −log(1 − σ(z))）相对稳定写法的绝对误差。由于 1 − σ(z) 是相减抵消得到的，误差按 e^z 乘以机器精度增长；越过虚线 z = ln 2⁵³ ≈ 36.74 后，σ(z) 舍入为恰好 1，朴素写法的损失为 Infinity（没有数据点）。',
  },
  alt: {
    en: `Log-scale error against z from 0 to 40, rising almost linearly on the log scale: about ${[5, 15, 20, 30, 35].map((z) => `${errorAt(z)} at z = ${z}`).join(', ')}. The points stop at the dashed line z ≈ 36.74, where the naive formula returns Infinity while the stable loss is simply z.`,
    zh: `z 从 0 到 40 时的误差（对数坐标），在对数坐标上几乎呈直线上升：${[5, 15, 20, 30, 35].map((z) => `z = ${z} 时约为 ${errorAt(z)}`).join('，')}。数据点止于虚线 z ≈ 36.74 处，此后朴素公式返回 Infinity，而稳定写法的损失就等于 z。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
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
      // Room for the widest tick label ("1e-14") in the site's 12 px figure text.
      marginLeft: 48,
      height: 300,
      x: { label: label.z, grid: true, domain: [0, 40] },
      y: { type: 'log', label: label.error, grid: true, tickFormat: '.0e' },
      marks: [
        Plot.dot(rows, { x: 'z', y: 'error', r: 1.5, fill: FIG_COLORS[1] }),
        Plot.ruleX([Math.log(2 ** 53)], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
      ],
    };
  },
});
