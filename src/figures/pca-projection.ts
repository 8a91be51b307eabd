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
const model = pca(X, 2, mulberry32(5));
const points = project(X, model).map(([pc1, pc2], i) => ({ pc1: pc1!, pc2: pc2!, category: label[i]! }));
const share = (i: number) => ((100 * model.eigenvalues[i]!) / model.totalVariance).toFixed(1);

export default defineFigure({
  caption: `${X.length} toy item embeddings in ${DIM} dimensions, four categories of ${PER}, projected on their first two principal components by power iteration. PC1 and PC2 keep ${share(0)}% and ${share(1)}% of the total variance, enough to separate the four category clusters; the within-cluster spread that remains is the noise spread over the other ${DIM - 2} directions.`,
  alt: `Scatter plot of ${X.length} points on axes PC1 (${share(0)}% of variance) and PC2 (${share(1)}%). The points form four compact, well-separated clouds, one per category: sports, cooking, music and travel.`,
  plot: () => ({
    width: 560,
    height: 420,
    x: { label: `PC1 (${share(0)}% of variance) →`, grid: true },
    y: { label: `↑ PC2 (${share(1)}% of variance)`, grid: true },
    color: { domain: CATEGORIES, range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2], FIG_COLORS[3]] },
    marks: [
      Plot.dot(points, { x: 'pc1', y: 'pc2', stroke: 'category', r: 3, strokeWidth: 1.5 }),
      // Label each cluster at its centroid instead of a legend (the chart stays a single SVG).
      Plot.text(
        points,
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
  }),
});
