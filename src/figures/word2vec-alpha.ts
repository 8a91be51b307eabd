import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { negativeDistribution } from '../../content/snippets/recall/word2vec-sampler.ts';

// A Zipf vocabulary of 10,000 words: the word of rank r appears in proportion to 1 / r.
const N = 10_000;
const counts = Array.from({ length: N }, (_, r) => 1e6 / (r + 1));
const ALPHAS = [0, 0.5, 0.75, 1] as const;
const dists = ALPHAS.map((alpha) => ({ alpha, p: negativeDistribution(counts, alpha) }));
const share = (alpha: number, top: number) =>
  dists
    .find((d) => d.alpha === alpha)!
    .p.slice(0, top)
    .reduce((a, b) => a + b, 0);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** First rank at which raw frequency gives a word less probability than alpha = 0.75 does. */
const crossRank = (() => {
  const p1 = dists.find((d) => d.alpha === 1)!.p;
  const p75 = dists.find((d) => d.alpha === 0.75)!.p;
  return p1.findIndex((x, i) => x < p75[i]!) + 1;
})();

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { rank: 'frequency rank', p: 'sampling probability' },
  zh: { rank: '词频排名', p: '被采为负样本的概率' },
};

export default defineFigure({
  caption: {
    en: `Negative-sampling probability by frequency rank for a Zipf vocabulary of ${N.toLocaleString('en-US')} words, P(w) ∝ f(w)^α. With raw frequency (α = 1) the 100 most frequent words take ${pct(share(1, 100))} of all negatives; word2vec's α = 0.75 lowers that to ${pct(share(0.75, 100))} and lifts the tail; α = 0 would sample every word equally (${pct(share(0, 100))}).`,
    zh: `词频服从 Zipf 分布、词表为 ${N.toLocaleString('zh-CN')} 个词时，各频率排名的负采样概率，P(w) ∝ f(w)^α。按原始词频采样（α = 1）时，最常见的 100 个词占全部负样本的 ${pct(share(1, 100))}；word2vec 取 α = 0.75，把这一比例降到 ${pct(share(0.75, 100))}，长尾词的概率随之抬高；α = 0 则每个词等概率（${pct(share(0, 100))}）。`,
  },
  alt: {
    en: `Four straight lines on log-log axes of probability against rank 1 to ${N.toLocaleString('en-US')}. α = 0 is flat at ${(1 / N).toExponential(0)}. The others fall with slopes −0.5, −0.75 and −1; the steeper the slope, the more probability the top ranks get and the less the rare words get. From rank ${crossRank} on, α = 0.75 gives a word more probability than raw frequency does.`,
    zh: `双对数坐标下概率随排名（1 到 ${N.toLocaleString('zh-CN')}）变化的四条直线。α = 0 是一条水平线，高度为 ${(1 / N).toExponential(0)}；其余三条的斜率分别为 −0.5、−0.75 和 −1，越陡，头部词分到的概率越多、长尾词越少。从第 ${crossRank} 名起，α = 0.75 给每个词的概率高于按原始词频采样。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { rank: number; p: number; alpha: string }[] = [];
    // log-spaced ranks keep the SVG small without changing the curves
    const ranks = new Set<number>();
    for (let e = 0; e <= 4; e += 0.05) ranks.add(Math.min(N, Math.round(10 ** e)));
    for (const { alpha, p } of dists)
      for (const r of ranks) rows.push({ rank: r, p: p[r - 1]!, alpha: `α = ${alpha}` });
    const names = ALPHAS.map((a) => `α = ${a}`);
    const ends = rows.filter((r) => r.rank === 1);
    return {
      width: 640,
      height: 320,
      marginLeft: 60,
      marginRight: 20,
      x: { type: 'log', label: label.rank, grid: true, tickFormat: '~s' },
      y: { type: 'log', label: label.p, grid: true, tickFormat: '.0e', domain: [1e-5, 0.4] },
      color: { domain: names, range: [FIG_COLORS[2], FIG_COLORS[3], FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(rows, { x: 'rank', y: 'p', stroke: 'alpha', strokeWidth: 2 }),
        Plot.text(ends, {
          x: 'rank',
          y: 'p',
          text: 'alpha',
          fill: 'alpha',
          textAnchor: 'start',
          dx: 6,
          dy: -8,
          fontSize: 12,
        }),
      ],
    };
  },
});
