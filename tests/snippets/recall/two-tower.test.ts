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

  it('converges to the true per-step rate on seeded streams (no collisions), seeds 1..5', () => {
    const rates = [0.5, 0.2, 0.05, 0.01];
    for (let seed = 1; seed <= 5; seed++) {
      const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: 0.01, rng: mulberry32(100 + seed) });
      runStream(rates, 100_000, mulberry32(seed), [e]);
      // The gap between hits is geometric with mean 1/p and variance (1 - p)/p^2; a moving average
      // with rate alpha has variance alpha/(2 - alpha) times that, so the relative sd of B (and of
      // 1/B) is sqrt(alpha (1 - p)/(2 - alpha)) <= 0.071 at alpha = 0.01. 0.25 is 3.5 sd, for 20
      // checks; forgetting to update A, or averaging counts instead of gaps, is off by far more.
      rates.forEach((p, j) => expect(Math.abs(e.probability(j) / p - 1)).toBeLessThan(0.25));
    }
  });

  it('tracks a change of rate (adapts to distribution shift), seeds 1..5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const e = new FrequencyEstimator({ buckets: 1 << 16, hashes: 1, alpha: 0.02, rng: mulberry32(seed) });
      const rng = mulberry32(50 + seed);
      runStream([0.02], 30_000, rng, [e]);
      // relative sd sqrt(0.02 * 0.98 / 1.98) = 0.10, so 0.35 is 3.5 sd
      expect(Math.abs(e.probability(0) / 0.02 - 1)).toBeLessThan(0.35);
      // continue from step 30001 at ten times the rate: 2,000 hits, far more than 1/alpha = 50,
      // so the old rate is forgotten; relative sd sqrt(0.02 * 0.8 / 1.98) = 0.09
      for (let t = 30_001; t <= 40_000; t++) if (rng() < 0.2) e.observe(0, t);
      expect(Math.abs(e.probability(0) / 0.2 - 1)).toBeLessThan(0.35);
    }
  });

  it('over-estimates colliding items, and taking the max B over several hashes reduces the error, seeds 1..5', () => {
    const rates = Array.from({ length: 100 }, (_, j) => 0.2 / (j + 1)); // Zipf-like, 100 items, 256 buckets
    for (let seed = 1; seed <= 5; seed++) {
      const one = new FrequencyEstimator({ buckets: 256, hashes: 1, alpha: 0.01, rng: mulberry32(10 * seed + 1) });
      const four = new FrequencyEstimator({ buckets: 256, hashes: 4, alpha: 0.01, rng: mulberry32(10 * seed + 2) });
      runStream(rates, 30_000, mulberry32(10 * seed + 3), [one, four]);
      const meanAbsLogError = (e: FrequencyEstimator) =>
        rates.reduce((s, p, j) => s + Math.abs(Math.log(e.probability(j) / p)), 0) / rates.length;
      // A collision can only add hits to a bucket, so estimates are never far below the truth
      // (the noise of one estimate is about 7%, see above; 0.7 is over 4 sd below).
      rates.forEach((p, j) => expect(four.probability(j) / p).toBeGreaterThan(0.7));
      // With 100 items in 256 buckets about a third of the items share their one bucket; with
      // four hashes an item is collided in all four only with probability ~ 0.32^4 = 1%.
      expect(meanAbsLogError(four)).toBeLessThan(0.8 * meanAbsLogError(one));
    }
  });

  it('rejects bad options', () => {
    expect(() => new FrequencyEstimator({ buckets: 0, hashes: 1, alpha: 0.1, rng: mulberry32(1) })).toThrow(/buckets/);
    expect(() => new FrequencyEstimator({ buckets: 8, hashes: 0, alpha: 0.1, rng: mulberry32(1) })).toThrow(/hashes/);
    expect(() => new FrequencyEstimator({ buckets: 8, hashes: 1, alpha: 0, rng: mulberry32(1) })).toThrow(/alpha/);
    expect(() => hashItem(-1, 1, 8)).toThrow(/item/);
    // x % 0 is NaN: a bucket index that silently reads undefined
    expect(() => hashItem(3, 1, 0)).toThrow(/buckets/);
  });

  it('hashes spread ids evenly over the buckets, five hash seeds', () => {
    for (const seed of [1, 2, 3, 4, 12345]) {
      const counts = new Array<number>(16).fill(0);
      for (let id = 0; id < 16_000; id++) counts[hashItem(id, seed, 16)]!++;
      // expected 1000 per bucket, binomial sd sqrt(16000 / 16 * 15 / 16) = 31; 150 is 4.9 sd
      for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
    }
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
    // logits +1000 and -1000: loss = log(1 + e^-2000), which is 0 in double precision
    expect(loss).toBe(0);
  });

  it('rejects malformed input', () => {
    expect(() => inBatchSoftmaxLoss([], [], [], { temperature: 1 })).toThrow(/queries/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1]], [0, 0], { temperature: 1 })).toThrow(/logQ/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1]], [0], { temperature: 0 })).toThrow(/temperature/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1]], [-Infinity], { temperature: 1 })).toThrow(/logQ must be finite/);
    expect(() => inBatchSoftmaxLoss([[1]], [[1], [1]], [0, Math.log(0)], { temperature: 1 })).toThrow(/logQ/);
    // cosine / 1e-320 = 1e320 = Infinity: no finite loss exists
    expect(() => inBatchSoftmaxLoss([[1]], [[1], [-1]], [0, 0], { temperature: 1e-320 })).toThrow(/not finite/);
  });

  it('is exact at the extremes: logit gaps of 800 and +-1000, where log(softmax) gives Infinity', () => {
    const u = [[1, 0]];
    const v = [
      [1, 0],
      [-1, 0],
    ];
    // tau = 1/400: logits +400 (positive) and -400, a gap of 800.
    // loss = log(1 + e^-800) ~ e^-800, which underflows to 0; the naive log(e^400 / (e^400 + e^-400))
    // computes e^400 / e^400 fine but the reversed case is log(e^-400 / e^400) = log(0) = -Infinity.
    expect(inBatchSoftmaxLoss(u, v, [0, 0], { temperature: 1 / 400 })).toBe(0);
    expect(inBatchSoftmaxLoss(u, [v[1]!, v[0]!], [0, 0], { temperature: 1 / 400 })).toBeCloseTo(800, 9);
    // logQ of -+1000 on equal cosines: logits 1 + 1000 and 1 - 1000; loss log(1 + e^-2000) = 0,
    // and with the positive behind, 2000 + log(1 + e^-2000) = 2000.
    const same = [
      [1, 0],
      [1, 0],
    ];
    expect(inBatchSoftmaxLoss(u, same, [-1000, 1000], { temperature: 1 })).toBe(0);
    expect(inBatchSoftmaxLoss(u, same, [1000, -1000], { temperature: 1 })).toBeCloseTo(2000, 9);
  });

  it('keeps full relative precision for a tiny loss (gap 30) where log(1 + x) rounds', () => {
    // logits 16 and -14 (equal cosines, logQ = -15 and 15): loss = log(1 + e^-30)
    //   = e^-30 - e^-60/2 + ..., whose first two terms are exact to 1e-26 relative.
    const analytic = Math.exp(-30) * (1 - Math.exp(-30) / 2);
    const loss = inBatchSoftmaxLoss(
      [[1, 0]],
      [
        [1, 0],
        [1, 0],
      ],
      [-15, 15],
      { temperature: 1 },
    );
    expect(Math.abs(loss / analytic - 1)).toBeLessThan(1e-13);
    // the naive Math.log(1 + e^-30) is off by 3e-3 relative: the test can tell them apart
    expect(Math.abs(Math.log(1 + Math.exp(-30)) / analytic - 1)).toBeGreaterThan(1e-4);
  });

  it('handles candidate probabilities of 1e-300 and 1 - 1e-16', () => {
    // Equal cosines, so logit_j = c - log q_j and row i costs log(1 + sum_{j != i} q_i / q_j).
    // Row 0 (q_0 = 1e-300): log(1 + 1e-300 / (1 - 1e-16)) = 1e-300 to 1e-16 relative.
    // Row 1 (q_1 = 1 - 1e-16): log(1 + (1 - 1e-16) / 1e-300) = 300 ln 10 + log1p(-1e-16).
    const q = [1e-300, 1 - 1e-16];
    const logQ = [Math.log(q[0]!), Math.log1p(-1e-16)];
    const same = [
      [1, 0],
      [1, 0],
    ];
    const row0 = inBatchSoftmaxLoss(same, same, logQ, { temperature: 1, rewards: [2, 0] }); // = loss_0
    expect(Math.abs(row0 / 1e-300 - 1)).toBeLessThan(1e-12);
    const row1 = inBatchSoftmaxLoss(same, same, logQ, { temperature: 1, rewards: [0, 2] });
    expect(row1).toBeCloseTo(300 * Math.LN10, 10);
  });

  it('one candidate only: the softmax is 1 and the loss 0', () => {
    expect(inBatchSoftmaxLoss([[1, 2]], [[3, 4]], [Math.log(0.2)], { temperature: 0.05 })).toBe(0);
  });
});

