import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  batchGradient,
  minibatches,
  momentum,
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  quadratic,
  rmsprop,
  rosenbrock,
  rosenbrockGrad,
  sgd,
  trajectory,
} from '../../../content/snippets/deep-learning/optimizers.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const X0 = [1, -2];
const G = [0.5, -1];

describe('first steps, computed by hand', () => {
  it('SGD: x - lr g', () => {
    // [1 - 0.1*0.5, -2 - 0.1*(-1)] = [0.95, -1.9]
    expect(sgd(0.1).step(X0, G)).toEqual([0.95, -1.9].map((v) => expect.closeTo(v, 12)));
  });

  it('momentum: the second step is larger because the velocity carries over', () => {
    const opt = momentum(0.1, 0.9);
    // step 1: v = 0 - 0.1*0.5 = -0.05 -> x = 0.95;     v = 0 + 0.1 = 0.1 -> x = -1.9
    const x1 = opt.step(X0, G);
    expect(x1[0]).toBeCloseTo(0.95, 12);
    expect(x1[1]).toBeCloseTo(-1.9, 12);
    // step 2: v = 0.9*(-0.05) - 0.05 = -0.095 -> x = 0.855;   v = 0.09 + 0.1 = 0.19 -> x = -1.71
    const x2 = opt.step(x1, G);
    expect(x2[0]).toBeCloseTo(0.855, 12);
    expect(x2[1]).toBeCloseTo(-1.71, 12);
  });

  it('AdaGrad: the first step is lr*sign(g), the second is divided by sqrt(2)', () => {
    const opt = adagrad(0.1);
    // r = [0.25, 1]: x = 1 - 0.1*0.5/0.5 = 0.9;  -2 + 0.1*1/1 = -1.9
    const x1 = opt.step(X0, G);
    expect(x1[0]).toBeCloseTo(0.9, 7);
    expect(x1[1]).toBeCloseTo(-1.9, 7);
    // r = [0.5, 2]: x = 0.9 - 0.05/sqrt(0.5) = 0.8292893;  -1.9 + 0.1/sqrt(2) = -1.8292893
    const x2 = opt.step(x1, G);
    expect(x2[0]).toBeCloseTo(0.9 - 0.05 / Math.sqrt(0.5), 7);
    expect(x2[1]).toBeCloseTo(-1.9 + 0.1 / Math.sqrt(2), 7);
  });

  it('RMSProp: the first step is lr/sqrt(1 - rho) per coordinate, about 3.16 lr for rho = 0.9', () => {
    // r = 0.1*0.25 = 0.025, sqrt = 0.1581139;  step = 0.01*0.5/0.1581139 = 0.0316228
    const x1 = rmsprop(0.01, 0.9).step(X0, G);
    expect(x1[0]).toBeCloseTo(1 - 0.0316228, 6);
    expect(x1[1]).toBeCloseTo(-2 + 0.0316228, 6);
  });

  it('Adam: two steps with bias correction', () => {
    const opt = adam(0.1);
    // t=1, g=1: m = 0.1, v = 0.001, mHat = 1, vHat = 1 -> x = 1 - 0.1 = 0.9
    const x1 = opt.step([1], [1]);
    expect(x1[0]).toBeCloseTo(0.9, 7);
    // t=2, g=0.5: m = 0.09 + 0.05 = 0.14, v = 0.000999 + 0.00025 = 0.001249
    // mHat = 0.14/0.19 = 0.7368421, vHat = 0.001249/0.001999 = 0.6248124, sqrt = 0.7904507
    // step = 0.1 * 0.7368421/0.7904507 = 0.0932180 -> x = 0.8067820
    const x2 = opt.step(x1, [0.5]);
    expect(x2[0]).toBeCloseTo(0.806782, 6);
  });

  it("Adam without bias correction (BERT's choice): first step is lr (1-b1)/sqrt(1-b2) = 3.162 lr", () => {
    // m = 0.1, v = 0.001: step = 0.1 * 0.1/0.0316228 = 0.3162278 -> x = 0.6837722
    const x1 = adam(0.1, { biasCorrection: false }).step([1], [1]);
    expect(x1[0]).toBeCloseTo(0.6837722, 6);
  });
});

