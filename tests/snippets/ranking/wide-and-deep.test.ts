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
  it('is stable at the extremes', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('FTRL-Proximal', () => {
  const config: FtrlConfig = { alpha: 0.1, beta: 1, l1: 0.1, l2: 0 };

  it('matches a hand-computed first step', () => {
    const s1 = ftrlStep({ z: [0], n: [0] }, [0.5], config);
    // w_t = 0, sigma = (sqrt(0.25) - 0) / 0.1 = 5, z = 0.5 - 5 * 0 = 0.5, n = 0.25
    expect(s1.z[0]).toBeCloseTo(0.5, 12);
    expect(s1.n[0]).toBeCloseTo(0.25, 12);
    // w = -(0.5 - 0.1) / ((1 + 0.5) / 0.1) = -0.4 / 15
    expect(ftrlWeight(s1.z[0]!, s1.n[0]!, config)).toBeCloseTo(-0.4 / 15, 12);
    // Second step with the same gradient: w_t = -0.4/15, sigma = (sqrt(0.5) - 0.5) / 0.1
    const s2 = ftrlStep(s1, [0.5], config);
    const sigma = (Math.sqrt(0.5) - 0.5) / 0.1;
    expect(s2.z[0]).toBeCloseTo(0.5 + 0.5 + sigma * (0.4 / 15), 12);
    expect(s2.n[0]).toBeCloseTo(0.5, 12);
  });

  it('keeps a weight exactly zero while |z| <= l1', () => {
    const strong = { ...config, l1: 1 };
    const s = ftrlStep({ z: [0], n: [0] }, [0.5], strong);
    expect(ftrlWeight(s.z[0]!, s.n[0]!, strong)).toBe(0);
  });

  // Train on a synthetic logistic stream: 3 informative binary features, 7 noise features and an
  // always-on bias feature (index 10). FTRL's l1 is a penalty on the cumulative loss, so it must
  // grow with the stream: noise z's wander like a random walk of size ~ sqrt(T * E[g^2]) ~ 45.
  function train(l1: number): number[] {
    const rng = mulberry32(2016);
    const d = 11;
    const trueW = [2, -2, 1.5, 0, 0, 0, 0, 0, 0, 0, -0.5];
    const cfg: FtrlConfig = { alpha: 0.5, beta: 1, l1, l2: 1 };
    let state: FtrlState = { z: new Array<number>(d).fill(0), n: new Array<number>(d).fill(0) };
    for (let t = 0; t < 20_000; t++) {
      const x: number[] = Array.from({ length: d }, (_, i) => (i === d - 1 ? 1 : rng() < 0.5 ? 1 : 0));
      const y = rng() < sigmoid(x.reduce((s, xi, i) => s + xi * trueW[i]!, 0)) ? 1 : 0;
      const w = state.z.map((z, i) => ftrlWeight(z, state.n[i]!, cfg));
      const p = sigmoid(x.reduce((s, xi, i) => s + xi * w[i]!, 0));
      state = ftrlStep(
        state,
        x.map((xi) => (p - y) * xi),
        cfg,
      ); // logloss gradient (p - y) x
    }
    return state.z.map((z, i) => ftrlWeight(z, state.n[i]!, cfg));
  }

  it('learns a sparse logistic model: with l1 the noise weights end exactly at zero', () => {
    const w = train(100);
    expect(w[0]).toBeGreaterThan(1.7);
    expect(w[1]).toBeLessThan(-1.7);
    expect(w[2]).toBeGreaterThan(1.2);
    expect(w.slice(3, 10).filter((wi) => wi === 0).length).toBeGreaterThanOrEqual(6);
    // Without l1 the same stream leaves every noise weight non-zero.
    expect(
      train(0)
        .slice(3, 10)
        .filter((wi) => wi === 0).length,
    ).toBe(0);
  });
});

describe('adagradStep', () => {
  it('takes a first step of size lr whatever the gradient scale', () => {
    // accum = g^2, step = lr * g / |g| = lr * sign(g)
    const a = adagradStep([0, 0], [0, 0], [0.5, -40], 0.1);
    expect(a.w[0]).toBeCloseTo(-0.1, 9);
    expect(a.w[1]).toBeCloseTo(0.1, 9);
    // Second step with g = 0.5: accum = 0.5, step = 0.1 * 0.5 / sqrt(0.5) = 0.0707107
    const b = adagradStep(a.w, a.accum, [0.5, 0], 0.1);
    expect(b.w[0]).toBeCloseTo(-0.1 - (0.1 * 0.5) / Math.sqrt(0.5), 9);
    expect(b.w[1]).toBeCloseTo(0.1, 9);
  });
});
