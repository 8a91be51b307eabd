import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { positionalEncoding } from '../../content/snippets/deep-learning/attention.ts';

const POSITIONS = 50;
const D = 32;

export default defineFigure({
  caption: `Sinusoidal positional encodings for positions 0–${POSITIONS - 1} (rows) and the ${D} dimensions of a d = ${D} model (columns); blue is positive, orange negative, and the stronger the colour, the larger |PE|. Even columns are sines and odd columns cosines. Each (sin, cos) pair turns at its own frequency 10000^(−2i/d): the first columns flip sign every few positions, the last ones barely change across the whole range, so together they act like the digits of a position written in several bases at once.`,
  alt: `A heat map, ${POSITIONS} positions tall and ${D} dimensions wide. On the left, columns alternate colour rapidly down the rows (high-frequency sine and cosine pairs). Moving right, the bands widen and the pattern changes more and more slowly; the rightmost columns are nearly uniform, sine columns near 0 and cosine columns near 1, over all ${POSITIONS} positions. Row 0 alternates 0 and 1 (sin 0 and cos 0).`,
  plot: () => {
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
      x: { label: 'dimension (even: sin, odd: cos)', ticks: [0, 8, 16, 24, 31], padding: 0 },
      y: { label: 'position', ticks: [0, 10, 20, 30, 40, 49], padding: 0 },
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