describe('Adam step size', () => {
  it('the first step has magnitude lr in every coordinate, whatever the gradient scale', () => {
    const rng = mulberry32(11);
    const n = 50;
    const x0 = Array.from({ length: n }, () => normal(rng));
    // gradients spanning six orders of magnitude
    const g = Array.from({ length: n }, (_, i) => normal(rng) * 10 ** ((i % 7) - 3));
    const lr = 0.01;
    const x1 = adam(lr).step(x0, g);
    for (let i = 0; i < n; i++) {
      // mHat = g and vHat = g^2 at t = 1, so the step is lr |g| / (|g| + eps): lr up to eps
      const absG = Math.abs(g[i]!);
      expect(Math.abs(x1[i]! - x0[i]!)).toBeCloseTo((lr * absG) / (absG + 1e-8), 12);
      expect(Math.abs(x1[i]! - x0[i]!) / lr).toBeGreaterThan(0.999);
      expect(Math.sign(x0[i]! - x1[i]!)).toBe(Math.sign(g[i]!));
    }
  });

  it('is invariant to rescaling the loss (all gradients times 1000)', () => {
    const rng = mulberry32(5);
    const grads = Array.from({ length: 20 }, () => [normal(rng), normal(rng)]);
    const a = adam(0.05);
    const b = adam(0.05);
    let xa = [0.3, -0.7];
    let xb = [0.3, -0.7];
    for (const g of grads) {
      xa = a.step(xa, g);
      xb = b.step(
        xb,
        g.map((v) => 1000 * v),
      );
    }
    expect(xb[0]).toBeCloseTo(xa[0]!, 6);
    expect(xb[1]).toBeCloseTo(xa[1]!, 6);
  });
});

describe('AdamW vs Adam + L2', () => {
  it('with zero data gradient, Adam+L2 moves by lr whatever lambda is; AdamW shrinks x by lr*lambda*x', () => {
    // Adam+L2: g' = lambda*x, mHat/sqrt(vHat) = sign(lambda*x) = 1 -> x = 2 - 0.1 = 1.9 for any lambda
    for (const lambda of [0.001, 0.1, 10]) {
      expect(adam(0.1, { l2: lambda }).step([2], [0])[0]).toBeCloseTo(1.9, 6);
    }
    // AdamW: adaptive part is 0/(0 + eps) = 0, decay part lr*lambda*x = 0.1*0.1*2 = 0.02 -> 1.98
    expect(adamw(0.1, 0.1).step([2], [0])[0]).toBeCloseTo(1.98, 12);
  });

  it('first step with a gradient: Adam+L2 = x - lr sign(g + lambda x), AdamW = x - lr (sign(g) + lambda x)', () => {
    // x = 2, g = 0.5, lambda = 0.1, lr = 0.1
    // Adam+L2: g' = 0.7, step = 0.1 -> 1.9.   AdamW: step = 0.1 * (1 + 0.2) = 0.12 -> 1.88
    expect(adam(0.1, { l2: 0.1 }).step([2], [0.5])[0]).toBeCloseTo(1.9, 6);
    expect(adamw(0.1, 0.1).step([2], [0.5])[0]).toBeCloseTo(1.88, 6);
  });

  it('L2 under Adam decays weights with large gradients less; AdamW decays both alike (3 blocks of 200 seeds)', () => {
    // Two weights start at 1; their noisy data gradients have the same shape and scales 10 and 0.01.
    // Adam is scale invariant, so without regularisation both follow the same path. AdamW keeps that
    // symmetry (decay is added outside the normalisation); L2 does not (lambda*x is divided by
    // sqrt(vHat), which is 1000x larger for the first weight). lr = 0.01, lambda = 0.1, 300 steps.
    // Single runs scatter by about 0.15, so each run is compared with an unregularised run on the same
    // noise (a paired difference), and the page's numbers must hold in every block of seeds.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
    for (const first of [1, 201, 401]) {
      const adamwEnd: number[] = [];
      const adamwMinusPlain: number[] = [];
      const coupledBigMinusPlain: number[] = [];
      const coupledSmall: number[] = [];
      for (let seed = first; seed < first + 200; seed++) {
        const rng = mulberry32(seed);
        const noise = Array.from({ length: 300 }, () => normal(rng));
        const run = (opt: ReturnType<typeof adam>): number[] => {
          let x = [1, 1];
          for (const z of noise) x = opt.step(x, [10 * z, 0.01 * z]);
          return x;
        };
        const decoupled = run(adamw(0.01, 0.1));
        // up to eps = 1e-8 against gradients of 0.01 |z|, the two AdamW weights coincide
        expect(Math.abs(decoupled[0]! - decoupled[1]!)).toBeLessThan(1e-4);
        const coupled = run(adam(0.01, { l2: 0.1 }));
        // "driven to 0 (within 0.05 in every run)"; over seeds 1..600 the largest |x| is 0.041
        expect(Math.abs(coupled[1]!)).toBeLessThan(0.05);
        const plain = run(adam(0.01))[0]!;
        adamwEnd.push(decoupled[0]!);
        adamwMinusPlain.push(decoupled[0]! - plain);
        coupledBigMinusPlain.push(coupled[0]! - plain);
        coupledSmall.push(coupled[1]!);
      }
      // AdamW ends 0.26 below the unregularised twin: the paired differences have sd 0.03, so the
      // standard error of their mean is 0.002 and 0.26 is checked to within 0.01 (5 standard errors).
      expect(Math.abs(mean(adamwMinusPlain) + 0.26)).toBeLessThan(0.01);
      // Adam + L2, large-gradient weight: 0.03 below its twin (sd 0.004, standard error 0.0003)
      expect(Math.abs(mean(coupledBigMinusPlain) + 0.03)).toBeLessThan(0.005);
      expect(Math.abs(mean(coupledSmall))).toBeLessThan(0.005);
      // AdamW's expected end point is the decay alone, (1 - lr lambda)^300 = 0.999^300 = 0.741 (the
      // noise is symmetric), within 4 standard errors of the block's mean; single runs scatter by ~0.15
      expect(Math.abs(mean(adamwEnd) - 0.999 ** 300)).toBeLessThan((4 * sd(adamwEnd)) / Math.sqrt(200));
      expect(sd(adamwEnd)).toBeGreaterThan(0.12);
      expect(sd(adamwEnd)).toBeLessThan(0.18);
    }
  });
});

