import * as Plot from '@observablehq/plot';
import { FrequencyEstimator } from '../../content/snippets/recall/two-tower.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Three items on a seeded stream; item C's rate triples half-way through to show that the
// moving average forgets the old rate. One hash per item (no collisions: 2^16 buckets).
const STEPS = 40_000;
const SHIFT = 20_000;
const ALPHA = 0.01;
const EVERY = 200;
const items = [
  { name: 'A', rate: (_t: number) => 0.2 },
  { name: 'B', rate: (_t: number) => 0.05 },
  { name: 'C', rate: (t: number) => (t <= SHIFT ? 0.01 : 0.03) },
];

interface Row {
  step: number;
  p: number;
  item: string;
}

function simulate(): { est: Row[]; truth: Row[] } {
  const rng = mulberry32(2019);
  const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: ALPHA, rng: mulberry32(7) });
  const est: Row[] = [];
  const truth: Row[] = [];
  for (let t = 1; t <= STEPS; t++) {
    items.forEach((it, j) => {
      if (rng() < it.rate(t)) e.observe(j, t);
    });
    if (t % EVERY === 0) {
      items.forEach((it, j) => {
        const p = e.probability(j);
        if (p > 0) est.push({ step: t, p, item: it.name });
        truth.push({ step: t, p: it.rate(t), item: it.name });
      });
    }
  }
  return { est, truth };
}

const { est, truth } = simulate();
const final = (name: string) => est.filter((r) => r.item === name).at(-1)!.p;
const before = (name: string) => est.filter((r) => r.item === name && r.step === SHIFT).at(0)!.p;

export default defineFigure({
  caption: `Streaming frequency estimates (solid) against the true per-step rates (dashed) for three items, learning rate α = ${ALPHA}. Because B starts at 0, early estimates are far too high; after about 1/α hits of an item they settle. Item C's rate triples from 0.01 to 0.03 at step ${SHIFT.toLocaleString('en')}: its estimate, ${before('C').toFixed(4)} just before the change, climbs to ${final('C').toFixed(4)} by step ${STEPS.toLocaleString('en')}. Final estimates for A and B: ${final('A').toFixed(3)} (true 0.2) and ${final('B').toFixed(4)} (true 0.05).`,
  alt: `Log-scale line chart of estimated item probability over ${STEPS} steps. Each item's estimate starts far above its true rate and falls onto its dashed true-rate line: A near 0.2, B near 0.05, C near 0.01. At step ${SHIFT} item C's true rate jumps to 0.03 and its estimate rises to about ${final('C').toFixed(3)} within a few thousand steps.`,
  plot: () => ({
    width: 640,
    height: 340,
    marginRight: 40,
    x: { label: 'training step →', grid: true },
    y: {
      type: 'log',
      label: '↑ estimated probability per step (1/B)',
      grid: true,
      domain: [0.005, 1],
      tickFormat: '~g',
    },
    color: { domain: items.map((i) => i.name), range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
    marks: [
      Plot.line(truth, { x: 'step', y: 'p', stroke: 'item', strokeDasharray: '5 4', strokeWidth: 1.5 }),
      Plot.line(est, { x: 'step', y: 'p', stroke: 'item', strokeWidth: 2 }),
      Plot.ruleX([SHIFT], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      // Name each item at the right end of its true-rate line (no legend: the chart is one SVG).
      Plot.text(
        items.map((it) => ({ step: STEPS, p: it.rate(STEPS), item: it.name })),
        { x: 'step', y: 'p', text: 'item', fill: 'item', dx: 10, dy: -8, fontWeight: 700, fontSize: 13 },
      ),
    ],
  }),
});
