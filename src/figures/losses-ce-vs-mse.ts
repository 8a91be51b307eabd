import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { bceGradLogit, mseGradLogit } from '../../content/snippets/deep-learning/losses.ts';

export default defineFigure({
  caption:
    'How hard each loss pushes the logit z of a positive example (y = 1). Cross-entropy pushes with |σ(z) − 1|, largest when the model is most wrong; squared error multiplies that by σ′(z) ≤ 1/4, so a confidently wrong prediction (z ≪ 0) gets almost no gradient.',
  alt: 'Two curves of gradient magnitude against z from −8 to 8. The cross-entropy curve is near 1 for very negative z and falls smoothly to 0 at large z. The squared-error curve is near 0 at both ends, with a single hump of height about 0.15 near z = −0.7.',
  plot: () => {
    const rows: { z: number; grad: number; loss: string }[] = [];
    for (let i = -160; i <= 160; i++) {
      const z = i / 20;
      rows.push({ z, grad: Math.abs(bceGradLogit(z, 1)), loss: 'cross-entropy' });
      rows.push({ z, grad: Math.abs(mseGradLogit(z, 1)), loss: 'squared error' });
    }
    const labels = [
      { z: -7.5, grad: Math.abs(bceGradLogit(-7.5, 1)), loss: 'cross-entropy' },
      { z: -7.5, grad: Math.abs(mseGradLogit(-7.5, 1)), loss: 'squared error' },
    ];
    return {
      width: 640,
      height: 300,
      x: { label: 'logit z (true label y = 1)', grid: true },
      y: { label: '|∂loss/∂z|', grid: true, domain: [0, 1.05] },
      color: { domain: ['cross-entropy', 'squared error'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
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
