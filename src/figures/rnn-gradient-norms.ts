import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  linearRnnGradientNorms,
  lstmCellPathGradient,
  tanhRnnGradient,
} from '../../content/snippets/deep-learning/rnn.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';

const T = 100;
/** The tanh curve shown uses input seed SHOWN_SEED; the alt text reports the spread over seeds 1..SPREAD_SEEDS. */
const SHOWN_SEED = 2024;
const SPREAD_SEEDS = 200;

/** |dh_T/dh_0| of the tanh RNN (w = 1.2, u = 0.5, h_0 = 0) on T standard normal inputs drawn with `seed`. */
function tanhEnd(seed: number): number[] {
  const rng = mulberry32(seed);
  const xs = Array.from({ length: T }, () => normal(rng));
  return tanhRnnGradient(1.2, 0.5, xs, 0);
}
const spread = Array.from({ length: SPREAD_SEEDS }, (_, i) => tanhEnd(i + 1)[T]!).sort((a, b) => a - b);
const e0 = (x: number) => x.toExponential(0);

/** Axis label and line names in Chinese (the English names are the series' own); the numbers are the same in both. */
const LABELS: { en: { x: string; names: Record<string, string> }; zh: { x: string; names: Record<string, string> } } = {
  en: { x: 'steps back t', names: {} },
  zh: {
    x: '回溯步数 t',
    names: {
      'linear, w = 1.1': '线性，w = 1.1',
      'linear, w = 1': '线性，w = 1',
      'linear, w = 0.9': '线性，w = 0.9',
      'tanh, w = 1.2': 'tanh，w = 1.2',
      'LSTM cell, f = 0.99': 'LSTM 细胞，f = 0.99',
    },
  },
};

function series(): { name: string; rows: { t: number; g: number }[] }[] {
  const asRows = (values: number[]) => values.map((g, t) => ({ t, g }));
  return [
    { name: 'linear, w = 1.1', rows: asRows(linearRnnGradientNorms([[1.1]], T, [1])) },
    { name: 'linear, w = 1', rows: asRows(linearRnnGradientNorms([[1]], T, [1])) },
    { name: 'linear, w = 0.9', rows: asRows(linearRnnGradientNorms([[0.9]], T, [1])) },
    { name: 'tanh, w = 1.2', rows: asRows(tanhEnd(SHOWN_SEED)) },
    { name: 'LSTM cell, f = 0.99', rows: asRows(lstmCellPathGradient(new Array<number>(T).fill(0.99))) },
  ];
}