describe('extreme gradients', () => {
  it('Adam: a gradient of 1e200 still moves each coordinate by lr (g^2 would overflow to Infinity)', () => {
    const lr = 0.01;
    const x1 = adam(lr).step([1, -1], [1e200, -1e200]);
    expect(x1[0]).toBeCloseTo(1 - lr, 14);
    expect(x1[1]).toBeCloseTo(-1 + lr, 14);
    // the naive update with v = (1 - b2) g^2 = Infinity would not move at all: m / Infinity = 0
    expect((0.1 * 1e200) / 0.1 / (Math.sqrt((0.001 * 1e200 * 1e200) / 0.001) + 1e-8)).toBe(0);
  });

  it('Adam follows the same 20-step path for gradients scaled by 1e200 as for the originals', () => {
    const rng = mulberry32(9);
    const grads = Array.from({ length: 20 }, () => [normal(rng), normal(rng)]);
    const a = adam(0.05);
    const b = adam(0.05);
    let xa = [0.3, -0.7];
    let xb = [0.3, -0.7];
    for (const g of grads) {
      xa = a.step(xa, g);
      xb = b.step(
        xb,
        g.map((v) => 1e200 * v),
      );
    }
    // the only difference is eps = 1e-8 against gradients of order 1
    expect(xb[0]).toBeCloseTo(xa[0]!, 6);
    expect(xb[1]).toBeCloseTo(xa[1]!, 6);
  });

  it('Adam at gradients of 1e-200: step lr |g| / (|g| + eps), as the naive formula gives', () => {
    // mHat = g, sqrt(vHat) = |g| at t = 1 (the root never squares g, so it does not underflow)
    const lr = 0.1;
    const g = 1e-200;
    const x1 = adam(lr).step([0], [g]);
    expect(x1[0]! / (-(lr * g) / (g + 1e-8))).toBeCloseTo(1, 12);
    // a tiny eps no longer hides the gradient: with eps = 1e-300 the step is lr, as for any scale
    expect(adam(lr, { eps: 1e-300 }).step([0], [g])[0]).toBeCloseTo(-lr, 12);
  });

  it('AdaGrad and RMSProp with a constant gradient of 1e200: steps lr / sqrt(t) and lr / sqrt(1 - rho^t)', () => {
    // AdaGrad: sqrt(r_t) = |g| sqrt(t), so step t is lr / sqrt(t) whatever the scale of g
    // RMSProp: r_t = (1 - rho^t) g^2, so step t is lr / sqrt(1 - rho^t)
    for (const g of [1e200, 1, 1e-150]) {
      const ada = adagrad(0.1);
      const rms = rmsprop(0.1, 0.9);
      let xa = [0];
      let xr = [0];
      for (let t = 1; t <= 5; t++) {
        const na = ada.step(xa, [g]);
        const nr = rms.step(xr, [g]);
        const eps = 1e-8 / g; // eps relative to |g|: 1e-208, 1e-8, 1e142 (the last one dominates)
        expect(xa[0]! - na[0]!).toBeCloseTo(0.1 / (Math.sqrt(t) + eps), 12);
        expect(xr[0]! - nr[0]!).toBeCloseTo(0.1 / (Math.sqrt(1 - 0.9 ** t) + eps), 12);
        xa = na;
        xr = nr;
      }
    }
  });

  it('rejects a non-positive eps, which would turn a zero gradient into 0 / 0', () => {
    expect(() => adam(0.1, { eps: 0 })).toThrow(/eps/);
    expect(() => adagrad(0.1, -1)).toThrow(/eps/);
    expect(() => rmsprop(0.1, 0.9, Number.NaN)).toThrow(/eps/);
  });
});

