import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { TOY, toyRun } from '../../content/snippets/recall/matrix-factorization.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// The toy problem of the page and its tests: 40 users x 30 items, exact rank 2, half the entries
// observed. Seeds 1..20: data from mulberry32(s), the shared start from mulberry32(100 + s), SGD's
// order from mulberry32(200 + s). The curves are medians over the 20 runs.
const EPOCHS = 100;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const RUNS = SEEDS.map((s) => toyRun(mulberry32(s), mulberry32(100 + s), mulberry32(200 + s), EPOCHS));

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const firstBelow = (curve: readonly number[]) => curve.findIndex((x) => x < 0.05);

interface Row {
  epoch: number;
  rmse: number;
  run: string;
}
const CURVES = [
  { run: 'SGD, observed', get: (r: (typeof RUNS)[number]) => r.sgd.train },
  { run: 'SGD, held out', get: (r: (typeof RUNS)[number]) => r.sgd.test },
  { run: 'ALS, observed', get: (r: (typeof RUNS)[number]) => r.als.train },
  { run: 'ALS, held out', get: (r: (typeof RUNS)[number]) => r.als.test },
];
const rows: Row[] = CURVES.flatMap(({ run, get }) =>
  Array.from({ length: EPOCHS + 1 }, (_, epoch) => ({ epoch, run, rmse: median(RUNS.map((r) => get(r)[epoch]!)) })),
);
const at = (run: string, epoch: number) => rows.find((r) => r.run === run && r.epoch === epoch)!.rmse;

const sgdEpochs = RUNS.map((r) => firstBelow(r.sgd.test));
const alsSweeps = RUNS.map((r) => firstBelow(r.als.test)).filter((e) => e >= 0);
const sgdEnd = RUNS.map((r) => r.sgd.test[EPOCHS]!);
const range = (xs: readonly number[], digits = 0) =>
  `${Math.min(...xs).toFixed(digits)} to ${Math.max(...xs).toFixed(digits)}`;

export default defineFigure({
  caption: `SGD (learning rate ${TOY.lr}) and ALS fitting k = 2 factors to rank-2 toy matrices (${TOY.nUsers} users, ${TOY.nItems} items, about half the entries observed, λ = ${TOY.lambda}): median RMSE over ${SEEDS.length} seeded runs, each method starting from the same random factors. Solid lines are observed entries, dashed the held-out ones. Held-out RMSE drops below 0.05 after ${range(sgdEpochs)} SGD epochs (median ${median(sgdEpochs)}) and after ${range(alsSweeps)} ALS sweeps (median ${median(alsSweeps)}) in ${alsSweeps.length} of ${SEEDS.length} runs; after ${EPOCHS} epochs SGD's held-out RMSE is ${range(sgdEnd, 3)}. The low-rank structure predicts entries the model never saw.`,
  alt: `Four median RMSE curves over ${EPOCHS} epochs on a log scale, starting at ${at('SGD, held out', 0).toFixed(1)} (held out) and ${at('SGD, observed', 0).toFixed(1)} (observed). The ALS curves drop steeply in the first few sweeps; the SGD curves fall more gradually and catch up within about ${median(sgdEpochs)} epochs. At the end the median observed-entry RMSE is ${at('SGD, observed', EPOCHS).toFixed(3)} for SGD and ${at('ALS, observed', EPOCHS).toFixed(3)} for ALS, and the median held-out RMSE ${at('SGD, held out', EPOCHS).toFixed(3)} and ${at('ALS, held out', EPOCHS).toFixed(3)}.`,
  plot: () => {
    const names = CURVES.map((c) => c.run);
    return {
      width: 640,
      height: 320,
      marginRight: 20,
      x: { label: 'epoch (SGD) / sweep (ALS)', grid: true },
      y: { type: 'log', label: 'RMSE (median of 20 runs)', grid: true, tickFormat: '~g', domain: [0.01, 2] },
      color: { domain: names, range: [FIG_COLORS[0], FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[1]] },
      marks: [
        Plot.line(
          rows.filter((r) => r.run.endsWith('observed')),
          { x: 'epoch', y: 'rmse', stroke: 'run', strokeWidth: 2 },
        ),
        Plot.line(
          rows.filter((r) => r.run.endsWith('held out')),
          { x: 'epoch', y: 'rmse', stroke: 'run', strokeWidth: 2, strokeDasharray: '5 4' },
        ),
        // A key drawn as text in the empty top-right corner (the figure is one SVG, without Plot's legend).
        Plot.text(
          [
            { text: 'SGD', y: 1.2, fill: FIG_COLORS[0] },
            { text: 'ALS', y: 0.8, fill: FIG_COLORS[1] },
            { text: 'solid: observed entries, dashed: held out', y: 0.53, fill: 'currentColor' },
          ],
          { x: EPOCHS, y: 'y', text: 'text', fill: 'fill', textAnchor: 'end', fontSize: 12 },
        ),
      ],
    };
  },
});
