import { describe, expect, it } from 'vitest';
import {
  dropout,
  fgmPerturbation,
  mix,
  mixup,
  rDropLoss,
  symmetricKL,
} from '../../../content/snippets/training/regularization.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('dropout (inverted)', () => {
  it('preserves the expectation of every unit (fixed seed, 5-sigma bound)', () => {
    const x = [1, -2, 0.5, 3];
    const p = 0.3;
    const n = 20_000;
    const rng = mulberry32(17);
    const sums = [0, 0, 0, 0];
    let dropped = 0;
    for (let t = 0; t < n; t++) {
      const { out, mask } = dropout(x, p, rng);
      out.forEach((v, i) => (sums[i]! += v));
      dropped += mask.filter((m) => m === 0).length;
    }
    x.forEach((xi, i) => {
      // Each output is xi / (1 - p) with probability 1 - p, else 0: mean xi,
      // sd = |xi| sqrt(p / (1 - p)) = 0.655 |xi|; the sd of the mean is that over sqrt(n).
      const sdMean = (Math.abs(xi) * Math.sqrt(p / (1 - p))) / Math.sqrt(n);
      // Without the 1/(1-p) rescaling the mean would be 0.7 xi: 0.3 / (0.655 / sqrt(n)) ~ 65 sds away.
      expect(Math.abs(sums[i]! / n - xi)).toBeLessThan(5 * sdMean);
    });
    // Fraction dropped ~ p: sd = sqrt(0.3 * 0.7 / 80000) = 0.0016.
    expect(Math.abs(dropped / (4 * n) - p)).toBeLessThan(0.008);
  });

  it('scales survivors by 1 / (1 - p) and is the identity for p = 0', () => {
    const { out, mask } = dropout([2, 4, 6, 8], 0.5, mulberry32(2));
    out.forEach((v, i) => expect(v).toBe(mask[i] === 1 ? [2, 4, 6, 8][i]! * 2 : 0));
    expect(dropout([2, 4], 0, mulberry32(2)).out).toEqual([2, 4]);
  });

  it('rejects p outside [0, 1)', () => {
    expect(() => dropout([1], 1, mulberry32(1))).toThrow(/p must be/);
  });
});

