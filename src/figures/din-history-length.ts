import * as Plot from '@observablehq/plot';
import {
  softmaxAttentionPooling,
  targetAttentionPooling,
  type ActivationUnit,
} from '../../content/snippets/ranking/din.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * The activation unit of the note's worked example (also the unit tests'): a behaviour equal to
 * the target scores 2.5, an unrelated one 1.0. A user has 4 unrelated behaviours and m that
 * match the target; we read the pooled interest along the target direction.
 */
const unit: ActivationUnit = {
  W1: [
    [0, 0, 0, 0, 0, 0, 1, 1],
    [0, 1, 0, 0, 0, 0, 0, 0],
  ],
  b1: [0, 0],
  w2: [2, 0.5],
  b2: 0.5,
};
const target = [1, 0];
const rows = Array.from({ length: 11 }, (_, m) => {
  const history = [...Array.from({ length: m }, () => [1, 0]), [0, 1], [0, 1], [0, 1], [0, 1]];
  return [
    { m, value: targetAttentionPooling(unit, history, target).pooled[0]!, pooling: 'DIN (raw weights)' },
    { m, value: softmaxAttentionPooling(unit, history, target).pooled[0]!, pooling: 'softmax-normalised' },
  ];
}).flat();
const din10 = rows.find((r) => r.m === 10 && r.pooling.startsWith('DIN'))!.value;
const sm1 = rows.find((r) => r.m === 1 && r.pooling.startsWith('softmax'))!.value;
const sm10 = rows.find((r) => r.m === 10 && r.pooling.startsWith('softmax'))!.value;

export default defineFigure({
  caption: `Pooled interest along the target direction for a user with 4 unrelated behaviours and m behaviours matching the candidate. DIN's un-normalised sum grows linearly (${din10.toFixed(1)} at m = 10), so the model can tell a passing interest from a strong one; the softmax version saturates (${sm1.toFixed(2)} at m = 1, ${sm10.toFixed(2)} at m = 10) and can never exceed 1.`,
  alt: `Two curves against m from 0 to 10. The DIN line rises straight from 0 to ${din10.toFixed(1)}. The softmax line jumps to ${sm1.toFixed(2)} at m = 1 and flattens just below 1.`,
  plot: () => ({
    width: 640,
    height: 320,
    x: { label: 'Behaviours matching the target (m) →' },
    y: { label: '↑ Pooled interest · target', grid: true },
    color: { domain: ['DIN (raw weights)', 'softmax-normalised'], range: [FIG_COLORS[0], FIG_COLORS[1]] },
    marks: [
      Plot.line(rows, { x: 'm', y: 'value', stroke: 'pooling', strokeWidth: 2.5 }),
      Plot.dot(rows, { x: 'm', y: 'value', fill: 'pooling', r: 3 }),
      Plot.text(
        rows.filter((r) => r.m === 10),
        { x: 'm', y: 'value', text: 'pooling', fill: 'pooling', textAnchor: 'end', dy: -10, fontSize: 12 },
      ),
      Plot.ruleY([0]),
    ],
  }),
});
