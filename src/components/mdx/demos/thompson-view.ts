/**
 * What the bandit simulator demo shows, in the page's language: shared by the static render
 * (ThompsonDemo.astro) and the script (thompson.client.ts). It runs content/snippets/bandits/*.ts.
 */
import { epsilonGreedy, simulate, type Policy } from '../../../../content/snippets/bandits/bandit.ts';
import { betaMean } from '../../../../content/snippets/bandits/beta.ts';
import { thompson } from '../../../../content/snippets/bandits/thompson.ts';
import { ucb1 } from '../../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../../content/snippets/shared/random.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';
import type { DemoView } from './demo-client.ts';
import { DECIMAL, formatDecimals, InputError, inputErrorView, quote } from './demo-input.ts';
import { THOMPSON_STRINGS } from './thompson-strings.ts';

/** The form's fields, as the reader typed them. */
export interface BanditDemoInput {
  ctrs: string;
  alpha: string;
  beta: string;
  steps: string;
  seed: string;
}

/**
 * The starting state: the page's three items (CTRs 2%, 3%, 5%), the prior the page recommends for
 * a 3% feed, Beta(3, 97), and 50,000 steps. With these, Thompson sampling ends with the lowest
 * regret for every seed from 1 to 50; read at 20,000 steps epsilon-greedy is still ahead for 3 of
 * those seeds, at 5,000 for 22 (tests/lib/demos/thompson-view.test.ts checks all three counts).
 */
export const BANDIT_DEMO_DEFAULTS: BanditDemoInput = {
  ctrs: '0.02, 0.03, 0.05',
  alpha: '3',
  beta: '97',
  steps: '50000',
  seed: '1',
};

export const BANDIT_DEMO_LIMITS = {
  arms: [2, 8],
  prior: [0.1, 100_000],
  steps: [100, 50_000],
  seed: [1, 2 ** 32 - 1],
} as const;

/** Epsilon-greedy's exploration rate in the simulator. */
export const BANDIT_DEMO_EPSILON = 0.1;

/** How much of a reader's entry a message quotes: 12 characters, so a 300-digit entry stays short. */
const QUOTE_MAX = 13;

/**
 * Read one field: plain decimal notation only ("0x10", "0b1", "Infinity" and "" are not numbers a
 * reader means), within [min, max], whole if `integer`. Otherwise an InputError for `field` with
 * `template` filled in ({lo}, {hi}, {value} and any `extra`).
 */
function parseNumber(
  field: string,
  template: string,
  text: string,
  [min, max]: readonly [number, number],
  lang: Lang,
  integer = false,
  extra: Record<string, string | number> = {},
): number {
  const t = text.trim();
  const x = Number(t);
  if (!DECIMAL.test(t) || !(x >= min && x <= max) || (integer && !Number.isInteger(x)))
    throw new InputError(
      field,
      fill(template, {
        ...extra,
        lo: formatDecimals(min, lang, 6),
        hi: formatDecimals(max, lang, 6),
        value: quote(t, QUOTE_MAX),
      }),
    );
  return x;
}

/** Parse "0.02, 0.03, 0.05" into CTRs; a bad entry throws an InputError that names its position (from 1). */
export function parseCtrs(text: string, lang: Lang = DEFAULT_LANG): number[] {
  const s = THOMPSON_STRINGS[lang];
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  const [lo, hi] = BANDIT_DEMO_LIMITS.arms;
  if (parts.length < lo || parts.length > hi) throw new InputError('ctrs', fill(s.ctrCount, { lo, hi }));
  return parts.map((p, i) => parseNumber('ctrs', s.ctrRange, p, [0, 1], lang, false, { i: i + 1 }));
}

export interface BanditSettings {
  ctrs: number[];
  alpha: number;
  beta: number;
  steps: number;
  seed: number;
}

/** Read and check the form; throws an InputError naming the field, with a message for the reader. */
export function parseBanditInput(input: BanditDemoInput, lang: Lang = DEFAULT_LANG): BanditSettings {
  const L = BANDIT_DEMO_LIMITS;
  const s = THOMPSON_STRINGS[lang];
  return {
    ctrs: parseCtrs(input.ctrs, lang),
    alpha: parseNumber('alpha', s.alphaRange, input.alpha, L.prior, lang),
    beta: parseNumber('beta', s.betaRange, input.beta, L.prior, lang),
    steps: parseNumber('steps', s.stepsRange, input.steps, L.steps, lang, true),
    seed: parseNumber('seed', s.seedRange, input.seed, L.seed, lang, true),
  };
}

