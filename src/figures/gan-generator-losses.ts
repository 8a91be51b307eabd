import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { minimaxGeneratorGrad, nonSaturatingGeneratorGrad } from '../../content/snippets/deep-learning/gan.ts';

/** Axis labels and curve names in Chinese (the English names are the curves' own); the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'D(G(z)): discriminator’s probability that the fake is real',
    y: 'value',
    names: {} as Record<string, string>,
    gradient: (name: string) => `${name} ∂/∂logit (dashed)`,
  },
  zh: {
    x: 'D(G(z))：判别器认为假样本为真的概率',
    y: '取值',
    names: {
      'minimax loss log(1 − D)': '极小极大损失 log(1 − D)',
      'non-saturating loss −log D': '非饱和损失 −log D',
      'minimax gradient': '极小极大损失的梯度',
      'non-saturating gradient': '非饱和损失的梯度',
    } as Record<string, string>,
    gradient: (name: string) => `${name} ∂/∂logit（虚线）`,
  },
};

export default defineFigure({
  caption: {
    en: 'The generator’s two losses as functions of D(G(z)), the discriminator’s belief that a fake is real, and the gradient each sends back through D’s logit (dashed). Early in training D(G(z)) ≈ 0: the minimax loss log(1 − D) is flat there, its gradient −D nearly 0; the non-saturating −log D is steep, its gradient −(1 − D) near −1.',
    zh: '生成器的两种损失随 D(G(z))（判别器认为假样本为真的程度）的变化，以及各自经由 D 的 logit 传回的梯度（虚线）。训练初期 D(G(z)) ≈ 0：极小极大损失 log(1 − D) 在那里是平的，梯度 −D 接近 0；非饱和损失 −log D 则很陡，梯度 −(1 − D) 接近 −1。',
  },
  alt: {
    en: 'Four curves over D(G(z)) from 0.01 to 0.99. The minimax loss log(1 − D) starts at 0 and falls slowly, then steeply near 1. The non-saturating loss −log D starts at 4.6 and falls steeply, then flattens toward 0. Dashed gradient lines: the minimax gradient falls linearly from 0 to −1, the non-saturating one rises linearly from −1 to 0.',
    zh: 'D(G(z)) 从 0.01 到 0.99 上的四条曲线。极小极大损失 log(1 − D) 从 0 开始缓慢下降，在接近 1 时急剧下降。非饱和损失 −log D 从 4.6 开始急剧下降，然后逐渐平缓、趋向 0。虚线是梯度：极小极大损失的梯度从 0 线性下降到 −1，非饱和损失的梯度从 −1 线性上升到 0。',
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const name = (curve: string) => label.names[curve] ?? curve;
    const rows: { d: number; value: number; curve: string }[] = [];
    for (let i = 1; i <= 99; i++) {
      const d = i / 100;
      const logit = Math.log(d / (1 - d));
      rows.push({ d, value: Math.log(1 - d), curve: 'minimax loss log(1 − D)' });
      rows.push({ d, value: -Math.log(d), curve: 'non-saturating loss −log D' });
      rows.push({ d, value: minimaxGeneratorGrad(logit), curve: 'minimax gradient' });
      rows.push({ d, value: nonSaturatingGeneratorGrad(logit), curve: 'non-saturating gradient' });
    }
    const names = [
      'minimax loss log(1 − D)',
      'non-saturating loss −log D',
      'minimax gradient',
      'non-saturating gradient',
    ];
    const key = names.map((curve, i) => ({
      d: 0.5,
      value: 4.4 - 0.45 * i,
      curve,
      label: curve.endsWith('gradient') ? label.gradient(name(curve)) : name(curve),
    }));
    return {
      width: 640,
      height: 340,
      x: { label: label.x, grid: true, domain: [0, 1] },
      y: { label: label.y, grid: true, domain: [-4.7, 4.7] },
      color: { domain: names, range: [FIG_COLORS[1], FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(
          rows.filter((r) => !r.curve.endsWith('gradient')),
          { x: 'd', y: 'value', stroke: 'curve', strokeWidth: 2, clip: true },
        ),
        Plot.line(
          rows.filter((r) => r.curve.endsWith('gradient')),
          { x: 'd', y: 'value', stroke: 'curve', strokeWidth: 2, strokeDasharray: '5 4' },
        ),
        Plot.text(key, { x: 'd', y: 'value', text: 'label', fill: 'curve', textAnchor: 'start', fontSize: 12 }),
      ],
    };
  },
});
