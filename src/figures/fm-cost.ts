import * as Plot from '@observablehq/plot';
import {
  fastMults,
  naiveMults,
  pairwiseFast,
  pairwiseNaive,
  type OpCounter,
} from '../../content/snippets/ranking/fm.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Count, do not time: each point runs both instrumented implementations on seeded random input
// and records how many multiplications they performed, so the chart is identical on every build.
const K = 8;
const SIZES = [2, 5, 10, 20, 40, 60, 80, 100, 150, 200, 300, 400];

interface Row {
  n: number;
  mults: number;
  method: string;
}

function measure(): Row[] {
  const rng = mulberry32(10);
  return SIZES.flatMap((n) => {
    const x = Array.from({ length: n }, () => normal(rng));
    const V = Array.from({ length: n }, () => Array.from({ length: K }, () => normal(rng)));
    const naive: OpCounter = { mults: 0 };
    const fast: OpCounter = { mults: 0 };
    pairwiseNaive(x, V, naive);
    pairwiseFast(x, V, fast);
    // The counts must equal the closed forms the tests prove; fail the build if they drift.
    if (naive.mults !== naiveMults(n, K) || fast.mults !== fastMults(n, K))
      throw new Error('fm-cost: counts disagree with formulas');
    return [
      { n, mults: naive.mults, method: 'pair by pair, O(kn²)' },
      { n, mults: fast.mults, method: 'sum-of-squares identity, O(kn)' },
    ];
  });
}

const rows = measure();
const last = SIZES.at(-1)!;
const at = (n: number, i: 0 | 1) => rows.filter((r) => r.n === n)[i]!.mults;
/** Smallest n at which the identity does fewer multiplications than the pair loop. */
let crossover = 2;
while (naiveMults(crossover, K) <= fastMults(crossover, K)) crossover++;

export default defineFigure({
  caption: `Multiplications performed by the two implementations of the FM pairwise term for k = ${K} factors, counted by the instrumented code on seeded inputs (operation counts, not wall-clock time, so the chart is the same on every machine). At n = ${last} features the pair-by-pair loop needs ${at(last, 0).toLocaleString('en')} multiplications and the identity ${at(last, 1).toLocaleString('en')}, ${(at(last, 0) / at(last, 1)).toFixed(0)} times fewer. The identity wins from n = ${crossover} on; both axes are logarithmic, so the slopes 2 and 1 are the exponents of n.`,
  alt: `Log-log chart of multiplication count against number of features n from 2 to ${last}. The naive line rises with slope 2, the fast line with slope 1; the pair loop is cheaper only below n = ${crossover} and ${(at(last, 0) / at(last, 1)).toFixed(0)} times dearer at n = ${last}.`,
  plot: () => ({
    width: 600,
    height: 340,
    marginRight: 20,
    x: { type: 'log', label: 'number of features n →', grid: true, tickFormat: '~g' },
    y: { type: 'log', label: '↑ multiplications', grid: true, tickFormat: '~s' },
    color: { domain: rows.slice(0, 2).map((r) => r.method), range: [FIG_COLORS[1], FIG_COLORS[0]] },
    marks: [
      Plot.line(rows, { x: 'n', y: 'mults', stroke: 'method', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'n', y: 'mults', fill: 'method', r: 3 }),
      Plot.text(
        rows.filter((r) => r.n === 40),
        {
          x: 'n',
          y: 'mults',
          text: 'method',
          fill: 'method',
          dy: -14,
          textAnchor: 'end',
          fontSize: 12,
          fontWeight: 700,
        },
      ),
    ],
  }),
});