export interface BanditRun {
  policy: Policy;
  color: string;
  cumulativeRegret: number[];
  pulls: number[];
}

/** Run Thompson sampling, UCB1 and epsilon-greedy (epsilon = 0.1) on the same seed, in that order. */
export function runBandits(s: BanditSettings): { thompson: ReturnType<typeof thompson>; runs: BanditRun[] } {
  const k = s.ctrs.length;
  const ts = thompson(k, { alpha: s.alpha, beta: s.beta });
  const runs = [
    { policy: ts, color: FIG_COLORS[0] },
    { policy: ucb1(k), color: FIG_COLORS[1] },
    { policy: epsilonGreedy(k, BANDIT_DEMO_EPSILON), color: FIG_COLORS[2] },
  ].map(({ policy, color }) => ({ policy, color, ...simulate(s.ctrs, policy, s.steps, mulberry32(s.seed)) }));
  return { thompson: ts, runs };
}

/** The names of runBandits' three policies, in its order, in `lang`. */
export function policyNames(settings: Pick<BanditSettings, 'alpha' | 'beta'>, lang: Lang = DEFAULT_LANG): string[] {
  const s = THOMPSON_STRINGS[lang];
  return [
    fill(s.thompsonName, { alpha: String(settings.alpha), beta: String(settings.beta) }),
    s.ucbName,
    fill(s.epsilonName, { epsilon: formatNumber(BANDIT_DEMO_EPSILON, lang, 1) }),
  ];
}

/** A count for the table: at most two decimals, no float noise such as 3.0000000000000004. */
const count = (x: number) => String(Math.round(x * 100) / 100);

/**
 * Run the simulator on the form's text, in `lang`: slots `table` (Thompson's arms and
 * posteriors), `summary` (each policy's regret and the lowest) and `chart` (cumulative regret).
 */
export function banditView(input: BanditDemoInput, lang: Lang = DEFAULT_LANG): DemoView {
  const s = THOMPSON_STRINGS[lang];
  let settings: BanditSettings;
  try {
    settings = parseBanditInput(input, lang);
  } catch (error) {
    return inputErrorView(error);
  }
  const { thompson: ts, runs } = runBandits(settings);
  const names = policyNames(settings, lang);
  const { steps } = settings;
  const every = Math.max(1, Math.floor(steps / 200));
  const chart = lineChart(
    runs.map(({ color, cumulativeRegret }, r) => ({
      label: names[r]!,
      color,
      points: cumulativeRegret
        .filter((_, t) => t % every === 0 || t === steps - 1)
        .map((regret, j) => [Math.min(j * every + 1, steps), regret] as const),
    })),
    {
      title: s.chartTitle,
      id: 'thompson-demo-chart',
      lang,
      xLabel: s.xLabel,
      yLabel: s.yLabel,
    },
  );
  const tsRun = runs[0]!;
  const rows = settings.ctrs
    .map((c, i) => {
      const post = ts.posterior(i);
      return (
        `<tr><th scope="row">${i + 1}</th><td>${c}</td><td>${formatNumber(tsRun.pulls[i]!, lang)}</td>` +
        `<td>Beta(${count(post.alpha)}, ${count(post.beta)})</td><td>${formatNumber(betaMean(post.alpha, post.beta), lang, 4)}</td></tr>`
      );
    })
    .join('');
  const finals = runs.map(({ cumulativeRegret }, r) => ({ name: names[r]!, regret: cumulativeRegret.at(-1)! }));
  const min = Math.min(...finals.map((f) => f.regret));
  const lowest = finals.filter((f) => f.regret === min).map((f) => f.name);
  const totals = finals
    .map((f) => fill(s.total, { name: f.name, regret: formatNumber(f.regret, lang, 1) }))
    .join(s.totalSeparator);
  const table =
    `<table><thead><tr><th scope="col">${s.arm}</th><th scope="col">${s.trueCtr}</th><th scope="col">${s.pulls}</th>` +
    `<th scope="col">${s.posterior}</th><th scope="col">${s.posteriorMean}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const summary = fill(s.summary, {
    steps: formatNumber(steps, lang),
    totals,
    lowest: lowest.join(s.lowestSeparator),
  });
  return { html: { table, summary, chart } };
}
