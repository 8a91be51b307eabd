import { describe, expect, it } from 'vitest';
import { columnMeans, covariance, pca, powerIteration, project } from '../../../content/snippets/recall/pca.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
/** Angle in degrees between two lines (sign of a direction does not matter). */
const angleDeg = (a: readonly number[], b: readonly number[]) =>
  (Math.acos(Math.min(1, Math.abs(dot(a, b)) / Math.sqrt(dot(a, a) * dot(b, b)))) * 180) / Math.PI;

// An orthonormal frame: rotate the standard axes by 30 deg about z, then 45 deg about x.
const c30 = Math.cos(Math.PI / 6);
const s30 = 0.5;
const r = Math.SQRT1_2;
const axes = [
  [c30, s30 * r, s30 * r], // (0.866, 0.354, 0.354)
  [-s30, c30 * r, c30 * r], // (-0.5, 0.612, 0.612)
  [0, -r, r], // (0, -0.707, 0.707)
];
const sds = [3, 1, 0.5]; // variances 9, 1, 0.25
const offset = [5, -2, 1];

function anisotropicSample(n: number, seed: number): number[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const z = sds.map((s) => s * normal(rng));
    return offset.map((m, j) => m + z.reduce((acc, zi, i) => acc + zi * axes[i]![j]!, 0));
  });
}

describe('covariance', () => {
  it('matches a hand case', () => {
    // rows (1,2), (3,6), (5,7): means (3, 5); deviations (-2,-3), (0,1), (2,2)
    // var x = (4+0+4)/2 = 4; var y = (9+1+4)/2 = 7; cov = (6+0+4)/2 = 5
    expect(
      columnMeans([
        [1, 2],
        [3, 6],
        [5, 7],
      ]),
    ).toEqual([3, 5]);
    expect(
      covariance([
        [1, 2],
        [3, 6],
        [5, 7],
      ]),
    ).toEqual([
      [4, 5],
      [5, 7],
    ]);
  });
});

