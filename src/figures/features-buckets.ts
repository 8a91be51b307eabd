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
  { name: 'equal width', boundaries: equalWidthBoundaries(xs, K) },
  { name: 'equal frequency', boundaries: equalFrequencyBoundaries(xs, K) },
];
const counts = schemes.map((s) => bucketCounts(xs, s.boundaries));
const wide = counts[0]!;
const fmt = (n: number) => n.toLocaleString('en-US');

export default defineFigure({
  caption: `The same ${fmt(xs.length)} skewed values (draws of exp(N(0, 1)), seed ${SEED}) cut into ${K} buckets two ways (boundaries as vertical lines). Equal-width buckets split the range evenly, so the first holds ${fmt(wide[0]!)} values (between ${fmt(Math.min(...firstOverSeeds))} and ${fmt(Math.max(...firstOverSeeds))} for seeds 1 to 20, depending on how far the largest draw lands) and ${wide.filter((c) => c <= 5).length} of the ${K} hold five or fewer; equal-frequency buckets put ${fmt(counts[1]![0]!)} values in each, narrow where the data is dense and wide in the tail.`,
  alt: `Two histograms of a right-skewed distribution with a peak near 1 and a long tail to about ${Math.ceil(Math.max(...xs))}. In the equal-width panel the ${K - 1} boundaries are evenly spaced across the whole range, most of them in the nearly empty tail; bucket counts are ${wide.join(', ')}. In the equal-frequency panel all ${K - 1} boundaries fall below ${Math.max(...schemes[1]!.boundaries).toFixed(1)}, crowded where the data is dense, and the last bucket spans the whole tail; every bucket holds ${counts[1]![0]} values.`,
  plot: () => {
    const values = schemes.flatMap((s) => xs.map((x) => ({ x, scheme: s.name })));
    const rules = schemes.flatMap((s) => s.boundaries.map((b) => ({ x: b, scheme: s.name })));
    return {
      width: 640,
      height: 380,
      marginLeft: 50,
      marginRight: 110,
      x: { label: 'feature value', grid: false },
      y: { label: 'count', grid: true },
      fy: { label: null, domain: schemes.map((s) => s.name) },
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
