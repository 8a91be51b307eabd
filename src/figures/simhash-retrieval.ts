import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { retrievalAgreement } from '../../content/snippets/ranking/simhash.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// A toy long sequence: 500 behaviours around 10 interests in R^16, the target near interest 0.
// For each signature length, the Hamming top-25 is compared with the exact cosine top-25, averaged
// over 50 seeds. The caption quotes only what holds for every disjoint set of 50 seeds (the figure
// test checks five of them): shares rounded to the nearest 10%, and bounds.
export const BITS = [8, 16, 32, 64, 128, 256] as const;
export const SEEDS = 50;
export const OPTS = { L: 500, d: 16, clusters: 10, spread: 0.5, k: 25, bits: BITS };

/** Mean overlap with the exact top-k and mean precision per signature length, over seeds first + 1 .. first + SEEDS. */
export function meanAgreement(first = 0): { m: number; overlap: number; precision: number }[] {
  const mean = BITS.map((m) => ({ m, overlap: 0, precision: 0 }));
  for (let s = 1; s <= SEEDS; s++)
    retrievalAgreement(mulberry32(first + s), OPTS).forEach((r, i) => {
      mean[i]!.overlap += r.overlap / SEEDS;
      mean[i]!.precision += r.precision / SEEDS;
    });
  return mean;
}

const mean = meanAgreement();
const at = (m: number) => mean.find((r) => r.m === m)!;
/** A share rounded to the nearest 10%, as a percentage. */
export const tens = (x: number): number => 10 * Math.round(10 * x);

/** Labels in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    bits: 'signature length m (bits)',
    share: 'share of the 25 retrieved',
    overlap: 'in the exact cosine top-25',
    precision: 'from the target’s interest',
  },
  zh: {
    bits: '签名长度 m（比特）',
    share: '检索出的 25 条中的占比',
    overlap: '属于精确余弦 top-25',
    precision: '与目标属于同一兴趣',
  },
};

export default defineFigure({
  caption: {
    en: `Retrieving 25 of ${OPTS.L} behaviours (10 interests in R^${OPTS.d}) by SimHash Hamming distance, averaged over ${SEEDS} seeds. Coarse relevance comes cheap: from 64 bits on, more than 90% of the retrieved behaviours share the target's interest. Reproducing the exact cosine ranking needs far more bits: fewer than half of the exact top-25 are found at 8 bits, about ${tens(at(64).overlap)}% at 64 and about ${tens(at(256).overlap)}% at 256.`,
    zh: `用 SimHash 的汉明距离从 ${OPTS.L} 条行为（R^${OPTS.d} 中的 10 个兴趣簇）里检索 25 条，结果为 ${SEEDS} 个随机种子的平均。粗粒度的相关性很便宜：从 64 比特起，检索出的行为有 90% 以上与目标属于同一兴趣。要复现精确的余弦排序则需要多得多的比特：8 比特时找回的精确 top-25 不到一半，64 比特时约 ${tens(at(64).overlap)}%，256 比特时约 ${tens(at(256).overlap)}%。`,
  },
  alt: {
    en: `Two rising lines against signature length on a log scale from 8 to 256 bits. The share from the target's interest climbs steeply and stays above 90% from 64 bits on; the share of the exact cosine top-25 climbs more slowly, from under half at 8 bits to about ${tens(at(256).overlap)}% at 256.`,
    zh: `横轴为签名长度（对数刻度，8 到 256 比特）的两条上升曲线。与目标同兴趣的占比上升很快，64 比特起一直高于 90%；属于精确余弦 top-25 的占比上升得慢，从 8 比特时不到一半升到 256 比特时约 ${tens(at(256).overlap)}%。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = mean.flatMap((r) => [
      { m: r.m, share: r.precision, what: label.precision },
      { m: r.m, share: r.overlap, what: label.overlap },
    ]);
    const ends = rows.filter((r) => r.m === 256);
    return {
      width: 640,
      height: 320,
      marginLeft: 60,
      marginRight: 190,
      x: { type: 'log', base: 2, label: label.bits, grid: true, ticks: [...BITS], tickFormat: 'd' },
      y: { domain: [0, 1], label: label.share, grid: true, tickFormat: '.0%' },
      color: { domain: [label.precision, label.overlap], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(rows, { x: 'm', y: 'share', stroke: 'what', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'm', y: 'share', fill: 'what', r: 3 }),
        Plot.text(ends, { x: 'm', y: 'share', text: 'what', fill: 'what', textAnchor: 'start', dx: 8, fontSize: 12 }),
      ],
    };
  },
});
