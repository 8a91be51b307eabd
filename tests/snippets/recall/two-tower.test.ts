import { describe, expect, it } from 'vitest';
import {
  FrequencyEstimator,
  hashItem,
  inBatchSoftmaxLoss,
  l2Normalize,
  popularitySampling,
} from '../../../content/snippets/recall/two-tower.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

/** A synthetic stream: at every step item j is in the batch independently with probability rates[j]. */
function runStream(rates: readonly number[], steps: number, streamRng: Rng, estimators: FrequencyEstimator[]): void {
  for (let t = 1; t <= steps; t++) {
    rates.forEach((p, j) => {
      if (streamRng() < p) for (const e of estimators) e.observe(j, t);
    });
  }
}

describe('FrequencyEstimator', () => {
  it('follows the update rule by hand: B = (1-a)B + a(t-A), A = t', () => {
    const e = new FrequencyEstimator({ buckets: 1 << 20, hashes: 1, alpha: 0.5, rng: mulberry32(1) });
    // hit at t=4: B = 0.5*0 + 0.5*(4-0) = 2, A = 4
    e.observe(7, 4);
    expect(e.interval(7)).toBeCloseTo(2, 12);
    // hit at t=10: B = 0.5*2 + 0.5*(10-4) = 4, so p = 1/4
    e.observe(7, 10);
    expect(e.interval(7)).toBeCloseTo(4, 12);
    expect(e.probability(7)).toBeCloseTo(0.25, 12);
    // a bucket never hit reports 0, not Infinity
    expect(e.probability(8)).toBe(0);
  });

  it('converges to the true per-step rate on a seeded stream (no collisions)', () => {
    const rates = [0.5, 0.2, 0.05, 0.01];
    const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: 0.01, rng: mulberry32(100) });
    runStream(rates, 100_000, mulberry32(2), [e]);
    // The moving average of geometric gaps has relative sd about sqrt(alpha/2) ~ 0.07,
    // so 0.2 is ~3 sd; forgetting to update A, or averaging counts instead of gaps, is far off.
    rates.forEach((p, j) => expect(Math.abs(e.probability(j) / p - 1)).toBeLessThan(0.2));
  });

  it('tracks a change of rate (adapts to distribution shift)', () => {
    const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: 0.02, rng: mulberry32(5) });
    const rng = mulberry32(6);
    runStream([0.02], 30_000, rng, [e]);
    expect(Math.abs(e.probability(0) / 0.02 - 1)).toBeLessThan(0.25);
    // continue from step 30001 at ten times the rate
    for (let t = 30_001; t <= 40_000; t++) if (rng() < 0.2) e.observe(0, t);
    expect(Math.abs(e.probability(0) / 0.2 - 1)).toBeLessThan(0.25);
  });

  it('over-estimates colliding items, and taking the max B over several hashes reduces the error', () => {
    const rates = Array.from({ length: 100 }, (_, j) => 0.2 / (j + 1)); // Zipf-like, 100 items, 256 buckets
    const one = new FrequencyEstimator({ buckets: 256, hashes: 1, alpha: 0.01, rng: mulberry32(11) });
    const four = new FrequencyEstimator({ buckets: 256, hashes: 4, alpha: 0.01, rng: mulberry32(12) });
    runStream(rates, 30_000, mulberry32(13), [one, four]);
    const meanAbsLogError = (e: FrequencyEstimator) =>
      rates.reduce((s, p, j) => s + Math.abs(Math.log(e.probability(j) / p)), 0) / rates.length;
    // A collision can only add hits to a bucket, so estimates are never far below the truth.
    rates.forEach((p, j) => expect(four.probability(j) / p).toBeGreaterThan(0.7));
    expect(meanAbsLogError(four)).toBeLessThan(0.8 * meanAbsLogError(one));
  });

  it('rejects bad options', () => {
    expect(() => new FrequencyEstimator({ buckets: 0, hashes: 1, alpha: 0.1, rng: mulberry32(1) })).toThrow(/buckets/);
    expect(() => new FrequencyEstimator({ buckets: 8, hashes: 0, alpha: 0.1, rng: mulberry32(1) })).toThrow(/hashes/);
    expect(() => new FrequencyEstimator({ buckets: 8, hashes: 1, alpha: 0, rng: mulberry32(1) })).toThrow(/alpha/);
    expect(() => hashItem(-1, 1, 8)).toThrow(/item/);
  });

  it('hashes spread ids evenly over the buckets', () => {
    const counts = new Array<number>(16).fill(0);
    for (let id = 0; id < 16_000; id++) counts[hashItem(id, 12345, 16)]!++;
    // expected 1000 per bucket, sd ~ 31
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});