describe('trajectory', () => {
  it('returns steps + 1 points starting at x0', () => {
    const { grad } = quadratic(10);
    const path = trajectory(sgd(0.05), grad, [4, 1], 25);
    expect(path).toHaveLength(26);
    expect(path[0]).toEqual([4, 1]);
  });

  it('GD on the quadratic contracts each axis by (1 - lr * curvature) per step', () => {
    const { grad } = quadratic(10);
    const path = trajectory(sgd(0.05), grad, [4, 1], 25);
    const last = path[25]!;
    expect(last[0]).toBeCloseTo(4 * 0.95 ** 25, 10);
    expect(last[1]).toBeCloseTo(1 * 0.5 ** 25, 10);
  });

  it('kappa = 20 (the page): lr = 0.09 zig-zags and converges on y, lr = 0.105 > 2/20 diverges', () => {
    const { grad } = quadratic(20);
    // lr = 0.09: y is multiplied by 1 - 0.09*20 = -0.8 each step, so its sign flips every step
    const zig = trajectory(sgd(0.09), grad, [4, 1], 10);
    for (let t = 0; t <= 10; t++) expect(zig[t]![1]).toBeCloseTo((-0.8) ** t, 10);
    // lr = 0.105: factor 1 - 0.105*20 = -1.1, |y| grows like 1.1^t
    const blow = trajectory(sgd(0.105), grad, [4, 1], 30);
    expect(blow[30]![1]).toBeCloseTo((-1.1) ** 30, 8); // = 17.45
    expect(Math.abs(blow[30]![1]!)).toBeGreaterThan(17);
  });

  it('heavy-ball momentum on curvature kappa converges iff lr < 2 (1 + mu) / kappa (0.19 for kappa = 20)', () => {
    // per coordinate v' = mu v - lr k y, y' = y + v': the characteristic polynomial
    // z^2 - (1 + mu - lr k) z + mu has both roots inside the unit circle iff 0 < lr k < 2 (1 + mu)
    const { f, grad } = quadratic(20);
    const end = (lr: number) => f(trajectory(momentum(lr, 0.9), grad, [1, 1], 2000)[2000]!);
    expect(end(0.185)).toBeLessThan(1e-6);
    expect(end(0.195)).toBeGreaterThan(1e6);
  });

  it('every optimiser in the table lowers the quadratic and Rosenbrock', () => {
    const { f, grad } = quadratic(25);
    for (const name of OPTIMIZER_NAMES) {
      const lr = name === 'SGD' || name === 'Momentum' ? 0.02 : 0.1;
      const q = trajectory(OPTIMIZERS[name](lr), grad, [-4, 1.5], 200);
      expect(f(q[200]!)).toBeLessThan(f(q[0]!) / 10);
      const rlr = name === 'SGD' || name === 'Momentum' ? 0.0005 : 0.01;
      const r = trajectory(OPTIMIZERS[name](rlr), rosenbrockGrad, [-1.5, 1.5], 500);
      expect(rosenbrock(r[500]!)).toBeLessThan(rosenbrock(r[0]!));
    }
  });
});

