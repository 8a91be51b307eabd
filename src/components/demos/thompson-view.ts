/** What the bandit simulator demo shows: shared by the static render and the client. */
import { epsilonGreedy, simulate } from '../../../content/snippets/bandits/bandit.ts';
import { betaMean } from '../../../content/snippets/bandits/beta.ts';
import { thompson } from '../../../content/snippets/bandits/thompson.ts';
import { ucb1 } from '../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';
import { FIG_COLORS } from '../../lib/colors.ts';
import { lineChart } from '../../lib/svg-chart.ts';

export interface BanditDemoInput {
  ctrs: string;
  alpha: number;
  beta: number;
  steps: number;
  seed: number;
}

export const BANDIT_DEMO_DEFAULTS: BanditDemoInput = {
  ctrs: '0.02, 0.03, 0.05',
  alpha: 1,
  beta: 1,
  steps: 5000,
  seed: 1,
};

export function parseCtrs(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length < 2 || parts.length > 8) throw new RangeError('give between 2 and 8 click-through rates');
  return parts.map((p, i) => {
    const x = Number(p);
    if (!(x >= 0 && x <= 1)) throw new RangeError(`CTR ${i + 1} ("${p}") must be a number between 0 and 1`);
    return x;
  });
}

export function banditView(input: BanditDemoInput): { error?: string; tableHtml: string; svg: string } {
  let ctrs: number[];
  try {
    ctrs = parseCtrs(input.ctrs);
    if (!(input.alpha > 0 && input.beta > 0)) throw new RangeError('prior α and β must be positive');
    if (!(input.steps >= 100 && input.steps <= 50_000)) throw new RangeError('steps must be between 100 and 50 000');
  } catch (error) {
    return { error: (error as Error).message, tableHtml: '', svg: '' };
  }
  const k = ctrs.length;
  const ts = thompson(k, { alpha: input.alpha, beta: input.beta });
  const runs = [
    { policy: ts, color: FIG_COLORS[0] },
    { policy: ucb1(k), color: FIG_COLORS[1] },
    { policy: epsilonGreedy(k, 0.1), color: FIG_COLORS[2] },
  ].map(({ policy, color }) => ({
    policy,
    color,
    result: simulate(ctrs, policy, input.steps, mulberry32(input.seed)),
  }));
  const every = Math.max(1, Math.floor(input.steps / 200));
  const svg = lineChart(
    runs.map(({ policy, color, result }) => ({
      label: policy.name,
      color,
      points: result.cumulativeRegret
        .filter((_, t) => t % every === 0 || t === input.steps - 1)
        .map((r, j) => [Math.min(j * every + 1, input.steps), r] as const),
    })),
    {
      title: 'Cumulative regret of Thompson sampling, UCB1 and epsilon-greedy',
      xLabel: 'Step',
      yLabel: 'Cumulative regret (expected clicks lost)',
    },
  );
  const tsRun = runs[0]!.result;
  const rows = ctrs
    .map((c, i) => {
      const post = ts.posterior(i);
      return `<tr><th scope="row">${i + 1}</th><td>${c}</td><td>${tsRun.pulls[i]}</td><td>Beta(${post.alpha}, ${post.beta})</td><td>${betaMean(post.alpha, post.beta).toFixed(4)}</td></tr>`;
    })
    .join('');
  const totals = runs
    .map(({ policy, result }) => `${policy.name}: ${result.cumulativeRegret.at(-1)!.toFixed(1)}`)
    .join('; ');
  const tableHtml =
    `<table><thead><tr><th scope="col">Arm</th><th scope="col">True CTR</th><th scope="col">Thompson pulls</th>` +
    `<th scope="col">Posterior</th><th scope="col">Posterior mean</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p>Regret after ${input.steps.toLocaleString('en')} steps — ${totals}.</p>`;
  return { tableHtml, svg };
}
