import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { drawFromProposal, sampledSoftmaxGrad } from '../../content/snippets/deep-learning/sampled-softmax.ts';
import { softmax } from '../../content/snippets/deep-learning/losses.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';

const V = 50;
const TARGET = 3;
/** Catalogues (score vectors) drawn with seeds 1..CATALOGUES, and sampled gradients per catalogue and m. */
const CATALOGUES = 5;
const REPEATS = 20;
const SAMPLE_SIZES = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const CORRECTED = 'score − log Q';
const RAW = 'raw score';

/**
 * L1 error of the sampled gradient on the negatives against the full softmax gradient, for each
 * sample size m and both logits, averaged over REPEATS draws; one row per catalogue.
 */
function errors(): { m: number; logits: string; catalogue: number; error: number }[] {
  const rows: { m: number; logits: string; catalogue: number; error: number }[] = [];
  // A Zipf proposal: item i is proposed with probability proportional to 1 / (i + 1).
  const w = Array.from({ length: V }, (_, i) => 1 / (i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  const q = w.map((x) => x / total);
  for (let catalogue = 1; catalogue <= CATALOGUES; catalogue++) {
    const rng = mulberry32(catalogue);
    const scores = Array.from({ length: V }, () => 1.5 * normal(rng));
    const full = softmax(scores).map((p, i) => p - (i === TARGET ? 1 : 0));
    for (const m of SAMPLE_SIZES) {
      for (const correct of [true, false]) {
        let sum = 0;
        for (let r = 0; r < REPEATS; r++) {
          const g = sampledSoftmaxGrad(scores, TARGET, drawFromProposal(rng, q, m), q, correct);
          g.forEach((x, i) => {
            if (i !== TARGET) sum += Math.abs(x - full[i]!);
          });
        }
        rows.push({ m, logits: correct ? CORRECTED : RAW, catalogue, error: sum / REPEATS });
      }
    }
  }
  return rows;
}

const perCatalogue = errors();
/** The mean over catalogues for each m and logits: what the lines show. */
const means = SAMPLE_SIZES.flatMap((m) =>
  [CORRECTED, RAW].map((logits) => {
    const cell = perCatalogue.filter((r) => r.m === m && r.logits === logits).map((r) => r.error);
    return {
      m,
      logits,
      error: cell.reduce((a, b) => a + b, 0) / cell.length,
      lo: Math.min(...cell),
      hi: Math.max(...cell),
    };
  }),
);
const at = (m: number, logits: string) => means.find((r) => r.m === m && r.logits === logits)!;
const first = SAMPLE_SIZES[0]!;
const last = SAMPLE_SIZES[SAMPLE_SIZES.length - 1]!;
/** The smallest m from which the corrected error stays below the raw one. */
const crossing = SAMPLE_SIZES.find((m) =>
  SAMPLE_SIZES.filter((k) => k >= m).every((k) => at(k, CORRECTED).error < at(k, RAW).error),
)!;
const f2 = (x: number) => x.toFixed(2);

export default defineFigure({
  caption: `Sampled softmax on 50-item catalogues whose negatives are drawn from a Zipf proposal Q (the most popular item 50 times as likely as the least). Error of the gradient on the negatives against the full softmax, averaged over ${REPEATS} draws in each of ${CATALOGUES} random catalogues (seeds 1 to ${CATALOGUES}). With the −log Q correction the error keeps falling as more items are sampled; with raw logits it levels off: popular items are pushed down too hard however many are drawn.`,
  alt: `Two lines of error against the number of sampled items, from ${first} to ${last.toLocaleString('en')} on a log axis. Both start high, at ${f2(at(first, CORRECTED).error)} (corrected) and ${f2(at(first, RAW).error)} (uncorrected) at ${first} samples. The corrected line keeps falling, to ${f2(at(last, CORRECTED).error)} at ${last.toLocaleString('en')} samples (between ${f2(at(last, CORRECTED).lo)} and ${f2(at(last, CORRECTED).hi)} across the catalogues). The uncorrected line levels off at ${f2(at(last, RAW).error)} (between ${f2(at(last, RAW).lo)} and ${f2(at(last, RAW).hi)} across the catalogues); from ${crossing} samples on the corrected line stays below it.`,
  plot: () => ({
    width: 640,
    height: 300,
    marginRight: 90,
    x: { type: 'log', label: 'sampled items m', grid: true },
    y: { label: 'L1 error of the gradient on negatives', grid: true, domain: [0, 2] },
    color: { domain: [CORRECTED, RAW], range: [FIG_COLORS[0], FIG_COLORS[1]] },
    marks: [
      Plot.ruleY([0]),
      // one faint line per catalogue, the mean on top
      Plot.line(perCatalogue, {
        x: 'm',
        y: 'error',
        z: (r: { logits: string; catalogue: number }) => `${r.logits} ${r.catalogue}`,
        stroke: 'logits',
        strokeWidth: 1,
        strokeOpacity: 0.3,
      }),
      Plot.line(means, { x: 'm', y: 'error', stroke: 'logits', strokeWidth: 2, marker: 'circle' }),
      Plot.text(
        means.filter((r) => r.m === last),
        { x: 'm', y: 'error', text: 'logits', fill: 'logits', dx: 8, textAnchor: 'start', fontSize: 12 },
      ),
    ],
  }),
});
