import { describe, expect, it } from 'vitest';
import {
  expectedClicks,
  scoreAtFixedPosition,
  twoPassScore,
  wideSidePositionModel,
  type PositionModel,
} from '../../../content/snippets/ranking/position-bias.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

// Relevance logits A = 0, B = -1, C = 1; slot biases 0, -0.5, -1 for slots 1, 2, 3.
const relevance: Record<string, number> = { A: 0, B: -1, C: 1 };
const model = wideSidePositionModel<string>((id) => relevance[id]!, [0, -0.5, -1]);

describe('wideSidePositionModel', () => {
  it('adds the slot bias in log-odds and reuses the last bias past the table', () => {
    expect(model('A', 1)).toBeCloseTo(0.5, 12);
    expect(model('A', 2)).toBeCloseTo(sigmoid(-0.5), 12);
    expect(model('A', 7)).toBeCloseTo(sigmoid(-1), 12);
    expect(() => model('A', 0)).toThrow(/position must be an integer >= 1/);
  });
});

describe('scoring at a fixed position', () => {
  it('orders correctly but reports every item at the top slot', () => {
    // Pass at slot 1 (bias 0): C sigmoid(1) = 0.7311, A sigmoid(0) = 0.5, B sigmoid(-1) = 0.2689.
    const list = scoreAtFixedPosition(['A', 'B', 'C'], model);
    expect(list.map((r) => r.item)).toEqual(['C', 'A', 'B']);
    expect(list.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(list[2]!.score).toBeCloseTo(0.268941, 6);
    // sigmoid(1) + sigmoid(0) + sigmoid(-1) = 1.5 exactly, since sigmoid(x) + sigmoid(-x) = 1.
    expect(expectedClicks(list)).toBeCloseTo(1.5, 12);
  });
});

describe('twoPassScore', () => {
  it('rescores each item at its estimated slot (hand-computed)', () => {
    // Pass 1 gives the order C, A, B. Pass 2:
    // C at slot 1: sigmoid(1 + 0) = 0.731059; A at slot 2: sigmoid(0 - 0.5) = 0.377541;
    // B at slot 3: sigmoid(-1 - 1) = 0.119203. Expected clicks 1.227803, not 1.5.
    const list = twoPassScore(['A', 'B', 'C'], model);
    expect(list.map((r) => [r.item, r.position])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 3],
    ]);
    expect(list.map((r) => r.score)).toEqual([
      expect.closeTo(0.731059, 6),
      expect.closeTo(0.377541, 6),
      expect.closeTo(0.119203, 6),
    ]);
    expect(list.map((r) => r.firstPass)).toEqual([
      expect.closeTo(0.731059, 6),
      expect.closeTo(0.5, 6),
      expect.closeTo(0.268941, 6),
    ]);
    expect(expectedClicks(list)).toBeCloseTo(1.227803, 5);
  });

  it('keeps the order when the bias is additive and falls with the slot', () => {
    const rng = mulberry32(4);
    const rel = Array.from({ length: 50 }, () => normal(rng) - 2);
    const bias = Array.from({ length: 50 }, (_, k) => -0.1 * k - 0.02 * k * k);
    const m = wideSidePositionModel<number>((i) => rel[i]!, bias);
    const list = twoPassScore(
      rel.map((_, i) => i),
      m,
    );
    list.forEach((r, k) => {
      if (k > 0) expect(r.score).toBeLessThanOrEqual(list[k - 1]!.score);
    });
  });

  it('reports the score at the slot shown even when a position interaction reorders items', () => {
    // Item "steady" barely depends on the slot, "fragile" collapses below the top.
    const interacting: PositionModel<string> = (id, pos) =>
      id === 'steady' ? 0.3 - 0.01 * (pos - 1) : 0.4 * 0.25 ** (pos - 1);
    const list = twoPassScore(['steady', 'fragile'], interacting);
    // Pass 1 at slot 1: fragile 0.4 > steady 0.3, so fragile takes slot 1 and steady slot 2.
    expect(list.map((r) => r.item)).toEqual(['fragile', 'steady']);
    expect(list[0]!.score).toBeCloseTo(0.4, 12);
    expect(list[1]!.score).toBeCloseTo(0.29, 12);
  });

  it('predicts per-slot CTR that simulated clicks confirm, where the fixed position over-predicts', () => {
    // Truth = the model itself; clicks are drawn at the slot each item is shown in.
    const rng = mulberry32(17);
    const slotBias = [0, -0.4, -0.7, -0.9, -1.1];
    let clicks = 0;
    let predictedTwoPass = 0;
    let predictedFixed = 0;
    let shown = 0;
    for (let req = 0; req < 4000; req++) {
      const rel = Array.from({ length: 5 }, () => normal(rng) - 2);
      const m = wideSidePositionModel<number>((i) => rel[i]!, slotBias);
      const two = twoPassScore([0, 1, 2, 3, 4], m);
      const fixed = scoreAtFixedPosition([0, 1, 2, 3, 4], m);
      for (const r of two) {
        if (rng() < m(r.item, r.position)) clicks++;
        predictedTwoPass += r.score;
        shown++;
      }
      predictedFixed += expectedClicks(fixed);
    }
    const ctr = clicks / shown;
    const se = Math.sqrt((ctr * (1 - ctr)) / shown);
    expect(Math.abs(predictedTwoPass / shown - ctr)).toBeLessThan(4 * se);
    expect(predictedFixed / shown - ctr).toBeGreaterThan(10 * se);
  });
});
