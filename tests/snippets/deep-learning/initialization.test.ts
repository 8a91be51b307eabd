import { describe, expect, it } from 'vitest';
import {
  dotScoreStd,
  initVariance,
  initWeights,
  predictedLogMoment,
  reluStackMoments,
  uniformLimit,
} from '../../../content/snippets/deep-learning/initialization.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

/** Mean and variance of w, each entry divided by `scale` first so that 1e300s do not overflow. */
function moments(w: Float64Array, scale: number): { mean: number; variance: number } {
  let s = 0;
  for (const x of w) s += x / scale;
  const mean = s / w.length;
  let v = 0;
  for (const x of w) v += (x / scale - mean) ** 2;
  return { mean: mean * scale, variance: (v / (w.length - 1)) * scale * scale };
}

/**
 * The naive stack: draws in the same order as reluStackMoments, multiplies real weights into real
 * activations and never rescales. Returns E[h_l^2] and E[g_l^2] themselves.
 */
function naiveStack(rng: Rng, n: number, depth: number, batch: number, variance: number) {
  const sd = Math.sqrt(variance);
  const ms = (v: number[]) => v.reduce((s, x) => s + x * x, 0) / v.length;
  let h = Array.from({ length: batch * n }, () => normal(rng));
  const forward = [ms(h)];
  const ws: number[][] = [];
  const pre: number[][] = [];
  for (let l = 1; l <= depth; l++) {
    const w = Array.from({ length: n * n }, () => sd * normal(rng));
    const y = new Array<number>(batch * n).fill(0);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) y[b * n + i]! += w[i * n + j]! * h[b * n + j]!;
    ws.push(w);
    pre.push(y);
    h = y.map((v) => Math.max(v, 0));
    forward.push(ms(h));
  }
  let g = Array.from({ length: batch * n }, () => normal(rng));
  const backward = new Array<number>(depth + 1);
  backward[depth] = ms(g);
  for (let l = depth; l >= 1; l--) {
    const w = ws[l - 1]!;
    const y = pre[l - 1]!;
    const prev = new Array<number>(batch * n).fill(0);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < n; i++) {
        const delta = y[b * n + i]! > 0 ? g[b * n + i]! : 0;
        for (let j = 0; j < n; j++) prev[b * n + j]! += w[i * n + j]! * delta;
      }
    g = prev;
    backward[l - 1] = ms(g);
  }
  return { forward, backward };
}

describe('initialisers', () => {
  it('hand values of the three rules', () => {
    expect(initVariance('lecun', 256, 128)).toBe(1 / 256); // 0.00390625
    expect(initVariance('glorot', 784, 256)).toBeCloseTo(2 / 1040, 18); // 0.0019230769
    expect(initVariance('he', 256, 1)).toBe(0.0078125); // 2 / 256
    // square layers: Glorot = LeCun, He = 2 LeCun
    expect(initVariance('glorot', 300, 300)).toBeCloseTo(initVariance('lecun', 300, 7), 18);
    expect(initVariance('he', 300, 300)).toBeCloseTo(2 * initVariance('lecun', 300, 300), 18);
    // Glorot's eq. 16: the uniform limit sqrt(6 / (n_in + n_out)); 784 -> 256 gives 0.0759555
    expect(uniformLimit(initVariance('glorot', 784, 256))).toBeCloseTo(Math.sqrt(6 / 1040), 15);
    expect(uniformLimit(initVariance('glorot', 784, 256)).toFixed(4)).toBe('0.0760');
  });

  it('draws weights with the requested mean and variance, normal and uniform, for several seeds', () => {
    for (let seed = 1; seed <= 5; seed++)
      for (const dist of ['normal', 'uniform'] as const) {
        const v = initVariance('he', 300, 300);
        const w = initWeights(mulberry32(seed), 300, 300, v, dist);
        const m = moments(w, 1);
        // 90,000 draws: the sample variance has a relative sd of about sqrt(2 / 90000) = 0.005 (normal)
        expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.02);
        expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(v / w.length));
        if (dist === 'uniform') expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(uniformLimit(v));
      }
  }, 60_000);

  it('handles variances of 1e-300 and 1e300 without underflow or overflow', () => {
    for (const v of [1e-300, 1e300])
      for (const dist of ['normal', 'uniform'] as const) {
        const w = initWeights(mulberry32(3), 200, 200, v, dist);
        for (const x of w) expect(Number.isFinite(x)).toBe(true);
        expect(Math.abs(moments(w, Math.sqrt(v)).variance / v - 1)).toBeLessThan(0.03);
      }
  });

  it('rejects bad fans and variances with a RangeError naming them', () => {
    expect(() => initVariance('he', 0, 3)).toThrow(/fanIn/);
    expect(() => initVariance('glorot', 3, 1.5)).toThrow(/fanOut/);
    expect(() => initWeights(mulberry32(1), 2, 2, 0)).toThrow(/variance/);
    expect(() => initWeights(mulberry32(1), 2, 2, Infinity)).toThrow(/variance/);
    expect(() => uniformLimit(NaN)).toThrow(/variance/);
    expect(() => reluStackMoments(mulberry32(1), { width: 0, depth: 1, batch: 1, variance: 1 })).toThrow(/width/);
    expect(() => reluStackMoments(mulberry32(1), { width: 4, depth: 2.5, batch: 1, variance: 1 })).toThrow(/depth/);
    expect(() => reluStackMoments(mulberry32(1), { width: 4, depth: 2, batch: 1, variance: -1 })).toThrow(/variance/);
    expect(() => predictedLogMoment(-1, 4, 1)).toThrow(/layer/);
    expect(() => dotScoreStd(0, 1)).toThrow(/dim/);
    expect(() => dotScoreStd(8, -1)).toThrow(/std/);
  });
});

