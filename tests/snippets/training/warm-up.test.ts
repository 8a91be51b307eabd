import { describe, expect, it } from 'vitest';
import {
  adamUnbiasedStepScale,
  bertOriginalSchedule,
  linearWarmupDecay,
  noamSchedule,
} from '../../../content/snippets/training/warm-up.ts';

const S = { peakLr: 0.001, warmupSteps: 100, totalSteps: 1000 };

describe('linearWarmupDecay', () => {
  it('matches hand values at the start, during warm-up, at the peak, midway and the end', () => {
    expect(linearWarmupDecay(0, S)).toBe(0);
    // 0.001 * 50 / 100 = 0.0005
    expect(linearWarmupDecay(50, S)).toBeCloseTo(0.0005, 15);
    // end of warm-up: the peak itself
    expect(linearWarmupDecay(100, S)).toBeCloseTo(0.001, 15);
    // midway through the decay (step 550 of 100..1000): 0.001 * 450 / 900 = 0.0005
    expect(linearWarmupDecay(550, S)).toBeCloseTo(0.0005, 15);
    // a quarter of the way down: step 325 -> 0.001 * 675 / 900 = 0.00075
    expect(linearWarmupDecay(325, S)).toBeCloseTo(0.00075, 15);
    expect(linearWarmupDecay(1000, S)).toBe(0);
    expect(linearWarmupDecay(1200, S)).toBe(0); // clamped, never negative
  });

  it('is continuous at the end of warm-up and peaks there', () => {
    const before = linearWarmupDecay(99.999, S);
    const after = linearWarmupDecay(100.001, S);
    expect(Math.abs(before - after)).toBeLessThan(1e-7);
    let best = 0;
    let argBest = -1;
    for (let t = 0; t <= 1000; t++) {
      const lr = linearWarmupDecay(t, S);
      if (lr > best) {
        best = lr;
        argBest = t;
      }
    }
    expect(argBest).toBe(100);
  });

  it('does not overflow for a huge peak rate or underflow for a tiny one', () => {
    // 1e307 * 50 would overflow before the division by 100; the rate is 5e306
    const huge = { peakLr: 1e307, warmupSteps: 100, totalSteps: 1000 };
    expect(linearWarmupDecay(50, huge) / 5e306).toBeCloseTo(1, 14);
    expect(bertOriginalSchedule(50, huge) / 5e306).toBeCloseTo(1, 14);
    expect(linearWarmupDecay(550, huge) / 5e306).toBeCloseTo(1, 14);
    const tiny = { peakLr: 1e-300, warmupSteps: 100, totalSteps: 1000 };
    expect(linearWarmupDecay(50, tiny) / 5e-301).toBeCloseTo(1, 14);
  });

  it('rejects a schedule whose total does not exceed the warm-up', () => {
    expect(() => linearWarmupDecay(0, { peakLr: 1, warmupSteps: 10, totalSteps: 10 })).toThrow(/totalSteps/);
    expect(() => linearWarmupDecay(-1, S)).toThrow(/step/);
    expect(() => linearWarmupDecay(0, { ...S, peakLr: 0 })).toThrow(/peakLr/);
  });
});

describe('bertOriginalSchedule', () => {
  it('decays from step 0, so the rate dips at the end of warm-up', () => {
    // during warm-up identical to the linear schedule: 0.001 * 99 / 100
    expect(bertOriginalSchedule(99, S)).toBeCloseTo(0.00099, 15);
    // at step 100 the decay line has already lost 100/1000: 0.001 * 0.9 = 0.0009
    expect(bertOriginalSchedule(100, S)).toBeCloseTo(0.0009, 15);
    // 0.001 * (1 - 550/1000) = 0.00045, lower than the continuous schedule's 0.0005
    expect(bertOriginalSchedule(550, S)).toBeCloseTo(0.00045, 15);
    expect(bertOriginalSchedule(1000, S)).toBe(0);
  });
});

