import * as Plot from '@observablehq/plot';
import { epsilonGreedy, simulate, type Policy } from '../../content/snippets/bandits/bandit.ts';
import { thompson } from '../../content/snippets/bandits/thompson.ts';
import { ucb1 } from '../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// 20,000 steps: from there on the order of the three mean curves is the same in every block of
// five seeds (tests/lib/thompson-regret-figure.test.ts); at 10,000 steps Thompson sampling and
// epsilon-greedy still swap places in about one block in four.
export const CTRS = [0.02, 0.03, 0.05];
export const STEPS = 20_000;
export const SEEDS = 20;
const EVERY = 200;

/** Mean cumulative regret over SEEDS runs, sampled every EVERY steps, and each run's final regret. */
function meanRegret(make: () => Policy) {
  const sums = new Array<number>(STEPS / EVERY).fill(0);
  const finals: number[] = [];
  let name = '';
  for (let seed = 1; seed <= SEEDS; seed++) {
    const policy = make();
    name = policy.name;
    const r = simulate(CTRS, policy, STEPS, mulberry32(seed)).cumulativeRegret;
    for (let k = 0; k < sums.length; k++) sums[k]! += r[(k + 1) * EVERY - 1]!;
    finals.push(r.at(-1)!);
  }
  return { name, finals, points: sums.map((s, k) => ({ step: (k + 1) * EVERY, regret: s / SEEDS, policy: name })) };
}

const runs = [meanRegret(() => thompson(3)), meanRegret(() => ucb1(3)), meanRegret(() => epsilonGreedy(3, 0.1))];
/** Final regret of every seeded run (seeds 1 to SEEDS), per policy: what the tests check the figure's order on. */
export const FINAL_REGRETS = Object.fromEntries(runs.map((r) => [r.name, r.finals]));
const series = runs.map((r) => r.points);
const final = series.map((s) => s.at(-1)!);
/** Final mean regret ± its standard error over the seeds, in whole clicks: the decimals are noise. */
const finalText = runs.map(({ name, finals }) => {
  const mean = finals.reduce((s, x) => s + x, 0) / finals.length;
  const sd = Math.sqrt(finals.reduce((s, x) => s + (x - mean) ** 2, 0) / (finals.length - 1));
  return `${name} ${mean.toFixed(0)} ± ${(sd / Math.sqrt(finals.length)).toFixed(0)}`;
});

export default defineFigure({
  caption: `Mean cumulative regret over ${SEEDS} seeded runs (seeds 1–${SEEDS}) of ${STEPS.toLocaleString('en')} steps, three arms with CTRs ${CTRS.join(', ')}. Final regret, mean ± standard error: ${finalText.join(', ')}; the same order holds in every block of five seeds. UCB1's bonus √(2 ln n / nⱼ) is large next to CTRs of a few percent, so it keeps exploring long after Thompson sampling has settled.`,
  alt: `Three rising curves of regret against steps. ${final.map((f) => `${f.policy} ends at ${f.regret.toFixed(0)}`).join('; ')}. Thompson sampling's curve flattens earliest.`,
  plot: () => ({
    width: 640,
    height: 340,
    x: { label: 'Step →' },
    y: { label: '↑ Cumulative regret (expected clicks lost)', grid: true },
    color: { domain: series.map((s) => s[0]!.policy), range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
    marks: [
      ...series.map((s) => Plot.line(s, { x: 'step', y: 'regret', stroke: 'policy', strokeWidth: 2.5 })),
      ...series.map((s) =>
        Plot.text([s.at(-1)!], {
          x: 'step',
          y: 'regret',
          text: 'policy',
          fill: 'policy',
          textAnchor: 'end',
          dy: -8,
          fontSize: 12,
        }),
      ),
      Plot.ruleY([0]),
    ],
  }),
});
