import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { trainToyGan } from '../../content/snippets/deep-learning/gan.ts';

const P_DATA = [0.4, 0.3, 0.15, 0.1, 0.05];
const ITERATIONS = 400;
const OPTIONS = { iterations: ITERATIONS, lrD: 0.5, lrG: 0.5, nonSaturating: true } as const;
const runs = { 1: trainToyGan(P_DATA, { k: 1, ...OPTIONS }).jsd, 5: trainToyGan(P_DATA, { k: 5, ...OPTIONS }).jsd };

/** The largest rebound of a curve: the low point a and the later high point b maximising jsd[b] / jsd[a]. */
function rebound(jsd: readonly number[]): { low: number; high: number; ratio: number } {
  let best = { low: 0, high: 0, ratio: 1 };
  let low = 0;
  jsd.forEach((v, t) => {
    if (v < jsd[low]!) low = t;
    if (v / jsd[low]! > best.ratio) best = { low, high: t, ratio: v / jsd[low]! };
  });
  return best;
}
const e1 = (x: number) => x.toExponential(0);
const at = (k: 1 | 5, step: number) => e1(runs[k][step - 1]!);
const k1Rebound = rebound(runs[1]);

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { step: 'generator step' },
  zh: { step: '生成器步数' },
};

export default defineFigure({
  caption: {
    en: 'Alternating training on a five-outcome toy (discriminator: one logit per outcome; generator: a softmax), exact gradients, non-saturating generator loss, both learning rates 0.5. JSD(p_data ‖ p_g) after each generator step, for k = 1 and k = 5 discriminator steps per generator step. With k = 5 the discriminator stays close to optimal and the divergence falls steadily; with k = 1 it lags, progress stalls, and the two players overshoot each other so that the divergence climbs again for a while.',
    zh: '在一个五种结果的玩具问题上交替训练（判别器：每种结果一个 logit；生成器：一个 softmax），使用精确梯度、非饱和生成器损失，两个学习率都是 0.5。图中是每个生成器步之后的 JSD(p_data ‖ p_g)，分别对应每个生成器步配 k = 1 和 k = 5 个判别器步。k = 5 时判别器始终接近最优，散度稳步下降；k = 1 时判别器跟不上，进展停滞，双方相互冲过头，散度会有一段时间重新上升。',
  },
  alt: {
    en: `Two curves of Jensen-Shannon divergence on a log scale over ${ITERATIONS} generator steps, both starting at ${at(1, 1)}. The k = 5 curve falls in a nearly straight line: ${at(5, 100)} at step 100, ${at(5, 200)} at step 200, ${at(5, ITERATIONS)} at step ${ITERATIONS}. The k = 1 curve reaches ${at(1, 100)} at step 100 and ${at(1, 200)} at step 200, falls to ${e1(runs[1][k1Rebound.low]!)} at step ${k1Rebound.low + 1}, and climbs back to ${e1(runs[1][k1Rebound.high]!)} by step ${k1Rebound.high + 1}.`,
    zh: `两条 JS 散度曲线，纵轴为对数刻度，横跨 ${ITERATIONS} 个生成器步，起点都是 ${at(1, 1)}。k = 5 的曲线几乎沿直线下降：第 100 步为 ${at(5, 100)}，第 200 步为 ${at(5, 200)}，第 ${ITERATIONS} 步为 ${at(5, ITERATIONS)}。k = 1 的曲线在第 100 步为 ${at(1, 100)}，第 200 步为 ${at(1, 200)}，在第 ${k1Rebound.low + 1} 步降到 ${e1(runs[1][k1Rebound.low]!)}，随后到第 ${k1Rebound.high + 1} 步又回升到 ${e1(runs[1][k1Rebound.high]!)}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { step: number; jsd: number; run: string }[] = [];
    for (const k of [1, 5] as const) {
      runs[k].forEach((v, i) => {
        // A log axis cannot show the round-off zeros reached at convergence.
        if (v > 1e-14) rows.push({ step: i + 1, jsd: v, run: `k = ${k}` });
      });
    }
    const ends = ['k = 1', 'k = 5'].map((run) => rows.filter((r) => r.run === run).at(-1)!);
    return {
      width: 640,
      // Room for the widest tick label ("1e-10") in the site's 12 px figure text.
      marginLeft: 48,
      height: 300,
      x: { label: label.step, grid: true },
      y: { type: 'log', label: 'JSD(p_data ‖ p_g)', grid: true, tickFormat: '.0e' },
      color: { domain: ['k = 1', 'k = 5'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(rows, { x: 'step', y: 'jsd', stroke: 'run', strokeWidth: 2 }),
        Plot.text(ends, { x: 'step', y: 'jsd', text: 'run', fill: 'run', dy: -10, textAnchor: 'end', fontSize: 12 }),
      ],
    };
  },
});
