import { describe, expect, it } from 'vitest';
import {
  dropout,
  fgmPerturbation,
  mix,
  mixup,
  rDropLoss,
  sampleMixupLambda,
  symmetricKL,
} from '../../../content/snippets/training/regularization.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';
import { softmaxT } from '../../../content/snippets/training/distillation.ts';

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/**
 * P(lambda < x) for lambda ~ Beta(a, a) and x <= 1/2, by integrating the unnormalised density.
 * The substitution t = x u^(1/a) removes the t^(a-1) singularity at 0: the integral of
 * t^(a-1) (1 - t)^(a-1) over [0, x] becomes (x^a / a) times the integral over u in [0, 1] of
 * (1 - x u^(1/a))^(a-1), done by the midpoint rule with 100,000 points. Dividing by the same
 * integral up to 1/2, whose probability is exactly 1/2 by symmetry, normalises it.
 */
function betaTailBelow(x: number, a: number): number {
  const integral = (upper: number) => {
    const m = 100_000;
    let sum = 0;
    for (let k = 0; k < m; k++) sum += (1 - upper * ((k + 0.5) / m) ** (1 / a)) ** (a - 1);
    return (upper ** a / a) * (sum / m);
  };
  // by symmetry the mass below 1/2 is exactly 1/2
  return (0.5 * integral(x)) / integral(0.5);
}

