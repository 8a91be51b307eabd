import * as Plot from '@observablehq/plot';
import { trainSharedScalar, type QuadraticTask } from '../../content/snippets/ranking/multi-task-balancing.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Two tasks share one parameter θ: L1 = θ² + 1 and L2 = unit · ((θ - 1)² + 1). Task 2 is the same
 * task at every unit, only measured on a larger scale. For each unit the snippet trains θ to
 * convergence with equal loss weights and with learned uncertainty weights (deterministic: no
 * seed is involved).
 */
export const UNITS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000] as const;
const tasks = (unit: number): QuadraticTask[] => [
  { unit: 1, center: 0, noise: 1 },
  { unit, center: 1, noise: 1 },
];
export const THETAS = UNITS.map((unit) => ({
  unit,
  equal: trainSharedScalar(tasks(unit), 'equal', { steps: 60 }).theta,
  uncertainty: trainSharedScalar(tasks(unit), 'uncertainty', { steps: 800 }).theta,
}));
const at = (unit: number) => THETAS.find((r) => r.unit === unit)!;
const f3 = (x: number): string => x.toFixed(3);
const spread = Math.max(...THETAS.map((r) => Math.abs(r.uncertainty - 0.5)));

const LABELS = {
  en: {
    x: 'Unit of task 2 (its loss multiplied by) →',
    y: '↑ Shared parameter θ after training',
    equal: 'equal weights',
    unc: 'uncertainty weights',
  },
  zh: { x: '任务 2 的量纲（损失乘以的倍数）→', y: '↑ 训练后的共享参数 θ', equal: '等权重', unc: '不确定性加权' },
};

export default defineFigure({
  caption: {
    en: `Two tasks pull one shared parameter toward 0 and toward 1; task 2's loss is multiplied by a unit from 1 to ${UNITS.at(-1)!.toLocaleString('en-US')}. With equal weights θ follows the larger loss: ${f3(at(100).equal)} at unit 100 and ${f3(at(10_000).equal)} at ${(10_000).toLocaleString('en-US')}, so task 1 is all but ignored. With learned uncertainty weights each loss is weighted by 1/(2L) at the fixed point, so its unit cancels, and θ stays at ${f3(at(1).uncertainty)} at every unit (largest deviation from 0.5: ${spread.toExponential(0)}).`,
    zh: `两个任务把同一个共享参数分别拉向 0 和 1；任务 2 的损失乘以一个从 1 到 ${UNITS.at(-1)!.toLocaleString('zh-CN')} 的量纲。等权重时 θ 跟着数值大的损失走：量纲 100 时为 ${f3(at(100).equal)}，${(10_000).toLocaleString('zh-CN')} 时为 ${f3(at(10_000).equal)}，任务 1 几乎被忽略。用学到的不确定性权重时，在不动点上每个损失的权重是 1/(2L)，量纲被约掉，θ 在每个量纲下都停在 ${f3(at(1).uncertainty)}（与 0.5 的最大偏差为 ${spread.toExponential(0)}）。`,
  },
  alt: {
    en: `Two curves against the unit of task 2 on a log axis. The equal-weights curve starts at ${f3(at(1).equal)} for unit 1 and rises toward 1 (${f3(at(10_000).equal)} at the largest unit); the uncertainty-weights curve is flat at ${f3(at(1).uncertainty)}.`,
    zh: `横轴为任务 2 的量纲（对数刻度）的两条曲线。等权重曲线在量纲 1 时为 ${f3(at(1).equal)}，随后升向 1（最大量纲时为 ${f3(at(10_000).equal)}）；不确定性加权曲线始终平在 ${f3(at(1).uncertainty)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = THETAS.flatMap((r) => [
      { unit: r.unit, theta: r.equal, series: label.equal },
      { unit: r.unit, theta: r.uncertainty, series: label.unc },
    ]);
    return {
      width: 600,
      height: 300,
      marginLeft: 50,
      x: { type: 'log', label: label.x, tickFormat: '~s' },
      y: { label: label.y, domain: [0.4, 1.02], grid: true },
      color: { domain: [label.equal, label.unc], range: [FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.line(rows, { x: 'unit', y: 'theta', stroke: 'series', strokeWidth: 2.2 }),
        Plot.dot(rows, { x: 'unit', y: 'theta', fill: 'series', r: 3 }),
        Plot.text(
          rows.filter((r) => r.unit === 30),
          { x: 'unit', y: 'theta', text: 'series', fill: 'series', dy: -12, fontSize: 12 },
        ),
      ],
    };
  },
});
