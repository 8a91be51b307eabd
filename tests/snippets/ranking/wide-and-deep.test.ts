import { describe, expect, it } from 'vitest';
import {
  adagradStep,
  concatEmbeddings,
  crossProduct,
  ftrlStep,
  ftrlWeight,
  sigmoid,
  wideAndDeepForward,
  type FtrlConfig,
  type FtrlState,
  type WideAndDeepModel,
} from '../../../content/snippets/ranking/wide-and-deep.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

// Wide features: x0 = installed:netflix, x1 = installed:spotify, x2 = impression:pandora.
const crosses = [
  [0, 2], // AND(installed=netflix, impression=pandora)
  [1, 2], // AND(installed=spotify, impression=pandora)
];

describe('crossProduct', () => {
  it('is the AND of the features each cross names', () => {
    expect(crossProduct([1, 0, 1], crosses)).toEqual([1, 0]);
    expect(crossProduct([1, 1, 1], crosses)).toEqual([1, 1]);
    expect(crossProduct([1, 1, 0], crosses)).toEqual([0, 0]);
    // A third-order cross is 1 only when all three are on.
    expect(crossProduct([1, 1, 1], [[0, 1, 2]])).toEqual([1]);
    expect(crossProduct([1, 0, 1], [[0, 1, 2]])).toEqual([0]);
  });
  it('rejects non-binary input and out-of-range indices', () => {
    expect(() => crossProduct([1, 0.5, 1], crosses)).toThrow(/x\[1\] = 0.5 is not binary/);
    expect(() => crossProduct([1, 0], [[0, 5]])).toThrow(/names feature 5/);
  });
});

describe('wideAndDeepForward', () => {
  // Deep input: a user-field row [0.5, -1] and an item-field row [1, 0.5], concatenated.
  const userTable = [
    [0, 0],
    [0.5, -1],
  ];
  const itemTable = [
    [1, 0.5],
    [2, 2],
  ];
  const model: WideAndDeepModel = {
    crosses,
    wideWeights: [0.2, -0.1, 0.3, 0.5, 0.4],
    deepLayers: [
      {
        weights: [
          [1, 0, 1, 0],
          [0, 1, 0, 1],
        ],
        bias: [0, 0.1],
      },
    ],
    deepWeights: [0.4, 0.7],
    bias: -0.6,
  };

  it('matches the hand computation', () => {
    const deepInput = concatEmbeddings([userTable, itemTable], [1, 0]);
    expect(deepInput).toEqual([0.5, -1, 1, 0.5]);
    const out = wideAndDeepForward(model, [1, 0, 1], deepInput);
    // [x, phi(x)] = [1, 0, 1, 1, 0]; wide = 0.2 + 0.3 + 0.5 = 1.0
    expect(out.wideLogit).toBeCloseTo(1.0, 12);
    // hidden = relu([0.5 + 1, -1 + 0.5 + 0.1]) = relu([1.5, -0.4]) = [1.5, 0]; deep = 0.4 * 1.5 = 0.6
    expect(out.deepLogit).toBeCloseTo(0.6, 12);
    // p = sigmoid(1.0 + 0.6 - 0.6) = sigmoid(1) = 0.7310585786
    expect(out.probability).toBeCloseTo(0.7310585786300049, 12);
  });

  it('lets the cross weight fire only when both features are on', () => {
    const deepInput = concatEmbeddings([userTable, itemTable], [1, 0]);
    const on = wideAndDeepForward(model, [1, 0, 1], deepInput).wideLogit;
    const off = wideAndDeepForward(model, [1, 0, 0], deepInput).wideLogit;
    // Dropping x2 removes its own weight 0.3 and the cross weight 0.5.
    expect(on - off).toBeCloseTo(0.8, 12);
  });

  it('rejects a wide weight vector of the wrong length', () => {
    const bad = { ...model, wideWeights: [0.2, -0.1, 0.3] };
    expect(() => wideAndDeepForward(bad, [1, 0, 1], [0.5, -1, 1, 0.5])).toThrow(/wideWeights/);
  });
});