describe('dropout (inverted)', () => {
  it('preserves the expectation of every unit (seeds 1..5, 5-sigma bound)', () => {
    const x = [1, -2, 0.5, 3];
    const p = 0.3;
    const n = 20_000;
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
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
        // A 5-sd bound fails by chance with probability 6e-7 per check (20 checks here).
        const sdMean = (Math.abs(xi) * Math.sqrt(p / (1 - p))) / Math.sqrt(n);
        // Without the 1/(1-p) rescaling the mean would be 0.7 xi: 0.3 / (0.655 / sqrt(n)) ~ 65 sds away.
        expect(Math.abs(sums[i]! / n - xi)).toBeLessThan(5 * sdMean);
      });
      // Fraction dropped ~ p: sd = sqrt(0.3 * 0.7 / 80000) = 0.0016; the bound is 5 sd.
      expect(Math.abs(dropped / (4 * n) - p)).toBeLessThan(0.008);
    }
  });

  it('scales survivors by 1 / (1 - p) and is the identity for p = 0', () => {
    const { out, mask } = dropout([2, 4, 6, 8], 0.5, mulberry32(2));
    out.forEach((v, i) => expect(v).toBe(mask[i] === 1 ? [2, 4, 6, 8][i]! * 2 : 0));
    expect(dropout([2, 4], 0, mulberry32(2)).out).toEqual([2, 4]);
  });

  it('rejects p outside [0, 1) and stays finite for p = 1 - 1e-16', () => {
    expect(() => dropout([1], 1, mulberry32(1))).toThrow(/p must be/);
    // keep = 1 - (1 - 1e-16) = 2^-53: nearly every unit is dropped, a survivor is scaled by 2^53
    const { out } = dropout(new Array<number>(1000).fill(1), 1 - 1e-16, mulberry32(3));
    for (const v of out) expect(v === 0 || v === 2 ** 53).toBe(true);
    // p = 1e-300: keep = 1 exactly, so dropout is the identity
    expect(dropout([2, -3], 1e-300, mulberry32(3)).out).toEqual([2, -3]);
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
    // tiny probabilities: p = (1 - 1e-16, 1e-16) against (1e-300, 1 - 1e-300) is finite
    expect(Number.isFinite(symmetricKL([1 - 1e-16, 1e-16], [1e-300, 1]))).toBe(true);
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

  it('stays finite where the log of a softmax probability gives NaN (logit gap 800, logits +-1000)', () => {
    // The textbook version: -ln p1[y] - ln p2[y] + alpha * symmetricKL(p1, p2) on probabilities.
    const naive = (l1: number[], l2: number[], y: number, alpha: number) => {
      const p1 = softmaxT(l1);
      const p2 = softmaxT(l2);
      return -Math.log(p1[y]!) - Math.log(p2[y]!) + alpha * symmetricKL(p1, p2);
    };
    // Passes (800, 0) and (0, 800), label 0: p1 = (1, e^-800), p2 = (e^-800, 1), both tails 0 in
    // double precision. NLL = 0 + 800; KL(P1 || P2) = 800 = KL(P2 || P1), so the symmetric KL is
    // 800; with alpha = 1 the loss is 1600. The textbook form takes ln 0 = -Infinity: its NLL is
    // Infinity, and with alpha = 0 the term 0 * Infinity makes it NaN.
    expect(naive([800, 0], [0, 800], 0, 1)).toBe(Infinity);
    expect(naive([800, 0], [0, 800], 0, 0)).toBeNaN();
    expect(rDropLoss([800, 0], [0, 800], 0, 1)).toBe(1600);
    expect(rDropLoss([800, 0], [0, 800], 0, 0)).toBe(800);
    // Logits of +-1000 that agree: NLL = 0 for the right label, 2 * 2000 for the wrong one
    expect(rDropLoss([1000, -1000], [1000, -1000], 0, 3)).toBe(0);
    expect(rDropLoss([1000, -1000], [1000, -1000], 1, 3)).toBe(4000);
    // and that disagree: NLL 2000 + 0, symmetric KL 2000, alpha 0.5: 3000
    expect(rDropLoss([1000, -1000], [-1000, 1000], 1, 0.5)).toBe(3000);
  });

  it('equals the textbook probability form on moderate logits (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 40; i++) {
        const l1 = Array.from({ length: 4 }, () => (rng() - 0.5) * 20);
        const l2 = Array.from({ length: 4 }, () => (rng() - 0.5) * 20);
        const alpha = rng() * 5;
        const p1 = softmaxT(l1);
        const p2 = softmaxT(l2);
        const naive = -Math.log(p1[2]!) - Math.log(p2[2]!) + alpha * symmetricKL(p1, p2);
        expect(Math.abs(rDropLoss(l1, l2, 2, alpha) - naive)).toBeLessThan(1e-10 * Math.max(1, naive));
      }
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

  it('returns zeros, not NaN, for a zero gradient, and rejects bad arguments', () => {
    expect(fgmPerturbation([0, 0, 0], 1)).toEqual([0, 0, 0]);
    expect(() => fgmPerturbation([1, Number.NaN], 1)).toThrow(/grad must be finite/);
    expect(() => fgmPerturbation([1, 2], -1)).toThrow(/eps must be/);
  });

  it('is exact for gradients of 1e-200 and 1e200 per component', () => {
    // ||(1e-200, 1e-200)|| = sqrt(2) 1e-200: a sum of squares would underflow to 0 and return
    // no perturbation; the answer is eps (1, 1) / sqrt(2).
    for (const g of [1e-200, 1e200, 1e300]) {
      const r = fgmPerturbation([g, g], 0.5);
      for (const v of r) expect(v).toBeCloseTo(0.5 * Math.SQRT1_2, 15);
    }
    // very different scales: the tiny component gets a tiny share
    const r = fgmPerturbation([1e200, -1e-200], 2);
    expect(r[0]).toBe(2);
    // the true -2e-400 is below the smallest double, so it rounds to (minus) zero
    expect(Math.abs(r[1]!)).toBe(0);
  });

  it('handles a gradient of a million entries (a whole table), where spreading it into Math.max throws', () => {
    // 1,000,000 rows of dimension 1, gradient 2 on row 7 and 0 elsewhere: r = eps on row 7 only.
    const g = new Array<number>(1_000_000).fill(0);
    g[7] = 2;
    const r = fgmPerturbation(g, 0.5);
    expect(r[7]).toBe(0.5);
    expect(r.filter((v) => v !== 0)).toHaveLength(1);
  });

  it('applied to a whole embedding table: zero on rows outside the batch, eps shared by the batch', () => {
    // A table of 6 rows of dimension 2. A batch of 2 examples looks up rows 1 and 4; the table
    // gradient is zero on every other row (their rows did not enter the loss).
    const rows = 6;
    const dim = 2;
    const tableGrad = new Array<number>(rows * dim).fill(0);
    const perExample = [
      { row: 1, grad: [3, 4] },
      { row: 4, grad: [0.6, -0.8] },
    ];
    for (const { row, grad } of perExample) grad.forEach((g, k) => (tableGrad[row * dim + k]! += g));
    const eps = 1;
    const table = fgmPerturbation(tableGrad, eps);
    // rows outside the batch: exactly zero perturbation
    for (let row = 0; row < rows; row++) {
      if (row === 1 || row === 4) continue;
      expect(table.slice(row * dim, row * dim + dim)).toEqual([0, 0]);
    }
    // one norm over the whole batch: the rows share eps in proportion to their gradients,
    // ||(3, 4)|| = 5 and ||(0.6, -0.8)|| = 1, so sqrt(26) overall: 5 / sqrt(26) = 0.981 and
    // 1 / sqrt(26) = 0.196. Per example (Miyato et al.), each row would get the full eps = 1.
    const rowNorm = (r: number) => norm(table.slice(r * dim, r * dim + dim));
    expect(norm(table)).toBeCloseTo(eps, 14);
    expect(rowNorm(1)).toBeCloseTo(5 / Math.sqrt(26), 14);
    expect(rowNorm(4)).toBeCloseTo(1 / Math.sqrt(26), 14);
    for (const { grad } of perExample) expect(norm(fgmPerturbation(grad, eps))).toBeCloseTo(eps, 14);
    // with B examples of equal gradient norm, each gets eps / sqrt(B): here B = 16
    const equal = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const shared = fgmPerturbation(equal, eps);
    for (const v of shared) expect(Math.abs(v)).toBeCloseTo(eps / 4, 14);
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

  it('draws lambda from Beta(alpha, alpha): mean 1/2, variance 1 / (4 (2 alpha + 1)) (seeds 1..5)', () => {
    // For alpha = 0.2, P(lambda < 0.1 or lambda > 0.9) = 2 I_0.1(0.2, 0.2) = 0.6734 (numerical
    // integration of the Beta density, betaTailBelow). Per seed: n = 20,000 draws.
    const alpha = 0.2;
    const n = 20_000;
    const tail = betaTailBelow(0.1, alpha);
    expect(2 * tail).toBeGreaterThan(0.673);
    expect(2 * tail).toBeLessThan(0.674);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
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
      // Var = 1 / (4 * 1.4) = 0.178571; sd of the mean = sqrt(0.178571 / 20000) = 0.003: 5 sd = 0.015.
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
      // The sample variance of a U-shaped Beta has sd about sqrt((m4 - var^2) / n) < 0.0015; 0.01 is > 6 sd.
      expect(Math.abs(variance - 1 / (4 * (2 * alpha + 1)))).toBeLessThan(0.01);
      // The share near an end point: binomial sd sqrt(0.673 * 0.327 / 20000) = 0.0033; 5 sd = 0.017.
      expect(Math.abs(extreme / n - 2 * tail)).toBeLessThan(0.017);
      // The shares the page quotes for these five seeds: 0.670 to 0.678.
      expect(extreme / n).toBeGreaterThan(0.6695);
      expect(extreme / n).toBeLessThan(0.6785);
    }
  });

  it('draws finite lambdas for a tiny alpha: Beta(1e-3, 1e-3) puts almost all mass at 0 and 1', () => {
    // Gamma(1e-3) draws are about U^1000, which underflow to 0, so X / (X + Y) would be 0 / 0.
    // Beta(a, a) with a -> 0 tends to a fair coin on {0, 1}: mean 1/2, variance
    // 1 / (4 (2a + 1)) = 0.2495. Near a = 0 the density is about (a / 2) / (t (1 - t)), so
    // P(0.01 < lambda < 0.99) is about a ln(99) = 0.0046.
    const alpha = 1e-3;
    const n = 20_000;
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      let s = 0;
      let s2 = 0;
      let middle = 0;
      for (let i = 0; i < n; i++) {
        const lambda = sampleMixupLambda(alpha, rng);
        expect(lambda >= 0 && lambda <= 1).toBe(true);
        s += lambda;
        s2 += lambda * lambda;
        if (lambda > 0.01 && lambda < 0.99) middle++;
      }
      const mean = s / n;
      // sd of the mean = sqrt(0.2495 / 20000) = 0.0035; 5 sd = 0.018
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.018);
      expect(Math.abs(s2 / n - mean * mean - 1 / (4 * (2 * alpha + 1)))).toBeLessThan(0.01);
      // expected 0.0046 * 20000 = 92 draws in the middle, sd about 9.6; 160 is 7 sd above
      expect(middle / n).toBeLessThan(0.008);
      expect(middle).toBeGreaterThan(0);
    }
    // a huge alpha concentrates lambda at 1/2: Beta(1e6, 1e6) has sd 1 / sqrt(4 (2e6 + 1)) = 3.5e-4
    const rng = mulberry32(9);
    for (let i = 0; i < 100; i++) expect(Math.abs(sampleMixupLambda(1e6, rng) - 0.5)).toBeLessThan(0.002);
    // alpha = 1e-300 still gives finite draws in [0, 1]; below that it is rejected
    const r300 = mulberry32(4);
    for (let i = 0; i < 100; i++) {
      const l = sampleMixupLambda(1e-300, r300);
      expect(l === 0 || l === 1 || (l > 0 && l < 1)).toBe(true);
    }
    expect(() => sampleMixupLambda(1e-320, mulberry32(1))).toThrow(/alpha must be/);
    expect(() => sampleMixupLambda(0, mulberry32(1))).toThrow(/alpha must be/);
    expect(() => sampleMixupLambda(Infinity, mulberry32(1))).toThrow(/alpha must be/);
  });
});
