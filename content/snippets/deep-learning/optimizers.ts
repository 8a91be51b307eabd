/**
 * First-order optimisers, one update rule each, written coordinate by coordinate so the arithmetic
 * on the page is the arithmetic the tests check.
 *
 * An optimiser is a small stateful object: `step(x, g)` takes the current parameters `x` and the
 * gradient `g` of the loss at `x`, updates its own accumulators (velocity, squared-gradient sums,
 * moments) and returns the new parameters. The caller never sees the state, exactly as with
 * `torch.optim` or Keras optimisers.
 */
import { shuffle, type Rng } from '../shared/random.ts';

export interface Optimizer {
  readonly name: string;
  /** One update. `x` and `g` must have the same length; returns a new array. */
  step(x: readonly number[], g: readonly number[]): number[];
}

function checkLr(lr: number, who: string): void {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`${who}: lr must be a positive number, got ${lr}`);
}

function checkUnit(value: number, name: string, who: string): void {
  if (!(value >= 0 && value < 1)) throw new RangeError(`${who}: ${name} must be in [0, 1), got ${value}`);
}

function checkEps(eps: number, who: string): void {
  // eps keeps a coordinate whose gradients have all been 0 at a step of 0 instead of 0 / 0.
  if (!(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`${who}: eps must be a positive number, got ${eps}`);
}

function checkShapes(x: readonly number[], g: readonly number[], who: string): void {
  if (x.length !== g.length) throw new RangeError(`${who}: x has ${x.length} coordinates but g has ${g.length}`);
}

/** Zeros of the parameter's length, created on the first step (the optimiser learns the size then). */
function ensure(state: number[] | undefined, n: number): number[] {
  return state && state.length === n ? state : new Array<number>(n).fill(0);
}

// #region sgd
/** Plain gradient descent: x <- x - lr * g. Batch, mini-batch and stochastic GD differ only in g. */
export function sgd(lr: number): Optimizer {
  checkLr(lr, 'sgd');
  return {
    name: 'SGD',
    step(x, g) {
      checkShapes(x, g, 'sgd');
      return x.map((xi, i) => xi - lr * g[i]!);
    },
  };
}
// #endregion

// #region momentum
/**
 * Heavy-ball momentum: v <- mu * v - lr * g;  x <- x + v.
 * v is a decaying sum of past steps: directions that agree add up, zig-zags cancel.
 */
export function momentum(lr: number, mu = 0.9): Optimizer {
  checkLr(lr, 'momentum');
  checkUnit(mu, 'mu', 'momentum');
  let v: number[] | undefined;
  return {
    name: 'Momentum',
    step(x, g) {
      checkShapes(x, g, 'momentum');
      const vel = ensure(v, x.length);
      v = vel.map((vi, i) => mu * vi - lr * g[i]!);
      const next = v;
      return x.map((xi, i) => xi + next[i]!);
    },
  };
}
// #endregion

// #region adagrad
/**
 * AdaGrad: r <- r + g^2;  x <- x - lr * g / (sqrt(r) + eps).
 * r only grows, so a coordinate that has seen many large gradients gets a small step, and a
 * rarely-updated (sparse) coordinate keeps a large one.
 * The state kept is the root sqrt(r), updated as hypot(sqrt(r), g): the same number, but g^2 is
 * never formed, so a gradient of 1e200 does not overflow r to Infinity (which would freeze the
 * coordinate) and one of 1e-200 does not vanish from it.
 */
export function adagrad(lr: number, eps = 1e-8): Optimizer {
  checkLr(lr, 'adagrad');
  checkEps(eps, 'adagrad');
  let root: number[] | undefined; // sqrt(r), per coordinate
  return {
    name: 'AdaGrad',
    step(x, g) {
      checkShapes(x, g, 'adagrad');
      const s = ensure(root, x.length).map((si, i) => Math.hypot(si, g[i]!)); // sqrt(r + g^2)
      root = s;
      return x.map((xi, i) => xi - (lr * g[i]!) / (s[i]! + eps));
    },
  };
}
// #endregion

// #region rmsprop
/**
 * RMSProp: r <- rho * r + (1 - rho) * g^2;  x <- x - lr * g / (sqrt(r) + eps).
 * An exponential moving average instead of AdaGrad's sum, so old gradients are forgotten and the
 * step size does not decay to zero. As in AdaGrad the root sqrt(r) is kept, updated with hypot.
 */
export function rmsprop(lr: number, rho = 0.9, eps = 1e-8): Optimizer {
  checkLr(lr, 'rmsprop');
  checkUnit(rho, 'rho', 'rmsprop');
  checkEps(eps, 'rmsprop');
  let root: number[] | undefined; // sqrt(r), per coordinate
  return {
    name: 'RMSProp',
    step(x, g) {
      checkShapes(x, g, 'rmsprop');
      // sqrt(rho r + (1 - rho) g^2) = hypot(sqrt(rho) sqrt(r), sqrt(1 - rho) g)
      const s = ensure(root, x.length).map((si, i) => Math.hypot(Math.sqrt(rho) * si, Math.sqrt(1 - rho) * g[i]!));
      root = s;
      return x.map((xi, i) => xi - (lr * g[i]!) / (s[i]! + eps));
    },
  };
}
// #endregion

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Divide the moments by (1 - beta^t). BERT's optimiser sets this to false. Default true. */
  biasCorrection?: boolean;
  /** Coupled L2: adds l2 * x to the gradient before the moments see it ("Adam + L2"). */
  l2?: number;
  /** Decoupled weight decay (AdamW): subtracts lr * weightDecay * x outside the adaptive step. */
  weightDecay?: number;
}

