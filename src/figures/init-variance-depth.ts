import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { predictedLogMoment, reluStackMoments } from '../../content/snippets/deep-learning/initialization.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// Square ReLU layers of width N, a batch of B standard normal inputs, DEPTH layers, NETS networks
// (seeds 1..NETS) per rule. Uniform weights of the given variance obey the same recursion as normal
// ones and are much cheaper to draw; the whole figure costs about 18 network runs.
const N = 128;
const B = 4;
const DEPTH = 50;
const NETS = 6;
const SCHEMES = [
  { key: 'he', variance: 2 / N },
  { key: 'glorot', variance: 1 / N },
  { key: 'small', variance: 1e-4 },
] as const;
const Y_MIN = 1e-16;

const results = SCHEMES.map((s) => {
  const logs = Array.from(
    { length: NETS },
    (_, k) =>
      reluStackMoments(mulberry32(k + 1), { width: N, depth: DEPTH, batch: B, variance: s.variance, dist: 'uniform' })
        .logForward,
  );
  const layers = logs[0]!.map((_, l) => logs.map((net) => net[l]!));
  return {
    ...s,
    // the typical network: the geometric mean over the NETS networks
    typical: layers.map((v) => Math.exp(v.reduce((acc, x) => acc + x, 0) / NETS)),
    lo: layers.map((v) => Math.exp(Math.min(...v))),
    hi: layers.map((v) => Math.exp(Math.max(...v))),
    // the variance recursion: E[h_l^2] = (n Var[w] / 2)^l, the expectation over networks
    expected: layers.map((_, l) => Math.exp(predictedLogMoment(l, N, s.variance))),
  };
});
const he = results[0]!;
const glorot = results[1]!;
const small = results[2]!;
/** The first layer at which the std-0.01 curve drops below the chart. */
const smallExit = small.typical.findIndex((v) => v < Y_MIN);
const e1 = (x: number) => x.toExponential(1);
const f2 = (x: number) => x.toFixed(2);
const heMin = Math.min(...he.lo);
const heMax = Math.max(...he.hi);

const NAMES = {
  en: { he: 'He: 2 / n', glorot: 'Glorot: 2 / (n_in + n_out) = 1 / n', small: 'N(0, 0.01²)' },
  zh: { he: 'He：2 / n', glorot: 'Glorot：2 / (n_in + n_out) = 1 / n', small: 'N(0, 0.01²)' },
};
const LABELS = {
  en: { x: 'layer l →', y: '↑ mean square activation E[h_l²]', band: `He, range over ${NETS} networks` },
  zh: { x: '层数 l →', y: '↑ 激活的均方 E[h_l²]', band: `He，${NETS} 个网络的范围` },
};

