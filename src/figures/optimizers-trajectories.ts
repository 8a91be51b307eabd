import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  quadratic,
  trajectory,
  type OptimizerName,
} from '../../content/snippets/deep-learning/optimizers.ts';

/** Condition number of the bowl: curvature 1 along x, KAPPA along y. */
const KAPPA = 20;
const START = [-4.5, 1.8];
const STEPS = 50;
/** A reasonable learning rate for each method on this bowl (SGD is near its 2/KAPPA = 0.1 limit). */
const LR: Record<OptimizerName, number> = { SGD: 0.09, Momentum: 0.015, AdaGrad: 0.8, RMSProp: 0.1, Adam: 0.2 };

/** Legend names in each language; the paths are the same in both. */
const LABELS: Record<'en' | 'zh', Record<OptimizerName, string>> = {
  en: { SGD: 'SGD', Momentum: 'Momentum', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
  zh: { SGD: 'SGD', Momentum: '动量', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
};

export default defineFigure({
  caption: {
    en: `Fifty steps of each optimiser on the ill-conditioned bowl f(x, y) = (x² + ${KAPPA}y²)/2, starting at (−4.5, 1.8); learning rates SGD ${LR.SGD}, momentum ${LR.Momentum} (μ = 0.9), AdaGrad ${LR.AdaGrad}, RMSProp ${LR.RMSProp} (dashed), Adam ${LR.Adam}. Gradient descent must keep its rate below 2/${KAPPA} = 0.1 or it diverges along the steep y axis, so it zig-zags across the valley. Momentum gathers speed along the flat x axis but overshoots and circles the minimum. AdaGrad, RMSProp and Adam divide each coordinate by its own gradient scale, so their first steps have equal size in x and y and they cut diagonally across, then slide along the valley floor.`,
    zh: `在病态碗 f(x, y) = (x² + ${KAPPA}y²)/2 上，各优化器从 (−4.5, 1.8) 出发走 ${STEPS} 步；学习率：SGD ${LR.SGD}，动量 ${LR.Momentum}（μ = 0.9），AdaGrad ${LR.AdaGrad}，RMSProp ${LR.RMSProp}（虚线），Adam ${LR.Adam}。梯度下降的学习率必须低于 2/${KAPPA} = 0.1，否则会沿陡峭的 y 轴发散，所以它在山谷两侧来回之字形摆动。动量沿平坦的 x 轴积累速度，但会冲过头，绕着极小值打转。AdaGrad、RMSProp 和 Adam 把每个坐标除以各自的梯度尺度，所以最初几步在 x 和 y 方向上步长相等，它们斜穿进山谷，再沿谷底滑行。`,
  },
  alt: {
    en: `Contour lines of an elongated elliptical bowl with its minimum at the origin, and five paths starting at the upper left. SGD bounces up and down across the narrow y direction while moving right, the bounces shrinking. Momentum swings far below and above the valley, overshoots the origin to x ≈ 1 and loops back. AdaGrad and RMSProp follow the same diagonal into the valley floor and then run along it to the origin; Adam takes a wider curve below the valley and ends circling just right of the origin.`,
    zh: `一个狭长椭圆碗的等高线，极小值在原点，五条路径从左上方出发。SGD 一边向右移动，一边在狭窄的 y 方向上来回弹跳，弹跳幅度逐渐减小。动量在山谷上下大幅摆动，冲过原点到达 x ≈ 1 后又绕回来。AdaGrad 和 RMSProp 沿同一条对角线落到谷底，再沿谷底走到原点；Adam 在山谷下方绕了一个更大的弯，最后在原点右侧附近打转。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const { f, grad } = quadratic(KAPPA);
    const paths = OPTIMIZER_NAMES.map((name) => ({
      name,
      rows: trajectory(OPTIMIZERS[name](LR[name]), grad, START, STEPS).map((p) => ({ name, x: p[0]!, y: p[1]! })),
    }));
    const legend = OPTIMIZER_NAMES.map((name, i) => ({ name, y: 1.8 - 0.2 * i }));
    return {
      width: 640,
      height: 360,
      x: { domain: [-5, 1.5], label: 'x' },
      y: { domain: [-2, 2], label: 'y' },
      color: { domain: OPTIMIZER_NAMES, range: [...FIG_COLORS] },
      marks: [
        Plot.contour({
          value: (x: number, y: number) => Math.log(1e-3 + f([x, y])),
          x1: -5,
          x2: 1.5,
          y1: -2,
          y2: 2,
          stroke: 'currentColor',
          strokeOpacity: 0.18,
          thresholds: 8,
          pixelSize: 12, // a coarser sampling grid keeps the contour paths (and the page) small
        }),
        // One mark per path so RMSProp can be dashed where it runs on top of AdaGrad.
        ...paths.map(({ name, rows }) =>
          Plot.line(rows, {
            x: 'x',
            y: 'y',
            stroke: 'name',
            ...(name === 'RMSProp'
              ? { strokeWidth: 1.4, strokeDasharray: '5 3' }
              : { strokeWidth: 1.8, marker: 'dot' }),
          }),
        ),
        Plot.dot([{ x: 0, y: 0 }], { x: 'x', y: 'y', symbol: 'plus', r: 6, stroke: 'currentColor' }),
        // A legend inside the frame: Plot's own legend is a separate element the SVG renderer drops.
        Plot.dot(legend, { x: 0.45, y: 'y', fill: 'name', r: 4 }),
        Plot.text(legend, {
          x: 0.55,
          y: 'y',
          text: (d: { name: OptimizerName }) => label[d.name],
          textAnchor: 'start',
          fontSize: 11,
        }),
      ],
    };
  },
});
