/** What the optimizer demo shows for a learning rate: shared by the static render and the client. */
import {
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  quadratic,
  trajectory,
  type OptimizerName,
} from '../../../../content/snippets/deep-learning/optimizers.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';

/** The bowl of the page's first figure: curvature 1 along x and KAPPA along y, same start. */
export const OPTIMIZER_DEMO_KAPPA = 20;
export const OPTIMIZER_DEMO_START = [-4.5, 1.8] as const;
/**
 * The slider moves log10(lr), so that 0.001 and 1 are equally easy to reach; its range is
 * OPTIMIZER_DEMO_LOG10_LR. The default rate, 10^-0.5 = 0.32, is above gradient descent's limit
 * 2 / KAPPA = 0.1 and momentum's 2 (1 + mu) / KAPPA = 0.19: what the page says the demo shows is
 * that SGD and momentum diverge there while the three adaptive methods still converge.
 */
export const OPTIMIZER_DEMO_DEFAULTS = { log10Lr: -0.5, steps: 50 };
export const OPTIMIZER_DEMO_LOG10_LR = [-3, 0.5] as const;
export const OPTIMIZER_DEMO_MAX_STEPS = 500;
/** The plane the path chart shows (its left end is kept free for the chart's legend). */
const BOX = { x: [-8, 2], y: [-3, 3] } as const;
/** The loss chart's range; the empty top leaves room for the legend, diverging runs pin to it. */
const LOSS_FLOOR = -10;
const LOSS_CEIL = 10;

export type Verdict = 'diverged' | 'converged' | 'on its way' | 'barely moved';

export interface OptimizerRun {
  name: OptimizerName;
  finalLoss: number;
  verdict: Verdict;
}

export interface OptimizerView {
  error?: string;
  lr: number;
  runs: OptimizerRun[];
  tableHtml: string;
  pathSvg: string;
  lossSvg: string;
}

/** A plain decimal number: digits with an optional point and exponent ("2", "0.5", "-1.1"). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Quote a reader's entry in a message, cut short if it is long. */
const quote = (s: string) => `"${s.length > 24 ? `${s.slice(0, 21)}...` : s}"`;

/**
 * Read a form value strictly: Number() would also accept "0x10" as 16, "0b11" as 3, "" as 0 and
 * "Infinity". Returns the number or a message for the reader.
 */
function readNumber(value: number | string, what: string): number | string {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (!DECIMAL.test(text)) return `${what} must be a plain decimal number, got ${quote(text)}`;
  return Number(text);
}

const fail = (error: string): OptimizerView => ({ error, lr: NaN, runs: [], tableHtml: '', pathSvg: '', lossSvg: '' });

/** Classify a run by its loss after the last step, against the loss at the start. */
export function verdict(finalLoss: number, startLoss: number): Verdict {
  if (!Number.isFinite(finalLoss) || finalLoss > startLoss) return 'diverged';
  if (finalLoss < 1e-3) return 'converged';
  return finalLoss < startLoss / 10 ? 'on its way' : 'barely moved';
}

/**
 * Run the five optimisers with one learning rate 10^log10Lr for `steps` steps on the bowl.
 * Arguments may be the raw strings of the form; anything out of range or not a plain decimal
 * number gives `error`, a sentence for the reader, and no charts.
 */
export function optimizerView(log10Lr: number | string, steps: number | string): OptimizerView {
  const [lo, hi] = OPTIMIZER_DEMO_LOG10_LR;
  const a = readNumber(log10Lr, 'the learning-rate slider value');
  if (typeof a === 'string') return fail(a);
  if (!(a >= lo && a <= hi)) {
    return fail(
      `the learning rate must be between ${10 ** lo} and ${(10 ** hi).toPrecision(2)} (the slider moves it on a log scale)`,
    );
  }
  const n = readNumber(steps, 'the number of steps');
  if (typeof n === 'string') return fail(n);
  if (!(Number.isInteger(n) && n >= 1 && n <= OPTIMIZER_DEMO_MAX_STEPS)) {
    return fail(
      `the number of steps must be a whole number from 1 to ${OPTIMIZER_DEMO_MAX_STEPS}, got ${quote(String(steps).trim())}`,
    );
  }
  const lr = 10 ** a;
  const { f, grad } = quadratic(OPTIMIZER_DEMO_KAPPA);
  const startLoss = f(OPTIMIZER_DEMO_START);
  const runs = OPTIMIZER_NAMES.map((name: OptimizerName, i) => {
    const path = trajectory(OPTIMIZERS[name](lr), grad, OPTIMIZER_DEMO_START, n);
    const finalLoss = f(path[n]!);
    return { name, color: FIG_COLORS[i % FIG_COLORS.length]!, path, finalLoss, verdict: verdict(finalLoss, startLoss) };
  });

  const rows = runs
    .map((r) => {
      // A diverging run reaches 1e100 and more, then Infinity: past 1e6 the digits say nothing.
      const loss = r.finalLoss < 1e6 ? r.finalLoss.toExponential(2) : 'over 1e6';
      return `<tr><th scope="row">${r.name}</th><td>${loss}</td><td>${r.verdict}</td></tr>`;
    })
    .join('');
  const tableHtml =
    `<table><caption>Learning rate ${lr.toPrecision(2)} for all five (the slider is on a log scale); ` +
    `loss at the start ${startLoss.toFixed(1)}</caption>` +
    `<thead><tr><th scope="col">Optimizer</th><th scope="col">Loss after ${n} steps</th>` +
    `<th scope="col">Verdict</th></tr></thead><tbody>${rows}</tbody></table>`;

  /** Pin a point to the plotted box (a diverging path runs along the edge instead of off the chart). */
  const clampToBox = (p: readonly number[]): readonly [number, number] => {
    const pin = (v: number, [low, high]: readonly [number, number]) =>
      Number.isNaN(v) ? high : Math.min(high, Math.max(low, v));
    return [pin(p[0]!, BOX.x), pin(p[1]!, BOX.y)];
  };
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
      title: `log10 of the loss over ${n} steps, clipped to [${LOSS_FLOOR}, ${LOSS_CEIL}]`,
      xLabel: 'step',
      yLabel: 'log10 loss',
      xDomain: [0, n],
      yDomain: [LOSS_FLOOR, LOSS_CEIL],
      height: 300,
    },
  );
  return {
    lr,
    runs: runs.map(({ name, finalLoss, verdict: v }) => ({ name, finalLoss, verdict: v })),
    tableHtml,
    pathSvg,
    lossSvg,
  };
}
