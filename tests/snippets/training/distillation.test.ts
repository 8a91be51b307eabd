import { describe, expect, it } from 'vitest';
import {
  kdLoss,
  klDivergence,
  softTargetGrad,
  softTargetLoss,
  softmaxT,
} from '../../../content/snippets/training/distillation.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const zeroMean = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return v.map((x) => x - m);
};

describe('softmaxT', () => {
  it('matches a hand computation and flattens with temperature', () => {
    // softmax([2, 0] / 2) = [e / (e + 1), 1 / (e + 1)] = [0.731059, 0.268941]
    const p = softmaxT([2, 0], 2);
    expect(p[0]).toBeCloseTo(0.731059, 6);
    expect(p[1]).toBeCloseTo(0.268941, 6);
    // At T = 1 the same logits give e^2 / (e^2 + 1) = 0.880797: sharper.
    expect(softmaxT([2, 0], 1)[0]).toBeCloseTo(0.880797, 6);
    // Very high T tends to uniform.
    for (const v of softmaxT([5, 1, -3], 1e6)) expect(v).toBeCloseTo(1 / 3, 5);
  });

  it('does not overflow on huge logits', () => {
    const p = softmaxT([1000, 999], 1);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('rejects a non-positive temperature', () => {
    expect(() => softmaxT([1, 2], 0)).toThrow(/T must be/);
  });
});

describe('softTargetLoss and kdLoss', () => {
  it('matches a hand computation (teacher [2, 0], student [1, 0], T = 2)', () => {
    // p = softmax([1, 0]) = [0.731059, 0.268941]; q = softmax([0.5, 0]) = [0.622459, 0.377541]
    // KL(p || q) = 0.731059 ln(0.731059 / 0.622459) + 0.268941 ln(0.268941 / 0.377541)
    //            = 0.731059 * 0.160818 + 0.268941 * (-0.339183) = 0.117568 - 0.091222 = 0.026345
    // soft term = T^2 * KL = 4 * 0.026345 = 0.105378
    expect(klDivergence(softmaxT([2, 0], 2), softmaxT([1, 0], 2))).toBeCloseTo(0.026345, 5);
    expect(softTargetLoss([1, 0], [2, 0], 2)).toBeCloseTo(0.105378, 5);
    // hard CE (label 0, T = 1) = -ln(e / (e + 1)) = ln(1 + e^-1) = 0.313262
    // alpha = 0.7: 0.7 * 0.105378 + 0.3 * 0.313262 = 0.073765 + 0.093979 = 0.167743
    expect(kdLoss([1, 0], [2, 0], 0, 2, 0.7)).toBeCloseTo(0.167743, 5);
    // alpha = 0 is plain cross-entropy with the label.
    expect(kdLoss([1, 0], [2, 0], 0, 2, 0)).toBeCloseTo(0.313262, 6);
  });

  it('is zero when the student equals the teacher and positive otherwise', () => {
    const rng = mulberry32(21);
    for (let i = 0; i < 30; i++) {
      const z = Array.from({ length: 4 }, () => (rng() - 0.5) * 10);
      const T = 0.5 + rng() * 10;
      expect(softTargetLoss(z, z, T)).toBeCloseTo(0, 12);
      const other = z.map((v) => v + (rng() - 0.5));
      expect(softTargetLoss(other, z, T)).toBeGreaterThan(0);
    }
  });

  it('ignores a constant shift of either logit vector (softmax is shift-invariant)', () => {
    expect(softTargetLoss([1, 2, 3], [0, 4, 1], 3)).toBeCloseTo(softTargetLoss([11, 12, 13], [-5, -1, -4], 3), 12);
  });
});

describe('softTargetGrad', () => {
  it('equals T (q - p) and agrees with finite differences', () => {
    const rng = mulberry32(8);
    for (let trial = 0; trial < 20; trial++) {
      const zs = Array.from({ length: 5 }, () => (rng() - 0.5) * 6);
      const zt = Array.from({ length: 5 }, () => (rng() - 0.5) * 6);
      const T = 1 + rng() * 9;
      const g = softTargetGrad(zs, zt, T);
      const h = 1e-5;
      for (let i = 0; i < zs.length; i++) {
        const up = zs.slice();
        const dn = zs.slice();
        up[i]! += h;
        dn[i]! -= h;
        const numeric = (softTargetLoss(up, zt, T) - softTargetLoss(dn, zt, T)) / (2 * h);
        expect(g[i]).toBeCloseTo(numeric, 5);
      }
    }
  });

  it('with the T^2 factor keeps gradient magnitudes comparable across temperatures', () => {
    // For zero-mean logits and large T, q_i - p_i ~ (z_i - v_i) / (N T), so
    // T^2 * (1/T)(q_i - p_i) ~ (z_i - v_i) / N: independent of T. Without the T^2 factor the
    // gradient (q_i - p_i) / T falls like 1/T^2.
    const rng = mulberry32(4);
    const N = 5;
    const zs = zeroMean(Array.from({ length: N }, () => (rng() - 0.5) * 4));
    const zt = zeroMean(Array.from({ length: N }, () => (rng() - 0.5) * 4));
    const limit = norm(zs.map((v, i) => (v - zt[i]!) / N));

    const scaled = [5, 20, 100].map((T) => norm(softTargetGrad(zs, zt, T)));
    // Within 10% of the T-independent limit already at T = 5, within 1% at T = 100.
    expect(Math.abs(scaled[0]! / limit - 1)).toBeLessThan(0.1);
    expect(Math.abs(scaled[2]! / limit - 1)).toBeLessThan(0.01);
    expect(scaled[1]! / scaled[2]!).toBeGreaterThan(0.95);
    expect(scaled[1]! / scaled[2]!).toBeLessThan(1.05);

    // Unscaled gradient = scaled / T^2: going from T = 20 to T = 100 shrinks it ~25 times.
    const raw20 = scaled[1]! / 400;
    const raw100 = scaled[2]! / 10_000;
    expect(raw20 / raw100).toBeGreaterThan(23);
    expect(raw20 / raw100).toBeLessThan(27);
  });

  it('in the high-temperature limit the loss becomes logit matching, sum (z - v)^2 / (2N)', () => {
    const zs = zeroMean([1.5, -0.5, 0.25, -1.25]);
    const zt = zeroMean([0.5, 1, -2, 0.5]);
    const target = zs.reduce((a, v, i) => a + (v - zt[i]!) ** 2, 0) / (2 * zs.length);
    expect(softTargetLoss(zs, zt, 1000) / target).toBeCloseTo(1, 3);
  });
});