describe('symmetricKL and rDropLoss', () => {
  it('matches a hand computation', () => {
    // KL([.5,.5] || [.9,.1]) = .5 ln(.5/.9) + .5 ln(.5/.1) = -.293893 + .804719 = .510826
    // KL([.9,.1] || [.5,.5]) = .9 ln 1.8 + .1 ln .2 = .529008 - .160944 = .368064
    // symmetric = (.510826 + .368064) / 2 = .439445
    expect(symmetricKL([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.439445, 6);
    // R-Drop with logits [0, 0] -> [.5, .5] and [ln 9, 0] -> [.9, .1], label 0, alpha 1:
    // NLL = -ln .5 - ln .9 = .693147 + .105361 = .798508; total = .798508 + .439445 = 1.237953
    expect(rDropLoss([0, 0], [Math.log(9), 0], 0, 1)).toBeCloseTo(1.237953, 6);
  });

  it('is symmetric, zero for equal inputs and positive otherwise (seeded random distributions)', () => {
    const rng = mulberry32(31);
    const rand = () => {
      const w = Array.from({ length: 5 }, () => rng() + 0.01);
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((v) => v / s);
    };
    for (let i = 0; i < 50; i++) {
      const p = rand();
      const q = rand();
      expect(symmetricKL(p, q)).toBeCloseTo(symmetricKL(q, p), 12);
      expect(symmetricKL(p, q)).toBeGreaterThan(0);
      expect(symmetricKL(p, p)).toBeCloseTo(0, 12);
    }
  });

  it('with two identical passes reduces to twice the cross-entropy', () => {
    // softmax([1, 2, 0])[1] = e^2 / (e + e^2 + 1) = 7.389056 / 11.107338 = 0.665241;
    // -ln(0.665241) = 0.407606, twice that = 0.815212
    expect(rDropLoss([1, 2, 0], [1, 2, 0], 1, 5)).toBeCloseTo(0.815212, 6);
  });
});

describe('fgmPerturbation', () => {
  it('has L2 norm exactly eps and the direction of the gradient', () => {
    const rng = mulberry32(12);
    for (let i = 0; i < 50; i++) {
      const g = Array.from({ length: 8 }, () => normal(rng) * 10 ** (rng() * 4 - 2));
      const eps = rng();
      const r = fgmPerturbation(g, eps);
      expect(norm(r)).toBeCloseTo(eps, 12);
      // Parallel and same sense: cosine = 1.
      expect(dot(r, g) / (norm(r) * norm(g))).toBeCloseTo(1, 12);
    }
  });

  it('matches a hand case: g = [3, 4], eps = 0.5 gives r = [0.3, 0.4]', () => {
    // ||g|| = 5, r = 0.5 * [3, 4] / 5 = [0.3, 0.4]
    const r = fgmPerturbation([3, 4], 0.5);
    expect(r[0]).toBeCloseTo(0.3, 12);
    expect(r[1]).toBeCloseTo(0.4, 12);
  });

  it('increases a linear loss more than any random perturbation of the same norm', () => {
    // For L(e) = w . e the gain from r is w . r <= ||w|| eps (Cauchy-Schwarz), reached by FGM.
    const rng = mulberry32(99);
    const w = Array.from({ length: 6 }, () => normal(rng));
    const eps = 0.1;
    const gain = dot(w, fgmPerturbation(w, eps));
    expect(gain).toBeCloseTo(eps * norm(w), 12);
    for (let i = 0; i < 200; i++) {
      const d = Array.from({ length: 6 }, () => normal(rng));
      const r = d.map((v) => (eps * v) / norm(d));
      expect(dot(w, r)).toBeLessThanOrEqual(gain + 1e-12);
    }
  });

  it('returns zeros, not NaN, for a zero gradient', () => {
    expect(fgmPerturbation([0, 0, 0], 1)).toEqual([0, 0, 0]);
  });
});

describe('mixup', () => {
  it('matches a hand case with lambda = 0.3', () => {
    // 0.3 * [1, 10] + 0.7 * [3, 0] = [0.3 + 2.1, 3 + 0] = [2.4, 3]
    const x = mix([1, 10], [3, 0], 0.3);
    expect(x[0]).toBeCloseTo(2.4, 12);
    expect(x[1]).toBeCloseTo(3, 12);
  });

  it('produces convex combinations of inputs and labels with the same lambda', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const x1 = [rng() * 4 - 2, rng() * 4 - 2];
      const x2 = [rng() * 4 - 2, rng() * 4 - 2];
      const { x, y, lambda } = mixup(rng, 0.4, x1, [1, 0], x2, [0, 1]);
      expect(lambda).toBeGreaterThanOrEqual(0);
      expect(lambda).toBeLessThanOrEqual(1);
      x.forEach((v, k) => {
        expect(v).toBeGreaterThanOrEqual(Math.min(x1[k]!, x2[k]!) - 1e-12);
        expect(v).toBeLessThanOrEqual(Math.max(x1[k]!, x2[k]!) + 1e-12);
      });
      // One-hot labels mix into [lambda, 1 - lambda]: still a distribution.
      expect(y[0]).toBeCloseTo(lambda, 12);
      expect(y[1]).toBeCloseTo(1 - lambda, 12);
    }
  });

  it('draws lambda from Beta(alpha, alpha): mean 1/2, variance 1 / (4 (2 alpha + 1))', () => {
    const alpha = 0.2;
    const rng = mulberry32(77);
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    let extreme = 0;
    for (let i = 0; i < n; i++) {
      const { lambda } = mixup(rng, alpha, [0], [0], [1], [1]);
      s += lambda;
      s2 += lambda * lambda;
      if (lambda < 0.1 || lambda > 0.9) extreme++;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // Var = 1 / (4 * 1.4) = 0.178571; sd of the mean = sqrt(0.178571 / 20000) = 0.003.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1 / (4 * (2 * alpha + 1)))).toBeLessThan(0.01);
    // With alpha = 0.2 most draws sit near an end point (a uniform lambda would give 20%).
    expect(extreme / n).toBeGreaterThan(0.5);
  });
});
