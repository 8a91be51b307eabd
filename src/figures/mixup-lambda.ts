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

/** The numbers the text alternative quotes, read off the same histograms the chart draws. */
const described = (() => {
  const ends = (rows: ReturnType<typeof density>) => [rows[0]!.density, rows[rows.length - 1]!.density];
  const hump = density(4);
  return {
    uEnds: ends(density(0.2)).map((d) => d.toFixed(1)),
    peak: Math.max(...hump.map((r) => r.density)).toFixed(1),
    humpEnds: ends(hump).map((d) => d.toFixed(2)),
  };
})();

/** Axis label in each language; the numbers are the same in both. */
const LABELS = {
  en: { density: 'density' },
  zh: { density: '概率密度' },
};

export default defineFigure({
  caption: {
    en: 'Histograms of 20,000 mixup coefficients λ ~ Beta(α, α) drawn by the snippet. With α = 0.2 (a common choice) most λ sit near 0 or 1, so most mixed examples stay close to one real example; α = 1 is uniform; α = 4 concentrates λ around 1/2 and mixes strongly.',
    zh: '用代码抽取的 20,000 个 mixup 系数 λ ~ Beta(α, α) 的直方图。α = 0.2（常用取值）时，大多数 λ 落在 0 或 1 附近，大部分混合样本仍接近某一个真实样本；α = 1 时为均匀分布；α = 4 时 λ 集中在 1/2 附近，混合得很强。',
  },
  alt: {
    en: `Three density curves over λ from 0 to 1. For α = 0.2 the curve is U-shaped, about ${described.uEnds.join(' and ')} in the outermost bins and low in the middle. For α = 1 it is flat at about 1. For α = 4 it is a hump peaking at about ${described.peak} around λ = 0.5 and near zero at the ends (${described.humpEnds.join(' and ')}).`,
    zh: `λ 从 0 到 1 上的三条密度曲线。α = 0.2 时曲线呈 U 形，最外侧两个分箱约为 ${described.uEnds.join(' 和 ')}，中间较低。α = 1 时曲线平坦，约为 1。α = 4 时曲线是一个单峰，在 λ = 0.5 附近达到约 ${described.peak} 的峰值，两端接近零（${described.humpEnds.join(' 和 ')}）。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = alphas.flatMap((a) => density(a));
    return {
      width: 640,
      height: 300,
      marginLeft: 50,
      x: { label: 'λ', domain: [0, 1], grid: true },
      y: { label: label.density, grid: true },
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
