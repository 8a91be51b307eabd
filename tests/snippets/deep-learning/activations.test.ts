import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  elu,
  eluGrad,
  erf,
  erfc,
  gelu,
  geluGrad,
  geluTanh,
  geluTanhGrad,
  leakyRelu,
  leakyReluGrad,
  normalCdf,
  normalPdf,
  preluGradA,
  relu,
  reluGrad,
  rrelu,
  selu,
  SELU_ALPHA,
  SELU_LAMBDA,
  sigmoid,
  sigmoidGrad,
  swish,
  swishGrad,
  tanh,
  tanhGrad,
} from '../../../content/snippets/deep-learning/activations.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** A grid over [-4, 4] that never lands on 0, where the ReLU family has its kink. */
const GRID = Array.from({ length: 23 }, (_, k) => -4 + 0.37 * k);

function centralDiff(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** Composite Simpson rule on [a, b] with n (even) panels. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('derivatives match a central finite difference', () => {
  for (const act of ACTIVATIONS) {
    it(act.name, () => {
      for (const x of GRID) {
        // central difference error is O(h^2 f''') ~ 1e-10 here; 1e-7 catches any wrong formula
        expect(act.df(x)).toBeCloseTo(centralDiff(act.f, x), 7);
      }
    });
  }

  it('Swish with beta = 2 and ELU with alpha = 0.5 too', () => {
    for (const x of GRID) {
      expect(swishGrad(x, 2)).toBeCloseTo(
        centralDiff((t) => swish(t, 2), x),
        7,
      );
      expect(eluGrad(x, 0.5)).toBeCloseTo(
        centralDiff((t) => elu(t, 0.5), x),
        7,
      );
    }
  });
});

describe('hand-computed values', () => {
  it('sigmoid and its derivative', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoidGrad(0)).toBe(0.25); // the largest value sigma' ever takes
    expect(sigmoid(1)).toBeCloseTo(0.7310585786300049, 15); // 1/(1 + e^-1)
    expect(sigmoid(-800)).toBe(0); // no overflow warning, no NaN
    expect(sigmoid(800)).toBe(1);
  });

  it('tanh(x) = 2 sigma(2x) - 1 agrees with Math.tanh', () => {
    for (const x of GRID) expect(tanh(x)).toBeCloseTo(Math.tanh(x), 14);
  });

  it('ReLU family', () => {
    expect([relu(-2), relu(3), reluGrad(-2), reluGrad(3), reluGrad(0)]).toEqual([0, 3, 0, 1, 0]);
    expect(leakyRelu(-2, 0.1)).toBeCloseTo(-0.2, 15);
    expect(leakyReluGrad(-2, 0.1)).toBe(0.1);
    expect([preluGradA(-2), preluGradA(3)]).toEqual([-2, 0]);
  });

  it('ELU and SELU at -1', () => {
    expect(elu(-1)).toBeCloseTo(Math.exp(-1) - 1, 15); // -0.6321206
    // lambda * alpha * (e^-1 - 1) = 1.0507010 * 1.6732632 * (-0.6321206) = -1.1113307
    expect(selu(-1)).toBeCloseTo(-1.1113307378125625, 14);
    expect(selu(2)).toBeCloseTo(2 * SELU_LAMBDA, 15);
  });

  it('GELU: x Phi(x), and its tanh approximation stays within 5e-4', () => {
    expect(gelu(1)).toBeCloseTo(0.8413447460685429, 14); // Phi(1)
    expect(gelu(-1)).toBeCloseTo(-0.15865525393145707, 14); // -Phi(-1)
    expect(geluTanh(1)).toBeCloseTo(0.8411919906082768, 14);
    // on a dense grid over [-10, 10]: the tanh form's worst error is 4.7e-4 (near x = -2.70), while
    // the cruder x sigma(1.702 x) is off by 0.020 (near x = -2.27)
    let worstTanh = 0;
    let worstSigmoid = 0;
    for (let k = -10_000; k <= 10_000; k++) {
      const x = k / 1000;
      worstTanh = Math.max(worstTanh, Math.abs(gelu(x) - geluTanh(x)));
      worstSigmoid = Math.max(worstSigmoid, Math.abs(gelu(x) - x * sigmoid(1.702 * x)));
    }
    expect(worstTanh).toBeLessThan(5e-4);
    expect(worstTanh).toBeGreaterThan(4e-4);
    expect(worstSigmoid).toBeCloseTo(0.0203, 3);
  });

  it('GELU dips to -0.170 near x = -0.752 and its slope peaks at 1.129 at x = sqrt(2)', () => {
    // GELU'(x) = Phi(x) + x phi(x) = 0 at the minimum; GELU''(x) = phi(x)(2 - x^2) = 0 at x = sqrt 2
    expect(geluGrad(-0.75179)).toBeCloseTo(0, 5);
    expect(gelu(-0.75179)).toBeCloseTo(-0.16997, 5);
    expect(geluGrad(Math.SQRT2)).toBeCloseTo(1.1289, 4);
    expect(geluGrad(Math.SQRT2 + 0.01)).toBeLessThan(geluGrad(Math.SQRT2));
    expect(geluGrad(Math.SQRT2 - 0.01)).toBeLessThan(geluGrad(Math.SQRT2));
  });

  it('Swish is non-monotone: a minimum near x = -1.278 below zero', () => {
    // swish'(x) = 0 where sigma(x)(1 + x(1 - sigma(x))) = 0, i.e. x = -1.2785
    expect(swishGrad(-1.2785)).toBeCloseTo(0, 4);
    expect(swish(-1.2785)).toBeCloseTo(-0.2785, 3);
  });
});

