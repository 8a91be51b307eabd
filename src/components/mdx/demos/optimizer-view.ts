/**
 * What the optimizer demo shows for a learning rate, in the page's language: shared by the static
 * render (OptimizerDemo.astro) and the script (optimizer.client.ts). It runs
 * content/snippets/deep-learning/optimizers.ts.
 */
import {
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  quadratic,
  trajectory,
  type OptimizerName,
} from '../../../../content/snippets/deep-learning/optimizers.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';
import type { DemoView } from './demo-client.ts';
import { formatSignificant, InputError, inputErrorView, quote, readDecimal } from './demo-input.ts';
import { OPTIMIZER_STRINGS } from './optimizer-strings.ts';

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
/** The slider's step, in log10 units. */
export const OPTIMIZER_DEMO_LOG10_STEP = 0.05;
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

export interface OptimizerView extends DemoView {
  /** The learning rate run (NaN when an input is invalid). */
  lr: number;
  /** One run per optimiser, in OPTIMIZER_NAMES order (empty when an input is invalid). */
  runs: OptimizerRun[];
}

/** Classify a run by its loss after the last step, against the loss at the start. */
export function verdict(finalLoss: number, startLoss: number): Verdict {
  if (!Number.isFinite(finalLoss) || finalLoss > startLoss) return 'diverged';
  if (finalLoss < 1e-3) return 'converged';
  return finalLoss < startLoss / 10 ? 'on its way' : 'barely moved';
}

/** A learning rate as the page writes it: two significant digits (0.32, 0.001, 3.2). */
export const formatLr = (lr: number, lang: Lang): string => formatSignificant(lr, lang, 2);

/**
 * What the slider shows next to it and what a screen reader says for it: the slider moves
 * log10 of the rate, so without aria-valuetext the reader would hear "-0.5" for a rate of 0.32.
 */
export function optimizerSliderText(
  log10Lr: number | string,
  lang: Lang = DEFAULT_LANG,
): { output: string; valueText: string } {
  const a = readDecimal(log10Lr);
  if (!Number.isFinite(a)) return { output: '', valueText: '' };
  const lr = formatLr(10 ** a, lang);
  return { output: lr, valueText: fill(OPTIMIZER_STRINGS[lang].lrValueText, { lr }) };
}

/** Read the two inputs; a bad one throws an InputError naming it. */
function parseInputs(log10Lr: number | string, steps: number | string, lang: Lang): { a: number; n: number } {
  const s = OPTIMIZER_STRINGS[lang];
  const [lo, hi] = OPTIMIZER_DEMO_LOG10_LR;
  const a = readDecimal(log10Lr);
  if (typeof log10Lr === 'string' && Number.isNaN(a))
    throw new InputError('log10Lr', fill(s.lrNotDecimal, { value: quote(log10Lr) }));
  if (!(a >= lo && a <= hi))
    throw new InputError('log10Lr', fill(s.lrRange, { lo: formatLr(10 ** lo, lang), hi: formatLr(10 ** hi, lang) }));
  const n = readDecimal(steps);
  if (typeof steps === 'string' && Number.isNaN(n))
    throw new InputError('steps', fill(s.stepsNotDecimal, { value: quote(steps) }));
  if (!(Number.isInteger(n) && n >= 1 && n <= OPTIMIZER_DEMO_MAX_STEPS))
    throw new InputError('steps', fill(s.stepsRange, { max: OPTIMIZER_DEMO_MAX_STEPS, value: quote(steps) }));
  return { a, n };
}

/**
 * Run the five optimisers with one learning rate 10^log10Lr for `steps` steps on the bowl, in
 * `lang`: slots `table`, `path` and `loss`. Arguments are the form's text (numbers for the
 * build-time defaults); anything out of range or not a plain decimal number gives an error
 * naming its input, and no output.
 */
export function optimizerView(
  log10Lr: number | string,
  steps: number | string,
  lang: Lang = DEFAULT_LANG,
): OptimizerView {
  const s = OPTIMIZER_STRINGS[lang];
  let a: number;
  let n: number;
  try {
    ({ a, n } = parseInputs(log10Lr, steps, lang));
  } catch (error) {
    return { ...inputErrorView(error), lr: Number.NaN, runs: [] };
  }
  const lr = 10 ** a;
  const lrText = formatLr(lr, lang);
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
      const loss = r.finalLoss < 1e6 ? r.finalLoss.toExponential(2) : s.overMillion;
      return `<tr><th scope="row">${s.names[r.name]}</th><td>${loss}</td><td>${s.verdicts[r.verdict]}</td></tr>`;
    })
    .join('');
  const table =
    `<table><caption>${fill(s.caption, { lr: lrText, start: formatNumber(startLoss, lang, 1) })}</caption>` +
    `<thead><tr><th scope="col">${s.optimizer}</th><th scope="col">${fill(s.lossAfter, { n: formatNumber(n, lang) })}</th>` +
    `<th scope="col">${s.verdict}</th></tr></thead><tbody>${rows}</tbody></table>`;

  /** Pin a point to the plotted box (a diverging path runs along the edge instead of off the chart). */
  const clampToBox = (p: readonly number[]): readonly [number, number] => {
    const pin = (v: number, [low, high]: readonly [number, number]) =>
      Number.isNaN(v) ? high : Math.min(high, Math.max(low, v));
    return [pin(p[0]!, BOX.x), pin(p[1]!, BOX.y)];
  };
  const path = lineChart(
    runs.map((r) => ({ label: s.names[r.name], color: r.color, points: r.path.map(clampToBox) })),
    {
      title: fill(s.pathTitle, { kappa: OPTIMIZER_DEMO_KAPPA, lr: lrText }),
      id: 'optimizer-demo-path',
      lang,
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
  const loss = lineChart(
    runs.map((r) => ({
      label: s.names[r.name],
      color: r.color,
      points: r.path.map((p, t) => [t, clampLog(f(p))] as const),
    })),
    {
      title: fill(s.lossTitle, { n: formatNumber(n, lang), lo: LOSS_FLOOR, hi: LOSS_CEIL }),
      id: 'optimizer-demo-loss',
      lang,
      xLabel: s.stepAxis,
      yLabel: s.lossAxis,
      xDomain: [0, n],
      yDomain: [LOSS_FLOOR, LOSS_CEIL],
      height: 300,
    },
  );
  return {
    lr,
    runs: runs.map(({ name, finalLoss, verdict: v }) => ({ name, finalLoss, verdict: v })),
    html: { table, path, loss },
  };
}