describe('inBatchSoftmaxLoss', () => {
  it('equals the hand-computed corrected loss', () => {
    // After normalisation u1 = (1,0), u2 = (0,1), v1 = (1,0), v2 = (0,1); tau = 0.5; q = (0.5, 0.1).
    // Row 1 logits: [1/0.5 - ln 0.5, 0 - ln 0.1] = [2 + ln 2, ln 10]
    //   loss = ln(2e^2 + 10) - ln(2e^2) = ln(1 + 5/e^2) = ln(1.676676) = 0.516814
    // Row 2 logits: [0 - ln 0.5, 2 - ln 0.1] = [ln 2, 2 + ln 10]
    //   loss = ln(1 + 2/(10 e^2)) = ln(1 + 1/(5e^2)) = 0.026707
    // Mean = 0.271760
    const loss = inBatchSoftmaxLoss(
      [
        [3, 0],
        [0, 2],
      ],
      [
        [1, 0],
        [0, 5],
      ],
      [Math.log(0.5), Math.log(0.1)],
      { temperature: 0.5 },
    );
    const e2 = Math.E ** 2;
    expect(loss).toBeCloseTo((Math.log(1 + 5 / e2) + Math.log(1 + 1 / (5 * e2))) / 2, 12);
    expect(loss).toBeCloseTo(0.27176, 5);
  });

  it('without correction (equal q) reduces to the plain in-batch softmax', () => {
    // Equal q shifts every logit by the same amount, which softmax ignores:
    // each row is ln(1 + e^0 / e^2) = ln(1 + e^-2) = 0.126928.
    const loss = inBatchSoftmaxLoss(
      [
        [3, 0],
        [0, 2],
      ],
      [
        [1, 0],
        [0, 5],
      ],
      [Math.log(0.3), Math.log(0.3)],
      { temperature: 0.5 },
    );
    expect(loss).toBeCloseTo(Math.log(1 + Math.exp(-2)), 12);
  });

  it('corrects the positive too: matches a naive per-row softmax on random data', () => {
    const rng = mulberry32(21);
    const d = 4;
    const B = 5;
    const extra = 3; // mixed negative sampling: 3 corpus negatives appended to the 5 in-batch items
    const q = Array.from({ length: B + extra }, () => normal(rng) * normal(rng));
    const queries = Array.from({ length: B }, () => Array.from({ length: d }, () => normal(rng)));
    const items = Array.from({ length: B + extra }, () => Array.from({ length: d }, () => normal(rng)));
    const logQ = q.map((x) => -1 - Math.abs(x));
    const tau = 0.2;
    const rewards = [1, 2, 0.5, 1, 3];
    let naive = 0;
    for (let i = 0; i < B; i++) {
      const u = l2Normalize(queries[i]!);
      const z = items.map((y, j) => {
        const v = l2Normalize(y);
        return u.reduce((s, x, k) => s + x * v[k]!, 0) / tau - logQ[j]!;
      });
      const p = Math.exp(z[i]!) / z.reduce((s, x) => s + Math.exp(x), 0);
      naive += -rewards[i]! * Math.log(p);
    }
    expect(inBatchSoftmaxLoss(queries, items, logQ, { temperature: tau, rewards })).toBeCloseTo(naive / B, 10);
  });

  it('a lower temperature makes a well-separated batch cheaper and a confused batch dearer', () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    const zero = [0, 0];
    const right = (t: number) => inBatchSoftmaxLoss(eye, eye, zero, { temperature: t });
    const wrong = (t: number) =>
      inBatchSoftmaxLoss(
        eye,
        [
          [0, 1],
          [1, 0],
        ],
        zero,
        { temperature: t },
      );
    expect(right(0.1)).toBeLessThan(right(1)); // ln(1+e^-10) vs ln(1+e^-1)
    expect(wrong(0.1)).toBeGreaterThan(wrong(1)); // ln(1+e^10) vs ln(1+e^1)
    expect(right(0.1)).toBeCloseTo(Math.log(1 + Math.exp(-10)), 12);
  });

  it('stays finite at a tiny temperature (log-sum-exp is stabilised)', () => {
    const loss = inBatchSoftmaxLoss(
      [[1, 0]],
      [
        [1, 0],
        [-1, 0],
      ],
      [0, 0],
      { temperature: 1e-3 },
    );
    expect(Number.isFinite(loss)).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(() => inBatchSoftmaxLoss([], [], [], { temperature: 1 })).toThrow(/queries/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1]], [0, 0], { temperature: 1 })).toThrow(/logQ/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1]], [0], { temperature: 0 })).toThrow(/temperature/);
    expect(() => l2Normalize([0, 0])).toThrow(/non-zero/);
  });
});

describe('popularitySampling', () => {
  it('interpolates between uniform (alpha = 0) and popularity (alpha = 1)', () => {
    const counts = [1, 4, 16];
    expect(popularitySampling(counts, 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    popularitySampling(counts, 1).forEach((p, j) => expect(p).toBeCloseTo(counts[j]! / 21, 12));
    // alpha = 0.5: weights 1, 2, 4 over 7
    popularitySampling(counts, 0.5).forEach((p, j) => expect(p).toBeCloseTo([1, 2, 4][j]! / 7, 12));
    expect(() => popularitySampling(counts, 2)).toThrow(/alpha/);
  });
});
