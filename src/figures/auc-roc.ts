import * as Plot from '@observablehq/plot';
import { normalCdf } from '../../content/snippets/evaluation/ab-test.ts';
import { auc, rocPoints, type Label } from '../../content/snippets/evaluation/auc.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Two scorers on the same 400 seeded impressions (30% clicked): scores are the label times a
 * separation d plus Gaussian noise, so a larger separation ranks better. A positive minus a
 * negative score is N(d, 2), so the population AUC is Phi(d / sqrt 2).
 */
function model(separation: number, seed: number) {
  const rng = mulberry32(seed);
  const labels: Label[] = Array.from({ length: 400 }, () => (rng() < 0.3 ? 1 : 0));
  const scores = labels.map((y) => y * separation + normal(rng));
  return { points: rocPoints(labels, scores), value: auc(labels, scores) };
}

const SEED = 11;
const strong = model(1.5, SEED);
const weak = model(0.5, SEED);
const population = (d: number) => normalCdf(d / Math.SQRT2);
/** Range of the sample AUC over seeds 1..20: how far one draw of 400 impressions can land. */
const range = (d: number) => {
  const v = Array.from({ length: 20 }, (_, i) => model(d, i + 1).value);
  return `${Math.min(...v).toFixed(2)} to ${Math.max(...v).toFixed(2)}`;
};

export default defineFigure({
  caption: `ROC curves of two scorers on the same 400 simulated impressions (seed ${SEED}; score = click × d + N(0, 1) noise): the stronger one, d = 1.5 (AUC ${strong.value.toFixed(3)}), bows further towards the top-left corner than the weaker one, d = 0.5 (AUC ${weak.value.toFixed(3)}); the dashed diagonal is random ordering, AUC 0.5. Their population AUCs are Φ(d/√2) = ${population(1.5).toFixed(3)} and ${population(0.5).toFixed(3)}; with 400 impressions the sample AUC ranges over ${range(1.5)} and ${range(0.5)} for seeds 1 to 20.`,
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
