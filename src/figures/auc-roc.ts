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
  return { lo: Math.min(...v).toFixed(2), hi: Math.max(...v).toFixed(2) };
};
const strongRange = range(1.5);
const weakRange = range(0.5);

/** Axis labels and curve names in each language; the numbers are the same in both. */
const LABELS = {
  en: { x: 'False-positive rate →', y: '↑ True-positive rate', strong: 'strong, AUC', weak: 'weak, AUC' },
  zh: { x: '假正率（FPR）→', y: '↑ 真正率（TPR）', strong: '强模型，AUC', weak: '弱模型，AUC' },
};

export default defineFigure({
  caption: {
    en: `ROC curves of two scorers on the same 400 simulated impressions (seed ${SEED}; score = click × d + N(0, 1) noise): the stronger one, d = 1.5 (AUC ${strong.value.toFixed(3)}), bows further towards the top-left corner than the weaker one, d = 0.5 (AUC ${weak.value.toFixed(3)}); the dashed diagonal is random ordering, AUC 0.5. Their population AUCs are Φ(d/√2) = ${population(1.5).toFixed(3)} and ${population(0.5).toFixed(3)}; with 400 impressions the sample AUC ranges over ${strongRange.lo} to ${strongRange.hi} and ${weakRange.lo} to ${weakRange.hi} for seeds 1 to 20.`,
    zh: `两个打分器在同样 400 次模拟曝光上的 ROC 曲线（种子 ${SEED}；得分 = 是否点击 × d + N(0, 1) 噪声）：较强的 d = 1.5（AUC ${strong.value.toFixed(3)}）比较弱的 d = 0.5（AUC ${weak.value.toFixed(3)}）更向左上角凸出；虚线对角线代表随机排序，AUC 为 0.5。两者的总体 AUC 为 Φ(d/√2) = ${population(1.5).toFixed(3)} 和 ${population(0.5).toFixed(3)}；只有 400 次曝光时，种子 1 到 20 下的样本 AUC 分别落在 ${strongRange.lo} 到 ${strongRange.hi} 和 ${weakRange.lo} 到 ${weakRange.hi} 之间。`,
  },
  alt: {
    en: `Two ROC curves rising from (0,0) to (1,1). The strong scorer's curve, area ${strong.value.toFixed(2)}, lies above the weak scorer's, area ${weak.value.toFixed(2)}, which lies above the diagonal.`,
    zh: `两条从 (0,0) 升到 (1,1) 的 ROC 曲线。强打分器的曲线（面积 ${strong.value.toFixed(2)}）位于弱打分器的曲线（面积 ${weak.value.toFixed(2)}）之上，后者又位于对角线之上。`,
  },
  plot: (lang) => ({
    width: 520,
    height: 420,
    x: { label: LABELS[lang].x, domain: [0, 1] },
    y: { label: LABELS[lang].y, domain: [0, 1] },
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
      Plot.text([{ x: 0.22, y: 0.97, t: `${LABELS[lang].strong} ${strong.value.toFixed(3)}` }], {
        x: 'x',
        y: 'y',
        text: 't',
        fill: FIG_COLORS[0],
        fontSize: 13,
        textAnchor: 'start',
      }),
      Plot.text([{ x: 0.55, y: 0.42, t: `${LABELS[lang].weak} ${weak.value.toFixed(3)}` }], {
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
