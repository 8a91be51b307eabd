import * as Plot from '@observablehq/plot';
import { FrequencyEstimator } from '../../content/snippets/recall/two-tower.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Three items on a seeded stream; item C's rate triples half-way through to show that the
// moving average forgets the old rate. One hash per item (no collisions: 2^16 buckets).
const STEPS = 40_000;
const SHIFT = 20_000;
const ALPHA = 0.01;
const EVERY = 200;
const items = [
  { name: 'A', rate: (_t: number) => 0.2 },
  { name: 'B', rate: (_t: number) => 0.05 },
  { name: 'C', rate: (t: number) => (t <= SHIFT ? 0.01 : 0.03) },
];

interface Row {
  step: number;
  p: number;
  item: string;
}

function simulate(streamSeed: number): { est: Row[]; truth: Row[] } {
  const rng = mulberry32(streamSeed);
  const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: ALPHA, rng: mulberry32(7) });
  const est: Row[] = [];
  const truth: Row[] = [];
  for (let t = 1; t <= STEPS; t++) {
    items.forEach((it, j) => {
      if (rng() < it.rate(t)) e.observe(j, t);
    });
    if (t % EVERY === 0) {
      items.forEach((it, j) => {
        const p = e.probability(j);
        if (p > 0) est.push({ step: t, p, item: it.name });
        truth.push({ step: t, p: it.rate(t), item: it.name });
      });
    }
  }
  return { est, truth };
}

// The plotted run uses stream seed 2019. A single estimate is noisy (relative sd about
// sqrt(alpha / 2) = 7%), so the caption reports the final estimates over 20 streams (seeds 1..20).
const { est, truth } = simulate(2019);
const RUNS = Array.from({ length: 20 }, (_, i) => simulate(i + 1).est);
const finalOf = (rows: Row[], name: string) => rows.filter((r) => r.item === name).at(-1)!.p;
const beforeOf = (rows: Row[], name: string) => rows.filter((r) => r.item === name && r.step === SHIFT).at(0)!.p;
/** Mean and standard deviation over the 20 runs, as "0.200 ± 0.010". */
function spread(pick: (rows: Row[]) => number, digits: number): string {
  const xs = RUNS.map(pick);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return `${m.toFixed(digits)} ± ${sd.toFixed(digits)}`;
}
const final = (name: string) => finalOf(est, name);
/** Warm-up excess of 1/B after n hits: E[B] = (1 - (1 - alpha)^n) x true gap, so 1/B is high by this. */
const excess = (n: number) => `${Math.round(100 * (1 / (1 - (1 - ALPHA) ** n) - 1))}%`;
/** First plotted step after the shift at which C's estimate is within 10% of 0.03, in the plotted run. */
const settled = est.find((r) => r.item === 'C' && r.step > SHIFT && Math.abs(r.p / 0.03 - 1) < 0.1)?.step ?? STEPS;

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { x: 'training step →', y: '↑ estimated probability per step (1/B)' },
  zh: { x: '训练步数 →', y: '↑ 每步出现概率的估计值（1/B）' },
};

export default defineFigure({
  caption: {
    en: `Streaming frequency estimates (solid) against the true per-step rates (dashed) for three items, learning rate α = ${ALPHA}, one seeded stream. B starts at 0, and after n hits its expected value still falls short of the true mean gap by the fraction (1 − α)^n (from the update rule; Yi et al. 2019 analyse this bias and bound the variance in Proposition 4.1), so the estimate 1/B is roughly too high: by ${excess(100)} after 1/α = 100 hits, ${excess(200)} after 200, ${excess(300)} after 300. Item C's rate triples from 0.01 to 0.03 at step ${SHIFT.toLocaleString('en')}. Over 20 seeded streams (mean ± standard deviation), C's estimate is ${spread((r) => beforeOf(r, 'C'), 4)} just before the change and ${spread((r) => finalOf(r, 'C'), 4)} at step ${STEPS.toLocaleString('en')} (true 0.03): before the change C has had only about 200 hits, hence the ${excess(200)} warm-up excess. A ends at ${spread((r) => finalOf(r, 'A'), 3)} (true 0.2) and B at ${spread((r) => finalOf(r, 'B'), 4)} (true 0.05).`,
    zh: `三个物品的流式频率估计（实线）与真实的每步出现率（虚线）对比，学习率 α = ${ALPHA}，一条固定种子的数据流。B 从 0 开始，命中 n 次之后，它的期望值仍比真实平均间隔低 (1 − α)^n 这一比例（由更新规则推出；Yi 等人 2019 年在命题 4.1 中分析了这一偏差并给出方差上界），所以估计值 1/B 大致偏高：命中 1/α = 100 次后偏高 ${excess(100)}，200 次后 ${excess(200)}，300 次后 ${excess(300)}。物品 C 的出现率在第 ${SHIFT.toLocaleString('zh-CN')} 步从 0.01 变为三倍的 0.03。在 20 条固定种子的数据流上（均值 ± 标准差），C 的估计值在变化前一刻为 ${spread((r) => beforeOf(r, 'C'), 4)}，在第 ${STEPS.toLocaleString('zh-CN')} 步为 ${spread((r) => finalOf(r, 'C'), 4)}（真实值 0.03）：变化之前 C 只被命中约 200 次，因此有 ${excess(200)} 的预热偏高。A 最终为 ${spread((r) => finalOf(r, 'A'), 3)}（真实值 0.2），B 为 ${spread((r) => finalOf(r, 'B'), 4)}（真实值 0.05）。`,
  },
  alt: {
    en: `Log-scale line chart of estimated item probability over ${STEPS} steps. Each item's estimate starts far above its true rate and falls onto its dashed true-rate line: A near 0.2, B near 0.05, C near 0.01. At step ${SHIFT} item C's true rate jumps to 0.03; its estimate climbs to within 10% of it by step ${settled.toLocaleString('en')} and ends at ${final('C').toFixed(3)}.`,
    zh: `对数纵轴的折线图，画出 ${STEPS} 步内各物品出现概率的估计值。每个物品的估计值一开始都远高于真实出现率，随后落到各自的真实值虚线上：A 约 0.2，B 约 0.05，C 约 0.01。在第 ${SHIFT} 步，物品 C 的真实出现率跳到 0.03；到第 ${settled.toLocaleString('zh-CN')} 步，它的估计值已爬升到距真实值 10% 以内，最终为 ${final('C').toFixed(3)}。`,
  },
  plot: (lang) => ({
    width: 640,
    height: 340,
    marginRight: 40,
    x: { label: LABELS[lang].x, grid: true },
    y: {
      type: 'log',
      label: LABELS[lang].y,
      grid: true,
      domain: [0.005, 1],
      tickFormat: '~g',
    },
    color: { domain: items.map((i) => i.name), range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
    marks: [
      Plot.line(truth, { x: 'step', y: 'p', stroke: 'item', strokeDasharray: '5 4', strokeWidth: 1.5 }),
      Plot.line(est, { x: 'step', y: 'p', stroke: 'item', strokeWidth: 2 }),
      Plot.ruleX([SHIFT], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      // Name each item at the right end of its true-rate line (no legend: the chart is one SVG).
      Plot.text(
        items.map((it) => ({ step: STEPS, p: it.rate(STEPS), item: it.name })),
        { x: 'step', y: 'p', text: 'item', fill: 'item', dx: 10, dy: -8, fontWeight: 700, fontSize: 13 },
      ),
    ],
  }),
});
