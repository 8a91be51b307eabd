import { describe, expect, it } from 'vitest';
import {
  distillSoftLabel,
  meanOnlineDistillLoss,
  mixReplay,
  onlineDistillGrad,
  onlineDistillLoss,
  replayWindow,
  selectReplay,
  simulateStudent,
} from '../../../content/snippets/training/online-learning.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';
import { sigmoid } from '../../../content/snippets/training/stable.ts';

/** The logit of a probability, to feed the student a given p_s. */
const logit = (p: number) => Math.log(p / (1 - p));

describe('replayWindow / selectReplay', () => {
  it('at 01:30 on day 5 replays yesterday from 01:30 to midnight and streams 01:00..now', () => {
    // now = 5 * 24 + 1.5 = 121.5; day starts at 120, hour-of-day is 1.
    // replay = [121.5 - 24, 120) = [97.5, 120); fresh = [120 + 1, 121.5] = [121, 121.5].
    const w = replayWindow(121.5);
    expect(w.replay).toEqual({ from: 97.5, to: 120 });
    expect(w.fresh).toEqual({ from: 121, to: 121.5 });

    const ts = [96.5, 97.4, 97.5, 110, 119.99, 120, 120.9, 121, 121.5, 121.6];
    const { replay, fresh } = selectReplay(
      ts.map((t) => ({ t })),
      121.5,
    );
    // 96.5 and 97.4 are yesterday before 01:30; 120 and 120.9 are today before 01:00 (already
    // streamed); 121.6 has not happened yet.
    expect(replay.map((s) => s.t)).toEqual([97.5, 110, 119.99]);
    expect(fresh.map((s) => s.t)).toEqual([121, 121.5]);
  });

  it('at midnight replays all of yesterday; at 23:15 only yesterday 23:15..24:00', () => {
    expect(replayWindow(48).replay).toEqual({ from: 24, to: 48 });
    expect(replayWindow(48 + 23.25).replay).toEqual({ from: 47.25, to: 48 });
  });

  it('replay + today-so-far covers every hour-of-day for exactly one hour (seeded random times)', () => {
    // Time covered by [a, b) inside hour-of-day bucket k, summed over days.
    const coverage = (a: number, b: number): number[] => {
      const out = new Array<number>(24).fill(0);
      for (let h = Math.floor(a); h < b; h++) {
        out[h % 24]! += Math.max(0, Math.min(b, h + 1) - Math.max(a, h));
      }
      return out;
    };
    const rng = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const now = 24 + rng() * 24 * 30;
      const w = replayWindow(now);
      // Replayed part, today's part already streamed [midnight, current hour), and the fresh part.
      const parts = [
        coverage(w.replay.from, w.replay.to),
        coverage(w.replay.to, w.fresh.from),
        coverage(w.fresh.from, w.fresh.to),
      ];
      for (let k = 0; k < 24; k++) {
        const total = parts.reduce((acc, c) => acc + c[k]!, 0);
        expect(total).toBeCloseTo(1, 9);
      }
    }
  });

  it('rejects a time before day 1', () => {
    expect(() => replayWindow(5)).toThrow(/now must be/);
  });
});

describe('mixReplay', () => {
  const fresh = Array.from({ length: 1000 }, (_, i) => ({ id: `f${i}` }));
  const replay = Array.from({ length: 5000 }, (_, i) => ({ id: `r${i}` }));

  it('keeps every fresh sample and adds round(ratio * fresh) distinct replayed ones', () => {
    const batch = mixReplay(mulberry32(3), fresh, replay, 0.5);
    expect(batch).toHaveLength(1500);
    const ids = new Set(batch.map((s) => s.id));
    expect(ids.size).toBe(1500); // no sample drawn twice
    for (const f of fresh) expect(ids.has(f.id)).toBe(true);
    expect(batch.filter((s) => s.id.startsWith('r'))).toHaveLength(500);
  });

  it('caps the draw at the replay pool and returns only fresh samples for ratio 0', () => {
    expect(mixReplay(mulberry32(1), fresh, replay.slice(0, 10), 2)).toHaveLength(1010);
    expect(mixReplay(mulberry32(1), fresh, replay, 0)).toHaveLength(1000);
  });

  it('interleaves old and new: replayed samples fill about half of each half of the batch (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const batch = mixReplay(mulberry32(seed), fresh, replay, 1);
      const firstHalf = batch.slice(0, 1000).filter((s) => s.id.startsWith('r')).length;
      // Hypergeometric: mean 500, sd = sqrt(1000 * 0.5 * 0.5 * 1000 / 1999) ~ 11.2; the bound is
      // 5 sd. A batch that appended replay after fresh would have 0 here.
      expect(Math.abs(firstHalf - 500)).toBeLessThan(56);
    }
  });
});