describe('noamSchedule', () => {
  it('peaks at the warm-up step with value (dModel * warmup)^-1/2', () => {
    // 512^-0.5 * 4000^-0.5 = 1 / sqrt(2_048_000) = 6.98771e-4
    expect(noamSchedule(4000, 512, 4000)).toBeCloseTo(1 / Math.sqrt(2_048_000), 12);
    expect(noamSchedule(3999, 512, 4000)).toBeLessThan(noamSchedule(4000, 512, 4000));
    expect(noamSchedule(4001, 512, 4000)).toBeLessThan(noamSchedule(4000, 512, 4000));
    // four times the warm-up: 1/sqrt(4) = half the peak
    expect(noamSchedule(16000, 512, 4000)).toBeCloseTo(noamSchedule(4000, 512, 4000) / 2, 12);
    // step 1: 512^-0.5 * 4000^-1.5 = 0.0441942 * 3.95285e-6 = 1.74693e-7
    expect(noamSchedule(1, 512, 4000)).toBeCloseTo(1.74693e-7, 11);
  });
});

describe('adamUnbiasedStepScale', () => {
  it('is 0.1 / sqrt(0.001) = 3.1623 at the first step with BERT betas', () => {
    expect(adamUnbiasedStepScale(1)).toBeCloseTo(3.16228, 5);
    // t = 10: (1 - 0.9^10) / sqrt(1 - 0.999^10) = 0.651322 / 0.099776 = 6.5279
    expect(adamUnbiasedStepScale(10)).toBeCloseTo(6.5279, 3);
  });

  it('equals |m|/sqrt(v) of an Adam loop without bias correction on a constant gradient', () => {
    const g = -2.5;
    let m = 0;
    let v = 0;
    for (let t = 1; t <= 3000; t++) {
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      expect(Math.abs(m) / Math.sqrt(v)).toBeCloseTo(adamUnbiasedStepScale(t), 9);
    }
  });

  it('is accurate when beta is within a few ulps of 1 or 0', () => {
    const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    // beta2 = 1 - 1e-16 is stored as 1 - 2^-53, so 1 - beta2 = 2^-53 and at t = 1 the scale is
    // 0.1 / sqrt(2^-53) = 0.1 * 2^26.5 = 9.4906e6
    expect(relErr(adamUnbiasedStepScale(1, 0.9, 1 - 1e-16), 0.1 * 2 ** 26.5)).toBeLessThan(1e-14);
    // beta2 = 1 - 1e-12 (delta = 1 - beta2 is exact), t = 3: 1 - beta2^3 = 3 delta - 3 delta^2 + delta^3.
    // The direct 1 - beta2 ** 3 keeps only about 11 of its 16 digits.
    const beta2 = 1 - 1e-12;
    const delta = 1 - beta2;
    const exact = (1 - 0.9 ** 3) / Math.sqrt(3 * delta - 3 * delta * delta + delta ** 3);
    expect(relErr(adamUnbiasedStepScale(3, 0.9, beta2), exact)).toBeLessThan(1e-14);
    // beta1 = 0: m_t = g, so the scale is 1 / sqrt(1 - beta2^t); beta1 = 1e-300 is the same
    expect(relErr(adamUnbiasedStepScale(1, 0, 0.999), 1 / Math.sqrt(0.001))).toBeLessThan(1e-13);
    expect(relErr(adamUnbiasedStepScale(1, 1e-300, 0.999), 1 / Math.sqrt(0.001))).toBeLessThan(1e-13);
    expect(() => adamUnbiasedStepScale(1, 1, 0.999)).toThrow(/beta1/);
  });

  it('overshoots early and settles to 1', () => {
    // the numbers the page quotes: a peak of 6.57 at t = 12, 3.24 at t = 100, 1.26 at t = 1,000
    let peak = 0;
    let argPeak = 0;
    for (let t = 1; t <= 200; t++) {
      if (adamUnbiasedStepScale(t) > peak) {
        peak = adamUnbiasedStepScale(t);
        argPeak = t;
      }
    }
    expect(argPeak).toBe(12);
    expect(peak).toBeCloseTo(6.5685, 4);
    expect(adamUnbiasedStepScale(100)).toBeCloseTo(3.2408, 4);
    expect(adamUnbiasedStepScale(1000)).toBeCloseTo(1.2576, 4);
    expect(adamUnbiasedStepScale(20_000)).toBeCloseTo(1, 6);
  });
});