describe('deep ReLU stack', () => {
  it('equals the naive stack (no rescaling) forward and backward, for several seeds and scales', () => {
    for (let seed = 1; seed <= 5; seed++)
      for (const variance of [2 / 12, 1 / 12, 0.05]) {
        const got = reluStackMoments(mulberry32(seed), { width: 12, depth: 8, batch: 3, variance, backward: true });
        const want = naiveStack(mulberry32(seed), 12, 8, 3, variance);
        got.logForward.forEach((lf, l) => expect(Math.exp(lf) / want.forward[l]! - 1).toBeCloseTo(0, 10));
        got.logBackward.forEach((lb, l) => expect(Math.exp(lb) / want.backward[l]! - 1).toBeCloseTo(0, 10));
      }
  });

  it('is positively homogeneous: a scale c on every weight shifts ln E[h_l^2] by exactly l ln c^2', () => {
    const a = reluStackMoments(mulberry32(7), { width: 32, depth: 20, batch: 4, variance: 2 / 32, backward: true });
    const b = reluStackMoments(mulberry32(7), { width: 32, depth: 20, batch: 4, variance: 1e-4, backward: true });
    const shift = Math.log(1e-4 / (2 / 32));
    a.logForward.forEach((x, l) => expect(b.logForward[l]! - x).toBeCloseTo(l * shift, 9));
    a.logBackward.forEach((x, l) => expect(b.logBackward[l]! - x).toBeCloseTo((20 - l) * shift, 9));
  });

  it('He init: E[h^2] stays between 1/16 and 16 over 50 layers of width 256, seeds 1-5, forward and backward', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const r = reluStackMoments(mulberry32(seed), {
        width: 256,
        depth: 50,
        batch: 8,
        variance: 2 / 256,
        backward: true,
      });
      for (const x of [...r.logForward, ...r.logBackward]) expect(Math.abs(x)).toBeLessThan(Math.log(16));
    }
  }, 120_000);

  it('He init preserves E[h^2] on average: the mean over 40 networks at layer 50 is within [0.5, 2]', () => {
    for (const block of [0, 1]) {
      let sum = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const r = reluStackMoments(mulberry32(1000 * block + seed), {
          width: 128,
          depth: 50,
          batch: 8,
          variance: 2 / 128,
          dist: 'uniform',
        });
        sum += Math.exp(r.logForward[50]!);
      }
      // E[h_50^2] is roughly lognormal with Var[ln] ~ 1.5 here, so the mean of 40 has an sd of about 0.3
      expect(sum / 40).toBeGreaterThan(0.5);
      expect(sum / 40).toBeLessThan(2);
    }
  }, 120_000);

  it('too small a scale collapses: std 0.01 at width 256 leaves E[h^2] below 1e-80 after 50 layers, seeds 1-5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const r = reluStackMoments(mulberry32(seed), {
        width: 256,
        depth: 50,
        batch: 8,
        variance: 1e-4,
        dist: 'uniform',
      });
      expect(r.logForward[50]!).toBeLessThan(Math.log(1e-80));
      // and it falls at the predicted rate ln(256 * 1e-4 / 2) = -4.36 per layer, to within the He spread
      expect(Math.abs(r.logForward[50]! - predictedLogMoment(50, 256, 1e-4))).toBeLessThan(Math.log(16));
      // Glorot on square layers (variance 1 / n) halves it per layer: 2^-50 = 8.9e-16 up to the same spread
      const g = reluStackMoments(mulberry32(seed), {
        width: 256,
        depth: 50,
        batch: 8,
        variance: 1 / 256,
        dist: 'uniform',
      });
      expect(Math.abs(g.logForward[50]! - 50 * Math.log(0.5))).toBeLessThan(Math.log(16));
    }
  }, 120_000);

  it("spread: Var[ln E[h_50^2]] over networks is about 5 L / n for single inputs (this page's derivation)", () => {
    for (const block of [0, 1]) {
      const logs: number[] = [];
      for (let seed = 1; seed <= 60; seed++)
        logs.push(
          reluStackMoments(mulberry32(5000 * block + seed), {
            width: 128,
            depth: 50,
            batch: 1,
            variance: 2 / 128,
            dist: 'uniform',
          }).logForward[50]!,
        );
      const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
      const v = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1);
      // predicted 5 * 50 / 128 = 1.95; with 60 networks the sample variance has a relative sd of 0.18
      expect(v / ((5 * 50) / 128)).toBeGreaterThan(0.55);
      expect(v / ((5 * 50) / 128)).toBeLessThan(1.6);
      // and the typical (median-like) network sits below 1: mean of ln is about -2.5 L / n = -0.98,
      // e^-0.98 = 0.38 (the page's value); 60 networks put the mean of ln within +-0.36 (2 SE) of it
      expect(Math.exp((-2.5 * 50) / 128).toFixed(2)).toBe('0.38');
      expect(Math.abs(mean - (-2.5 * 50) / 128)).toBeLessThan(0.5);
    }
  }, 120_000);

  it('stays finite for per-layer variances of 1e-300 and 1e300, where the naive stack gives 0 and Infinity', () => {
    const he = reluStackMoments(mulberry32(2), { width: 16, depth: 30, batch: 2, variance: 2 / 16 });
    for (const v of [1e-300, 1e300]) {
      const r = reluStackMoments(mulberry32(2), { width: 16, depth: 30, batch: 2, variance: v });
      r.logForward.forEach((x, l) => {
        expect(Number.isFinite(x)).toBe(true);
        expect(x - he.logForward[l]!).toBeCloseTo(l * Math.log(v / (2 / 16)), 6);
      });
    }
    const naive = naiveStack(mulberry32(2), 16, 30, 2, 1e-300).forward;
    expect(naive[30]).toBe(0);
  });

  it('gives -Infinity, not NaN, once a layer is all zeros', () => {
    // width 1, batch 1: each layer passes the signal with probability 1/2, so 30 layers almost surely die
    const r = reluStackMoments(mulberry32(1), { width: 1, depth: 30, batch: 1, variance: 2 });
    expect(r.logForward.some((x) => x === -Infinity)).toBe(true);
    for (const x of r.logForward) expect(Number.isNaN(x)).toBe(false);
  });
});

