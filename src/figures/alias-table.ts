import * as Plot from '@observablehq/plot';
import { buildAlias } from '../../content/snippets/recall/alias.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

const weights = [1, 2, 3, 4];
const n = weights.length;
const sum = weights.reduce((a, b) => a + b, 0);
const table = buildAlias(weights);

// Left: each outcome's probability scaled by n (average height 1).
const scaled = weights.map((w, i) => ({
  panel: 'scaled' as const,
  column: String(i),
  outcome: String(i),
  part: 'own',
  h: (w * n) / sum,
}));
// Right: the filled table, each column topped up to 1 by its alias.
const filled = table.prob
  .flatMap((p, i) => [
    { panel: 'table' as const, column: String(i), outcome: String(i), part: 'own', h: p },
    { panel: 'table' as const, column: String(i), outcome: String(table.alias[i]), part: 'alias', h: 1 - p },
  ])
  .filter((d) => d.h > 1e-12);
const data = [...scaled, ...filled];

/** Panel titles and axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { scaled: '1. scaled probabilities n·pᵢ', table: '2. alias table', column: 'column', height: '↑ height' },
  zh: { scaled: '1. 缩放后的概率 n·pᵢ', table: '2. 别名表', column: '列', height: '↑ 高度' },
};

export default defineFigure({
  caption: {
    en: `Weights ${weights.join(', ')}: scaled by n = ${n}, the bars are ${scaled.map((d) => d.h.toFixed(1)).join(', ')} around the dashed line at 1 (left). Cutting the tall bars to fill the short ones gives ${n} columns of height exactly 1, each holding its own outcome (blue) and at most one alias (orange) (right).`,
    zh: `权重为 ${weights.join('、')}：乘以 n = ${n} 之后，各条高度为 ${scaled.map((d) => d.h.toFixed(1)).join('、')}，分布在高度 1 的虚线上下（左）。把高的条切下来补到矮的条上，得到 ${n} 根高度恰好为 1 的柱子，每根装着它自己的结果（蓝色）和至多一个别名（橙色）（右）。`,
  },
  alt: {
    en: `Left: four bars of heights ${scaled.map((d) => d.h.toFixed(1)).join(', ')} against a line at 1. Right: four columns of height 1; ${table.prob.map((p, i) => `column ${i} keeps ${(p * 100).toFixed(0)}% for outcome ${i}${p < 1 ? ` and gives the rest to outcome ${table.alias[i]}` : ''}`).join('; ')}.`,
    zh: `左：四个高度分别为 ${scaled.map((d) => d.h.toFixed(1)).join('、')} 的条形，旁边是高度 1 的参考线。右：四根高度为 1 的柱子；${table.prob.map((p, i) => `第 ${i} 列为结果 ${i} 保留 ${(p * 100).toFixed(0)}%${p < 1 ? `，其余让给结果 ${table.alias[i]}` : ''}`).join('；')}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = data.map((d) => ({ ...d, panel: label[d.panel] }));
    return {
      width: 640,
      height: 300,
      marginTop: 30,
      fx: { label: null },
      x: { label: label.column, padding: 0.15, type: 'band' },
      y: { label: label.height, domain: [0, 1.7] },
      color: { domain: ['own', 'alias'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.barY(rows, Plot.stackY({ fx: 'panel', x: 'column', y: 'h', fill: 'part', stroke: 'var(--bg)' })),
        Plot.text(
          rows,
          Plot.stackY({
            fx: 'panel',
            x: 'column',
            y: 'h',
            text: 'outcome',
            fill: 'white',
            fontWeight: 700,
            fontSize: 13,
          }),
        ),
        Plot.ruleY([1], { stroke: 'currentColor', strokeDasharray: '5 4' }),
        Plot.ruleY([0]),
      ],
    };
  },
});