describe('the table of values on the page', () => {
  it('matches sigma, tanh, ELU, SELU, GELU and Swish at -1 and 1 to four decimals', () => {
    const rows: [number, number[]][] = [
      // x, [sigma, tanh, ELU, SELU, GELU, Swish]
      [-1, [0.2689, -0.7616, -0.6321, -1.1113, -0.1587, -0.2689]],
      [1, [0.7311, 0.7616, 1, 1.0507, 0.8413, 0.7311]],
    ];
    for (const [x, want] of rows) {
      const got = [sigmoid(x), tanh(x), elu(x), selu(x), gelu(x), swish(x)];
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
    }
  });
});

describe('erf', () => {
  it('matches reference values (from a libm erf) on both branches', () => {
    const ref: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [2.49, 0.9995707121322661],
      [2.5, 0.999593047982555],
      [3, 0.9999779095030014],
      [4, 0.9999999845827421],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, v] of ref) expect(erf(x)).toBeCloseTo(v, 14);
  });
});

describe('SELU constants', () => {
  it('are the published values', () => {
    // Klambauer et al. give alpha = 1.6732632423543772848..., lambda = 1.0507009873554804934...
    expect(SELU_ALPHA).toBeCloseTo(1.6732632423543772, 15);
    expect(SELU_LAMBDA).toBeCloseTo(1.0507009873554805, 15);
  });

  it('map N(0, 1) inputs to outputs with mean 0 and variance 1 (the self-normalising fixed point)', () => {
    // integrate on [-12, 12] with 0 on a panel boundary, where SELU has its kink
    const mean = simpson((z) => selu(z) * normalPdf(z), -12, 12, 24_000);
    const second = simpson((z) => selu(z) ** 2 * normalPdf(z), -12, 12, 24_000);
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    expect(Math.abs(second - 1)).toBeLessThan(1e-9);
  });

  it('ELU (alpha = 1) does not have that fixed point', () => {
    const mean = simpson((z) => elu(z) * normalPdf(z), -12, 12, 24_000);
    expect(Math.abs(mean)).toBeGreaterThan(0.1);
  });
});

describe('RReLU', () => {
  it('uses the mean slope (1/8 + 1/3)/2 = 11/48 at inference and random slopes in [1/8, 1/3] in training', () => {
    expect(rrelu(-48)).toBeCloseTo(-11, 12);
    expect(rrelu(5)).toBe(5);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 20_000;
      let sum = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const slope = -rrelu(-1, rng);
        lo = Math.min(lo, slope);
        hi = Math.max(hi, slope);
        sum += slope;
      }
      expect(lo).toBeGreaterThanOrEqual(1 / 8);
      expect(hi).toBeLessThanOrEqual(1 / 3);
      expect(hi - lo).toBeGreaterThan(0.2); // the draws really spread over the interval (width 5/24)
      // uniform on [1/8, 1/3]: sd = (5/24)/sqrt(12) = 0.0601, se of the mean = 0.000425; 4 se per seed
      expect(Math.abs(sum / n - 11 / 48)).toBeLessThan(4 * 0.000425);
    }
  });
});

