import * as Plot from '@observablehq/plot';
import { pca, project } from '../../content/snippets/recall/pca.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Toy item embeddings: 4 "categories" in 16 dimensions. Each category has a random centre
// (coordinates ~ N(0, 1.5^2)) and its items scatter around it with unit noise.
const DIM = 16;
const PER = 60;
const CATEGORIES = ['sports', 'cooking', 'music', 'travel'];

function embeddings(): { X: number[][]; label: string[] } {
  const rng = mulberry32(31);
  const centres = CATEGORIES.map(() => Array.from({ length: DIM }, () => 1.5 * normal(rng)));
  const X: number[][] = [];
  const label: string[] = [];
  centres.forEach((c, k) => {
    for (let i = 0; i < PER; i++) {
      X.push(c.map((m) => m + normal(rng)));
      label.push(CATEGORIES[k]!);
    }
  });
  return { X, label };
}

const { X, label } = embeddings();
// Three components: four category centres span three directions, so PC3 still separates
// categories; the caption says how much of the variance the 2-d picture leaves out, and where.
const model = pca(X, 3, mulberry32(5));
const points = project(X, model).map(([pc1, pc2], i) => ({ pc1: pc1!, pc2: pc2!, category: label[i]! }));
const share = (i: number) => (100 * model.explainedRatio[i]!).toFixed(1);
const rest = (100 * (1 - model.explainedRatio.reduce((a, r) => a + r, 0))).toFixed(1);

/** Share of the points whose nearest category centre in the (PC1, PC2) picture is their own. */
function nearestCentreAgreement(): { own: number; total: number } {
  const centres = CATEGORIES.map((c) => {
    const mine = points.filter((p) => p.category === c);
    return {
      c,
      x: mine.reduce((s, p) => s + p.pc1, 0) / mine.length,
      y: mine.reduce((s, p) => s + p.pc2, 0) / mine.length,
    };
  });
  const own = points.filter((p) => {
    const nearest = centres.reduce((best, q) =>
      Math.hypot(p.pc1 - q.x, p.pc2 - q.y) < Math.hypot(p.pc1 - best.x, p.pc2 - best.y) ? q : best,
    );
    return nearest.c === p.category;
  }).length;
  return { own, total: points.length };
}
/** The data, its explained-variance ratios (PC1 to PC3) and the 2-d nearest-centre agreement, for the tests. */
export const SUMMARY = { X, explained: model.explainedRatio, separation: nearestCentreAgreement() };

/** Axis labels and category names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: `PC1 (${share(0)}% of variance) →`,
    y: `↑ PC2 (${share(1)}% of variance)`,
    category: { sports: 'sports', cooking: 'cooking', music: 'music', travel: 'travel' } as Record<string, string>,
  },
  zh: {
    x: `PC1（方差占比 ${share(0)}%）→`,
    y: `↑ PC2（方差占比 ${share(1)}%）`,
    category: { sports: '运动', cooking: '烹饪', music: '音乐', travel: '旅行' } as Record<string, string>,
  },
};

export default defineFigure({
  caption: {
    en: `${X.length} toy item embeddings in ${DIM} dimensions, four categories of ${PER} (random centres, unit noise), projected on their first two principal components by power iteration. PC1 and PC2 keep ${share(0)}% and ${share(1)}% of the total variance, enough to separate the categories: ${SUMMARY.separation.own} of the ${SUMMARY.separation.total} points lie nearest their own category's centre in the picture. Four centres span three directions, so PC3 (${share(2)}%, not drawn) separates them further; the remaining ${rest}% is the noise in the other ${DIM - 3} directions.`,
    zh: `${X.length} 个 ${DIM} 维的玩具物品 embedding，分四个类别，每类 ${PER} 个（类中心随机，噪声方差为 1），用幂迭代投影到前两个主成分上。PC1 和 PC2 分别保留总方差的 ${share(0)}% 和 ${share(1)}%，足以把类别分开：图中 ${SUMMARY.separation.total} 个点里有 ${SUMMARY.separation.own} 个离自己类别的中心最近。四个中心张成三个方向，所以 PC3（${share(2)}%，未画出）还能把它们进一步分开；剩下的 ${rest}% 是其余 ${DIM - 3} 个方向上的噪声。`,
  },
  alt: {
    en: `Scatter plot of ${X.length} points on axes PC1 (${share(0)}% of variance) and PC2 (${share(1)}%). The points form four compact clouds, one per category (sports, cooking, music and travel), separated except for ${SUMMARY.separation.total - SUMMARY.separation.own} point on a border.`,
    zh: `${X.length} 个点的散点图，横轴 PC1（方差占比 ${share(0)}%），纵轴 PC2（${share(1)}%）。这些点聚成四团紧凑的点云，每个类别（运动、烹饪、音乐、旅行）一团，除边界上的 ${SUMMARY.separation.total - SUMMARY.separation.own} 个点外彼此分开。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const shown = points.map((p) => ({ ...p, category: label.category[p.category]! }));
    return {
      width: 560,
      height: 420,
      x: { label: label.x, grid: true },
      y: { label: label.y, grid: true },
      color: {
        domain: CATEGORIES.map((c) => label.category[c]!),
        range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2], FIG_COLORS[3]],
      },
      marks: [
        Plot.dot(shown, { x: 'pc1', y: 'pc2', stroke: 'category', r: 3, strokeWidth: 1.5 }),
        // Label each cluster at its centroid instead of a legend (the chart stays a single SVG).
        Plot.text(
          shown,
          Plot.groupZ(
            { x: 'mean', y: 'mean', text: 'first' },
            {
              x: 'pc1',
              y: 'pc2',
              z: 'category',
              text: 'category',
              fill: 'category',
              stroke: 'var(--bg)',
              strokeWidth: 4,
              paintOrder: 'stroke',
              dy: -34,
              fontWeight: 700,
              fontSize: 13,
            },
          ),
        ),
      ],
    };
  },
});