describe('the variance recursion and embedding scores', () => {
  it('predicted per-layer factors of the page: He 1, Glorot 1/2, PyTorch Linear 1/6, std 0.01 at n = 256', () => {
    const n = 256;
    const after50 = (v: number) => Math.exp(predictedLogMoment(50, n, v));
    expect(predictedLogMoment(50, n, 2 / n)).toBeCloseTo(0, 12);
    expect(after50(1 / n).toExponential(1)).toBe('8.9e-16');
    expect(after50(1 / (3 * n)).toExponential(1)).toBe('1.2e-39'); // U(-1/sqrt(n), 1/sqrt(n)) has variance 1 / (3n)
    expect(after50(1e-4).toExponential(1)).toBe('2.3e-95'); // (256 * 1e-4 / 2)^50 = 0.0128^50
    expect(Math.exp(predictedLogMoment(1, n, 1e-4))).toBeCloseTo(0.0128, 15);
  });

  it('dot-product score spread std^2 sqrt(d): hand values and a Monte Carlo check', () => {
    expect(dotScoreStd(64, 1)).toBeCloseTo(8, 14); // PyTorch's nn.Embedding default N(0, 1)
    expect(dotScoreStd(64, 1 / Math.sqrt(64))).toBeCloseTo(0.125, 15); // TF embedding_column: 1 / sqrt(d)
    expect(dotScoreStd(64, 0.01)).toBeCloseTo(8e-4, 18); // NCF's N(0, 0.01^2)
    // DLRM's U(-sqrt(1/rows), sqrt(1/rows)) has variance 1 / (3 rows): std 5.77e-4 for a million rows
    expect(Math.sqrt(1 / 3e6).toExponential(2)).toBe('5.77e-4');
    expect(dotScoreStd(64, Math.sqrt(1 / 3e6)).toExponential(2)).toBe('2.67e-6');
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 20_000;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        let dot = 0;
        for (let i = 0; i < 16; i++) dot += 0.3 * normal(rng) * 0.3 * normal(rng);
        s2 += dot * dot;
      }
      // predicted 0.09 * 4 = 0.36; the sample sd has a relative error of about 1 / sqrt(2n) ~ 0.5%, x4 for tails
      expect(Math.abs(Math.sqrt(s2 / n) / dotScoreStd(16, 0.3) - 1)).toBeLessThan(0.03);
    }
  });

  it('dotScoreStd at the extremes: exact where representable, 0 and Infinity where the answer is not', () => {
    expect(dotScoreStd(64, 1e-150) / 8e-300).toBeCloseTo(1, 12);
    expect(dotScoreStd(64, 1e150) / 8e300).toBeCloseTo(1, 12);
    expect(dotScoreStd(64, 1e-200)).toBe(0); // 8e-400 is below the smallest double
    expect(dotScoreStd(64, 1e200)).toBe(Infinity); // 8e400 is above the largest
    expect(dotScoreStd(1, 0)).toBe(0);
  });
});