describe('extreme inputs', () => {
  /** Relative error, for values that may be tiny. */
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it('erfc matches reference values (50-digit mpmath) to 14 digits, into the far tail', () => {
    const ref: [number, number][] = [
      [0.1, 0.887537083981715],
      [0.5, 0.4795001221869535],
      [0.99, 0.1614919304446302],
      [1, 0.15729920705028513],
      [1.7, 0.016209541409225439],
      [2.5, 0.0004069520174449589],
      [4, 1.541725790028002e-8],
      [10, 2.088487583762545e-45],
      [26, 5.663192408856143e-296],
      [-0.5, 1.5204998778130465],
      [-3, 1.9999779095030015],
    ];
    for (const [x, v] of ref) expect(rel(erfc(x), v)).toBeLessThan(1e-14);
    // 1 - erf(10) is exactly 0 in float64: the tail needs erfc itself
    expect(1 - erf(10)).toBe(0);
    expect(erfc(1000)).toBe(0);
    expect(erfc(-1000)).toBe(2);
    expect(erf(1000)).toBe(1);
  });

  it('Phi and GELU keep their digits for very negative inputs (reference values from mpmath)', () => {
    expect(rel(normalCdf(-10), 7.619853024160525e-24)).toBeLessThan(1e-13);
    // Phi(x) has condition number about x^2 in the tail (a relative change of 1e-16 in x moves
    // e^(-x^2/2) by x^2 * 1e-16), so at x = -30 about 1e-13 is the best any float64 method can do
    expect(rel(normalCdf(-30), 4.906713927148187e-198)).toBeLessThan(1e-12);
    expect(rel(gelu(-10), -7.619853024160526e-23)).toBeLessThan(1e-13);
    expect(rel(geluGrad(-10), -7.618400096464814e-22)).toBeLessThan(1e-12);
    // the tanh approximation, as x sigma(2u): the 0.5 x (1 + tanh u) form gives exactly 0 here
    expect(rel(geluTanh(-10), -1.2040923482098107e-37)).toBeLessThan(1e-12);
    expect(0.5 * -10 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (-10 - 0.044715 * 1000)))).toBe(-0);
  });

  it('every activation and derivative is finite at +-1000 and has the right limit', () => {
    for (const act of ACTIVATIONS) {
      for (const x of [-1000, 1000]) {
        expect(Number.isFinite(act.f(x))).toBe(true);
        expect(Number.isFinite(act.df(x))).toBe(true);
      }
    }
    expect([sigmoid(1000), sigmoid(-1000), sigmoidGrad(1000), sigmoidGrad(-1000)]).toEqual([1, 0, 0, 0]);
    expect([tanh(1000), tanh(-1000), tanhGrad(1000), tanhGrad(-1000)]).toEqual([1, -1, 0, 0]);
    expect([gelu(1000), gelu(-1000), geluGrad(1000), geluGrad(-1000)].map((v) => v + 0)).toEqual([1000, 0, 1, 0]);
    expect([geluTanh(1000), geluTanh(-1000), geluTanhGrad(1000), geluTanhGrad(-1000)].map((v) => v + 0)).toEqual([
      1000, 0, 1, 0,
    ]);
    expect(selu(-1000)).toBeCloseTo(-SELU_LAMBDA * SELU_ALPHA, 14);
    expect(elu(-1000)).toBe(-1);
    expect([swish(1000), swish(-1000) + 0, swishGrad(1000), swishGrad(-1000) + 0]).toEqual([1000, 0, 1, 0]);
  });

  it('every activation and derivative is finite at +-1e200 and +-1e-200 (x^2 or x^3 would overflow or vanish)', () => {
    for (const act of ACTIVATIONS) {
      for (const x of [-1e200, 1e200, -1e-200, 1e-200]) {
        expect(Number.isFinite(act.f(x))).toBe(true);
        expect(Number.isFinite(act.df(x))).toBe(true);
      }
    }
    // the tanh-approximated GELU's slope is 1 far right and 0 far left (its cubic overflows to Infinity)
    expect([geluTanhGrad(1e200), geluTanhGrad(-1e200) + 0]).toEqual([1, 0]);
    // near 0 every smooth activation is its linear part: GELU, its approximation and Swish have slope 1/2
    for (const f of [gelu, geluTanh, swish]) expect(f(1e-200) / 5e-201).toBeCloseTo(1, 14);
    expect(geluTanhGrad(1e-200)).toBeCloseTo(0.5, 14);
  });

  it('derivatives keep their tiny values where 1 - (almost 1) would round to 0', () => {
    // sigma'(40) = e^40 / (1 + e^40)^2 = 4.248e-18; s (1 - s) gives 0 there
    expect(rel(sigmoidGrad(40), 4.248354255291589e-18)).toBeLessThan(1e-13);
    const s40 = sigmoid(40);
    expect(s40 * (1 - s40)).toBe(0);
    // tanh'(20) = sech^2(20) = 1.699e-17; 1 - tanh^2 gives 0 there
    expect(rel(tanhGrad(20), 1.6993417021166355e-17)).toBeLessThan(1e-13);
    expect(1 - Math.tanh(20) ** 2).toBe(0);
    // tanh near 0: (1 - e^-2x)/(1 + e^-2x) with expm1 keeps full precision; 2 sigma(2x) - 1 does not
    expect(rel(tanh(1e-10), 1e-10)).toBeLessThan(1e-15);
    expect(tanh(1e-300)).toBe(1e-300);
    expect(rel(2 * sigmoid(2e-10) - 1, 1e-10)).toBeGreaterThan(1e-9);
    // swish'(-40) = s (1 + x (1 - s)) with s = sigma(-40): written with sigma(40) it stays exact
    const s = sigmoid(-40);
    expect(rel(swishGrad(-40), s + -40 * s * sigmoid(40))).toBeLessThan(1e-14);
  });

  it('tanh and its identity with the sigmoid still agree on a grid (the form changed, not the function)', () => {
    for (const x of GRID) {
      expect(tanh(x)).toBeCloseTo(2 * sigmoid(2 * x) - 1, 14);
      expect(tanhGrad(x)).toBeCloseTo(1 - Math.tanh(x) ** 2, 14);
      expect(sigmoidGrad(x)).toBeCloseTo(sigmoid(x) * (1 - sigmoid(x)), 15);
    }
  });
});