describe('sigmoid', () => {
  it('is stable at the extremes and exact in the tail', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    // sigmoid(-40) = e^-40 / (1 + e^-40): relative accuracy, where 1 - sigmoid(40) would round
    expect(sigmoid(-40) / Math.exp(-40)).toBeCloseTo(1, 14);
    // the smallest subnormal survives: naive 1 / (1 + e^745) overflows e^745 and gives 0
    expect(sigmoid(-745)).toBeGreaterThan(0);
  });
});

describe('FTRL-Proximal', () => {
  const config: FtrlConfig = { alpha: 0.1, beta: 1, l1: 0.1, l2: 0 };

  it('matches a hand-computed first step', () => {
    const s1 = ftrlStep({ z: [0], rootN: [0] }, [0.5], config);
    // w_t = 0, sigma = (sqrt(0.25) - 0) / 0.1 = 5, z = 0.5 - 5 * 0 = 0.5, n = 0.25 (sqrt 0.5)
    expect(s1.z[0]).toBeCloseTo(0.5, 12);
    expect(s1.rootN[0]).toBeCloseTo(0.5, 12);
    // w = -(0.5 - 0.1) / ((1 + 0.5) / 0.1) = -0.4 / 15
    expect(ftrlWeight(s1.z[0]!, s1.rootN[0]!, config)).toBeCloseTo(-0.4 / 15, 12);
    // Second step with the same gradient: w_t = -0.4/15, sigma = (sqrt(0.5) - 0.5) / 0.1
    const s2 = ftrlStep(s1, [0.5], config);
    const sigma = (Math.sqrt(0.5) - 0.5) / 0.1;
    expect(s2.z[0]).toBeCloseTo(0.5 + 0.5 + sigma * (0.4 / 15), 12);
    expect(s2.rootN[0]).toBeCloseTo(Math.sqrt(0.5), 12);
  });

  it('keeps a weight exactly zero while |z| <= l1', () => {
    const strong = { ...config, l1: 1 };
    const s = ftrlStep({ z: [0], rootN: [0] }, [0.5], strong);
    expect(ftrlWeight(s.z[0]!, s.rootN[0]!, strong)).toBe(0);
  });

  it('agrees with the textbook update on moderate gradients (seeded)', () => {
    // Algorithm 1 literally: n += g^2, sigma = (sqrt(n + g^2) - sqrt(n)) / alpha
    const rng = mulberry32(2013);
    const cfg: FtrlConfig = { alpha: 0.3, beta: 1, l1: 0.5, l2: 0.1 };
    let state: FtrlState = { z: [0, 0, 0], rootN: [0, 0, 0] };
    let z = [0, 0, 0];
    let n = [0, 0, 0];
    for (let t = 0; t < 200; t++) {
      const g = [rng() - 0.5, 4 * (rng() - 0.5), rng() < 0.5 ? 0 : rng() - 0.5];
      const w = z.map((zi, i) =>
        Math.abs(zi) <= cfg.l1
          ? 0
          : -(zi - Math.sign(zi) * cfg.l1) / ((cfg.beta + Math.sqrt(n[i]!)) / cfg.alpha + cfg.l2),
      );
      z = z.map((zi, i) => zi + g[i]! - ((Math.sqrt(n[i]! + g[i]! ** 2) - Math.sqrt(n[i]!)) / cfg.alpha) * w[i]!);
      n = n.map((ni, i) => ni + g[i]! ** 2);
      state = ftrlStep(state, g, cfg);
    }
    state.z.forEach((zi, i) => expect(zi).toBeCloseTo(z[i]!, 10));
    state.rootN.forEach((r, i) => expect(r).toBeCloseTo(Math.sqrt(n[i]!), 12));
  });

  it('stays finite and accurate for gradients of 1e200 and 1e-200 and tiny g next to large n', () => {
    // g = 1e200 from a zero state: sqrt(n) = 1e200 (n = 1e400 would overflow), sigma = 1e200 / alpha,
    // z = 1e200 (w was 0); then w = -(1e200 - 0.1) / ((1 + 1e200) / 0.1) = -0.1 (to 16 digits)
    const big = ftrlStep({ z: [0], rootN: [0] }, [1e200], config);
    expect(big.rootN[0]).toBe(1e200);
    expect(big.z[0]).toBe(1e200);
    expect(ftrlWeight(big.z[0]!, big.rootN[0]!, config)).toBeCloseTo(-0.1, 14);
    const big2 = ftrlStep(big, [1e200], config);
    expect(big2.rootN[0]! / (Math.SQRT2 * 1e200)).toBeCloseTo(1, 14);
    expect(Number.isFinite(big2.z[0])).toBe(true);
    // g = 1e-200: sqrt(n) = 1e-200 (n = 1e-400 would underflow to 0)
    const tiny = ftrlStep({ z: [0], rootN: [0] }, [1e-200], config);
    expect(tiny.rootN[0]).toBe(1e-200);
    expect(tiny.z[0]).toBe(1e-200);
    // g = 1e-3 next to sqrt(n) = 1e5 (n = 1e10), weight w = 1: the exact sigma is
    // g^2 / (sqrt(n + g^2) + sqrt(n)) / alpha = 1e-6 / 2e5 / 0.1 = 5e-11; the textbook difference
    // sqrt(1e10 + 1e-6) - 1e5 is 0 or one spacing of doubles near 1e5 (1.5e-11), no digit right.
    const cfg: FtrlConfig = { alpha: 0.1, beta: 1, l1: 0, l2: 0 };
    // z chosen so that w = -z / ((1 + 1e5) / 0.1) = 1
    const z0 = -(1 + 1e5) / 0.1;
    const step = ftrlStep({ z: [z0], rootN: [1e5] }, [1e-3], cfg);
    const sigma = 1e-6 / (Math.hypot(1e5, 1e-3) + 1e5) / 0.1;
    expect(sigma / 5e-11).toBeCloseTo(1, 12);
    expect(step.z[0]).toBe(z0 + 1e-3 - sigma * 1);
    const textbook = (Math.sqrt(1e10 + 1e-6) - 1e5) / 0.1;
    expect(Math.abs(textbook - sigma) / sigma).toBeGreaterThan(0.5);
  });

  it('rejects a bad config', () => {
    expect(() => ftrlStep({ z: [0], rootN: [0] }, [1], { ...config, alpha: 0 })).toThrow(/alpha > 0/);
    expect(() => ftrlStep({ z: [0], rootN: [0] }, [1], { ...config, l1: -1 })).toThrow(/l1/);
    expect(() => ftrlStep({ z: [0], rootN: [0] }, [1, 2], config)).toThrow(/grad has 2 entries/);
  });

  // Train on a synthetic logistic stream: 3 informative binary features, 7 noise features and an
  // always-on bias feature (index 10). FTRL's l1 is a penalty on the cumulative loss, so it must
  // grow with the stream: noise z's wander like a random walk of size ~ sqrt(T * E[g^2]) ~ 45.
  function train(l1: number, seed: number): number[] {
    const rng = mulberry32(seed);
    const d = 11;
    const trueW = [2, -2, 1.5, 0, 0, 0, 0, 0, 0, 0, -0.5];
    const cfg: FtrlConfig = { alpha: 0.5, beta: 1, l1, l2: 1 };
    let state: FtrlState = { z: new Array<number>(d).fill(0), rootN: new Array<number>(d).fill(0) };
    for (let t = 0; t < 20_000; t++) {
      const x: number[] = Array.from({ length: d }, (_, i) => (i === d - 1 ? 1 : rng() < 0.5 ? 1 : 0));
      const y = rng() < sigmoid(x.reduce((s, xi, i) => s + xi * trueW[i]!, 0)) ? 1 : 0;
      const w = state.z.map((z, i) => ftrlWeight(z, state.rootN[i]!, cfg));
      const p = sigmoid(x.reduce((s, xi, i) => s + xi * w[i]!, 0));
      state = ftrlStep(
        state,
        x.map((xi) => (p - y) * xi),
        cfg,
      ); // logloss gradient (p - y) x
    }
    return state.z.map((z, i) => ftrlWeight(z, state.rootN[i]!, cfg));
  }

  // Over seeds 1-5 (and 6-10, checked once) the informative weights land in [1.85, 2.10],
  // [-2.12, -1.92] and [1.41, 1.69], at most 0.19 from the truth. A noise z is a
  // random walk of sd ~ 45, so |z| > l1 = 100 (a non-zero weight) has probability ~ 3% per noise
  // feature, and two or more of seven has probability ~ 1.5% per seed.
  it('learns a sparse logistic model: with l1 the noise weights end exactly at zero (seeds 1-5)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const w = train(100, seed);
      // the page says "within 0.2 of the true values 2, -2, 1.5"
      expect(Math.abs(w[0]! - 2)).toBeLessThan(0.2);
      expect(Math.abs(w[1]! + 2)).toBeLessThan(0.2);
      expect(Math.abs(w[2]! - 1.5)).toBeLessThan(0.2);
      expect(w.slice(3, 10).filter((wi) => wi === 0).length).toBeGreaterThanOrEqual(6);
      // Without l1 the same stream leaves every noise weight non-zero.
      expect(
        train(0, seed)
          .slice(3, 10)
          .filter((wi) => wi === 0).length,
      ).toBe(0);
    }
  });
});

