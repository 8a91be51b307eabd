import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  bucketCounts,
  equalFrequencyBoundaries,
  equalWidthBoundaries,
} from '../../content/snippets/foundations/features.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';

// A right-skewed feature (think dwell time or price): 2,000 draws of exp(N(0, 1)), seed 11.
const K = 8;
const SEED = 11;
const draw = (seed: number) => {
  const rng = mulberry32(seed);
  return Array.from({ length: 2000 }, () => Math.exp(normal(rng)));
};
const xs = draw(SEED);
// How much the crowded first bucket depends on the draw: the same count for seeds 1..20.
const firstOverSeeds = Array.from({ length: 20 }, (_, i) => {
  const ys = draw(i + 1);
  return bucketCounts(ys, equalWidthBoundaries(ys, K))[0]!;
});
const schemes = [
  { key: 'width', boundaries: equalWidthBoundaries(xs, K) },
  { key: 'frequency', boundaries: equalFrequencyBoundaries(xs, K) },
] as const;
const counts = schemes.map((s) => bucketCounts(xs, s.boundaries));
const wide = counts[0]!;
const fmt = (n: number) => n.toLocaleString('en-US');
const fmtZh = (n: number) => n.toLocaleString('zh-CN');
const firstMin = Math.min(...firstOverSeeds);
const firstMax = Math.max(...firstOverSeeds);
const sparse = wide.filter((c) => c <= 5).length;
const tail = Math.ceil(Math.max(...xs));
const lastFrequencyBoundary = Math.max(...schemes[1].boundaries).toFixed(1);

/** Axis labels and facet names in each language; the numbers are the same in both. */
const LABELS = {
  en: { x: 'feature value', y: 'count', width: 'equal width', frequency: 'equal frequency' },
  zh: { x: '特征取值', y: '个数', width: '等宽分桶', frequency: '等频分桶' },
};

export default defineFigure({
  caption: {
    en: `The same ${fmt(xs.length)} skewed values (draws of exp(N(0, 1)), seed ${SEED}) cut into ${K} buckets two ways (boundaries as vertical lines). Equal-width buckets split the range evenly, so the first holds ${fmt(wide[0]!)} values (between ${fmt(firstMin)} and ${fmt(firstMax)} for seeds 1 to 20, depending on how far the largest draw lands) and ${sparse} of the ${K} hold five or fewer; equal-frequency buckets put ${fmt(counts[1]![0]!)} values in each, narrow where the data is dense and wide in the tail.`,
    zh: `同样 ${fmtZh(xs.length)} 个偏态取值（exp(N(0, 1)) 的抽样，种子 ${SEED}）用两种方式切成 ${K} 个桶（竖线为边界）。等宽分桶把取值范围等分，于是第一个桶装了 ${fmtZh(wide[0]!)} 个值（种子 1 到 20 下在 ${fmtZh(firstMin)} 到 ${fmtZh(firstMax)} 之间，取决于最大的抽样值落得多远），${K} 个桶中有 ${sparse} 个不超过五个值；等频分桶每个桶都放 ${fmtZh(counts[1]![0]!)} 个值，数据密集处窄，长尾处宽。`,
  },
  alt: {
    en: `Two histograms of a right-skewed distribution with a peak near 1 and a long tail to about ${tail}. In the equal-width panel the ${K - 1} boundaries are evenly spaced across the whole range, most of them in the nearly empty tail; bucket counts are ${wide.join(', ')}. In the equal-frequency panel all ${K - 1} boundaries fall below ${lastFrequencyBoundary}, crowded where the data is dense, and the last bucket spans the whole tail; every bucket holds ${counts[1]![0]} values.`,
    zh: `一个右偏分布的两幅直方图，峰值在 1 附近，长尾延伸到约 ${tail}。等宽分桶那一幅里，${K - 1} 条边界在整个取值范围内均匀分布，大多落在几乎为空的尾部；各桶的个数为 ${wide.join('、')}。等频分桶那一幅里，${K - 1} 条边界全都在 ${lastFrequencyBoundary} 以下，挤在数据密集的地方，最后一个桶覆盖整个长尾；每个桶都有 ${counts[1]![0]} 个值。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const values = schemes.flatMap((s) => xs.map((x) => ({ x, scheme: label[s.key] })));
    const rules = schemes.flatMap((s) => s.boundaries.map((b) => ({ x: b, scheme: label[s.key] })));
    return {
      width: 640,
      height: 380,
      marginLeft: 50,
      marginRight: 110,
      x: { label: label.x, grid: false },
      y: { label: label.y, grid: true },
      fy: { label: null, domain: schemes.map((s) => label[s.key]) },
      marks: [
        // fy is a facet channel: Plot splits the data by scheme first, then bins each facet.
        Plot.rectY(values, {
          ...Plot.binX({ y: 'count' }, { x: 'x', thresholds: 80 }),
          fy: 'scheme',
          fill: FIG_COLORS[0],
          fillOpacity: 0.7,
        }),
        Plot.ruleX(rules, { x: 'x', fy: 'scheme', stroke: FIG_COLORS[1], strokeWidth: 1.5 }),
        Plot.ruleY([0]),
      ],
    };
  },
});
