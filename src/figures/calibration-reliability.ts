import * as Plot from '@observablehq/plot';
import {
  applyIsotonic,
  applyPlatt,
  expectedCalibrationError,
  fitIsotonic,
  fitPlatt,
  logit,
  miscalibratedSample,
  reliabilityBins,
} from '../../content/snippets/ranking/calibration.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Fit both calibrators on one seeded sample, then judge them on a second, independent one, as a
 * production calibrator is fitted on yesterday's traffic and applied to today's.
 */
const N = 20_000;
const MIN_BIN = 50;
const fit = miscalibratedSample(mulberry32(21), N);
const test = miscalibratedSample(mulberry32(22), N);
const platt = fitPlatt(fit.preds.map(logit), fit.labels);
const iso = fitIsotonic(fit.preds, fit.labels);

const variants = [
  { name: 'raw model', preds: test.preds },
  { name: 'Platt', preds: test.preds.map((p) => applyPlatt(platt, logit(p))) },
  { name: 'isotonic', preds: test.preds.map((p) => applyIsotonic(iso, p)) },
].map((v) => ({
  ...v,
  ece: expectedCalibrationError(v.preds, test.labels),
  // Bins with a handful of impressions are pure noise on a chart; they still count in the ECE.
  bins: reliabilityBins(v.preds, test.labels)
    .filter((b) => b.count >= MIN_BIN)
    .map((b) => ({ ...b, variant: v.name })),
}));

const rows = variants.flatMap((v) => v.bins);
const [raw, afterPlatt, afterIso] = variants as [(typeof variants)[0], (typeof variants)[0], (typeof variants)[0]];
const eceText = variants.map((v) => `${v.name} ${v.ece.toFixed(3)}`).join(', ');

export default defineFigure({
  caption: `Reliability diagram on ${N.toLocaleString('en')} held-out simulated impressions, 10 equal-width bins: each point is a bin's mean predicted CTR against its observed click rate, dot area proportional to the bin's size (bins under ${MIN_BIN} impressions are not drawn). The raw model is over-confident (too low at the bottom, too high at the top); Platt scaling (fitted a = ${platt.a.toFixed(2)}, b = ${platt.b.toFixed(2)}) and isotonic regression, both fitted on a separate sample, pull the points onto the diagonal. ECE: ${eceText}.`,
  alt: `Observed click rate against predicted click rate. The raw model's points form a line flatter than the diagonal, observed ${raw.bins[0]!.observedRate.toFixed(2)} where it predicts ${raw.bins[0]!.meanPredicted.toFixed(2)} and ${raw.bins.at(-1)!.observedRate.toFixed(2)} where it predicts ${raw.bins.at(-1)!.meanPredicted.toFixed(2)}. After Platt scaling (ECE ${afterPlatt.ece.toFixed(3)}) and isotonic regression (ECE ${afterIso.ece.toFixed(3)}) the points lie close to the diagonal, against ${raw.ece.toFixed(3)} before.`,
  plot: () => ({
    width: 560,
    height: 460,
    x: { label: 'Mean predicted CTR in bin →', domain: [0, 1] },
    y: { label: '↑ Observed click rate in bin', domain: [0, 1], grid: true },
    r: { range: [2, 9] },
    color: { domain: variants.map((v) => v.name), range: [FIG_COLORS[1], FIG_COLORS[0], FIG_COLORS[2]] },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.5 },
      ),
      Plot.line(rows, { x: 'meanPredicted', y: 'observedRate', stroke: 'variant', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'meanPredicted', y: 'observedRate', fill: 'variant', r: 'count', stroke: 'var(--bg)' }),
      // Name each curve at its top bin instead of a legend (a legend would add HTML around the SVG);
      // the two calibrated curves end at the same place, so one label goes above, one below.
      ...variants.map((v, i) =>
        Plot.text([v.bins.at(-1)!], {
          x: 'meanPredicted',
          y: 'observedRate',
          text: 'variant',
          fill: 'variant',
          textAnchor: i === 2 ? 'start' : 'end',
          dx: i === 2 ? 8 : -10,
          dy: i === 2 ? 12 : -8,
          fontSize: 12,
        }),
      ),
    ],
  }),
});
