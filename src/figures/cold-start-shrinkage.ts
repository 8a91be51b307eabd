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

export default defineFigure({
  caption: `Raw and smoothed CTRs of 300 simulated items (true CTRs drawn from Beta(3, 97)) against their impressions. The prior, fitted by moments to the items with at least 100 impressions, has mean ${(100 * priorCtr).toFixed(1)}% and strength m = ${m.toFixed(0)} impressions. Of the ${young.length} items with fewer than 20 impressions, ${youngAtZero} show a raw CTR of 0%, and the highest raw CTR, ${(100 * maxRaw).toFixed(1)}%, belongs to an item with ${topRaw.clicks} clicks in ${topRaw.impressions} impressions; smoothing pulls such items to the prior, while items with thousands of impressions keep their own CTR.`,
  alt: `A scatter plot with impressions on a log scale from 5 to 20,000 and CTR from 0 to ${(100 * maxRaw).toFixed(0)}%. Raw CTRs fan out widely at low exposure, many at exactly 0 and some above 10%, and narrow toward 2–5% as exposure grows. Smoothed CTRs sit on the prior line at ${(100 * priorCtr).toFixed(1)}% for young items and join the raw CTRs once an item has several hundred impressions.`,
  plot: () => {
    const rows = items.flatMap((it) => [
      { impressions: it.impressions, ctr: it.clicks / it.impressions, kind: 'raw CTR' },
      { impressions: it.impressions, ctr: smoothedCtr(it.clicks, it.impressions, priorCtr, m), kind: 'smoothed CTR' },
    ]);
    return {
      width: 640,
      height: 340,
      marginLeft: 50,
      x: { type: 'log', label: 'impressions (log scale)', grid: true },
      y: { label: 'CTR', grid: true, tickFormat: '.0%' },
      color: { domain: ['raw CTR', 'smoothed CTR'], range: [FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.ruleY([priorCtr], { stroke: FIG_COLORS[2], strokeDasharray: '4 3' }),
        Plot.dot(rows, { x: 'impressions', y: 'ctr', stroke: 'kind', r: 2.5 }),
        Plot.text([{ x: 5, y: priorCtr }], {
          x: 'x',
          y: 'y',
          text: () => 'prior',
          fill: FIG_COLORS[2],
          dy: -8,
          textAnchor: 'start',
        }),
        // Direct labels for the two series, placed from the data: the highest raw CTR, and the
        // smoothed CTR of the least exposed item.
        Plot.text([rows.filter((r) => r.kind === 'raw CTR').reduce((a, b) => (b.ctr > a.ctr ? b : a))], {
          x: 'impressions',
          y: 'ctr',
          text: 'kind',
          fill: FIG_COLORS[1],
          dx: 8,
          textAnchor: 'start',
        }),
        Plot.text(
          [rows.filter((r) => r.kind === 'smoothed CTR').reduce((a, b) => (b.impressions < a.impressions ? b : a))],
          { x: 'impressions', y: 'ctr', text: 'kind', fill: FIG_COLORS[0], dy: 14, textAnchor: 'start' },
        ),
      ],
    };
  },
});