// #region adam
/**
 * Adam, and AdamW when `weightDecay` > 0 (Kingma & Ba 2015, Algorithm 1; Loshchilov & Hutter 2019,
 * Algorithm 2, with the decay multiplied by lr as in PyTorch).
 *   m <- b1 m + (1 - b1) g            first moment (smoothed gradient)
 *   v <- b2 v + (1 - b2) g^2          second moment (smoothed squared gradient)
 *   mHat = m / (1 - b1^t), vHat = v / (1 - b2^t)     undo the pull towards the zero start
 *   x <- x - lr * (mHat / (sqrt(vHat) + eps) + weightDecay * x)
 * With `l2` the penalty is folded into g first, so it is divided by sqrt(vHat) like the data
 * gradient: that coupling is what AdamW removes. The root sqrt(v) is kept instead of v and
 * updated with hypot, so squaring a gradient of 1e200 (or 1e-200) never overflows (or underflows).
 */
export function adam(lr: number, options: AdamOptions = {}): Optimizer {
  const { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, biasCorrection = true, l2 = 0, weightDecay = 0 } = options;
  checkLr(lr, 'adam');
  checkUnit(beta1, 'beta1', 'adam');
  checkUnit(beta2, 'beta2', 'adam');
  checkEps(eps, 'adam');
  if (!(l2 >= 0) || !(weightDecay >= 0)) throw new RangeError('adam: l2 and weightDecay must be >= 0');
  let m: number[] | undefined;
  let rootV: number[] | undefined; // sqrt(v), per coordinate
  let t = 0;
  return {
    name: weightDecay > 0 ? 'AdamW' : 'Adam',
    step(x, g) {
      checkShapes(x, g, 'adam');
      t += 1;
      const grad = x.map((xi, i) => g[i]! + l2 * xi); // coupled L2 enters the gradient here
      const m1 = ensure(m, x.length).map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!);
      // sqrt(b2 v + (1 - b2) g^2) = hypot(sqrt(b2) sqrt(v), sqrt(1 - b2) g)
      const s1 = ensure(rootV, x.length).map((si, i) =>
        Math.hypot(Math.sqrt(beta2) * si, Math.sqrt(1 - beta2) * grad[i]!),
      );
      m = m1;
      rootV = s1;
      const c1 = biasCorrection ? 1 - beta1 ** t : 1;
      const c2 = biasCorrection ? 1 - beta2 ** t : 1;
      return x.map((xi, i) => {
        const adaptive = m1[i]! / c1 / (s1[i]! / Math.sqrt(c2) + eps); // mHat / (sqrt(vHat) + eps)
        return xi - lr * (adaptive + weightDecay * xi); // decoupled decay is not rescaled
      });
    },
  };
}

