/** What the AUC demo shows for a list of items: shared by the static render and the client. */
import { auc, aucByPairs, rocPoints, type Label } from '../../../../content/snippets/evaluation/auc.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';

export interface AucItem {
  label: Label;
  score: number;
}

export const AUC_DEMO_ITEMS: AucItem[] = [
  { label: 1, score: 0.9 },
  { label: 0, score: 0.8 },
  { label: 1, score: 0.7 },
  { label: 0, score: 0.7 },
  { label: 1, score: 0.55 },
  { label: 0, score: 0.4 },
  { label: 0, score: 0.3 },
  { label: 0, score: 0.1 },
];

export interface AucView {
  /** The sentence under the table: the AUC, or what is wrong with the input. */
  summary: string;
  /** Set (and equal to the summary) when the input cannot be scored. */
  error?: string;
  svg: string;
}

/**
 * AUC, the pair count behind it and the ROC curve of the demo's items. Scores are the sliders'
 * values in [0, 1] and labels 0 or 1; anything else gets a message for the reader instead.
 */
export function aucView(items: readonly AucItem[]): AucView {
  const fail = (error: string): AucView => ({ summary: error, error, svg: '' });
  for (const [i, item] of items.entries()) {
    if (!(item.score >= 0 && item.score <= 1))
      return fail(`Item ${i + 1} needs a score between 0 and 1 (got ${String(item.score)}).`);
    if (item.label !== 0 && item.label !== 1) return fail(`Item ${i + 1} must be clicked or not clicked.`);
  }
  const labels = items.map((i) => i.label);
  const scores = items.map((i) => i.score);
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return fail('AUC is undefined: mark at least one item clicked and one not clicked.');
  const value = auc(labels, scores);
  // Half-pairs come from ties; round away the floating-point dust of the division.
  const pairs = Math.round(aucByPairs(labels, scores) * pos * neg * 2) / 2;
  const points = rocPoints(labels, scores).map((p) => [p.fpr, p.tpr] as const);
  return {
    summary: `AUC = ${value.toFixed(3)}: ${pairs} of ${pos * neg} (click, non-click) pairs ordered correctly, ties counting ½.`,
    svg: lineChart([{ label: `ROC, AUC = ${value.toFixed(3)}`, color: FIG_COLORS[0], points }], {
      title: `ROC curve of the items above; area ${value.toFixed(3)}`,
      xLabel: 'False-positive rate',
      yLabel: 'True-positive rate',
      xDomain: [0, 1],
      yDomain: [0, 1],
      diagonal: true,
      legend: 'bottom-right',
      width: 360,
      height: 300,
    }),
  };
}