describe('the Rosenbrock figure', () => {
  it("with the figure's rates, Adam and momentum end lowest after 1000 steps, SGD and AdaGrad highest", () => {
    // the rates of src/figures/optimizers-rosenbrock.ts, from (-1.2, 1); the page says momentum and
    // Adam crawl fastest along the valley floor in that setting
    const rates = { SGD: 0.0015, Momentum: 0.0004, AdaGrad: 0.3, RMSProp: 0.01, Adam: 0.05 } as const;
    const loss = OPTIMIZER_NAMES.map((name) => ({
      name,
      f: rosenbrock(trajectory(OPTIMIZERS[name](rates[name]), rosenbrockGrad, [-1.2, 1], 1000)[1000]!),
    })).sort((a, b) => a.f - b.f);
    expect(loss.map((l) => l.name)).toEqual(['Adam', 'Momentum', 'RMSProp', 'SGD', 'AdaGrad']);
  });
});

describe('test functions', () => {
  it('the Rosenbrock gradient matches a central difference', () => {
    const h = 1e-6;
    for (const p of [
      [-1.5, 1.5],
      [0.3, -0.2],
      [1, 1],
    ]) {
      const g = rosenbrockGrad(p);
      const fx = (rosenbrock([p[0]! + h, p[1]!]) - rosenbrock([p[0]! - h, p[1]!])) / (2 * h);
      const fy = (rosenbrock([p[0]!, p[1]! + h]) - rosenbrock([p[0]!, p[1]! - h])) / (2 * h);
      expect(g[0]).toBeCloseTo(fx, 4);
      expect(g[1]).toBeCloseTo(fy, 4);
    }
    expect(rosenbrockGrad([1, 1])).toEqual([0, 0].map((v) => expect.closeTo(v, 12)));
  });
});

describe('mini-batches', () => {
  it('partition the indices: batch GD is one batch, SGD is n batches of one', () => {
    const rng = mulberry32(3);
    const batches = minibatches(rng, 10, 4);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(minibatches(rng, 10, 10)).toHaveLength(1);
    expect(minibatches(rng, 10, 1)).toHaveLength(10);
  });

  it('equal-sized batch gradients average to the full-batch gradient (unbiased)', () => {
    // per-example gradient of (w x_i - y_i)^2 / 2 at w = 0.5 is (w x_i - y_i) x_i
    const rng = mulberry32(8);
    const xs = Array.from({ length: 12 }, () => normal(rng));
    const ys = xs.map((x) => 2 * x + 0.1 * normal(rng));
    const per = (i: number): number[] => [(0.5 * xs[i]! - ys[i]!) * xs[i]!];
    const full = batchGradient(
      per,
      xs.map((_, i) => i),
    );
    const batches = minibatches(rng, 12, 3);
    const mean = batches.map((b) => batchGradient(per, b)[0]!).reduce((a, b) => a + b, 0) / batches.length;
    expect(mean).toBeCloseTo(full[0]!, 12);
    // and an individual batch is noisy: it differs from the full gradient
    expect(Math.abs(batchGradient(per, batches[0]!)[0]! - full[0]!)).toBeGreaterThan(1e-6);
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => minibatches(mulberry32(1), 10, 0)).toThrow(/batchSize/);
    expect(() => sgd(0)).toThrow(/lr/);
    expect(() => momentum(0.1, 1)).toThrow(/mu/);
    expect(() => sgd(0.1).step([1, 2], [1])).toThrow(/coordinates/);
  });
});