export default defineFigure({
  caption: {
    en: `Mean square activation E[h_l²] after each of ${DEPTH} ReLU layers of width n = ${N} (no biases, standard normal inputs, log scale). Solid lines: the typical network, the geometric mean over ${NETS} networks; dashed: the expectation (n · Var[w] / 2)^l of the variance recursion. With He's variance 2/n the factor is 1: the expectation stays at 1, single networks wander between ${f2(heMin)} and ${f2(heMax)} (the band) and the typical one ends at ${f2(he.typical[DEPTH]!)}, below 1: a finite-width effect, explained in the text. Glorot's 2/(n_in + n_out), which equals 1/n for square layers, halves E[h²] at every layer: 2^−${DEPTH} = ${e1(glorot.expected[DEPTH]!)} expected at layer ${DEPTH}, ${e1(glorot.typical[DEPTH]!)} for the typical network. A fixed standard deviation of 0.01 multiplies it by ${N} · 10⁻⁴ / 2 = ${(N * 1e-4) / 2} per layer and leaves the chart after ${smallExit} layers (${e1(small.typical[DEPTH]!)} at layer ${DEPTH}).`,
    zh: `宽度 n = ${N} 的 ${DEPTH} 层 ReLU 网络（无偏置，输入为标准正态，纵轴为对数刻度）每一层之后激活的均方 E[h_l²]。实线是典型网络，即 ${NETS} 个网络的几何平均；虚线是方差递推给出的期望 (n · Var[w] / 2)^l。用 He 的方差 2/n 时这个因子等于 1：期望一直是 1，单个网络在 ${f2(heMin)} 到 ${f2(heMax)} 之间波动（阴影带），典型网络最后停在 ${f2(he.typical[DEPTH]!)}，低于 1：这是有限宽度带来的效应，正文中有解释。Glorot 的 2/(n_in + n_out) 在方阵层上等于 1/n，每层把 E[h²] 减半：第 ${DEPTH} 层的期望是 2^−${DEPTH} = ${e1(glorot.expected[DEPTH]!)}，典型网络为 ${e1(glorot.typical[DEPTH]!)}。固定标准差 0.01 每层乘以 ${N} · 10⁻⁴ / 2 = ${(N * 1e-4) / 2}，${smallExit} 层之后就跌出图外（第 ${DEPTH} 层为 ${e1(small.typical[DEPTH]!)}）。`,
  },
  alt: {
    en: `Three pairs of curves of mean square activation against layer 0 to ${DEPTH} on a logarithmic axis from 1e-16 to 100. The He curve stays near 1, inside a shaded band from ${f2(heMin)} to ${f2(heMax)}, with its dashed expectation flat at 1. The Glorot curve is a straight line falling by a factor of 2 per layer to about 1e-15 at layer ${DEPTH}, just below its dashed expectation. The curve for a standard deviation of 0.01 falls steeply and leaves the chart after ${smallExit} layers.`,
    zh: `三组激活均方随层数（0 到 ${DEPTH}）变化的曲线，纵轴为对数刻度，范围 1e-16 到 100。He 曲线保持在 1 附近，位于 ${f2(heMin)} 到 ${f2(heMax)} 的阴影带内，它的虚线期望平直地停在 1。Glorot 曲线是一条直线，每层下降一半，到第 ${DEPTH} 层约为 1e-15，略低于它的虚线期望。标准差 0.01 的曲线陡峭下降，${smallExit} 层之后跌出图外。`,
  },
  plot: (lang) => {
    const names = NAMES[lang];
    const label = LABELS[lang];
    const visible = (key: 'typical' | 'expected') =>
      results.flatMap((r) => r[key].map((v, l) => ({ layer: l, v, scheme: names[r.key] })).filter((p) => p.v >= Y_MIN));
    const rows = visible('typical');
    const expected = visible('expected');
    const band = he.lo.map((lo, l) => ({ layer: l, lo, hi: he.hi[l]! }));
    const domain = results.map((r) => names[r.key]);
    const ends = results.map((r) => rows.filter((p) => p.scheme === names[r.key]).at(-1)!);
    return {
      width: 640,
      height: 360,
      marginLeft: 60,
      marginRight: 20,
      x: { label: label.x, domain: [0, DEPTH] },
      y: { type: 'log', label: label.y, domain: [Y_MIN, 100], grid: true, tickFormat: '.0e' },
      color: { domain, range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
      marks: [
        Plot.areaY(band, { x: 'layer', y1: 'lo', y2: 'hi', fill: FIG_COLORS[0], fillOpacity: 0.15 }),
        Plot.line(expected, { x: 'layer', y: 'v', stroke: 'scheme', strokeWidth: 1.5, strokeDasharray: '4 3' }),
        Plot.line(rows, { x: 'layer', y: 'v', stroke: 'scheme', strokeWidth: 2 }),
        // He's label goes under its line, clear of the dashed expectation at 1
        ...ends.map((e, k) =>
          Plot.text([e], {
            x: 'layer',
            y: 'v',
            text: 'scheme',
            fill: 'scheme',
            textAnchor: 'end',
            dx: -4,
            dy: k === 0 ? 16 : -12,
            fontSize: 12,
          }),
        ),
        Plot.text([{ layer: DEPTH, v: heMax }], {
          x: 'layer',
          y: 'v',
          text: () => label.band,
          textAnchor: 'end',
          dy: -10,
          fontSize: 11,
          fillOpacity: 0.8,
        }),
      ],
    };
  },
});
