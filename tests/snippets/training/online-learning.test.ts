import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  meanOnlineDistillLoss,
  mixReplay,
  onlineDistillGrad,
  onlineDistillLoss,
  replayWindow,
  selectReplay,
} from '../../../content/snippets/training/online-learning.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

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

  it('interleaves old and new: replayed samples fill about half of each half of the batch', () => {
    const batch = mixReplay(mulberry32(7), fresh, replay, 1);
    const firstHalf = batch.slice(0, 1000).filter((s) => s.id.startsWith('r')).length;
    // Hypergeometric: mean 500, sd = sqrt(1000 * 0.5 * 0.5 * 1000 / 1999) ~ 11.2. A batch that
    // appended replay after fresh would have 0 here.
    expect(Math.abs(firstHalf - 500)).toBeLessThan(45);
  });
});

describe('onlineDistillLoss', () => {
  it('matches a hand computation (click, student 0.8, teacher 0.9)', () => {
    // logloss = -ln 0.8 = 0.223144
    // CE(teacher, student) = -(0.9 ln 0.8 + 0.1 ln 0.2) = 0.200829 + 0.160944 = 0.361773
    // total = 0.223144 + 0.2 * 0.361773 = 0.295498
    expect(binaryCrossEntropy(1, 0.8)).toBeCloseTo(0.223144, 6);
    expect(binaryCrossEntropy(0.9, 0.8)).toBeCloseTo(0.361773, 6);
    expect(onlineDistillLoss(1, 0.8, 0.9)).toBeCloseTo(0.295498, 6);
  });

  it('matches a hand computation (no click, student 0.3, teacher 0.1) and averages a batch', () => {
    // logloss = -ln 0.7 = 0.356675; CE = -(0.1 ln 0.3 + 0.9 ln 0.7) = 0.120397 + 0.321007 = 0.441405
    // total = 0.356675 + 0.2 * 0.441405 = 0.444956
    expect(onlineDistillLoss(0, 0.3, 0.1)).toBeCloseTo(0.444956, 6);
    const mean = meanOnlineDistillLoss([
      { label: 1, studentP: 0.8, teacherP: 0.9 },
      { label: 0, studentP: 0.3, teacherP: 0.1 },
    ]);
    expect(mean).toBeCloseTo((0.295498 + 0.444956) / 2, 6);
  });

  it('with weight 0 is the plain logloss', () => {
    expect(onlineDistillLoss(1, 0.6, 0.1, 0)).toBeCloseTo(-Math.log(0.6), 12);
  });

  it('has gradient (p - y) + w (p - p_t) in the logit, checked by finite differences', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 50; i++) {
      const z = (rng() - 0.5) * 8;
      const y = rng() < 0.5 ? 0 : 1;
      const pt = rng();
      const h = 1e-5;
      const numeric = (onlineDistillLoss(y, sigmoid(z + h), pt) - onlineDistillLoss(y, sigmoid(z - h), pt)) / (2 * h);
      expect(onlineDistillGrad(y, sigmoid(z), pt)).toBeCloseTo(numeric, 6);
    }
  });

  it('is minimised at the soft label (y + 0.2 p_t) / 1.2', () => {
    // y = 1, p_t = 0.4: soft label = 1.08 / 1.2 = 0.9; a grid search over p must land there.
    let best = 0;
    let bestLoss = Infinity;
    for (let k = 1; k < 1000; k++) {
      const p = k / 1000;
      const l = onlineDistillLoss(1, p, 0.4);
      if (l < bestLoss) {
        bestLoss = l;
        best = p;
      }
    }
    expect(best).toBeCloseTo(0.9, 3);
    expect(onlineDistillGrad(1, 0.9, 0.4)).toBeCloseTo(0, 12);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => onlineDistillLoss(1, 1.2, 0.5)).toThrow(/p must be/);
    expect(() => onlineDistillLoss(2, 0.5, 0.5)).toThrow(/y must be/);
  });
});
