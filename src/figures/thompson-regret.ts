import * as Plot from '@observablehq/plot';
import { epsilonGreedy, simulate, type Policy } from '../../content/snippets/bandits/bandit.ts';
import { thompson } from '../../content/snippets/bandits/thompson.ts';
import { ucb1 } from '../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';
import type { Lang } from '../i18n/langs.ts';

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
/** A policy's name in each language: the snippets name policies in English, with their parameters. */
const policyName = (name: string, lang: Lang) =>
  lang !== 'zh'
    ? name
    : name
        .replace(/^Thompson \(Beta\((.+)\) prior\)$/, '汤普森采样（Beta($1) 先验）')
        .replace(/^ε-greedy \(ε = (.+)\)$/, 'ε-贪心（ε = $1）');
/** Chinese text next to a name: a space after Latin letters and digits, none after full-width punctuation. */
const cjkJoin = (name: string, text: string) => `${name}${/[\w)]$/.test(name) ? ' ' : ''}${text}`;
/** Final mean regret ± its standard error over the seeds, in whole clicks: the decimals are noise. */
const finalText = (lang: Lang) =>
  runs.map(({ name, finals }) => {
    const mean = finals.reduce((s, x) => s + x, 0) / finals.length;
    const sd = Math.sqrt(finals.reduce((s, x) => s + (x - mean) ** 2, 0) / (finals.length - 1));
    const value = `${mean.toFixed(0)} ± ${(sd / Math.sqrt(finals.length)).toFixed(0)}`;
    return lang === 'zh' ? cjkJoin(policyName(name, lang), value) : `${name} ${value}`;
  });

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { step: 'Step →', regret: '↑ Cumulative regret (expected clicks lost)' },
  zh: { step: '步数 →', regret: '↑ 累计遗憾（期望损失的点击数）' },
};

export default defineFigure({
  caption: {
    en: `Mean cumulative regret over ${SEEDS} seeded runs (seeds 1–${SEEDS}) of ${STEPS.toLocaleString('en')} steps, three arms with CTRs ${CTRS.join(', ')}. Final regret, mean ± standard error: ${finalText('en').join(', ')}; the same order holds in every block of five seeds. UCB1's bonus √(2 ln n / nⱼ) is large next to CTRs of a few percent, so it keeps exploring long after Thompson sampling has settled.`,
    zh: `${SEEDS} 次带种子的运行（种子 1–${SEEDS}）、每次 ${STEPS.toLocaleString('zh-CN')} 步的平均累计遗憾，三个臂的点击率为 ${CTRS.join('、')}。最终遗憾的均值 ± 标准误：${finalText('zh').join('，')}；每一组五个种子都是同样的排序。UCB1 的探索项 √(2 ln n / nⱼ) 与几个百分点的点击率相比很大，所以汤普森采样早已稳定下来，它还在继续探索。`,
  },
  alt: {
    en: `Three rising curves of regret against steps. ${final.map((f) => `${f.policy} ends at ${f.regret.toFixed(0)}`).join('; ')}. Thompson sampling's curve flattens earliest.`,
    zh: `三条随步数上升的遗憾曲线。${final.map((f) => `${cjkJoin(policyName(f.policy, 'zh'), '最终为')} ${f.regret.toFixed(0)}`).join('；')}。汤普森采样的曲线最早变平。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = series.map((s) => s.map((p) => ({ ...p, policy: policyName(p.policy, lang) })));
    return {
      width: 640,
      // Room for the widest tick label ("20,000") in the site's 12 px figure text.
      marginLeft: 48,
      height: 340,
      x: { label: label.step },
      y: { label: label.regret, grid: true },
      color: { domain: named.map((s) => s[0]!.policy), range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
      marks: [
        ...named.map((s) => Plot.line(s, { x: 'step', y: 'regret', stroke: 'policy', strokeWidth: 2.5 })),
        ...named.map((s) =>
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
    };
  },
});
