/** What the bandit simulator demo shows: shared by the static render and the client. */
import { epsilonGreedy, simulate, type Policy } from '../../../../content/snippets/bandits/bandit.ts';
import { betaMean } from '../../../../content/snippets/bandits/beta.ts';
import { thompson } from '../../../../content/snippets/bandits/thompson.ts';
import { ucb1 } from '../../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../../content/snippets/shared/random.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';

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

/** Plain decimal notation only: "0x10", "0b1", "Infinity" and "" are not numbers a reader means. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The reader's text, cut short so that a 300-digit entry does not fill the error line. */
const quote = (text: string) => `"${text.length > 12 ? `${text.slice(0, 12)}…` : text}"`;

function parseNumber(label: string, text: string, min: number, max: number, integer = false): number {
  const t = text.trim();
  const x = Number(t);
  const range = `${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  if (!DECIMAL.test(t) || !(x >= min && x <= max) || (integer && !Number.isInteger(x))) {
    throw new RangeError(`${label} must be ${integer ? 'a whole number' : 'a number'} from ${range}; got ${quote(t)}`);
  }
  return x;
}

/** Parse "0.02, 0.03, 0.05" into CTRs; a bad entry throws a message that names its position. */
export function parseCtrs(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const [lo, hi] = BANDIT_DEMO_LIMITS.arms;
  if (parts.length < lo || parts.length > hi) throw new RangeError(`give between ${lo} and ${hi} click-through rates`);
  return parts.map((p, i) => parseNumber(`CTR ${i + 1}`, p, 0, 1));
}

export interface BanditSettings {
  ctrs: number[];
  alpha: number;
  beta: number;
  steps: number;
  seed: number;
}

/** Read and check the form; throws a RangeError with a message for the reader. */
export function parseBanditInput(input: BanditDemoInput): BanditSettings {
  const L = BANDIT_DEMO_LIMITS;
  return {
    ctrs: parseCtrs(input.ctrs),
    alpha: parseNumber('prior α', input.alpha, L.prior[0], L.prior[1]),
    beta: parseNumber('prior β', input.beta, L.prior[0], L.prior[1]),
    steps: parseNumber('steps', input.steps, L.steps[0], L.steps[1], true),
    seed: parseNumber('seed', input.seed, L.seed[0], L.seed[1], true),
  };
}

export interface BanditRun {
  policy: Policy;
  color: string;
  cumulativeRegret: number[];
  pulls: number[];
}

/** Run Thompson sampling, UCB1 and epsilon-greedy (epsilon = 0.1) on the same seed. */
export function runBandits(s: BanditSettings): { thompson: ReturnType<typeof thompson>; runs: BanditRun[] } {
  const k = s.ctrs.length;
  const ts = thompson(k, { alpha: s.alpha, beta: s.beta });
  const runs = [
    { policy: ts, color: FIG_COLORS[0] },
    { policy: ucb1(k), color: FIG_COLORS[1] },
    { policy: epsilonGreedy(k, 0.1), color: FIG_COLORS[2] },
  ].map(({ policy, color }) => ({ policy, color, ...simulate(s.ctrs, policy, s.steps, mulberry32(s.seed)) }));
  return { thompson: ts, runs };
}

/** A count for the table: at most two decimals, no float noise such as 3.0000000000000004. */
const count = (x: number) => String(Math.round(x * 100) / 100);

export function banditView(input: BanditDemoInput): { error?: string; tableHtml: string; svg: string } {
  let settings: BanditSettings;
  try {
    settings = parseBanditInput(input);
  } catch (error) {
    return { error: (error as Error).message, tableHtml: '', svg: '' };
  }
  const { thompson: ts, runs } = runBandits(settings);
  const { steps } = settings;
  const every = Math.max(1, Math.floor(steps / 200));
  const svg = lineChart(
    runs.map(({ policy, color, cumulativeRegret }) => ({
      label: policy.name,
      color,
      points: cumulativeRegret
        .filter((_, t) => t % every === 0 || t === steps - 1)
        .map((r, j) => [Math.min(j * every + 1, steps), r] as const),
    })),
    {
      title: 'Cumulative regret of Thompson sampling, UCB1 and epsilon-greedy',
      xLabel: 'Step',
      yLabel: 'Cumulative regret (expected clicks lost)',
    },
  );
  const tsRun = runs[0]!;
  const rows = settings.ctrs
    .map((c, i) => {
      const post = ts.posterior(i);
      return `<tr><th scope="row">${i + 1}</th><td>${c}</td><td>${tsRun.pulls[i]}</td><td>Beta(${count(post.alpha)}, ${count(post.beta)})</td><td>${betaMean(post.alpha, post.beta).toFixed(4)}</td></tr>`;
    })
    .join('');
  const finals = runs.map(({ policy, cumulativeRegret }) => ({ name: policy.name, regret: cumulativeRegret.at(-1)! }));
  const min = Math.min(...finals.map((f) => f.regret));
  const lowest = finals.filter((f) => f.regret === min).map((f) => f.name);
  const totals = finals.map((f) => `${f.name}: ${f.regret.toFixed(1)}`).join('; ');
  const tableHtml =
    `<table><thead><tr><th scope="col">Arm</th><th scope="col">True CTR</th><th scope="col">Thompson pulls</th>` +
    `<th scope="col">Posterior</th><th scope="col">Posterior mean</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p>Regret after ${steps.toLocaleString('en')} steps — ${totals}. Lowest: ${lowest.join(' and ')}.</p>`;
  return { tableHtml, svg };
}