describe('l2Normalize', () => {
  it('matches v / sqrt(sum v^2) on seeded ordinary vectors', () => {
    const rng = mulberry32(9);
    for (let t = 0; t < 50; t++) {
      const v = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => 10 * normal(rng));
      const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      l2Normalize(v).forEach((x, i) => expect(x).toBeCloseTo(v[i]! / n, 14));
    }
  });

  it('normalises tiny and huge vectors that the naive norm sends to 0 or Infinity', () => {
    // naive: (1e-200)^2 = 0 so the norm is 0 (the old code threw "zero length");
    //        (1e200)^2 = Infinity so every entry became 0
    for (const x of [1e-200, 1e200, 5e-324, 1.7e308]) {
      const [a, b] = l2Normalize([x, x]);
      expect(a).toBeCloseTo(Math.SQRT1_2, 15);
      expect(b).toBeCloseTo(Math.SQRT1_2, 15);
    }
    // 3-4-5 at the edges of the range, and a mix of scales
    expect(l2Normalize([3e-310, 4e-310]).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.6, 0.8]);
    expect(l2Normalize([3e300, -4e300])).toEqual([0.6, -0.8]);
    // 1e-200 / 1e200 = 1e-400 underflows to 0, the correctly rounded value
    expect(l2Normalize([1e200, 1e-200])).toEqual([1, 0]);
  });

  it('throws a clear error for the zero vector and for non-finite entries', () => {
    expect(() => l2Normalize([0, 0])).toThrow(/zero vector/);
    expect(() => l2Normalize([])).toThrow(/zero vector/);
    expect(() => l2Normalize([1, Number.NaN])).toThrow(/finite/);
    expect(() => l2Normalize([1, Infinity])).toThrow(/finite/);
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
    expect(() => popularitySampling([1, 0], 0.5)).toThrow(/counts/);
    expect(() => popularitySampling([1, Infinity], 0.5)).toThrow(/counts/);
  });

  it('matches the naive c^alpha / sum on seeded counts', () => {
    const rng = mulberry32(77);
    for (let t = 0; t < 30; t++) {
      const counts = Array.from({ length: 5 }, () => Math.exp(10 * rng()));
      const alpha = rng();
      const w = counts.map((c) => c ** alpha);
      const z = w.reduce((s, x) => s + x, 0);
      popularitySampling(counts, alpha).forEach((p, j) => expect(p).toBeCloseTo(w[j]! / z, 13));
    }
  });

  it('stays accurate for counts near 1e308 (the naive sum overflows) and near 1e-300', () => {
    // naive: 1e308 + 1e308 = Infinity, so every q_j = 0
    popularitySampling([1e308, 1e308, 1e308], 1).forEach((p) => expect(p).toBeCloseTo(1 / 3, 14));
    const big = popularitySampling([1e300, 3e300], 0.5); // weights 1 : sqrt 3
    expect(big[0]).toBeCloseTo(1 / (1 + Math.sqrt(3)), 13);
    const tiny = popularitySampling([1e-300, 2e-300], 1);
    expect(tiny[0]).toBeCloseTo(1 / 3, 13);
    expect(tiny[1]).toBeCloseTo(2 / 3, 13);
  });
});
