import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  rosenbrock,
  rosenbrockGrad,
  trajectory,
  type OptimizerName,
} from '../../content/snippets/deep-learning/optimizers.ts';

const START = [-1.2, 1];
const STEPS = 1000;
const LR: Record<OptimizerName, number> = { SGD: 0.0015, Momentum: 0.0004, AdaGrad: 0.3, RMSProp: 0.01, Adam: 0.05 };

/** Legend names in each language; the paths are the same in both. */
const LABELS: Record<'en' | 'zh', Record<OptimizerName, string>> = {
  en: { SGD: 'SGD', Momentum: 'Momentum', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
  zh: { SGD: 'SGD', Momentum: '动量', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
};

/** Where each optimiser ends, and its loss there, for the caption and alt text. */
function finals(): { name: OptimizerName; x: number; y: number; f: number }[] {
  return OPTIMIZER_NAMES.map((name) => {
    const p = trajectory(OPTIMIZERS[name](LR[name]), rosenbrockGrad, START, STEPS)[STEPS]!;
    return { name, x: p[0]!, y: p[1]!, f: rosenbrock(p) };
  });
}

const ends = finals();
const endText = ends.map((e) => `${e.name} ${e.f.toPrecision(2)}`).join(', ');
const endTextZh = ends.map((e) => `${LABELS.zh[e.name]} ${e.f.toPrecision(2)}`).join('，');
/** The two methods with the highest final loss, for the alt text. */
const furthest = [...ends]
  .sort((a, b) => b.f - a.f)
  .slice(0, 2)
  .map((e) => e.name);
const furthestZh = furthest.map((name) => LABELS.zh[name]);

export default defineFigure({
  caption: {
    en: `${STEPS} steps on the Rosenbrock function f = (1 − x)² + 100(y − x²)² from (−1.2, 1); the minimum is at (1, 1), marked +. Learning rates: SGD ${LR.SGD}, momentum ${LR.Momentum} (μ = 0.9), AdaGrad ${LR.AdaGrad}, RMSProp ${LR.RMSProp}, Adam ${LR.Adam}. Every method drops into the curved valley within a few steps; the hard part is following its nearly flat floor. Loss after ${STEPS} steps: ${endText}.`,
    zh: `在 Rosenbrock 函数 f = (1 − x)² + 100(y − x²)² 上从 (−1.2, 1) 出发走 ${STEPS} 步；极小值在 (1, 1)，以 + 标出。学习率：SGD ${LR.SGD}，动量 ${LR.Momentum}（μ = 0.9），AdaGrad ${LR.AdaGrad}，RMSProp ${LR.RMSProp}，Adam ${LR.Adam}。每种方法都在几步之内落入弯曲的山谷；难的是沿着几乎平坦的谷底前进。${STEPS} 步后的损失：${endTextZh}。`,
  },
  alt: {
    en: `Contour lines of a banana-shaped valley curving from the upper left through the origin up to (1, 1). All five paths start at (−1.2, 1) and fall onto the valley floor within a few steps (momentum swinging back and forth across it first), then crawl along the floor towards (1, 1). Ending losses after ${STEPS} steps: ${endText}; ${furthest[0]} and ${furthest[1]} are still furthest from the minimum.`,
    zh: `香蕉形山谷的等高线，从左上方经过原点弯向 (1, 1)。五条路径都从 (−1.2, 1) 出发，几步之内落到谷底（动量先在山谷两侧来回摆动），然后沿谷底向 (1, 1) 缓慢爬行。${STEPS} 步后的损失：${endTextZh}；${furthestZh[0]} 和 ${furthestZh[1]} 仍离极小值最远。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = OPTIMIZER_NAMES.flatMap((name) =>
      trajectory(OPTIMIZERS[name](LR[name]), rosenbrockGrad, START, STEPS)
        // every early step (where the paths bounce), then every 20th: the SVG stays small
        .filter((_, step) => step < 60 || step % 20 === 0 || step === STEPS)
        .map((p) => ({ name, x: p[0]!, y: p[1]! })),
    );
    const legend = OPTIMIZER_NAMES.map((name, i) => ({ name, y: 0.05 - 0.09 * i }));
    return {
      width: 640,
      height: 400,
      x: { domain: [-1.6, 1.4], label: 'x' },
      y: { domain: [-0.45, 1.6], label: 'y' },
      color: { domain: OPTIMIZER_NAMES, range: [...FIG_COLORS] },
      marks: [
        Plot.contour({
          value: (x: number, y: number) => Math.log(1 + rosenbrock([x, y])),
          x1: -1.6,
          x2: 1.4,
          y1: -0.45,
          y2: 1.6,
          stroke: 'currentColor',
          strokeOpacity: 0.18,
          thresholds: 8,
          pixelSize: 16, // a coarse sampling grid keeps the contour paths (and the page) small
        }),
        Plot.line(rows, { x: 'x', y: 'y', z: 'name', stroke: 'name', strokeWidth: 1.8 }),
        Plot.dot(ends, { x: 'x', y: 'y', fill: 'name', r: 3.5 }),
        Plot.dot([{ x: 1, y: 1 }], { x: 'x', y: 'y', symbol: 'plus', r: 7, stroke: 'currentColor' }),
        // A legend inside the frame: Plot's own legend is a separate element the SVG renderer drops.
        Plot.dot(legend, { x: 0.75, y: 'y', fill: 'name', r: 4 }),
        Plot.text(legend, {
          x: 0.82,
          y: 'y',
          text: (d: { name: OptimizerName }) => label[d.name],
          textAnchor: 'start',
          fontSize: 11,
        }),
      ],
    };
  },
});
