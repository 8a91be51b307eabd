import * as Plot from '@observablehq/plot';
import { peekingFalsePositiveRate } from '../../content/snippets/evaluation/ab-test.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Seeded A/A experiments (no true difference, CTR 10 % in both arms) checked with the z-test at
 * alpha = 0.05 after every batch, stopping at the first "significant" result.
 */
const EXPERIMENTS = 2000;
const LOOKS = 20;
const UNITS = 250;
const fpr = peekingFalsePositiveRate(mulberry32(7), {
  experiments: EXPERIMENTS,
  looks: LOOKS,
  unitsPerLook: UNITS,
  rate: 0.1,
});
const rows = fpr.map((v, i) => ({ looks: i + 1, fpr: v }));
const at = (m: number) => fpr[m - 1]!;

export default defineFigure({
  caption: `Peeking turns a 5 % test into a much looser one. ${EXPERIMENTS.toLocaleString('en')} simulated A/A tests (both arms at a 10 % CTR, ${UNITS} new users per arm between looks) were checked after every batch and stopped at the first p < 0.05. Share declaring a winner that does not exist: ${(100 * at(1)).toFixed(1)} % with one look, ${(100 * at(5)).toFixed(1)} % with 5, ${(100 * at(10)).toFixed(1)} % with 10, ${(100 * at(LOOKS)).toFixed(1)} % with ${LOOKS}. The dashed line is the nominal 5 %.`,
  alt: `A rising curve of false-positive rate against the number of looks, from ${(100 * at(1)).toFixed(0)} % at one look to ${(100 * at(LOOKS)).toFixed(0)} % at ${LOOKS} looks, far above the dashed 5 % line.`,
  plot: () => ({
    width: 600,
    height: 320,
    x: { label: 'Number of looks at the running test →', ticks: [1, 5, 10, 15, 20] },
    y: { label: '↑ False-positive rate', domain: [0, Math.max(0.3, at(LOOKS) + 0.03)], grid: true, tickFormat: '.0%' },
    marks: [
      Plot.ruleY([0.05], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.6 }),
      Plot.line(rows, { x: 'looks', y: 'fpr', stroke: FIG_COLORS[1], strokeWidth: 2.5 }),
      Plot.dot(rows, { x: 'looks', y: 'fpr', fill: FIG_COLORS[1], r: 3 }),
      Plot.text([{ looks: LOOKS, fpr: 0.05 }], {
        x: 'looks',
        y: 'fpr',
        text: () => 'nominal α = 5 %',
        textAnchor: 'end',
        dy: -8,
        fontSize: 12,
      }),
    ],
  }),
});