describe('onlineDistillLoss', () => {
  it('matches a hand computation (click, student 0.8, teacher 0.9)', () => {
    // logloss = -ln 0.8 = 0.223144
    // CE(teacher, student) = -(0.9 ln 0.8 + 0.1 ln 0.2) = 0.200829 + 0.160944 = 0.361773
    // total = 0.223144 + 0.2 * 0.361773 = 0.295498
    expect(onlineDistillLoss(1, logit(0.8), 0.9, 0)).toBeCloseTo(0.223144, 6);
    expect(onlineDistillLoss(1, logit(0.8), 0.9)).toBeCloseTo(0.295498, 6);
    // gradient (0.8 - 1) + 0.2 (0.8 - 0.9) = -0.2 - 0.02 = -0.22
    expect(onlineDistillGrad(1, logit(0.8), 0.9)).toBeCloseTo(-0.22, 12);
  });

  it('matches a hand computation (no click, student 0.3, teacher 0.1) and averages a batch', () => {
    // logloss = -ln 0.7 = 0.356675; CE = -(0.1 ln 0.3 + 0.9 ln 0.7) = 0.120397 + 0.321007 = 0.441405
    // total = 0.356675 + 0.2 * 0.441405 = 0.444956; gradient 0.3 + 0.2 * 0.2 = 0.34
    expect(onlineDistillLoss(0, logit(0.3), 0.1)).toBeCloseTo(0.444956, 6);
    expect(onlineDistillGrad(0, logit(0.3), 0.1)).toBeCloseTo(0.34, 12);
    const mean = meanOnlineDistillLoss([
      { label: 1, studentLogit: logit(0.8), teacherP: 0.9 },
      { label: 0, studentLogit: logit(0.3), teacherP: 0.1 },
    ]);
    expect(mean).toBeCloseTo((0.295498 + 0.444956) / 2, 6);
  });

  it('with weight 0 is the plain logloss', () => {
    expect(onlineDistillLoss(1, logit(0.6), 0.1, 0)).toBeCloseTo(-Math.log(0.6), 12);
  });

  it('is exact for student logits of +-1000 and teacher probabilities of 1e-300 and 1 - 1e-16', () => {
    const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    // a click the student is sure against (z = -1000): logloss 1000; teacher 1e-300 agrees with the
    // student: CE = 1000 * 1e-300 + log1p(e^-1000) = 1e-297. Total 1000 + 0.2e-297 = 1000.
    expect(onlineDistillLoss(1, -1000, 1e-300)).toBe(1000);
    // a non-click, student sure of a click (z = 1000): logloss 1000; teacher 1 - 1e-16 (stored as
    // 1 - 2^-53): CE = 1000 * 2^-53; total 1000 + 0.2 * 1000 * 2^-53
    expect(relErr(onlineDistillLoss(0, 1000, 1 - 1e-16), 1000 + 200 * 2 ** -53)).toBeLessThan(1e-15);
    // the teacher term alone at z = 1000 with p_t = 1 - 2^-53 is 1000 * 2^-53 = 1.11e-13, which
    // the probability form -(p_t ln p_s + (1 - p_t) ln(1 - p_s)) cannot give: p_s rounds to 1.
    expect(
      relErr(onlineDistillLoss(1, 1000, 1 - 1e-16, 1) - onlineDistillLoss(1, 1000, 1 - 1e-16, 0), 1000 * 2 ** -53),
    ).toBeLessThan(1e-15);
    // gradients: (1 + w)(sigmoid(z) - t): at z = -1000, label 1, p_t = 1: 1.2 * (0 - 1) = -1.2
    expect(onlineDistillGrad(1, -1000, 1)).toBeCloseTo(-1.2, 15);
    expect(onlineDistillGrad(0, 1000, 0)).toBeCloseTo(1.2, 15);
  });

  it('has gradient (p - y) + w (p - p_t) in the logit, checked by finite differences (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 20; i++) {
        const z = (rng() - 0.5) * 8;
        const y = rng() < 0.5 ? 0 : 1;
        const pt = rng();
        const h = 1e-5;
        const numeric = (onlineDistillLoss(y, z + h, pt) - onlineDistillLoss(y, z - h, pt)) / (2 * h);
        expect(onlineDistillGrad(y, z, pt)).toBeCloseTo(numeric, 6);
        expect(onlineDistillGrad(y, z, pt)).toBeCloseTo(sigmoid(z) - y + 0.2 * (sigmoid(z) - pt), 12);
      }
    }
  });

  it('is (1 + w) times logloss against the soft label t = (y + w p_t) / (1 + w), up to a constant', () => {
    // BCE is linear in its label, so bce(z, y) + w bce(z, p_t) = (1 + w) bce(z, t) exactly.
    for (const [y, pt, z] of [
      [1, 0.4, 0.3],
      [0, 0.9, -2],
      [1, 0.05, 1000],
    ] as const) {
      const t = distillSoftLabel(y, pt);
      expect(onlineDistillLoss(y, z, pt)).toBeCloseTo(1.2 * onlineDistillLoss(t, z, 0, 0), 9);
    }
    // with w = 0.2 the soft label is 5/6 label + 1/6 teacher
    expect(distillSoftLabel(1, 0.4)).toBeCloseTo(5 / 6 + 0.4 / 6, 15);
    // teacher probabilities of 1e-300 and 1 - 1e-16: 1e-300 / 6 and 5/6 + (1 - 2^-53) / 6
    expect(distillSoftLabel(0, 1e-300) / (1e-300 / 6)).toBeCloseTo(1, 14);
    expect(distillSoftLabel(1, 1 - 1e-16)).toBeCloseTo(1, 15);
    expect(() => distillSoftLabel(0.5, 1.5)).toThrow(/teacherP/);
  });

  it('is minimised at the soft label (y + 0.2 p_t) / 1.2', () => {
    // y = 1, p_t = 0.4: soft label = 1.08 / 1.2 = 0.9; a grid search over p must land there.
    let best = 0;
    let bestLoss = Infinity;
    for (let k = 1; k < 1000; k++) {
      const p = k / 1000;
      const l = onlineDistillLoss(1, logit(p), 0.4);
      if (l < bestLoss) {
        bestLoss = l;
        best = p;
      }
    }
    expect(best).toBeCloseTo(0.9, 3);
    expect(onlineDistillGrad(1, logit(0.9), 0.4)).toBeCloseTo(0, 12);
  });

  it('leaves the label noise of every step unchanged: a click and a non-click differ by exactly 1', () => {
    // gradient = (1 + w) p_s - y - w p_t: the label enters with coefficient -1 whatever w is,
    // so one noisy batch moves the student exactly as far with the teacher term as without it.
    for (const w of [0, 0.2, 1, 5]) {
      for (const z of [-3, 0, 2.5]) {
        expect(onlineDistillGrad(1, z, 0.3, w) - onlineDistillGrad(0, z, 0.3, w)).toBeCloseTo(-1, 14);
      }
    }
  });

  it('rejects probabilities outside [0, 1], non-finite logits and negative weights', () => {
    expect(() => onlineDistillLoss(1, 0, 1.2)).toThrow(/teacherP must be/);
    expect(() => onlineDistillLoss(2, 0, 0.5)).toThrow(/label must be/);
    expect(() => onlineDistillLoss(1, Infinity, 0.5)).toThrow(/finite logit/);
    expect(() => onlineDistillLoss(1, 0, 0.5, -1)).toThrow(/weight/);
  });
});

