import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { softmaxT } from '../../content/snippets/training/distillation.ts';

// A teacher's logits over five classes: one clear winner, one plausible runner-up, a tail.
const logits = [5, 3, 1, 0, -1];
const temps = [1, 2, 5] as const;
const colors = [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] as const;

/** "0.86, 0.12, 0.02, 0.01 and 0.00": the probabilities for the text alternative, computed. */
const listOf = (ps: readonly number[]) => {
  const s = ps.map((p) => p.toFixed(2));
  return `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
};

export default defineFigure({
  caption:
    'The same teacher logits (5, 3, 1, 0, −1) softened at T = 1, 2 and 5. At T = 1 almost all mass sits on class 1 and the ranking of the other classes is invisible; higher temperatures expose it — the "dark knowledge" the student learns from.',
  alt: `Three lines of class probabilities over classes 1 to 5. ${temps
    .map((T) => `At T = ${T} the probabilities are about ${listOf(softmaxT(logits, T))}.`)
    .join(' ')} The order of the classes is the same at every temperature.`,
  plot: () => {
    const rows = temps.flatMap((T) => softmaxT(logits, T).map((p, i) => ({ cls: i + 1, p, T: `T = ${T}` })));
    return {
      width: 640,
      height: 300,
      marginLeft: 50,
      x: { label: 'class', ticks: [1, 2, 3, 4, 5], tickFormat: 'd', grid: true },
      y: { label: 'softened probability', domain: [0, 1], grid: true },
      color: { domain: temps.map((T) => `T = ${T}`), range: [...colors] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'cls', y: 'p', stroke: 'T', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'cls', y: 'p', fill: 'T', r: 3 }),
        // Direct labels at class 1, where the three curves are furthest apart.
        ...temps.map((T, k) =>
          Plot.text(
            rows.filter((r) => r.cls === 1 && r.T === `T = ${T}`),
            { x: 'cls', y: 'p', text: 'T', fill: colors[k] ?? 'currentColor', dx: 8, textAnchor: 'start' },
          ),
        ),
      ],
    };
  },
});
