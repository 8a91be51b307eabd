import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { minimaxGeneratorGrad, nonSaturatingGeneratorGrad } from '../../content/snippets/deep-learning/gan.ts';

export default defineFigure({
  caption:
    'The generator’s two losses as functions of D(G(z)), the discriminator’s belief that a fake is real, and the gradient each sends back through D’s logit (dashed). Early in training D(G(z)) ≈ 0: the minimax loss log(1 − D) is flat there, its gradient −D nearly 0; the non-saturating −log D is steep, its gradient −(1 − D) near −1.',
  alt: 'Four curves over D(G(z)) from 0.01 to 0.99. The minimax loss log(1 − D) starts at 0 and falls slowly, then steeply near 1. The non-saturating loss −log D starts at 4.6 and falls steeply, then flattens toward 0. Dashed gradient lines: the minimax gradient falls linearly from 0 to −1, the non-saturating one rises linearly from −1 to 0.',
  plot: () => {
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
      label: curve.endsWith('gradient') ? `${curve} ∂/∂logit (dashed)` : curve,
    }));
    return {
      width: 640,
      height: 340,
      x: { label: 'D(G(z)): discriminator’s probability that the fake is real', grid: true, domain: [0, 1] },
      y: { label: 'value', grid: true, domain: [-4.7, 4.7] },
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
