import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bceGradLogit, mseGradLogit } from '../../content/snippets/deep-learning/losses.ts';

/** Axis labels and curve names in each language; the numbers are the same in both. */
const LABELS = {
  en: { x: 'logit z (true label y = 1)', y: '|∂loss/∂z|', ce: 'cross-entropy', mse: 'squared error' },
  zh: { x: 'logit z（真实标签 y = 1）', y: '梯度大小 |∂loss/∂z|', ce: '交叉熵', mse: '平方误差' },
};

export default defineFigure({
  caption: {
    en: 'How hard each loss pushes the logit z of a positive example (y = 1). Cross-entropy pushes with |σ(z) − 1|, largest when the model is most wrong; squared error multiplies that by σ′(z) ≤ 1/4, so a confidently wrong prediction (z ≪ 0) gets almost no gradient.',
    zh: '两种损失对正样本（y = 1）的 logit z 推动得有多用力。交叉熵的推动力是 |σ(z) − 1|，模型错得越离谱它越大；平方误差再乘上 σ′(z) ≤ 1/4，所以自信但错误的预测（z ≪ 0）几乎得不到梯度。',
  },
  alt: {
    en: 'Two curves of gradient magnitude against z from −8 to 8. The cross-entropy curve is near 1 for very negative z and falls smoothly to 0 at large z. The squared-error curve is near 0 at both ends, with a single hump of height about 0.15 near z = −0.7.',
    zh: '两条梯度大小随 z（−8 到 8）变化的曲线。交叉熵曲线在 z 很负时接近 1，随 z 增大平滑地降到 0。平方误差曲线在两端都接近 0，只在 z = −0.7 附近有一个高约 0.15 的单峰。',
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { z: number; grad: number; loss: string }[] = [];
    for (let i = -160; i <= 160; i++) {
      const z = i / 20;
      rows.push({ z, grad: Math.abs(bceGradLogit(z, 1)), loss: label.ce });
      rows.push({ z, grad: Math.abs(mseGradLogit(z, 1)), loss: label.mse });
    }
    const labels = [
      { z: -7.5, grad: Math.abs(bceGradLogit(-7.5, 1)), loss: label.ce },
      { z: -7.5, grad: Math.abs(mseGradLogit(-7.5, 1)), loss: label.mse },
    ];
    return {
      width: 640,
      height: 300,
      x: { label: label.x, grid: true },
      y: { label: label.y, grid: true, domain: [0, 1.05] },
      color: { domain: [label.ce, label.mse], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'z', y: 'grad', stroke: 'loss', strokeWidth: 2 }),
        Plot.text(labels, {
          x: 'z',
          y: 'grad',
          text: 'loss',
          fill: 'loss',
          dy: -10,
          textAnchor: 'start',
          fontSize: 12,
        }),
      ],
    };
  },
});
