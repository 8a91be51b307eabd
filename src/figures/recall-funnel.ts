import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { FUNNEL, shrinkFactors } from '../../content/snippets/recall/funnel.ts';

const fmt = (n: number) => n.toLocaleString('en-US');
const fmtZh = (n: number) => n.toLocaleString('zh-CN');
const factors = shrinkFactors(FUNNEL);

/** Axis label and stage names in each language; the counts are the same in both. */
const LABELS = {
  en: { x: 'items leaving the stage (log scale)', stage: (s: (typeof FUNNEL)[number]) => s.stage },
  zh: { x: '离开该阶段的物品数（对数坐标）', stage: (s: (typeof FUNNEL)[number]) => s.zh },
};

export default defineFigure({
  caption: {
    en: `The recommendation funnel: how many items typically leave each stage, on a log scale. The counts are illustrative orders of magnitude, not measurements of one system; the shape is the point: recall cuts the corpus by about ${fmt(factors[0]!)}x with cheap models, and each later stage cuts by about ${factors[1]}x with a more expensive model per item.`,
    zh: `推荐漏斗：各阶段通常输出多少个物品（对数坐标）。这些数字是示意性的数量级，不是某个系统的实测值；要看的是形状：召回用廉价的模型把物料库缩小约 ${fmtZh(factors[0]!)} 倍，之后每个阶段用单个物品开销更大的模型再缩小约 ${factors[1]} 倍。`,
  },
  alt: {
    en: `Horizontal bars on a logarithmic axis, one per stage from top to bottom: ${FUNNEL.map((s) => `${s.stage} ${fmt(s.candidates)}`).join(', ')}. Each bar is shorter than the one above it.`,
    zh: `对数坐标轴上的横向条形，自上而下每个阶段一条：${FUNNEL.map((s) => `${s.zh} ${fmtZh(s.candidates)}`).join('，')}。每一条都比上面一条短。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const format = lang === 'zh' ? fmtZh : fmt;
    const rows = FUNNEL.map((s) => ({ ...s, label: label.stage(s) }));
    return {
      width: 640,
      height: 260,
      marginLeft: 100,
      marginRight: 90,
      x: { type: 'log', label: label.x, grid: true, domain: [1, 3e7], tickFormat: '~s' },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.barX(rows, { x1: 1, x2: 'candidates', y: 'label', fill: FIG_COLORS[0], fillOpacity: 0.8 }),
        Plot.text(rows, {
          x: 'candidates',
          y: 'label',
          text: (d: { candidates: number }) => format(d.candidates),
          textAnchor: 'start',
          dx: 6,
          fill: 'currentColor',
        }),
      ],
    };
  },
});
