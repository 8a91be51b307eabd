import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import {
  alsSweep,
  initMf,
  lowRankRatings,
  rmse,
  sgdEpoch,
} from '../../content/snippets/recall/matrix-factorization.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';

// The toy problem of the tests: 20 users x 15 items, exact rank 2, 60% of entries observed.
const EPOCHS = 100;
const LAMBDA = 0.01;
const { train, test } = lowRankRatings(20, 15, 2, 0.6, mulberry32(1));

interface Row {
  epoch: number;
  rmse: number;
  run: string;
}

function curves(): Row[] {
  const rows: Row[] = [];
  const sgd = initMf(20, 15, 2, mulberry32(101));
  const als = initMf(20, 15, 2, mulberry32(101)); // same start for both
  const rng = mulberry32(201);
  for (let epoch = 0; epoch <= EPOCHS; epoch++) {
    rows.push({ epoch, rmse: rmse(sgd, train), run: 'SGD, observed' });
    rows.push({ epoch, rmse: rmse(sgd, test), run: 'SGD, held out' });
    rows.push({ epoch, rmse: rmse(als, train), run: 'ALS, observed' });
    rows.push({ epoch, rmse: rmse(als, test), run: 'ALS, held out' });
    sgdEpoch(sgd, train, 0.03, LAMBDA, rng);
    alsSweep(als, train, LAMBDA);
  }
  return rows;
}

const rows = curves();
const at = (run: string, epoch: number) => rows.find((r) => r.run === run && r.epoch === epoch)!.rmse;
/** First epoch at which a run's held-out RMSE is below 0.05. */
const firstBelow = (run: string) => rows.find((r) => r.run === run && r.rmse < 0.05)?.epoch ?? EPOCHS;

export default defineFigure({
  caption: `SGD (learning rate 0.03) and ALS fitting k = 2 factors to a rank-2 toy matrix (20 users, 15 items, ${train.length} of 300 entries observed, λ = ${LAMBDA}). Solid lines are the RMSE on observed entries, dashed on the ${test.length} held-out ones. Held-out RMSE drops below 0.05 after ${firstBelow('ALS, held out')} ALS sweeps and after ${firstBelow('SGD, held out')} SGD epochs, ending at ${at('ALS, held out', EPOCHS).toFixed(3)} (ALS) and ${at('SGD, held out', EPOCHS).toFixed(3)} (SGD): the low-rank structure predicts entries the model never saw.`,
  alt: `Four RMSE curves over ${EPOCHS} epochs on a log scale, starting at ${at('SGD, held out', 0).toFixed(1)} (held out) and ${at('SGD, observed', 0).toFixed(1)} (observed). The ALS curves drop steeply in the first few sweeps; the SGD curves fall more gradually. By the end the observed-entry RMSE is about ${at('SGD, observed', EPOCHS).toFixed(3)} for SGD and ${at('ALS, observed', EPOCHS).toFixed(3)} for ALS, and the held-out RMSE is about ${at('SGD, held out', EPOCHS).toFixed(3)} and ${at('ALS, held out', EPOCHS).toFixed(3)}.`,
  plot: () => {
    const names = ['SGD, observed', 'SGD, held out', 'ALS, observed', 'ALS, held out'];
    // Label each curve where the four are far apart: SGD mid-way down, ALS on its flat stretch.
    const labels = rows.filter(
      (r) => (r.run.startsWith('SGD') && r.epoch === 40) || (r.run.startsWith('ALS') && r.epoch === 14),
    );
    return {
      width: 640,
      height: 320,
      marginRight: 20,
      x: { label: 'epoch (SGD) / sweep (ALS)', grid: true },
      y: { type: 'log', label: 'RMSE', grid: true, tickFormat: '~g', domain: [0.007, 2] },
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
        // held-out curves lie above their observed twins: label them above, the others below
        Plot.text(
          labels.filter((r) => r.run.endsWith('held out')),
          { x: 'epoch', y: 'rmse', text: 'run', fill: 'run', textAnchor: 'start', fontSize: 11, dx: 4, dy: -12 },
        ),
        Plot.text(
          labels.filter((r) => r.run.endsWith('observed')),
          { x: 'epoch', y: 'rmse', text: 'run', fill: 'run', textAnchor: 'start', fontSize: 11, dx: 4, dy: 14 },
        ),
      ],
    };
  },
});
