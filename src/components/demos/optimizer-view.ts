/** What the optimizer demo shows for a learning rate: shared by the static render and the client. */
import {
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  quadratic,
  trajectory,
  type OptimizerName,
} from '../../../content/snippets/deep-learning/optimizers.ts';
import { FIG_COLORS } from '../../lib/colors.ts';
import { lineChart } from '../../lib/svg-chart.ts';

/** The bowl of the page's first figure: curvature 1 along x and KAPPA along y, same start. */
export const OPTIMIZER_DEMO_KAPPA = 20;
const START = [-4.5, 1.8];
/** The slider moves log10(lr) so that 0.001 and 1 are equally easy to reach. */
export const OPTIMIZER_DEMO_DEFAULTS = { log10Lr: -1.1, steps: 50 };
/** The plane the path chart shows (its left end is kept free for the chart's legend). */
const BOX = { x: [-8, 2], y: [-3, 3] } as const;
/** The loss chart's range; the empty top leaves room for the legend, diverging runs pin to it. */
const LOSS_FLOOR = -10;
const LOSS_CEIL = 10;

export interface OptimizerView {
  error?: string;
  lr: number;
  tableHtml: string;
  pathSvg: string;
  lossSvg: string;
}

/** Pin a point to the plotted box (a diverging path runs along the edge instead of off the chart). */
const clampToBox = (p: readonly number[]): readonly [number, number] => {
  const pin = (v: number, [lo, hi]: readonly [number, number]) =>
    Number.isNaN(v) ? hi : Math.min(hi, Math.max(lo, v));
  return [pin(p[0]!, BOX.x), pin(p[1]!, BOX.y)];
};

export function optimizerView(log10Lr: number, steps: number): OptimizerView {
  if (!(log10Lr >= -4 && log10Lr <= 1))
    return { error: 'log10(learning rate) must be between -4 and 1', lr: NaN, tableHtml: '', pathSvg: '', lossSvg: '' };
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= 500)) {
    return { error: 'steps must be a whole number from 1 to 500', lr: NaN, tableHtml: '', pathSvg: '', lossSvg: '' };
  }
  const lr = 10 ** log10Lr;
  const { f, grad } = quadratic(OPTIMIZER_DEMO_KAPPA);
  const runs = OPTIMIZER_NAMES.map((name: OptimizerName, i) => {
    const path = trajectory(OPTIMIZERS[name](lr), grad, START, steps);
    const finalLoss = f(path[steps]!);
    return { name, color: FIG_COLORS[i % FIG_COLORS.length]!, path, finalLoss };
  });

  const rows = runs
    .map((r) => {
      const verdict =
        !Number.isFinite(r.finalLoss) || r.finalLoss > f(START)
          ? 'diverged'
          : r.finalLoss < 1e-3
            ? 'converged'
            : r.finalLoss < f(START) / 10
              ? 'on its way'
              : 'barely moved';
      const loss = Number.isFinite(r.finalLoss) ? r.finalLoss.toExponential(2) : '∞';
      return `<tr><th scope="row">${r.name}</th><td>${loss}</td><td>${verdict}</td></tr>`;
    })
    .join('');
  const tableHtml =
    `<table><thead><tr><th scope="col">Optimizer</th><th scope="col">Loss after ${steps} steps</th>` +
    `<th scope="col">Verdict</th></tr></thead><tbody>${rows}</tbody></table>`;

  const pathSvg = lineChart(
    runs.map((r) => ({ label: r.name, color: r.color, points: r.path.map(clampToBox) })),
    {
      title: `Paths on f(x, y) = (x² + ${OPTIMIZER_DEMO_KAPPA}y²)/2 from (−4.5, 1.8) with learning rate ${lr.toPrecision(2)}`,
      xLabel: 'x',
      yLabel: 'y',
      xDomain: BOX.x,
      yDomain: BOX.y,
      height: 260,
    },
  );

  // A diverged run overflows to Infinity and then to NaN (Infinity - Infinity): both pin to the
  // ceiling, never to the floor, which would look like convergence. An exact 0 pins to the floor.
  const clampLog = (v: number) =>
    Number.isNaN(v) || v === Infinity
      ? LOSS_CEIL
      : v > 0
        ? Math.min(LOSS_CEIL, Math.max(LOSS_FLOOR, Math.log10(v)))
        : LOSS_FLOOR;
  const lossSvg = lineChart(
    runs.map((r) => ({ label: r.name, color: r.color, points: r.path.map((p, t) => [t, clampLog(f(p))] as const) })),
    {
      title: `log10 of the loss over ${steps} steps, clipped to [${LOSS_FLOOR}, ${LOSS_CEIL}]`,
      xLabel: 'step',
      yLabel: 'log10 loss',
      xDomain: [0, steps],
      yDomain: [LOSS_FLOOR, LOSS_CEIL],
      height: 300,
    },
  );
  return { lr, tableHtml, pathSvg, lossSvg };
}
