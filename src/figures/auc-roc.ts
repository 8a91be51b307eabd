import * as Plot from '@observablehq/plot';
import { auc, rocPoints, type Label } from '../../content/snippets/evaluation/auc.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Two scorers on the same 400 seeded impressions (30% clicked): scores are the label times a
 * separation plus Gaussian noise, so a larger separation ranks better.
 */
function model(separation: number, seed: number) {
  const rng = mulberry32(seed);
  const labels: Label[] = Array.from({ length: 400 }, () => (rng() < 0.3 ? 1 : 0));
  const scores = labels.map((y) => y * separation + normal(rng));
  return { points: rocPoints(labels, scores), value: auc(labels, scores) };
}

const strong = model(1.5, 11);
const weak = model(0.5, 11);

export default defineFigure({
  caption: `ROC curves of two scorers on the same 400 simulated impressions: the stronger one (AUC ${strong.value.toFixed(3)}) bows further towards the top-left corner than the weaker one (AUC ${weak.value.toFixed(3)}); the dashed diagonal is random ordering, AUC 0.5.`,
  alt: `Two ROC curves rising from (0,0) to (1,1). The strong scorer's curve, area ${strong.value.toFixed(2)}, lies above the weak scorer's, area ${weak.value.toFixed(2)}, which lies above the diagonal.`,
  plot: () => ({
    width: 520,
    height: 420,
    x: { label: 'False-positive rate →', domain: [0, 1] },
    y: { label: '↑ True-positive rate', domain: [0, 1] },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.5 },
      ),
      Plot.line(strong.points, { x: 'fpr', y: 'tpr', stroke: FIG_COLORS[0], strokeWidth: 2.5 }),
      Plot.line(weak.points, { x: 'fpr', y: 'tpr', stroke: FIG_COLORS[1], strokeWidth: 2.5 }),
      Plot.text([{ x: 0.22, y: 0.97, t: `strong, AUC ${strong.value.toFixed(3)}` }], {
        x: 'x',
        y: 'y',
        text: 't',
        fill: FIG_COLORS[0],
        fontSize: 13,
        textAnchor: 'start',
      }),
      Plot.text([{ x: 0.55, y: 0.42, t: `weak, AUC ${weak.value.toFixed(3)}` }], {
        x: 'x',
        y: 'y',
        text: 't',
        fill: FIG_COLORS[1],
        fontSize: 13,
        textAnchor: 'start',
      }),
    ],
  }),
});
