import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { sampleMixupLambda } from '../../content/snippets/training/regularization.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

const alphas = [0.2, 1, 4] as const;
const draws = 20_000;
const bins = 20;

/** Empirical density of `draws` mixup coefficients in `bins` equal bins on [0, 1]. */
function density(alpha: number): { lambda: number; density: number; alpha: string }[] {
  const rng = mulberry32(2018);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < draws; i++) {
    const lambda = sampleMixupLambda(alpha, rng);
    counts[Math.min(bins - 1, Math.floor(lambda * bins))]!++;
  }
  return counts.map((c, k) => ({ lambda: (k + 0.5) / bins, density: (c / draws) * bins, alpha: `α = ${alpha}` }));
}

export default defineFigure({
  caption:
    'Histograms of 20,000 mixup coefficients λ ~ Beta(α, α) drawn by the snippet. With α = 0.2 (a common choice) most λ sit near 0 or 1, so most mixed examples stay close to one real example; α = 1 is uniform; α = 4 concentrates λ around 1/2 and mixes strongly.',
  alt: (() => {
    // Described from the same histograms the chart draws.
    const ends = (rows: ReturnType<typeof density>) => [rows[0]!.density, rows[rows.length - 1]!.density];
    const u = density(0.2);
    const hump = density(4);
    const peak = Math.max(...hump.map((r) => r.density));
    return `Three density curves over λ from 0 to 1. For α = 0.2 the curve is U-shaped, about ${ends(u)
      .map((d) => d.toFixed(1))
      .join(
        ' and ',
      )} in the outermost bins and low in the middle. For α = 1 it is flat at about 1. For α = 4 it is a hump peaking at about ${peak.toFixed(1)} around λ = 0.5 and near zero at the ends (${ends(
      hump,
    )
      .map((d) => d.toFixed(2))
      .join(' and ')}).`;
  })(),
  plot: () => {
    const rows = alphas.flatMap((a) => density(a));
    return {
      width: 640,
      height: 300,
      marginLeft: 50,
      x: { label: 'λ', domain: [0, 1], grid: true },
      y: { label: 'density', grid: true },
      color: { domain: alphas.map((a) => `α = ${a}`), range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'lambda', y: 'density', stroke: 'alpha', strokeWidth: 2, curve: 'step' }),
        // Direct labels: the U-shape at its left spike, the flat line and the hump in their middles.
        ...(
          [
            [0.2, 0.025, FIG_COLORS[0], { dx: 8, dy: 14, textAnchor: 'start' }],
            [1, 0.825, FIG_COLORS[1], { dy: -10 }],
            [4, 0.475, FIG_COLORS[2], { dy: -10 }],
          ] as const
        ).map(([a, at, fill, offset]) =>
          Plot.text(
            rows.filter((r) => r.alpha === `α = ${a}` && Math.abs(r.lambda - at) < 1e-9),
            { x: 'lambda', y: 'density', text: 'alpha', fill, ...offset },
          ),
        ),
      ],
    };
  },
});