/** AdamW (Loshchilov & Hutter): Adam plus decoupled weight decay. */
export function adamw(
  lr: number,
  weightDecay: number,
  options: Omit<AdamOptions, 'weightDecay' | 'l2'> = {},
): Optimizer {
  if (!(weightDecay > 0)) throw new RangeError(`adamw: weightDecay must be > 0, got ${weightDecay}`);
  return adam(lr, { ...options, weightDecay });
}
// #endregion

// #region trajectory
/** Run `steps` updates from x0 and return every iterate, x0 included (steps + 1 points). */
export function trajectory(
  optimizer: Optimizer,
  gradFn: (x: readonly number[]) => number[],
  x0: readonly number[],
  steps: number,
): number[][] {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`trajectory: steps must be a non-negative integer, got ${steps}`);
  const path: number[][] = [x0.slice()];
  let x = x0.slice();
  for (let s = 0; s < steps; s++) {
    x = optimizer.step(x, gradFn(x));
    path.push(x);
  }
  return path;
}
// #endregion

// #region minibatches
/**
 * One epoch of mini-batches: shuffle the n example indices and cut them into batches of
 * `batchSize` (the last may be shorter). batchSize = n is batch GD, batchSize = 1 is SGD.
 */
export function minibatches(rng: Rng, n: number, batchSize: number): number[][] {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`minibatches: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`minibatches: batchSize must be a positive integer, got ${batchSize}`);
  }
  const order = shuffle(
    rng,
    Array.from({ length: n }, (_, i) => i),
  );
  const out: number[][] = [];
  for (let start = 0; start < n; start += batchSize) out.push(order.slice(start, start + batchSize));
  return out;
}

/** The gradient on a batch is the mean of the per-example gradients in it. */
export function batchGradient(perExample: (i: number) => number[], batch: readonly number[]): number[] {
  if (batch.length === 0) throw new RangeError('batchGradient: batch must not be empty');
  let sum: number[] | undefined;
  for (const i of batch) {
    const gi = perExample(i);
    sum = sum ? sum.map((s, k) => s + gi[k]!) : gi.slice();
  }
  return sum!.map((s) => s / batch.length);
}
// #endregion

// #region test-functions
/** f(x, y) = (x^2 + kappa * y^2) / 2: curvature 1 along x and kappa along y (condition number kappa). */
export function quadratic(kappa: number): {
  f: (p: readonly number[]) => number;
  grad: (p: readonly number[]) => number[];
} {
  if (!(kappa > 0)) throw new RangeError(`quadratic: kappa must be > 0, got ${kappa}`);
  return {
    f: (p) => 0.5 * (p[0]! ** 2 + kappa * p[1]! ** 2),
    grad: (p) => [p[0]!, kappa * p[1]!],
  };
}

/** Rosenbrock: f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1) at the end of a curved valley. */
export function rosenbrock(p: readonly number[]): number {
  const x = p[0]!;
  const y = p[1]!;
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
}

export function rosenbrockGrad(p: readonly number[]): number[] {
  const x = p[0]!;
  const y = p[1]!;
  return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
}
// #endregion

/** Build an optimiser by name: what the figure and the demo iterate over. */
export const OPTIMIZERS = {
  SGD: (lr: number) => sgd(lr),
  Momentum: (lr: number) => momentum(lr, 0.9),
  AdaGrad: (lr: number) => adagrad(lr),
  RMSProp: (lr: number) => rmsprop(lr, 0.9),
  Adam: (lr: number) => adam(lr),
} as const;

export type OptimizerName = keyof typeof OPTIMIZERS;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];