export default defineFigure({
  caption: {
    en: `How much of the gradient reaches a state t steps back, |∂h_t/∂h_0| on a log scale (1-d recurrences). A linear RNN multiplies it by w at every step, so it is |w|^t: 1.1^100 ≈ 1.4 × 10⁴ explodes, 0.9^100 ≈ 2.7 × 10⁻⁵ vanishes, and only w = 1 exactly preserves it. A tanh RNN multiplies by w(1 − h_t²) ≤ w; with random inputs (h_t = tanh(1.2 h_{t−1} + 0.5 x_t), x_t standard normal, input seed ${SHOWN_SEED}) the saturating tanh makes the gradient vanish even though w = 1.2 > 1; over ${SPREAD_SEEDS} input sequences its value at step ${T} ranges from ${e0(spread[0]!)} to ${e0(spread[SPREAD_SEEDS - 1]!)}${spread[SPREAD_SEEDS - 1]! < 0.9 ** T ? `, always below 0.9^${T}` : ''}. Along the LSTM's cell state the factor is the forget gate, so f = 0.99 keeps 0.99^100 ≈ 0.37 of the signal after 100 steps.`,
    zh: `梯度回传到 t 步之前的状态时还剩多少，即 |∂h_t/∂h_0|，纵轴为对数刻度（一维递推）。线性 RNN 每一步都乘以 w，所以结果是 |w|^t：1.1^100 ≈ 1.4 × 10⁴ 爆炸，0.9^100 ≈ 2.7 × 10⁻⁵ 消失，只有 w = 1 才能恰好保持不变。tanh RNN 每一步乘以 w(1 − h_t²) ≤ w；在随机输入下（h_t = tanh(1.2 h_{t−1} + 0.5 x_t)，x_t 服从标准正态分布，输入种子 ${SHOWN_SEED}），尽管 w = 1.2 > 1，饱和的 tanh 仍让梯度消失；在 ${SPREAD_SEEDS} 条输入序列上，它在第 ${T} 步的值介于 ${e0(spread[0]!)} 与 ${e0(spread[SPREAD_SEEDS - 1]!)} 之间${spread[SPREAD_SEEDS - 1]! < 0.9 ** T ? `，始终低于 0.9^${T}` : ''}。沿 LSTM 的细胞状态，每步的因子是遗忘门，所以 f = 0.99 在 100 步后仍保留 0.99^100 ≈ 0.37 的信号。`,
  },
  alt: {
    en: `Five curves of gradient magnitude against the number of steps back, 0 to 100, on a logarithmic axis. The w = 1.1 line rises steadily to about ten thousand; the w = 1 line stays flat at 1; the w = 0.9 line falls steadily to about 3e-5. The tanh RNN curve with w = 1.2 falls jaggedly and faster than the w = 0.9 line, to ${e0(tanhEnd(SHOWN_SEED)[T]!)} by step ${T} (other input sequences end between ${e0(spread[0]!)} and ${e0(spread[SPREAD_SEEDS - 1]!)}). The LSTM cell path with forget gate 0.99 declines only slowly, to 0.37.`,
    zh: `五条梯度大小随回溯步数（0 到 100）变化的曲线，纵轴为对数刻度。w = 1.1 的直线稳步上升到约一万；w = 1 的直线保持在 1 不变；w = 0.9 的直线稳步下降到约 3e-5。w = 1.2 的 tanh RNN 曲线呈锯齿状下降，比 w = 0.9 的直线降得更快，到第 ${T} 步降到 ${e0(tanhEnd(SHOWN_SEED)[T]!)}（其他输入序列的终值介于 ${e0(spread[0]!)} 与 ${e0(spread[SPREAD_SEEDS - 1]!)} 之间）。遗忘门为 0.99 的 LSTM 细胞路径只是缓慢下降，降到 0.37。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const name = (n: string) => label.names[n] ?? n;
    const all = series();
    const rows = all.flatMap(({ name, rows: r }) => r.filter((p) => p.g > 0).map((p) => ({ ...p, name })));
    const names = all.map((s) => s.name);
    const ends = all.map(({ name, rows: r }) => ({ name, ...r[r.length - 1]! })).filter((e) => e.g > 0);
    return {
      width: 640,
      // Room for the widest tick label ("1e-10") in the site's 12 px figure text.
      marginLeft: 48,
      height: 340,
      marginRight: 130,
      x: { label: label.x, domain: [0, T] },
      y: { type: 'log', label: '|∂h_t / ∂h_0|', grid: true, tickFormat: '.0e' },
      color: { domain: names, range: [...FIG_COLORS] },
      marks: [
        Plot.ruleY([1], { strokeOpacity: 0.4 }),
        Plot.line(rows, { x: 't', y: 'g', z: 'name', stroke: 'name', strokeWidth: 2 }),
        // the w = 1 and LSTM lines end close together: nudge their labels apart
        ...ends.map((e) =>
          Plot.text([e], {
            x: 't',
            y: 'g',
            text: (d: { name: string }) => name(d.name),
            fill: 'name',
            textAnchor: 'start',
            dx: 6,
            dy: e.name === 'linear, w = 1' ? -6 : e.name.startsWith('LSTM') ? 6 : 0,
            fontSize: 11,
          }),
        ),
      ],
    };
  },
});
