import * as Plot from '@observablehq/plot';
import { peekingFalsePositiveRate, peekingFalsePositiveRateNormal } from '../../content/snippets/evaluation/ab-test.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * A/A experiments (no true difference) checked with the z-test at alpha = 0.05 after every
 * batch, stopping at the first "significant" result: the rate for normally distributed data,
 * computed by numerical integration (the line), and simulated click data (the dots), pooled over
 * the fixed seeds 1 to 5 so that the dots do not show one hand-picked run.
 */
const EXPERIMENTS_PER_SEED = 4000;
const SEEDS = [1, 2, 3, 4, 5];
const EXPERIMENTS = EXPERIMENTS_PER_SEED * SEEDS.length;
const LOOKS = 20;
const UNITS = 250;
const exact = peekingFalsePositiveRateNormal(LOOKS);
/** Cumulative false-positive rate per look, one array per seed. */
export const SIMULATED_PER_SEED = SEEDS.map((seed) =>
  peekingFalsePositiveRate(mulberry32(seed), {
    experiments: EXPERIMENTS_PER_SEED,
    looks: LOOKS,
    unitsPerLook: UNITS,
    rate: 0.1,
  }),
);
const simulated = exact.map((_, i) => SIMULATED_PER_SEED.reduce((s, run) => s + run[i]!, 0) / SEEDS.length);
const line = exact.map((v, i) => ({ looks: i + 1, fpr: v }));
const dots = simulated.map((v, i) => ({ looks: i + 1, fpr: v }));
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
// Gap between simulation and theory, in standard errors of a share estimated from n experiments.
const se = (v: number, n: number) => Math.sqrt((v * (1 - v)) / n);
/** The largest gap over the 20 looks, in standard errors of the pooled dots. */
export const WORST_Z = Math.max(...simulated.map((v, i) => Math.abs(v - exact[i]!) / se(exact[i]!, EXPERIMENTS)));
const worst = Math.ceil(WORST_Z * 10) / 10;
const sePoints = (100 * se(exact[9]!, EXPERIMENTS)).toFixed(1);

/** Axis labels and text marks in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'Number of looks at the running test →',
    y: '↑ False-positive rate',
    nominal: 'nominal α = 5 %',
    key: 'normal theory (line), simulated clicks (dots)',
  },
  zh: {
    x: '实验运行期间的查看次数 →',
    y: '↑ 假阳性率',
    nominal: '名义 α = 5 %',
    key: '正态理论（线），点击数据模拟（点）',
  },
};

export default defineFigure({
  caption: {
    en: `Peeking turns a 5 % test into a much looser one. Line: the share of A/A tests (no real difference) that declare a winner when the z-test is run after each of m equal batches and stopped at the first p < 0.05, computed for normally distributed data by numerical integration: ${pct(exact[0]!)} with one look, ${pct(exact[4]!)} with 5, ${pct(exact[9]!)} with 10, ${pct(exact[LOOKS - 1]!)} with ${LOOKS}. Dots: ${EXPERIMENTS.toLocaleString('en')} simulated A/A tests on click data (both arms at a 10 % CTR, ${UNITS} new users per arm between looks; ${EXPERIMENTS_PER_SEED.toLocaleString('en')} for each of the seeds ${SEEDS[0]} to ${SEEDS[SEEDS.length - 1]}); every dot lies within ${worst} standard errors of the line (one standard error is ${sePoints} points at 10 looks). The dashed line is the nominal 5 %.`,
    zh: `中途偷看会把一个 5 % 的检验变得宽松得多。线：A/A 测试（没有真实差异）在 m 个等量批次的每一批之后都做一次 z 检验、第一次出现 p < 0.05 就停止时，宣布赢家的比例，对正态分布数据用数值积分算出：查看 1 次为 ${pct(exact[0]!)}，5 次为 ${pct(exact[4]!)}，10 次为 ${pct(exact[9]!)}，${LOOKS} 次为 ${pct(exact[LOOKS - 1]!)}。点：${EXPERIMENTS.toLocaleString('zh-CN')} 次在点击数据上模拟的 A/A 测试（两组 CTR 都是 10 %，两次查看之间每组新增 ${UNITS} 个用户；种子 ${SEEDS[0]} 到 ${SEEDS[SEEDS.length - 1]} 各 ${EXPERIMENTS_PER_SEED.toLocaleString('zh-CN')} 次）；每个点与线的距离都在 ${worst} 个标准误以内（查看 10 次时，一个标准误是 ${sePoints} 个百分点）。虚线是名义上的 5 %。`,
  },
  alt: {
    en: `A rising curve of false-positive rate against the number of looks, from ${pct(exact[0]!)} at one look to ${pct(exact[LOOKS - 1]!)} at ${LOOKS} looks, far above the dashed 5 % line, with simulated dots lying on it.`,
    zh: `假阳性率随查看次数上升的曲线，从查看 1 次时的 ${pct(exact[0]!)} 升到 ${LOOKS} 次时的 ${pct(exact[LOOKS - 1]!)}，远高于 5 % 的虚线，模拟得到的点落在曲线上。`,
  },
  plot: (lang) => ({
    width: 600,
    height: 320,
    x: { label: LABELS[lang].x, ticks: [1, 5, 10, 15, 20] },
    y: {
      label: LABELS[lang].y,
      domain: [0, Math.max(0.3, exact[LOOKS - 1]! + 0.03)],
      grid: true,
      tickFormat: '.0%',
    },
    marks: [
      Plot.ruleY([0.05], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.6 }),
      Plot.line(line, { x: 'looks', y: 'fpr', stroke: FIG_COLORS[1], strokeWidth: 2.5 }),
      Plot.dot(dots, { x: 'looks', y: 'fpr', stroke: FIG_COLORS[0], r: 3.5 }),
      Plot.text([{ looks: LOOKS, fpr: 0.05 }], {
        x: 'looks',
        y: 'fpr',
        text: () => LABELS[lang].nominal,
        textAnchor: 'end',
        dy: -8,
        fontSize: 12,
      }),
      Plot.text([{ looks: 11, fpr: exact[10]! }], {
        x: 'looks',
        y: 'fpr',
        text: () => LABELS[lang].key,
        textAnchor: 'start',
        dy: 22,
        fontSize: 12,
      }),
    ],
  }),
});
