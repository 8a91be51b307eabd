/**
 * What the AUC demo shows for a list of items, in the page's language: shared by the static
 * render (AucDemo.astro) and the script (auc.client.ts). It runs content/snippets/evaluation/auc.ts.
 */
import { auc, aucByPairs, rocPoints, type Label } from '../../../../content/snippets/evaluation/auc.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';
import { AUC_STRINGS } from './auc-strings.ts';
import type { DemoView } from './demo-client.ts';
import { formatDecimals, InputError, inputErrorView, quote, readDecimal } from './demo-input.ts';

export interface AucItem {
  label: Label;
  /** The slider's value as the form holds it (text), or a number for the build-time defaults. */
  score: number | string;
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

/** The form names of item i's inputs (from 0; the table numbers items from 1). */
export const aucFieldNames = (i: number) => ({ label: `label-${i}`, score: `score-${i}` });
/** The error's field when no single input is to blame (there is no input of that name: the demo's alert line shows it). */
export const AUC_FORM_FIELD = 'labels';

/** A slider's value as shown next to it: two decimals in the page's language. */
export const formatScore = (score: number | string, lang: Lang): string => formatNumber(Number(score), lang, 2);

/**
 * Check the items and read their scores; a bad one throws an InputError naming its input. Scores
 * are plain decimals in [0, 1] (what the sliders give) and labels 0 or 1.
 */
export function parseItems(
  items: readonly AucItem[],
  lang: Lang = DEFAULT_LANG,
): { labels: Label[]; scores: number[] } {
  const s = AUC_STRINGS[lang];
  const scores = items.map((item, i) => {
    const x = readDecimal(item.score);
    if (!(x >= 0 && x <= 1))
      throw new InputError(aucFieldNames(i).score, fill(s.scoreRange, { i: i + 1, value: quote(item.score) }));
    if (item.label !== 0 && item.label !== 1)
      throw new InputError(aucFieldNames(i).label, fill(s.labelInvalid, { i: i + 1 }));
    return x;
  });
  const labels = items.map((item) => item.label);
  const pos = labels.filter((y) => y === 1).length;
  if (pos === 0 || pos === labels.length) throw new InputError(AUC_FORM_FIELD, s.undefinedAuc);
  return { labels, scores };
}

/**
 * AUC, the pair count behind it and the ROC curve of the demo's items, in `lang`: slots
 * `summary` (one sentence), `table` (the counts) and `chart` (the ROC curve).
 */
export function aucView(items: readonly AucItem[], lang: Lang = DEFAULT_LANG): DemoView {
  const s = AUC_STRINGS[lang];
  let parsed: ReturnType<typeof parseItems>;
  try {
    parsed = parseItems(items, lang);
  } catch (error) {
    return inputErrorView(error);
  }
  const { labels, scores } = parsed;
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const value = auc(labels, scores);
  // Half-pairs come from ties; round away the floating-point dust of the division.
  const correct = Math.round(aucByPairs(labels, scores) * pos * neg * 2) / 2;
  const points = rocPoints(labels, scores).map((p) => [p.fpr, p.tpr] as const);
  const a = formatNumber(value, lang, 3);
  const n = (x: number) => formatDecimals(x, lang, 1);
  const rows: [string, string][] = [
    [s.clicks, n(pos)],
    [s.nonClicks, n(neg)],
    [s.pairs, n(pos * neg)],
    [s.correct, n(correct)],
    [s.auc, a],
  ];
  const table = `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
  return {
    html: {
      summary: fill(s.summary, { auc: a, correct: n(correct), pairs: n(pos * neg) }),
      table,
      chart: lineChart([{ label: fill(s.rocLegend, { auc: a }), color: FIG_COLORS[0], points }], {
        title: fill(s.chartTitle, { auc: a }),
        alt: fill(s.chartAlt, { auc: a }),
        id: 'auc-demo-chart',
        lang,
        xLabel: s.xLabel,
        yLabel: s.yLabel,
        xDomain: [0, 1],
        yDomain: [0, 1],
        diagonal: true,
        legend: 'bottom-right',
        width: 360,
        height: 300,
      }),
    },
  };
}