describe('simulateStudent: what the 0.2 teacher term does to a streaming student', () => {
  // Ten runs of 400,000 SGD steps take a few seconds, longer when other test files run alongside.
  const SIMULATION_TIMEOUT = 60_000;
  // One logit, plain SGD with lr = 0.05, 400,000 streamed labels per run, the first 20,000
  // dropped as burn-in; the same seed gives both runs the same labels.
  const run = (
    seed: number,
    clickRate: number,
    teacherP: number,
    weight: number,
    options: { lr?: number; lossScale?: number; optimizer?: 'sgd' | 'adam' } = {},
  ) => {
    const ps = simulateStudent(mulberry32(seed), {
      clickRate,
      teacherP,
      weight,
      lr: 0.05,
      steps: 400_000,
      ...options,
    }).slice(20_000);
    const mean = ps.reduce((a, p) => a + p, 0) / ps.length;
    const variance = ps.reduce((a, p) => a + (p - mean) ** 2, 0) / ps.length;
    return { mean, variance };
  };

  it(
    'settles at 5/6 click rate + 1/6 teacher, not at the teacher (seeds 1..5)',
    () => {
      // In the stationary state E[gradient] = 0, i.e. E[sigmoid(z)] = E[t] exactly:
      // (0.3 + 0.2 * 0.2) / 1.2 = 0.28333 with the teacher at 0.2; 0.3 without the term.
      // The prediction has sd about 0.033 and a correlation time of about 1 / (lr p (1 - p) 1.2)
      // = 80 steps, so the time average over 380,000 steps has sd about 0.033 / sqrt(380000 / 160)
      // = 0.0007; the bound 0.0035 is 5 sd.
      for (let seed = 1; seed <= 5; seed++) {
        expect(Math.abs(run(seed, 0.3, 0.2, 0.2).mean - 0.34 / 1.2)).toBeLessThan(0.0035);
        expect(Math.abs(run(seed, 0.3, 0.2, 0).mean - 0.3)).toBeLessThan(0.0035);
      }
    },
    SIMULATION_TIMEOUT,
  );

  it(
    'shrinks the stationary variance of the prediction to about 5/6 (seeds 1..5)',
    () => {
      // Linearised around the optimum, z follows e' = (1 - a) e + noise with a = lr (1 + w) p (1 - p):
      // the teacher term multiplies the pull a by 1.2 and leaves the noise per step unchanged, so the
      // stationary variance a-noise^2 / (a (2 - a)) falls by (2 - a0) / (1.2 (2 - a1)) = 0.834 at
      // lr = 0.05, p = 0.3 (5/6 = 0.833 as lr -> 0). With the teacher agreeing on average
      // (p_t = click rate) the level does not move, so the ratio isolates the noise. The sampling
      // error of a ratio of variances from 2,400 effective samples, the runs sharing their labels,
      // is below 0.01.
      for (let seed = 1; seed <= 5; seed++) {
        const ratio = run(seed, 0.3, 0.3, 0.2).variance / run(seed, 0.3, 0.3, 0).variance;
        expect(ratio).toBeGreaterThan(0.81);
        expect(ratio).toBeLessThan(0.86);
      }
    },
    SIMULATION_TIMEOUT,
  );

  it(
    'gives (5/6)^2, not 5/6, when the loss is divided by 1.2 at the same SGD learning rate (seeds 1..5)',
    () => {
      // Normalised loss 5/6 logloss + 1/6 teacher CE: gradient p - t, so the pull a = lr p (1 - p)
      // is the same as without the term while the label noise is scaled by 5/6: the stationary
      // variance ratio is (5/6)^2 = 0.694 exactly in the linearised model. A ratio of 5/6 = 0.833
      // would fail the upper bound.
      for (let seed = 1; seed <= 5; seed++) {
        const ratio = run(seed, 0.3, 0.3, 0.2, { lossScale: 1 / 1.2 }).variance / run(seed, 0.3, 0.3, 0).variance;
        expect(ratio).toBeGreaterThan(0.67);
        expect(ratio).toBeLessThan(0.72);
        // SGD cannot tell a loss scale from a learning rate: lossScale 1/1.2 is lr / 1.2
        const viaLr = run(seed, 0.3, 0.3, 0.2, { lr: 0.05 / 1.2 }).variance / run(seed, 0.3, 0.3, 0).variance;
        expect(viaLr).toBeCloseTo(ratio, 9);
      }
    },
    SIMULATION_TIMEOUT,
  );

  it(
    'with Adam gives about 5/6 whether or not the loss is divided by 1.2 (seeds 1..5)',
    () => {
      // Adam divides each step by the root-mean-square gradient. Near the optimum that is the label
      // noise, which the term leaves unchanged, so Adam steps like SGD at a fixed rate: ratio 5/6.
      // Dividing the loss by 1.2 divides the gradient and its RMS alike and changes nothing.
      const adam = { lr: 0.01, optimizer: 'adam' } as const;
      for (let seed = 1; seed <= 5; seed++) {
        const base = run(seed, 0.3, 0.3, 0, adam).variance;
        const summed = run(seed, 0.3, 0.3, 0.2, adam).variance / base;
        const normalised = run(seed, 0.3, 0.3, 0.2, { ...adam, lossScale: 1 / 1.2 }).variance / base;
        expect(summed).toBeGreaterThan(0.8);
        expect(summed).toBeLessThan(0.87);
        expect(Math.abs(normalised - summed)).toBeLessThan(0.01);
      }
    },
    SIMULATION_TIMEOUT,
  );

  it('rejects bad settings', () => {
    expect(() =>
      simulateStudent(mulberry32(1), { clickRate: 1, teacherP: 0.5, weight: 0.2, lr: 0.1, steps: 3 }),
    ).toThrow(/clickRate/);
    expect(() =>
      simulateStudent(mulberry32(1), { clickRate: 0.5, teacherP: 0.5, weight: 0.2, lr: 0, steps: 3 }),
    ).toThrow(/lr/);
    expect(() =>
      simulateStudent(mulberry32(1), { clickRate: 0.5, teacherP: 0.5, weight: 0.2, lr: 0.1, steps: 3, lossScale: 0 }),
    ).toThrow(/lossScale/);
  });
});
