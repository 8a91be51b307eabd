import * as Plot from '@observablehq/plot';
import { collisionGroups, fitResidualQuantizer, toyCatalogue } from '../../content/snippets/sequential/semantic-ids.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// The page's 500 toy items (8-dimensional content vectors around 8 topics), quantised with 4, 16
// and 64 codes per level, up to 5 levels; each curve is the mean over the page's five toy
// catalogues (seeds 1 to 5), with k-means run until no point moves.
const SIZES = [4, 16, 64] as const;
const LEVELS = 5;
const SEEDS = [1, 2, 3, 4, 5];

const runs = SIZES.flatMap((k) =>
  SEEDS.map((seed) => {
    const { items, rng } = toyCatalogue(seed);
    const { codes, relativeErrors, converged } = fitResidualQuantizer(items, LEVELS, k, rng);
    if (!converged) throw new Error(`semantic-id-levels: k-means did not converge (k = ${k}, seed ${seed})`);
    const colliding = Array.from({ length: LEVELS }, (_, l) =>
      collisionGroups(codes.map((c) => c.slice(0, l + 1))).reduce((s, g) => s + g.length, 0),
    );
    return { k, seed, relativeErrors, colliding };
  }),
);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows = SIZES.flatMap((k) =>
  Array.from({ length: LEVELS }, (_, l) => {
    const rs = runs.filter((r) => r.k === k);
    return {
      k,
      level: l + 1,
      error: mean(rs.map((r) => r.relativeErrors[l + 1]!)),
      colliding: mean(rs.map((r) => r.colliding[l]!)),
      lo: Math.min(...rs.map((r) => r.relativeErrors[l + 1]!)),
      hi: Math.max(...rs.map((r) => r.relativeErrors[l + 1]!)),
    };
  }),
);
export const at = (k: number, level: number) => rows.find((r) => r.k === k && r.level === level)!;
const pct = (x: number) => `${x >= 0.01 ? (100 * x).toFixed(1) : (100 * x).toPrecision(2)}%`;
const items = (x: number) => Math.round(x).toString();

/** Series names and axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    series: (k: number) => `${k} codes per level`,
    x: 'levels (length of the semantic ID) →',
    y: '↑ share of the squared norm not reconstructed',
  },
  zh: { series: (k: number) => `每层 ${k} 个码字`, x: '层数（语义 ID 的长度）→', y: '↑ 未被重建的平方范数占比' },
};

export default defineFigure({
  caption: {
    en: `Reconstruction error of residual quantisation by number of levels, for 500 toy item vectors and codebooks of 4, 16 and 64 codes (mean of 5 seeds; the bars span the seeds). Every level removes part of what the previous ones left: with 16 codes the error goes from ${pct(at(16, 1).error)} after one level to ${pct(at(16, 3).error)} after three. Longer IDs also separate items: with 16 codes, ${items(at(16, 2).colliding)} of the 500 items share their ID with another item at two levels, ${items(at(16, 3).colliding)} at three and ${items(at(16, 4).colliding)} at four.`,
    zh: `残差量化的重建误差随层数的变化：500 个玩具物品向量，码本大小为 4、16 和 64（5 个种子的平均，误差棒覆盖各种子的范围）。每一层都去掉前面各层剩下的一部分误差：每层 16 个码字时，误差从一层后的 ${pct(at(16, 1).error)} 降到三层后的 ${pct(at(16, 3).error)}。ID 越长，物品也分得越开：每层 16 个码字时，500 个物品中与别的物品共用同一个 ID 的，两层时有 ${items(at(16, 2).colliding)} 个，三层时 ${items(at(16, 3).colliding)} 个，四层时 ${items(at(16, 4).colliding)} 个。`,
  },
  alt: {
    en: `Three falling curves on a log scale against levels 1 to ${LEVELS}. With 4 codes the error falls from ${pct(at(4, 1).error)} to ${pct(at(4, LEVELS).error)}; with 16 from ${pct(at(16, 1).error)} to ${pct(at(16, LEVELS).error)}; with 64 from ${pct(at(64, 1).error)} to ${pct(at(64, LEVELS).error)}. Larger codebooks sit lower at every level.`,
    zh: `三条下降的曲线，纵轴为对数刻度，横轴为层数 1 到 ${LEVELS}。每层 4 个码字时误差从 ${pct(at(4, 1).error)} 降到 ${pct(at(4, LEVELS).error)}；16 个时从 ${pct(at(16, 1).error)} 降到 ${pct(at(16, LEVELS).error)}；64 个时从 ${pct(at(64, 1).error)} 降到 ${pct(at(64, LEVELS).error)}。码本越大，每一层的曲线都越低。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = rows.map((r) => ({ ...r, name: label.series(r.k) }));
    const names = SIZES.map((k) => label.series(k));
    return {
      width: 640,
      height: 320,
      marginLeft: 60,
      marginRight: 130,
      marginBottom: 40,
      x: {
        label: label.x,
        labelAnchor: 'center',
        ticks: Array.from({ length: LEVELS }, (_, l) => l + 1),
        tickFormat: 'd',
      },
      y: { type: 'log', label: label.y, grid: true, tickFormat: '~%' },
      color: { domain: names, range: [FIG_COLORS[1], FIG_COLORS[0], FIG_COLORS[2]] },
      marks: [
        Plot.ruleX(named, { x: 'level', y1: 'lo', y2: 'hi', stroke: 'name', strokeWidth: 1.5 }),
        Plot.line(named, { x: 'level', y: 'error', stroke: 'name', strokeWidth: 2 }),
        Plot.dot(named, { x: 'level', y: 'error', fill: 'name', r: 3 }),
        Plot.text(
          named.filter((r) => r.level === LEVELS),
          { x: 'level', y: 'error', text: 'name', fill: 'name', textAnchor: 'start', dx: 8, fontSize: 12 },
        ),
      ],
    };
  },
});