describe('powerIteration', () => {
  it('finds the closed-form leading eigenpair of a 2x2 matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 3 (along (1,1)/sqrt2) and 1 (along (1,-1)/sqrt2)
    const { vector, value } = powerIteration(
      [
        [2, 1],
        [1, 2],
      ],
      mulberry32(1),
    );
    expect(value).toBeCloseTo(3, 9);
    expect(vector[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(vector[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

describe('pca on the three-point hand case', () => {
  it('matches the closed-form eigen-decomposition of [[4, 5], [5, 7]]', () => {
    // trace 11, determinant 28 - 25 = 3: lambda = (11 +- sqrt(121 - 12)) / 2 = 10.720, 0.280
    // top axis solves (4 - 10.720) a + 5 b = 0: (5, 6.720) / 8.376 = (0.597, 0.802)
    const m = pca(
      [
        [1, 2],
        [3, 6],
        [5, 7],
      ],
      2,
      mulberry32(2),
    );
    expect(m.eigenvalues[0]).toBeCloseTo((11 + Math.sqrt(109)) / 2, 8);
    expect(m.eigenvalues[1]).toBeCloseTo((11 - Math.sqrt(109)) / 2, 8);
    expect(m.components[0]![0]).toBeCloseTo(0.59693, 4);
    expect(m.components[0]![1]).toBeCloseTo(0.8023, 4);
    // explained variance of the first component: 10.720 / 11 = 97.5%
    expect(m.eigenvalues[0]! / m.totalVariance).toBeCloseTo(0.9746, 4);
  });
});

describe('pca on seeded anisotropic Gaussians, seeds 1..5', () => {
  const runs = [1, 2, 3, 4, 5].map((seed) => {
    const X = anisotropicSample(5000, seed);
    return { X, model: pca(X, 3, mulberry32(100 + seed)) };
  });

  it('recovers the known principal axes', () => {
    for (const { model } of runs) {
      // The sampling error of the top direction is about sqrt(l1 l2 / ((l1 - l2)^2 n)) rad
      // = sqrt(9 / (64 * 5000)) = 0.3 deg, so 2 deg is over 6 sd; skipping the centring
      // (mean (5,-2,1)) would point the axis towards the mean and fail by tens of degrees.
      // For the second and third, sqrt(1 * 0.25 / (0.75^2 * 5000)) = 0.5 deg: 5 deg is 10 sd.
      expect(angleDeg(model.components[0]!, axes[0]!)).toBeLessThan(2);
      expect(angleDeg(model.components[1]!, axes[1]!)).toBeLessThan(5);
      expect(angleDeg(model.components[2]!, axes[2]!)).toBeLessThan(5);
    }
  });

  it('returns descending eigenvalues close to the true variances 9, 1, 0.25', () => {
    for (const { model } of runs) {
      const [l1, l2, l3] = model.eigenvalues as [number, number, number];
      expect(l1).toBeGreaterThan(l2);
      expect(l2).toBeGreaterThan(l3);
      // sd of a sample variance is var * sqrt(2/n) = 2% of it; 8% is 4 sd
      expect(Math.abs(l1 / 9 - 1)).toBeLessThan(0.08);
      expect(Math.abs(l2 / 1 - 1)).toBeLessThan(0.08);
      expect(Math.abs(l3 / 0.25 - 1)).toBeLessThan(0.08);
      // all three components together explain all the variance
      expect(l1 + l2 + l3).toBeCloseTo(model.totalVariance, 6);
      expect(model.explainedRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(model.explainedRatio[0]).toBeCloseTo(l1 / model.totalVariance, 12);
    }
  });

  it('returns orthonormal components and centred, uncorrelated projections', () => {
    for (const { X, model } of runs) {
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++)
          expect(dot(model.components[a]!, model.components[b]!)).toBeCloseTo(a === b ? 1 : 0, 8);
      const Y = project(X, model);
      const C = covariance(Y);
      const means = columnMeans(Y);
      means.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-9));
      // the covariance of the scores is diagonal with the eigenvalues on it
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) expect(C[a]![b]).toBeCloseTo(a === b ? model.eigenvalues[a]! : 0, 6);
    }
  });

  it('rejects a bad k', () => {
    const X = runs[0]!.X;
    expect(() => pca(X, 4, mulberry32(1))).toThrow(/k must be/);
    expect(() => pca(X, 0, mulberry32(1))).toThrow(/k must be/);
  });
});

describe('numerical extremes', () => {
  const X = anisotropicSample(500, 9);
  const base = pca(X, 2, mulberry32(4));

  it('finds the same axes for data scaled by 1e-200 and 1e200, where naive covariances are 0 or Infinity', () => {
    for (const scale of [1e-200, 1e200]) {
      const Xs = X.map((row) => row.map((x) => x * scale));
      const m = pca(Xs, 2, mulberry32(4));
      m.components.forEach((w, c) => expect(angleDeg(w, base.components[c]!)).toBeLessThan(1e-6));
      m.explainedRatio.forEach((r, c) => expect(r).toBeCloseTo(base.explainedRatio[c]!, 10));
    }
    // the variances themselves are 1e-400 and 1e400 times those at scale 1: 0 and Infinity in
    // double precision, which is the correctly rounded value, while the ratios above stay exact
    expect(
      pca(
        X.map((row) => row.map((x) => x * 1e-200)),
        1,
        mulberry32(4),
      ).eigenvalues[0],
    ).toBe(0);
    expect(
      pca(
        X.map((row) => row.map((x) => x * 1e200)),
        1,
        mulberry32(4),
      ).eigenvalues[0],
    ).toBe(Infinity);
  });

  it('covariance and powerIteration are exact at scales whose squares still fit a double', () => {
    const C1 = covariance(X);
    for (const scale of [1e-150, 1e150]) {
      const Cs = covariance(X.map((row) => row.map((x) => x * scale)));
      Cs.forEach((row, a) => row.forEach((c, b) => expect(c / (scale * scale)).toBeCloseTo(C1[a]![b]!, 10)));
    }
    // a matrix of order 1e-300 or 1e300: same eigenvector, eigenvalue scaled
    const M = [
      [2, 1],
      [1, 2],
    ];
    for (const scale of [1e-300, 1e300]) {
      const { vector, value } = powerIteration(
        M.map((row) => row.map((x) => x * scale)),
        mulberry32(1),
      );
      expect(value / scale).toBeCloseTo(3, 9);
      expect(vector[0]).toBeCloseTo(Math.SQRT1_2, 6);
    }
    expect(() => powerIteration([[Infinity]], mulberry32(1))).toThrow(/finite/);
    expect(() => columnMeans([[1, Number.NaN]])).toThrow(/finite/);
  });
});
