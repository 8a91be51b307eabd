import * as Plot from '@observablehq/plot';
import { kendallTau, runUltrExperiment, ULTR_SETUP, type UltrSetup } from '../../content/snippets/ranking/ultr.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * The page's simulation, smaller so the build stays fast: per seed 20,000 logged requests from a
 * ranker that favours the least relevant items, and a randomised slice of 10,000 requests from
 * which the propensities are estimated. The plotted estimates are means over three seeds; the
 * Kendall taus are per seed.
 */
export const SETUP: UltrSetup = { ...ULTR_SETUP, loggedSessions: 20_000, randomisedSessions: 10_000 };
export const SEEDS = [1, 2, 3] as const;
export const RUNS = SEEDS.map((seed) => runUltrExperiment(seed, mulberry32, SETUP, { em: false }));
const mean = (pick: (r: (typeof RUNS)[number]) => number[]): number[] =>
  SETUP.relevance.map((_, i) => RUNS.reduce((s, r) => s + pick(r)[i]!, 0) / RUNS.length);
export const MEANS = { naive: mean((r) => r.naive), ips: mean((r) => r.ipsRandomised) };
export const TAUS = {
  naive: RUNS.map((r) => kendallTau(r.naive, SETUP.relevance)),
  ips: RUNS.map((r) => kendallTau(r.ipsRandomised, SETUP.relevance)),
};
const f2 = (x: number): string => x.toFixed(2);
const best = SETUP.relevance.length - 1;
const maxIpsError = Math.max(...MEANS.ips.map((v, i) => Math.abs(v - SETUP.relevance[i]!)));
const range = (xs: number[]): string =>
  Math.min(...xs) === Math.max(...xs) ? f2(xs[0]!) : `${f2(Math.min(...xs))} to ${f2(Math.max(...xs))}`;
const rangeZh = (xs: number[]): string =>
  Math.min(...xs) === Math.max(...xs) ? f2(xs[0]!) : `${f2(Math.min(...xs))} 到 ${f2(Math.max(...xs))}`;
/** The item the naive estimate ranks first (0-based). */
export const NAIVE_TOP = MEANS.naive.indexOf(Math.max(...MEANS.naive));

const LABELS = {
  en: {
    x: 'Item, in order of true relevance →',
    y: '↑ Estimated relevance',
    truth: 'true relevance',
    naive: 'naive CTR',
    ips: 'IPS',
  },
  zh: { x: '物品（按真实相关性排序）→', y: '↑ 估计的相关性', truth: '真实相关性', naive: '直接用 CTR', ips: 'IPS' },
};

export default defineFigure({
  caption: {
    en: `Relevance estimated from the clicks of a production ranker that shows the least relevant items on top (examination 1/k, ${SETUP.loggedSessions.toLocaleString('en-US')} logged requests per seed, means over ${SEEDS.length} seeds). The naive click-through rate is nearly flat and out of order: the most relevant item (${f2(SETUP.relevance[best]!)}) gets ${f2(MEANS.naive[best]!)}, less than item ${NAIVE_TOP + 1} of relevance ${f2(SETUP.relevance[NAIVE_TOP]!)}, which gets ${f2(MEANS.naive[NAIVE_TOP]!)}; Kendall's tau with the true order is ${range(TAUS.naive)} across the seeds. Dividing each click by the propensity of its slot, estimated from a randomised slice of ${SETUP.randomisedSessions.toLocaleString('en-US')} requests, puts every item within ${f2(maxIpsError)} of its relevance, ${TAUS.ips.every((t) => t === 1) ? 'with tau 1 in every seed' : `with tau ${range(TAUS.ips)} across the seeds`}.`,
    zh: `某线上排序器把最不相关的物品排在最前面，本图用它产生的点击来估计相关性（检验概率为 1/k，每个种子记录 ${SETUP.loggedSessions.toLocaleString('zh-CN')} 次请求，取 ${SEEDS.length} 个种子的平均）。直接用点击率估计几乎是一条平线，而且顺序错乱：最相关的物品（${f2(SETUP.relevance[best]!)}）只得到 ${f2(MEANS.naive[best]!)}，比相关性为 ${f2(SETUP.relevance[NAIVE_TOP]!)} 的第 ${NAIVE_TOP + 1} 个物品（${f2(MEANS.naive[NAIVE_TOP]!)}）还低；各个种子下它与真实顺序的 Kendall tau 为 ${rangeZh(TAUS.naive)}。把每次点击除以所在位置的倾向分（由 ${SETUP.randomisedSessions.toLocaleString('zh-CN')} 次随机打乱的请求估计）之后，每个物品的估计与真实相关性相差都不超过 ${f2(maxIpsError)}，${TAUS.ips.every((t) => t === 1) ? '每个种子的 tau 都是 1' : `各个种子的 tau 为 ${rangeZh(TAUS.ips)}`}。`,
  },
  alt: {
    en: `Three series over ten items sorted by true relevance, which rises in a straight line from ${f2(SETUP.relevance[0]!)} to ${f2(SETUP.relevance[best]!)}. The IPS estimates lie on that line. The naive click-through rates stay between ${f2(Math.min(...MEANS.naive))} and ${f2(Math.max(...MEANS.naive))} and peak at item ${NAIVE_TOP + 1}.`,
    zh: `十个物品按真实相关性排序，真实相关性从 ${f2(SETUP.relevance[0]!)} 直线上升到 ${f2(SETUP.relevance[best]!)}，图中有三组数据。IPS 估计落在这条直线上；直接用点击率的估计始终在 ${f2(Math.min(...MEANS.naive))} 到 ${f2(Math.max(...MEANS.naive))} 之间，峰值在第 ${NAIVE_TOP + 1} 个物品。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = SETUP.relevance.flatMap((r, i) => [
      { item: i + 1, value: r, series: label.truth },
      { item: i + 1, value: MEANS.naive[i]!, series: label.naive },
      { item: i + 1, value: MEANS.ips[i]!, series: label.ips },
    ]);
    const names = [label.truth, label.naive, label.ips];
    return {
      width: 600,
      height: 320,
      x: { label: label.x, ticks: SETUP.relevance.map((_, i) => i + 1), tickFormat: 'd' },
      y: { label: label.y, grid: true, zero: true },
      color: { domain: names, range: [FIG_COLORS[2], FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.line(
          rows.filter((r) => r.series === label.truth),
          { x: 'item', y: 'value', stroke: 'series', strokeWidth: 1.5, strokeDasharray: '5 4' },
        ),
        Plot.line(
          rows.filter((r) => r.series !== label.truth),
          { x: 'item', y: 'value', stroke: 'series', strokeWidth: 2.2 },
        ),
        Plot.dot(
          rows.filter((r) => r.series !== label.truth),
          { x: 'item', y: 'value', fill: 'series', r: 3 },
        ),
        Plot.text(
          rows.filter((r) => r.item === 7 && r.series !== label.truth),
          { x: 'item', y: 'value', text: 'series', fill: 'series', dy: -14, fontSize: 12 },
        ),
        Plot.text(
          rows.filter((r) => r.item === 4 && r.series === label.truth),
          { x: 'item', y: 'value', text: 'series', fill: 'series', dx: 8, dy: 14, textAnchor: 'start', fontSize: 12 },
        ),
      ],
    };
  },
});
