import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { simulateImpressions, weightedLogisticOdds } from '../../content/snippets/recall/youtube-dnn.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

const MEAN_WATCH = 10;
const N = 200_000;
const PS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
const SEEDS = [1, 2, 3, 4, 5];

// Learned odds divided by the true expected watch time per impression E[T] = P * MEAN_WATCH, one
// dot per click rate and seed, so the spread between runs is visible next to the curves.
const SIMULATED = PS.flatMap((P, i) =>
  SEEDS.map((seed) => ({
    P,
    ratio:
      weightedLogisticOdds(simulateImpressions(N, P, MEAN_WATCH, mulberry32(1000 * (i + 1) + seed))) / (P * MEAN_WATCH),
  })),
);
const KINDS = ['exact', 'first', 'alone'] as const;
const CURVES = Array.from({ length: 50 }, (_, i) => (i + 1) / 100).flatMap((P) => [
  { P, ratio: 1 / (1 - P), kind: 'exact' as const },
  { P, ratio: 1 + P, kind: 'first' as const },
  { P, ratio: 1, kind: 'alone' as const },
]);

/** Axis labels and curve names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'click probability P',
    y: 'learned odds / E[T]',
    curve: { exact: 'exact limit 1 / (1 − P)', first: 'first order 1 + P', alone: 'E[T] alone' },
  },
  zh: {
    x: '点击率 P',
    y: '学到的几率 / E[T]',
    curve: { exact: '精确极限 1 / (1 − P)', first: '一阶近似 1 + P', alone: '只取 E[T]' },
  },
};

/** The five runs at click rate P, as (min, max, curve value) to two decimals. */
const runs = (P: number) => {
  const r = SIMULATED.filter((s) => s.P === P).map((s) => s.ratio);
  return [Math.min(...r).toFixed(2), Math.max(...r).toFixed(2), (1 / (1 - P)).toFixed(2)] as const;
};
/** The five runs at click rate P, as "1.00 to 1.05 at P = ...". */
const at = (P: number) => {
  const [lo, hi, curve] = runs(P);
  return `${lo} to ${hi} at P = ${P} (curve ${curve})`;
};
/** The same in Chinese. */
const atZh = (P: number) => {
  const [lo, hi, curve] = runs(P);
  return `P = ${P} 时为 ${lo} 到 ${hi}（曲线值 ${curve}）`;
};

export default defineFigure({
  caption: {
    en: `Odds learned by weighted logistic regression (watch time as the positive weight), divided by the true expected watch time per impression E[T], for click rates P from 1% to 50%: ${SEEDS.length} seeded runs of ${N.toLocaleString('en')} simulated impressions per rate, watch time of a click uniform on 5 to 15. The dots scatter around 1 / (1 − P), more at small P where few impressions are clicked; reading the odds as E[T] is good to a few percent while P stays small.`,
    zh: `加权逻辑回归（以观看时长为正样本权重）学到的几率，除以每次曝光真实的期望观看时长 E[T]，点击率 P 从 1% 到 50%：每个点击率用 ${SEEDS.length} 个固定种子各模拟 ${N.toLocaleString('zh-CN')} 次曝光，一次点击的观看时长在 5 到 15 之间均匀分布。散点围绕 1 / (1 − P) 分布，P 小时被点击的曝光少，散得更开；只要 P 保持很小，把几率当作 E[T] 的误差就只有百分之几。`,
  },
  alt: {
    en: `Dots of simulated odds / E[T], five per click rate, around the curve 1 / (1 − P): ${at(0.01)}, ${at(0.1)}, ${at(0.5)}. The straight line 1 + P stays close below the curve up to P ≈ 0.1 and reaches only 1.5 at P = 0.5, where the curve is at 2, while the horizontal line at 1 (odds = E[T]) drifts away as P grows.`,
    zh: `模拟得到的几率 / E[T] 散点，每个点击率五个，围绕曲线 1 / (1 − P)：${atZh(0.01)}，${atZh(0.1)}，${atZh(0.5)}。直线 1 + P 在 P ≈ 0.1 之前紧贴在曲线下方，到 P = 0.5 时只有 1.5，而曲线已到 2；高度为 1 的水平线（几率 = E[T]）随 P 增大越偏越远。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = CURVES.map((c) => ({ P: c.P, ratio: c.ratio, curve: label.curve[c.kind] }));
    return {
      width: 640,
      height: 320,
      marginRight: 150,
      x: { label: label.x, grid: true, domain: [0, 0.5] },
      y: { label: label.y, grid: true, domain: [0.9, 2.1] },
      color: {
        domain: KINDS.map((k) => label.curve[k]),
        range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]],
      },
      marks: [
        Plot.line(rows, { x: 'P', y: 'ratio', stroke: 'curve', strokeWidth: 2 }),
        Plot.dot(SIMULATED, { x: 'P', y: 'ratio', stroke: 'currentColor', r: 4 }),
        Plot.text(
          rows.filter((c) => c.P === 0.5),
          { x: 'P', y: 'ratio', text: 'curve', fill: 'curve', dx: 8, textAnchor: 'start', fontSize: 12 },
        ),
      ],
    };
  },
});