describe('adagradStep', () => {
  it('takes a first step of size lr whatever the gradient scale', () => {
    // root = |g|, step = lr * g / |g| = lr * sign(g)
    const a = adagradStep([0, 0], [0, 0], [0.5, -40], 0.1);
    expect(a.w[0]).toBeCloseTo(-0.1, 9);
    expect(a.w[1]).toBeCloseTo(0.1, 9);
    // Second step with g = 0.5: root = sqrt(0.25 + 0.25) = sqrt(0.5), step = 0.1 * 0.5 / sqrt(0.5) = 0.0707107
    const b = adagradStep(a.w, a.root, [0.5, 0], 0.1);
    expect(b.w[0]).toBeCloseTo(-0.1 - (0.1 * 0.5) / Math.sqrt(0.5), 9);
    expect(b.w[1]).toBeCloseTo(0.1, 9);
  });

  it('equals the textbook accumulator on seeded moderate gradients', () => {
    const rng = mulberry32(2011);
    let w = [0, 0];
    let root = [0, 0];
    let wNaive = [0, 0];
    let accum = [0, 0];
    for (let t = 0; t < 100; t++) {
      const g = [rng() - 0.5, 10 * (rng() - 0.5)];
      ({ w, root } = adagradStep(w, root, g, 0.05));
      accum = accum.map((a, i) => a + g[i]! ** 2);
      wNaive = wNaive.map((wi, i) => wi - (0.05 * g[i]!) / (Math.sqrt(accum[i]!) + 1e-10));
    }
    w.forEach((wi, i) => expect(wi).toBeCloseTo(wNaive[i]!, 10));
  });

  it('keeps the first step at lr for gradients of 1e200 and 1e-190 (naively 0 or 1e-180 lr)', () => {
    // g = 1e200: g^2 overflows to Infinity, so the textbook step lr g / sqrt(g^2) would be 0
    const big = adagradStep([0], [0], [1e200], 0.1);
    expect(big.w[0]).toBeCloseTo(-0.1, 12);
    expect(big.root[0]).toBe(1e200);
    // and a second equal gradient: root = sqrt(2) 1e200, step = 0.1 / sqrt(2)
    const big2 = adagradStep(big.w, big.root, [1e200], 0.1);
    expect(big2.w[0]).toBeCloseTo(-0.1 - 0.1 / Math.SQRT2, 12);
    // g = 1e-190: g^2 = 1e-380 underflows to 0, so the textbook step would be lr g / eps = 1e-181;
    // with eps = 0 the step is exactly lr
    const tiny = adagradStep([0], [0], [1e-190], 0.1, 0);
    expect(tiny.w[0]).toBeCloseTo(-0.1, 12);
    expect(() => adagradStep([0], [0], [1], 0)).toThrow(/lr > 0/);
    expect(() => adagradStep([0], [0, 0], [1], 0.1)).toThrow(/same length/);
  });
});
