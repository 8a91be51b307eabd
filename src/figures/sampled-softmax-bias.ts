import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { drawFromProposal, sampledSoftmaxGrad } from '../../content/snippets/deep-learning/sampled-softmax.ts';
import { softmax } from '../../content/snippets/deep-learning/losses.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';

const V = 50;
const TARGET = 3;
const REPEATS = 20;
const SAMPLE_SIZES = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

export default defineFigure({
  caption:
    'Sampled softmax on a 50-item catalogue whose negatives are drawn from a Zipf proposal Q (the most popular item 50 times as likely as the least). Error of the gradient on the negatives against the full softmax, averaged over 20 draws. With the −log Q correction the error falls steadily as more items are sampled; with raw logits it levels off: popular items are pushed down too hard however many are drawn.',
  alt: 'Two lines of error against the number of sampled items, from 10 to 5,000 on a log axis. Both start near 1.7 at 10 samples. The corrected line keeps falling, to about 0.13 at 5,000 samples. The uncorrected line falls only to about 0.8 and stays flat from about 500 samples on; the two cross near 100 samples.',
  plot: () => {
    const rng = mulberry32(99);
    const scores = Array.from({ length: V }, () => 1.5 * normal(rng));
    const w = Array.from({ length: V }, (_, i) => 1 / (i + 1));
    const total = w.reduce((a, b) => a + b, 0);
    const q = w.map((x) => x / total);
    const full = softmax(scores).map((p, i) => p - (i === TARGET ? 1 : 0));
    const rows: { m: number; error: number; logits: string }[] = [];
    for (const m of SAMPLE_SIZES) {
      for (const correct of [true, false]) {
        let sum = 0;
        for (let r = 0; r < REPEATS; r++) {
          const g = sampledSoftmaxGrad(scores, TARGET, drawFromProposal(rng, q, m), q, correct);
          g.forEach((x, i) => {
            if (i !== TARGET) sum += Math.abs(x - full[i]!);
          });
        }
        rows.push({ m, error: sum / REPEATS, logits: correct ? 'score − log Q' : 'raw score' });
      }
    }
    const last = rows.filter((r) => r.m === SAMPLE_SIZES[SAMPLE_SIZES.length - 1]);
    return {
      width: 640,
      height: 300,
      marginRight: 90,
      x: { type: 'log', label: 'sampled items m', grid: true },
      y: { label: 'L1 error of the gradient on negatives', grid: true, domain: [0, 2] },
      color: { domain: ['score − log Q', 'raw score'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'm', y: 'error', stroke: 'logits', strokeWidth: 2, marker: 'circle' }),
        Plot.text(last, {
          x: 'm',
          y: 'error',
          text: 'logits',
          fill: 'logits',
          dx: 8,
          textAnchor: 'start',
          fontSize: 12,
        }),
      ],
    };
  },
});
