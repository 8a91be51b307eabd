import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { simulateImpressions, weightedLogisticOdds } from '../../content/snippets/recall/youtube-dnn.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

const MEAN_WATCH = 10;
const N = 200_000;
const PS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
const SEEDS = [1, 2, 3, 4, 5];

// Learned odds divided by the true expected watch time per impression E[T] = P * MEAN_WATCH, one
// dot per click rate and seed, so the spread between runs is visible next to the curves.
const SIMULATED = PS.flatMap((P, i) =>
  SEEDS.map((seed) => ({
    P,
    ratio:
      weightedLogisticOdds(simulateImpressions(N, P, MEAN_WATCH, mulberry32(1000 * (i + 1) + seed))) / (P * MEAN_WATCH),
  })),
);
const CURVES = Array.from({ length: 50 }, (_, i) => (i + 1) / 100).flatMap((P) => [
  { P, ratio: 1 / (1 - P), curve: 'exact limit 1 / (1 − P)' },
  { P, ratio: 1 + P, curve: 'first order 1 + P' },
  { P, ratio: 1, curve: 'E[T] alone' },
]);
/** The five runs at click rate P, as "1.00 to 1.05". */
const at = (P: number) => {
  const r = SIMULATED.filter((s) => s.P === P).map((s) => s.ratio);
  return `${Math.min(...r).toFixed(2)} to ${Math.max(...r).toFixed(2)} at P = ${P} (curve ${(1 / (1 - P)).toFixed(2)})`;
};

export default defineFigure({
  caption: `Odds learned by weighted logistic regression (watch time as the positive weight), divided by the true expected watch time per impression E[T], for click rates P from 1% to 50%: ${SEEDS.length} seeded runs of ${N.toLocaleString('en')} simulated impressions per rate, watch time of a click uniform on 5 to 15. The dots scatter around 1 / (1 − P), more at small P where few impressions are clicked; reading the odds as E[T] is good to a few percent while P stays small.`,
  alt: `Dots of simulated odds / E[T], five per click rate, around the curve 1 / (1 − P): ${at(0.01)}, ${at(0.1)}, ${at(0.5)}. The straight line 1 + P stays close below the curve up to P ≈ 0.1 and reaches only 1.5 at P = 0.5, where the curve is at 2, while the horizontal line at 1 (odds = E[T]) drifts away as P grows.`,
  plot: () => ({
    width: 640,
    height: 320,
    marginRight: 150,
    x: { label: 'click probability P', grid: true, domain: [0, 0.5] },
    y: { label: 'learned odds / E[T]', grid: true, domain: [0.9, 2.1] },
    color: {
      domain: ['exact limit 1 / (1 − P)', 'first order 1 + P', 'E[T] alone'],
      range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]],
    },
    marks: [
      Plot.line(CURVES, { x: 'P', y: 'ratio', stroke: 'curve', strokeWidth: 2 }),
      Plot.dot(SIMULATED, { x: 'P', y: 'ratio', stroke: 'currentColor', r: 4 }),
      Plot.text(
        CURVES.filter((c) => c.P === 0.5),
        { x: 'P', y: 'ratio', text: 'curve', fill: 'curve', dx: 8, textAnchor: 'start', fontSize: 12 },
      ),
    ],
  }),
});
