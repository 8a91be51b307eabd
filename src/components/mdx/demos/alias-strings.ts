/** The alias demo's words in each language (the type is the English one: a missing key fails the check). */
import type { Lang } from '../../../i18n/langs.ts';

const en = {
  title: 'Try it: build a table, draw {draws} samples',
  weights: 'Weights (comma-separated)',
  seed: 'Seed',
  outcome: 'Outcome',
  weight: 'Weight',
  target: 'Target',
  drawn: 'Drawn ({draws})',
  column: 'column {i}',
  columnsTitle: 'Alias table: {n} columns of height 1, each holding at most two outcomes',
  columnsAxis: 'share of column',
  drawsTitle: 'Share of {draws} draws per outcome',
  drawsAxis: 'share of draws',
  noWeights: 'Enter at least one weight.',
  tooMany: 'Use at most 12 weights.',
  notDecimal: 'Weight {i} ({value}) is not a decimal number.',
  tooLarge: 'Weight {i} ({value}) is too large: the limit is about 1.8e308.',
  tooSmall: 'Weight {i} ({value}) is too small to represent: the limit is about 5e-324.',
  negative: 'Weight {i} ({value}) is negative: weights must be 0 or more.',
  allZero: 'At least one weight must be above 0.',
  seedRange: 'The seed must be a whole number from 1 to 4294967295.',
};

export type AliasStrings = typeof en;

export const ALIAS_STRINGS: Record<Lang, AliasStrings> = {
  en,
  zh: {
    title: '动手试试：建表，并抽样 {draws} 次',
    weights: '权重（逗号分隔）',
    seed: '随机种子',
    outcome: '结果',
    weight: '权重',
    target: '目标占比',
    drawn: '抽样占比（{draws} 次）',
    column: '第 {i} 列',
    columnsTitle: 'Alias 表：{n} 列，每列高度为 1，最多放两个结果',
    columnsAxis: '占本列比例',
    drawsTitle: '{draws} 次抽样中各结果的占比',
    drawsAxis: '抽样占比',
    noWeights: '请至少输入一个权重。',
    tooMany: '权重最多 12 个。',
    notDecimal: '第 {i} 个权重（{value}）不是十进制数。',
    tooLarge: '第 {i} 个权重（{value}）太大：上限约为 1.8e308。',
    tooSmall: '第 {i} 个权重（{value}）太小，无法表示：下限约为 5e-324。',
    negative: '第 {i} 个权重（{value}）为负数：权重必须大于或等于 0。',
    allZero: '至少要有一个权重大于 0。',
    seedRange: '随机种子须为 1 到 4294967295 之间的整数。',
  },
};
