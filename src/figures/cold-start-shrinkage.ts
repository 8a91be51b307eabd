import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { fitBetaFromCounts, smoothedCtr, type ItemStats } from '../../content/snippets/bandits/cold-start.ts';
import { sampleBeta } from '../../content/snippets/bandits/beta.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

/**
 * 300 items whose true CTRs come from Beta(3, 97) (mean 3%), with exposure spread log-uniformly
 * from 5 to 20,000 impressions, as in a feed where a few items get most of the traffic.
 */
export function simulateCatalogue(seed: number, count = 300): ItemStats[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const theta = sampleBeta(3, 97, rng);
    const impressions = Math.round(5 * Math.pow(4000, rng()));
    let clicks = 0;
    for (let i = 0; i < impressions; i++) if (rng() < theta) clicks++;
    return { clicks, impressions };
  });
}

/** The figure's catalogue; the page's pitfall compares fits over seeds 1 to 20 of the same simulation. */
export const FIGURE_SEED = 31;
/** Items below this many impressions are left out of the fit (see the page's pitfalls). */
export const MIN_FIT_IMPRESSIONS = 100;
const items = simulateCatalogue(FIGURE_SEED);
// Fit the prior on items with at least 100 impressions: below that, binomial noise swamps the
// real spread between items and the moment estimate becomes erratic.
const prior = fitBetaFromCounts(items.filter((it) => it.impressions >= MIN_FIT_IMPRESSIONS));
const m = prior.alpha + prior.beta;
const priorCtr = prior.alpha / m;
const maxRaw = Math.max(...items.map((it) => it.clicks / it.impressions));
const topRaw = items.find((it) => it.clicks / it.impressions === maxRaw)!;
const young = items.filter((it) => it.impressions < 20);
const youngAtZero = young.filter((it) => it.clicks === 0).length;

/** Axis labels, series names and the prior's mark in each language; the numbers are the same in both. */
const LABELS = {
  en: { impressions: 'impressions (log scale)', ctr: 'CTR', raw: 'raw CTR', smoothed: 'smoothed CTR', prior: 'prior' },
  zh: { impressions: '曝光次数（对数坐标）', ctr: '点击率', raw: '原始点击率', smoothed: '平滑点击率', prior: '先验' },
};

export default defineFigure({
  caption: {
    en: `Raw and smoothed CTRs of 300 simulated items (true CTRs drawn from Beta(3, 97)) against their impressions. The prior, fitted by moments to the items with at least 100 impressions, has mean ${(100 * priorCtr).toFixed(1)}% and strength m = ${m.toFixed(0)} impressions. Of the ${young.length} items with fewer than 20 impressions, ${youngAtZero} show a raw CTR of 0%, and the highest raw CTR, ${(100 * maxRaw).toFixed(1)}%, belongs to an item with ${topRaw.clicks} clicks in ${topRaw.impressions} impressions; smoothing pulls such items to the prior, while items with thousands of impressions keep their own CTR.`,
    zh: `${items.length} 个模拟物品（真实点击率从 Beta(3, 97) 中抽取）的原始点击率和平滑点击率随曝光次数的分布。先验用矩估计拟合在曝光至少 ${MIN_FIT_IMPRESSIONS} 次的物品上，均值 ${(100 * priorCtr).toFixed(1)}%，强度 m = ${m.toFixed(0)} 次曝光。曝光不到 20 次的 ${young.length} 个物品中，有 ${youngAtZero} 个原始点击率为 0%；最高的原始点击率 ${(100 * maxRaw).toFixed(1)}% 属于一个 ${topRaw.impressions} 次曝光、${topRaw.clicks} 次点击的物品。平滑把这类物品拉向先验，而有几千次曝光的物品保留自己的点击率。`,
  },
  alt: {
    en: `A scatter plot with impressions on a log scale from 5 to 20,000 and CTR from 0 to ${(100 * maxRaw).toFixed(0)}%. Raw CTRs fan out widely at low exposure, many at exactly 0 and some above 10%, and narrow toward 2–5% as exposure grows. Smoothed CTRs sit on the prior line at ${(100 * priorCtr).toFixed(1)}% for young items and join the raw CTRs once an item has several hundred impressions.`,
    zh: `散点图：横轴为曝光次数（对数坐标，5 到 20,000），纵轴为点击率（0 到 ${(100 * maxRaw).toFixed(0)}%）。曝光少时原始点击率散得很开，许多恰好为 0，有些高于 10%；随着曝光增加，逐渐收拢到 2–5%。年轻物品的平滑点击率落在 ${(100 * priorCtr).toFixed(1)}% 的先验线上，物品有了几百次曝光后便与原始点击率汇合。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = items.flatMap((it) => [
      { impressions: it.impressions, ctr: it.clicks / it.impressions, kind: label.raw },
      { impressions: it.impressions, ctr: smoothedCtr(it.clicks, it.impressions, priorCtr, m), kind: label.smoothed },
    ]);
    return {
      width: 640,
      height: 340,
      marginLeft: 50,
      x: { type: 'log', label: label.impressions, grid: true },
      y: { label: label.ctr, grid: true, tickFormat: '.0%' },
      color: { domain: [label.raw, label.smoothed], range: [FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.ruleY([priorCtr], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.dot(rows, { x: 'impressions', y: 'ctr', stroke: 'kind', r: 2.5 }),
        Plot.text([{ x: 5, y: priorCtr }], {
          x: 'x',
          y: 'y',
          text: () => label.prior,
          fill: FIG_COLORS[2],
          dy: -8,
          textAnchor: 'start',
        }),
        // Direct labels for the two series, placed from the data: the highest raw CTR, and the
        // smoothed CTR of the least exposed item.
        Plot.text([rows.filter((r) => r.kind === label.raw).reduce((a, b) => (b.ctr > a.ctr ? b : a))], {
          x: 'impressions',
          y: 'ctr',
          text: 'kind',
          fill: FIG_COLORS[1],
          dx: 8,
          textAnchor: 'start',
        }),
        Plot.text(
          [rows.filter((r) => r.kind === label.smoothed).reduce((a, b) => (b.impressions < a.impressions ? b : a))],
          { x: 'impressions', y: 'ctr', text: 'kind', fill: FIG_COLORS[0], dy: 14, textAnchor: 'start' },
        ),
      ],
    };
  },
});
