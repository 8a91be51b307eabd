/** The AUC demo's words in each language (the type is the English one: a missing key fails the check). */
import type { Lang } from '../../../i18n/langs.ts';

const en = {
  title: 'Try it: move scores, watch AUC',
  itemsRegion: 'Items and their scores (table)',
  item: 'Item',
  clicked: 'Clicked',
  score: 'Score',
  itemClicked: 'Item {i} clicked',
  itemScore: 'Item {i} score',
  summary: 'AUC = {auc}: {correct} of {pairs} (click, non-click) pairs ordered correctly, ties counting ½.',
  clicks: 'Clicked items',
  nonClicks: 'Items not clicked',
  pairs: '(click, non-click) pairs',
  correct: 'Pairs ordered correctly (a tie counts ½)',
  auc: 'AUC',
  rocLegend: 'ROC, AUC = {auc}',
  chartTitle: 'ROC curve of the items above; area {auc}',
  chartAlt:
    'ROC curve of the items above, from (0, 0) to (1, 1), with area {auc}; the dashed diagonal is the curve of random scores.',
  xLabel: 'False-positive rate',
  yLabel: 'True-positive rate',
  scoreRange: 'Item {i} needs a score between 0 and 1 (got {value}).',
  labelInvalid: 'Item {i} must be clicked or not clicked.',
  undefinedAuc: 'AUC is undefined: mark at least one item clicked and one not clicked.',
};

export type AucStrings = typeof en;

export const AUC_STRINGS: Record<Lang, AucStrings> = {
  en,
  zh: {
    title: '动手试试：拖动得分，观察 AUC',
    itemsRegion: '物品及其得分（表格）',
    item: '物品',
    clicked: '已点击',
    score: '得分',
    itemClicked: '物品 {i} 已点击',
    itemScore: '物品 {i} 的得分',
    summary: 'AUC = {auc}：{pairs} 个（点击，未点击）样本对中有 {correct} 个排序正确，得分相同的对各计 ½。',
    clicks: '点击的物品',
    nonClicks: '未点击的物品',
    pairs: '（点击，未点击）样本对',
    correct: '排序正确的样本对（得分相同计 ½）',
    auc: 'AUC',
    rocLegend: 'ROC，AUC = {auc}',
    chartTitle: '上表各物品的 ROC 曲线；曲线下面积 {auc}',
    chartAlt: '上表各物品的 ROC 曲线，从 (0, 0) 到 (1, 1)，曲线下面积 {auc}；虚线对角线是随机打分的曲线。',
    xLabel: '假正例率（FPR）',
    yLabel: '真正例率（TPR）',
    scoreRange: '物品 {i} 的得分须在 0 到 1 之间（当前为 {value}）。',
    labelInvalid: '物品 {i} 只能是已点击或未点击。',
    undefinedAuc: 'AUC 没有定义：请至少标记一个已点击和一个未点击的物品。',
  },
};
