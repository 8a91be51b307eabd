import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { positionalEncoding } from '../../content/snippets/deep-learning/attention.ts';

const POSITIONS = 50;
const D = 32;

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { dim: 'dimension (even: sin, odd: cos)', pos: 'position' },
  zh: { dim: '维度（偶数：sin，奇数：cos）', pos: '位置' },
};

export default defineFigure({
  caption: {
    en: `Sinusoidal positional encodings for positions 0–${POSITIONS - 1} (rows) and the ${D} dimensions of a d = ${D} model (columns); blue is positive, orange negative, and the stronger the colour, the larger |PE|. Even columns are sines and odd columns cosines. Each (sin, cos) pair turns at its own frequency 10000^(−2i/d): the first columns flip sign every few positions, the last ones barely change across the whole range, so together they act like the digits of a position written in several bases at once.`,
    zh: `正弦位置编码：位置 0–${POSITIONS - 1}（行）与 d = ${D} 模型的 ${D} 个维度（列）；蓝色为正、橙色为负，颜色越深，|PE| 越大。偶数列是正弦，奇数列是余弦。每一对（sin，cos）以各自的频率 10000^(−2i/d) 旋转：最前面的几列每隔几个位置就变号，最后几列在整个范围内几乎不变，合起来就像同时用几种进制写出位置的各个数位。`,
  },
  alt: {
    en: `A heat map, ${POSITIONS} positions tall and ${D} dimensions wide. On the left, columns alternate colour rapidly down the rows (high-frequency sine and cosine pairs). Moving right, the bands widen and the pattern changes more and more slowly; the rightmost columns are nearly uniform, sine columns near 0 and cosine columns near 1, over all ${POSITIONS} positions. Row 0 alternates 0 and 1 (sin 0 and cos 0).`,
    zh: `一张热力图，纵向 ${POSITIONS} 个位置，横向 ${D} 个维度。左侧各列沿行向下快速交替变色（高频的正弦、余弦对）。越往右，色带越宽，图案变化越来越慢；最右边几列在全部 ${POSITIONS} 个位置上几乎是均匀的，正弦列接近 0，余弦列接近 1。第 0 行在 0 和 1 之间交替（sin 0 与 cos 0）。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const cells: { pos: number; dim: number; value: number }[] = [];
    for (let pos = 0; pos < POSITIONS; pos++) {
      positionalEncoding(pos, D).forEach((value, dim) => cells.push({ pos, dim, value }));
    }
    // CSS-variable colours cannot be interpolated by a colour scale, so sign picks the colour
    // (one mark each) and |value| sets the opacity.
    const cellOptions = {
      x: 'dim',
      y: 'pos',
      fillOpacity: (d: { value: number }) => Math.abs(d.value),
      inset: 0,
    } as const;
    return {
      width: 560,
      height: 520,
      marginLeft: 44,
      x: { label: label.dim, ticks: [0, 8, 16, 24, 31], padding: 0 },
      y: { label: label.pos, ticks: [0, 10, 20, 30, 40, 49], padding: 0 },
      opacity: { domain: [0, 1], range: [0, 1] },
      marks: [
        Plot.cell(
          cells.filter((c) => c.value >= 0),
          { ...cellOptions, fill: FIG_COLORS[0] },
        ),
        Plot.cell(
          cells.filter((c) => c.value < 0),
          { ...cellOptions, fill: FIG_COLORS[1] },
        ),
      ],
    };
  },
});
