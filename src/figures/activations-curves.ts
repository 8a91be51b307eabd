import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { ACTIVATIONS } from '../../content/snippets/deep-learning/activations.ts';

const COLS = 3;
const LO = -4;
const HI = 4;

/** Panel titles in Chinese (the English titles are the snippet's names); the curves are the same in both. */
const LABELS: { en: Record<string, string>; zh: Record<string, string> } = {
  en: {},
  zh: {
    'Leaky ReLU (a = 0.1)': 'Leaky ReLU（a = 0.1）',
    'GELU (tanh approx.)': 'GELU（tanh 近似）',
    'Swish (beta = 1)': 'Swish（beta = 1）',
  },
};

export default defineFigure({
  caption: {
    en: 'Each activation f(x) (solid) and its derivative f′(x) (dashed) on [−4, 4], computed by the tested snippet. Sigmoid and tanh flatten out on both sides, so their derivatives vanish there (σ′ never exceeds 1/4). The ReLU family keeps a derivative of 1 for x > 0; below 0 it is 0 (ReLU), a small constant (leaky ReLU), or an exponential tail (ELU, SELU). SELU’s slope for x > 0 is λ ≈ 1.05. GELU and Swish are smooth, dip slightly below zero for negative x, and have derivatives a little above 1 just right of zero; the tanh approximation of GELU is indistinguishable from the exact curve at this scale.',
    zh: '各激活函数 f(x)（实线）及其导数 f′(x)（虚线）在 [−4, 4] 上的图像，由经过测试的代码片段算出。sigmoid 和 tanh 两侧都趋于平坦，导数在那里趋于消失（σ′ 从不超过 1/4）。ReLU 家族在 x > 0 时导数保持为 1；在 0 以下，导数为 0（ReLU）、一个小常数（leaky ReLU）或一条指数尾巴（ELU、SELU）。SELU 在 x > 0 时的斜率为 λ ≈ 1.05。GELU 和 Swish 是光滑的，对负的 x 略微下探到零以下，在零的右侧导数略大于 1；在这个尺度上，GELU 的 tanh 近似与精确曲线无法区分。',
  },
  alt: {
    en: 'Nine small panels, one per activation: sigmoid, tanh, ReLU, leaky ReLU, ELU, SELU, exact GELU, tanh-approximated GELU and Swish, each showing the function and its derivative on x from −4 to 4. Sigmoid is an S from 0 to 1 with a bell-shaped derivative peaking at 0.25; tanh is an S from −1 to 1 with a derivative peaking at 1. ReLU is flat at 0 then the line y = x, its derivative a step from 0 to 1; leaky ReLU is the same with a slope 0.1 on the left. ELU and SELU curve smoothly down to about −1 and −1.76 on the left. The two GELU panels and Swish look like a smoothed ReLU with a shallow dip below zero around x = −1, and derivatives rising from 0 through 0.5 at x = 0 to slightly above 1.',
    zh: '九个小图，每个激活函数一个：sigmoid、tanh、ReLU、leaky ReLU、ELU、SELU、精确 GELU、tanh 近似的 GELU 和 Swish，各自画出函数及其导数在 x 从 −4 到 4 上的图像。sigmoid 是从 0 到 1 的 S 形曲线，导数呈钟形，峰值为 0.25；tanh 是从 −1 到 1 的 S 形曲线，导数峰值为 1。ReLU 先在 0 处持平，然后是直线 y = x，导数是从 0 跳到 1 的阶跃；leaky ReLU 与之相同，只是左侧斜率为 0.1。ELU 和 SELU 在左侧分别平滑地下弯到约 −1 和 −1.76。两个 GELU 小图和 Swish 都像磨平的 ReLU，在 x = −1 附近有一个略低于零的浅凹，导数从 0 上升，在 x = 0 处经过 0.5，随后略微超过 1。',
  },
  plot: (lang) => {
    const label = (name: string) => LABELS[lang][name] ?? name;
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
          text: (d: { name: string }) => label(d.name),
          fontSize: 11,
          fontWeight: 600,
        }),
      ],
    };
  },
});
