import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { TOY, toyRun } from '../../content/snippets/recall/matrix-factorization.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// The toy problem of the page and its tests: 40 users x 30 items, exact rank 2, half the entries
// observed. Seeds 1..20: data from mulberry32(s), the shared start from mulberry32(100 + s), SGD's
// order from mulberry32(200 + s). The curves are medians over the 20 runs.
const EPOCHS = 100;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const RUNS = SEEDS.map((s) => toyRun(mulberry32(s), mulberry32(100 + s), mulberry32(200 + s), EPOCHS));

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const firstBelow = (curve: readonly number[]) => curve.findIndex((x) => x < 0.05);

interface Row {
  epoch: number;
  rmse: number;
  run: string;
}
const CURVES = [
  { run: 'SGD, observed', get: (r: (typeof RUNS)[number]) => r.sgd.train },
  { run: 'SGD, held out', get: (r: (typeof RUNS)[number]) => r.sgd.test },
  { run: 'ALS, observed', get: (r: (typeof RUNS)[number]) => r.als.train },
  { run: 'ALS, held out', get: (r: (typeof RUNS)[number]) => r.als.test },
];
const rows: Row[] = CURVES.flatMap(({ run, get }) =>
  Array.from({ length: EPOCHS + 1 }, (_, epoch) => ({ epoch, run, rmse: median(RUNS.map((r) => get(r)[epoch]!)) })),
);
const at = (run: string, epoch: number) => rows.find((r) => r.run === run && r.epoch === epoch)!.rmse;

const sgdEpochs = RUNS.map((r) => firstBelow(r.sgd.test));
const alsSweeps = RUNS.map((r) => firstBelow(r.als.test)).filter((e) => e >= 0);
const sgdEnd = RUNS.map((r) => r.sgd.test[EPOCHS]!);
const range = (xs: readonly number[], digits = 0, to = 'to') =>
  `${Math.min(...xs).toFixed(digits)} ${to} ${Math.max(...xs).toFixed(digits)}`;
const rangeZh = (xs: readonly number[], digits = 0) => range(xs, digits, '到');

/** Axis labels and the key in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'epoch (SGD) / sweep (ALS)',
    y: 'RMSE (median of 20 runs)',
    key: 'solid: observed entries, dashed: held out',
  },
  zh: {
    x: '轮数（SGD 为 epoch，ALS 为扫描轮次）',
    y: 'RMSE（20 次运行的中位数）',
    key: '实线：已观测条目，虚线：留出条目',
  },
};

export default defineFigure({
  caption: {
    en: `SGD (learning rate ${TOY.lr}) and ALS fitting k = 2 factors to rank-2 toy matrices (${TOY.nUsers} users, ${TOY.nItems} items, about half the entries observed, λ = ${TOY.lambda}): median RMSE over ${SEEDS.length} seeded runs, each method starting from the same random factors. Solid lines are observed entries, dashed the held-out ones. Held-out RMSE drops below 0.05 after ${range(sgdEpochs)} SGD epochs (median ${median(sgdEpochs)}) and after ${range(alsSweeps)} ALS sweeps (median ${median(alsSweeps)}) in ${alsSweeps.length} of ${SEEDS.length} runs; after ${EPOCHS} epochs SGD's held-out RMSE is ${range(sgdEnd, 3)}. The low-rank structure predicts entries the model never saw.`,
    zh: `SGD（学习率 ${TOY.lr}）和 ALS 在秩为 2 的玩具矩阵（${TOY.nUsers} 个用户，${TOY.nItems} 个物品，约一半条目可观测，λ = ${TOY.lambda}）上拟合 k = 2 个因子：${SEEDS.length} 次带种子运行的 RMSE 中位数，两种方法每次都从相同的随机因子出发。实线为已观测条目，虚线为留出条目。留出集 RMSE 降到 0.05 以下，SGD 需要 ${rangeZh(sgdEpochs)} 轮（中位数 ${median(sgdEpochs)}），ALS 在 ${SEEDS.length} 次中的 ${alsSweeps.length} 次需要 ${rangeZh(alsSweeps)} 轮扫描（中位数 ${median(alsSweeps)}）；${EPOCHS} 轮之后，SGD 的留出集 RMSE 为 ${rangeZh(sgdEnd, 3)}。低秩结构能预测模型从未见过的条目。`,
  },
  alt: {
    en: `Four median RMSE curves over ${EPOCHS} epochs on a log scale, starting at ${at('SGD, held out', 0).toFixed(1)} (held out) and ${at('SGD, observed', 0).toFixed(1)} (observed). The ALS curves drop steeply in the first few sweeps; the SGD curves fall more gradually and catch up within about ${median(sgdEpochs)} epochs. At the end the median observed-entry RMSE is ${at('SGD, observed', EPOCHS).toFixed(3)} for SGD and ${at('ALS, observed', EPOCHS).toFixed(3)} for ALS, and the median held-out RMSE ${at('SGD, held out', EPOCHS).toFixed(3)} and ${at('ALS, held out', EPOCHS).toFixed(3)}.`,
    zh: `对数坐标下 ${EPOCHS} 轮的四条 RMSE 中位数曲线，起点为 ${at('SGD, held out', 0).toFixed(1)}（留出）和 ${at('SGD, observed', 0).toFixed(1)}（已观测）。ALS 曲线在最初几轮扫描中陡降；SGD 曲线下降得更平缓，在约 ${median(sgdEpochs)} 轮内追上。最终，已观测条目的 RMSE 中位数 SGD 为 ${at('SGD, observed', EPOCHS).toFixed(3)}，ALS 为 ${at('ALS, observed', EPOCHS).toFixed(3)}；留出集 RMSE 中位数分别为 ${at('SGD, held out', EPOCHS).toFixed(3)} 和 ${at('ALS, held out', EPOCHS).toFixed(3)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const names = CURVES.map((c) => c.run);
    return {
      width: 640,
      height: 320,
      marginRight: 20,
      x: { label: label.x, grid: true },
      y: { type: 'log', label: label.y, grid: true, tickFormat: '~g', domain: [0.01, 2] },
      color: { domain: names, range: [FIG_COLORS[0], FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[1]] },
      marks: [
        Plot.line(
          rows.filter((r) => r.run.endsWith('observed')),
          { x: 'epoch', y: 'rmse', stroke: 'run', strokeWidth: 2 },
        ),
        Plot.line(
          rows.filter((r) => r.run.endsWith('held out')),
          { x: 'epoch', y: 'rmse', stroke: 'run', strokeWidth: 2, strokeDasharray: '5 4' },
        ),
        // A key drawn as text in the empty top-right corner (the figure is one SVG, without Plot's legend).
        Plot.text(
          [
            { text: 'SGD', y: 1.2, fill: FIG_COLORS[0] },
            { text: 'ALS', y: 0.8, fill: FIG_COLORS[1] },
            { text: label.key, y: 0.53, fill: 'currentColor' },
          ],
          { x: EPOCHS, y: 'y', text: 'text', fill: 'fill', textAnchor: 'end', fontSize: 12 },
        ),
      ],
    };
  },
});
