import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { ACTIVATIONS } from '../../content/snippets/deep-learning/activations.ts';

const COLS = 3;
const LO = -4;
const HI = 4;

export default defineFigure({
  caption:
    'Each activation f(x) (solid) and its derivative f′(x) (dashed) on [−4, 4], computed by the tested snippet. Sigmoid and tanh flatten out on both sides, so their derivatives vanish there (σ′ never exceeds 1/4). The ReLU family keeps a derivative of 1 for x > 0; below 0 it is 0 (ReLU), a small constant (leaky ReLU), or an exponential tail (ELU, SELU). SELU’s slope for x > 0 is λ ≈ 1.05. GELU and Swish are smooth, dip slightly below zero for negative x, and have derivatives a little above 1 just right of zero; the tanh approximation of GELU is indistinguishable from the exact curve at this scale.',
  alt: 'Nine small panels, one per activation: sigmoid, tanh, ReLU, leaky ReLU, ELU, SELU, exact GELU, tanh-approximated GELU and Swish, each showing the function and its derivative on x from −4 to 4. Sigmoid is an S from 0 to 1 with a bell-shaped derivative peaking at 0.25; tanh is an S from −1 to 1 with a derivative peaking at 1. ReLU is flat at 0 then the line y = x, its derivative a step from 0 to 1; leaky ReLU is the same with a slope 0.1 on the left. ELU and SELU curve smoothly down to about −1 and −1.76 on the left. The two GELU panels and Swish look like a smoothed ReLU with a shallow dip below zero around x = −1, and derivatives rising from 0 through 0.5 at x = 0 to slightly above 1.',
  plot: () => {
    const rows: { name: string; col: number; row: number; x: number; y: number; kind: string }[] = [];
    ACTIVATIONS.forEach((act, index) => {
      const col = index % COLS;
      const row = Math.floor(index / COLS);
      for (let k = 0; k <= 160; k++) {
        // offset by half a step so no sample lands on the kink at 0
        const x = LO + ((HI - LO) * (k + 0.5)) / 161;
        rows.push({ name: act.name, col, row, x, y: act.f(x), kind: 'f(x)' });
        rows.push({ name: act.name, col, row, x, y: act.df(x), kind: "f'(x)" });
      }
    });
    const titles = ACTIVATIONS.map((act, index) => ({
      name: act.name,
      col: index % COLS,
      row: Math.floor(index / COLS),
    }));
    return {
      width: 660,
      height: 560,
      marginTop: 24,
      fx: { axis: null, padding: 0.12 },
      fy: { axis: null, padding: 0.18 },
      x: { domain: [LO, HI], ticks: [-4, -2, 0, 2, 4], label: null },
      y: { domain: [-2, 4], ticks: [-1, 0, 1, 2, 3], tickFormat: 'd', grid: true, label: null },
      color: { domain: ['f(x)', "f'(x)"], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.frame({ strokeOpacity: 0.2 }),
        Plot.ruleY(titles, { fx: 'col', fy: 'row', y: 0, strokeOpacity: 0.35 }),
        Plot.ruleX(titles, { fx: 'col', fy: 'row', x: 0, strokeOpacity: 0.35 }),
        Plot.line(
          rows.filter((r) => r.kind === 'f(x)'),
          { fx: 'col', fy: 'row', x: 'x', y: 'y', z: 'name', stroke: 'kind', strokeWidth: 2 },
        ),
        Plot.line(
          rows.filter((r) => r.kind !== 'f(x)'),
          { fx: 'col', fy: 'row', x: 'x', y: 'y', z: 'name', stroke: 'kind', strokeWidth: 1.6, strokeDasharray: '4 3' },
        ),
        Plot.text(titles, {
          fx: 'col',
          fy: 'row',
          frameAnchor: 'top-left',
          dx: 4,
          dy: 4,
          text: 'name',
          fontSize: 11,
          fontWeight: 600,
        }),
      ],
    };
  },
});
