import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_CHOICE,
  EXAMPLE_WORLD,
  badModel,
  directMethod,
  doublyRobust,
  effectiveSampleSize,
  estimatorMoments,
  exampleLogging,
  exampleTarget,
  goodModel,
  greedyPolicy,
  ips,
  policyValue,
  replay,
  simulateLog,
  snips,
  softmaxPolicy,
  type LoggedEvent,
  type Policy,
} from '../../../content/snippets/evaluation/ope.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];
const choose = (x: number) => EXAMPLE_CHOICE[x]!;
const uniform: Policy = () => [0.25, 0.25, 0.25, 0.25];

const meanSd = (v: number[]) => {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean: m, sd: Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1)) };
};

describe('the estimators on a hand-computed log', () => {
  // target: context 0 -> action 1, context 1 -> action 2
  const target: Policy = (x) => (x === 0 ? [0, 1, 0] : [0, 0, 1]);
  const log: LoggedEvent[] = [
    { context: 0, action: 1, reward: 1, propensity: 0.5 }, // w = 2
    { context: 0, action: 0, reward: 0, propensity: 0.5 }, // w = 0
    { context: 1, action: 2, reward: 1, propensity: 0.25 }, // w = 4
    { context: 1, action: 1, reward: 0, propensity: 0.75 }, // w = 0
  ];
  const half = () => 0.5;

  it('gives the values worked out by hand', () => {
    expect(ips(log, target)).toBeCloseTo((2 + 4) / 4, 15); // 1.5: IPS can leave the range of the rewards
    expect(snips(log, target)).toBeCloseTo(6 / 6, 15);
    expect(replay(log, (x) => (x === 0 ? 1 : 2))).toEqual({ value: 1, matched: 2 });
    expect(directMethod(log, target, half)).toBeCloseTo(0.5, 15);
    // 0.5 + (2 (1 - 0.5) + 4 (1 - 0.5)) / 4 = 1.25
    expect(doublyRobust(log, target, half)).toBeCloseTo(1.25, 15);
    expect(effectiveSampleSize(log, target)).toBeCloseTo(36 / 20, 14); // (2 + 4)^2 / (4 + 16)
  });

  it('rejects logs without usable propensities and targets that are not distributions', () => {
    const bad = (p: number) => [{ context: 0, action: 1, reward: 1, propensity: p }];
    expect(() => ips(bad(0), target)).toThrow(/propensity must be in \(0, 1\]/);
    expect(() => ips(bad(1.5), target)).toThrow(/propensity/);
    expect(() => ips(bad(Number.NaN), target)).toThrow(/propensity/);
    expect(() => snips([], target)).toThrow(/empty/);
    expect(() => ips(log, () => [0.5, 0.6, 0])).toThrow(/sum to 1/);
    expect(() => ips(log, () => [-0.1, 1.1, 0])).toThrow(/\[0, 1\]/);
    expect(() => doublyRobust([{ context: 0, action: 5, reward: 1, propensity: 0.5 }], target, half)).toThrow(
      /outside the target's action set/,
    );
  });
});

describe('properties against naive implementations', () => {
  const rng = mulberry32(9);
  const randomLog = (n: number): LoggedEvent[] =>
    Array.from({ length: n }, () => ({
      context: Math.floor(rng() * 3),
      action: Math.floor(rng() * 4),
      reward: rng() < 0.3 ? 1 : 0,
      propensity: 0.01 + 0.99 * rng(),
    }));
  const target = softmaxPolicy([
    [1, 0, 2, -1],
    [0, 3, 0, 0],
    [-2, 1, 1, 0],
  ]);

  it('IPS, SNIPS and DR equal their textbook formulas', () => {
    for (let t = 0; t < 30; t++) {
      const log = randomLog(5 + Math.floor(rng() * 50));
      const w = log.map((e) => target(e.context)[e.action]! / e.propensity);
      const n = log.length;
      expect(ips(log, target)).toBeCloseTo(w.reduce((s, v, i) => s + v * log[i]!.reward, 0) / n, 12);
      expect(snips(log, target)).toBeCloseTo(
        w.reduce((s, v, i) => s + v * log[i]!.reward, 0) / w.reduce((s, v) => s + v, 0),
        12,
      );
      const m = (x: number, a: number) => 0.1 * x + 0.05 * a;
      const dm = log.reduce((s, e) => s + target(e.context).reduce((t2, p, a) => t2 + p * m(e.context, a), 0), 0) / n;
      const dr = dm + w.reduce((s, v, i) => s + v * (log[i]!.reward - m(log[i]!.context, log[i]!.action)), 0) / n;
      expect(directMethod(log, target, m)).toBeCloseTo(dm, 12);
      expect(doublyRobust(log, target, m)).toBeCloseTo(dr, 12);
    }
  });

  it('under uniform logging, replay and SNIPS coincide for a deterministic target', () => {
    for (const seed of SEEDS) {
      const log = simulateLog(mulberry32(seed), EXAMPLE_WORLD, uniform, 500);
      expect(replay(log, choose).value).toBeCloseTo(snips(log, exampleTarget), 13);
    }
  });

  it('DR with rhat = 0 is IPS; with a perfect model DM and DR are centred on the truth', () => {
    const log = simulateLog(mulberry32(4), EXAMPLE_WORLD, exampleLogging, 300);
    expect(doublyRobust(log, exampleTarget, () => 0)).toBeCloseTo(ips(log, exampleTarget), 13);
    const perfect = (x: number, a: number) => EXAMPLE_WORLD.ctr[x]![a]!;
    const m = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, perfect, 1000);
    expect(m.directMethod.mean).toBeCloseTo(0.37, 14);
    expect(m.doublyRobust.mean).toBeCloseTo(0.37, 14);
    // with the true rates as the model, DR's residuals are pure Bernoulli noise: smaller SD than IPS
    expect(m.doublyRobust.sd).toBeLessThan(m.ips.sd);
  });

  it('SNIPS is unchanged when every propensity is divided by the same constant', () => {
    const log = randomLog(40);
    const scaled = log.map((e) => ({ ...e, propensity: e.propensity / 7 }));
    expect(snips(scaled, target)).toBeCloseTo(snips(log, target), 13);
    expect(ips(scaled, target)).toBeCloseTo(7 * ips(log, target), 12);
  });
});

describe('extreme propensities and logits', () => {
  const target: Policy = () => [1, 0];

  it('keeps 1e300-sized weights finite where a naive sum overflows', () => {
    const log: LoggedEvent[] = [
      { context: 0, action: 0, reward: 1, propensity: 1e-308 },
      { context: 1, action: 0, reward: 1, propensity: 1e-308 },
    ];
    // naive: (1e308 + 1e308) / 2 overflows to Infinity on the way; the answer is 1e308
    expect((1e308 + 1e308) / 2).toBe(Infinity);
    expect(ips(log, target) / 1e308).toBeCloseTo(1, 12);
    expect(snips(log, target)).toBe(1);
    expect(effectiveSampleSize(log, target)).toBeCloseTo(2, 12);
    expect(doublyRobust(log, target, () => 0.5) / 5e307).toBeCloseTo(1, 12); // 0.5 + 1e308 * 0.5
  });

  it('handles a propensity of 1e-300 next to ordinary ones', () => {
    const log: LoggedEvent[] = [
      { context: 0, action: 0, reward: 1, propensity: 1e-300 },
      { context: 1, action: 0, reward: 0, propensity: 1 },
    ];
    expect(ips(log, target) / 5e299).toBeCloseTo(1, 12);
    expect(snips(log, target)).toBe(1); // 1e300 / (1e300 + 1)
    expect(effectiveSampleSize(log, target)).toBeCloseTo(1, 12);
  });

  it('builds softmax policies from logits of +-1000 without NaN', () => {
    const p = softmaxPolicy([
      [1000, -1000, 0],
      [200, 1000, 1000],
    ]);
    expect(p(0)).toEqual([1, 0, 0]);
    expect(p(1)[0]).toBe(0); // a gap of 800 underflows to an exact 0
    expect(p(1)[1]).toBeCloseTo(0.5, 15);
    expect(p(1)[2]).toBeCloseTo(0.5, 15);
    expect(() => softmaxPolicy([[1, 2]], 0)).toThrow(/temperature/);
    expect(greedyPolicy([[0.1, 0.7, 0.2]])(0)).toEqual([0, 1, 0]);
  });
});

describe('the worked example, computed exactly', () => {
  const n = 1000;
  const good = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, goodModel, n);
  const bad = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, badModel, n);

  it('has the logging propensities and weights quoted on the page', () => {
    const fmt = (p: readonly number[]) => p.map((v) => v.toFixed(3));
    expect(fmt(exampleLogging(0))).toEqual(['0.579', '0.213', '0.078', '0.129']);
    expect(fmt(exampleLogging(1))).toEqual(['0.579', '0.078', '0.213', '0.129']);
    expect(fmt(exampleLogging(2))).toEqual(['0.213', '0.129', '0.579', '0.078']);
    const w = [0, 1, 2].map((x) => 1 / exampleLogging(x)[EXAMPLE_CHOICE[x]!]!);
    expect(w.map((v) => v.toFixed(1))).toEqual(['4.7', '4.7', '12.8']);
  });

  it('has the true values quoted on the page', () => {
    expect(good.truth.mean).toBeCloseTo(0.37, 14); // 0.5*0.3 + 0.3*0.4 + 0.2*0.5
    expect(policyValue(EXAMPLE_WORLD, exampleLogging)).toBeCloseTo(0.168, 3);
    expect(good.replay.mean).toBeCloseTo(0.351, 3); // replay converges here, not to 0.37
    expect(good.directMethod.mean).toBeCloseTo(0.3275, 14); // 0.75 * 0.37 + 0.05
    expect(bad.directMethod.mean).toBeCloseTo(0.186, 14);
  });

  it('shows IPS and DR unbiased for any reward model, DM only as good as its model', () => {
    for (const m of [good, bad]) {
      expect(m.ips.mean).toBeCloseTo(0.37, 14);
      expect(m.doublyRobust.mean).toBeCloseTo(0.37, 14);
    }
    const zero = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, () => 0, n);
    expect(zero.doublyRobust.mean).toBeCloseTo(0.37, 14);
    expect(zero.doublyRobust.sd).toBeCloseTo(zero.ips.sd, 14); // DR with rhat = 0 is IPS
  });

  it('has the standard deviations quoted on the page (n = 1000)', () => {
    expect(good.ips.sd).toBeCloseTo(0.049, 3);
    expect(good.snips.sd).toBeCloseTo(0.039, 3);
    expect(good.doublyRobust.sd).toBeCloseTo(0.0386, 4);
    expect(bad.doublyRobust.sd).toBeCloseTo(0.0419, 4);
    expect(good.replay.sd).toBeCloseTo(0.035, 3);
    expect(good.directMethod.sd).toBeCloseTo(0.0019, 4);
    expect(good.snips.sd).toBeLessThan(good.ips.sd);
    expect(good.doublyRobust.sd).toBeLessThan(bad.doublyRobust.sd);
    expect(bad.doublyRobust.sd).toBeLessThan(bad.ips.sd);
  });

  it('keeps replay biased however large the log, while the others shrink as 1 / sqrt(n)', () => {
    const big = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, goodModel, 100_000);
    expect(big.replay.mean).toBeCloseTo(good.replay.mean, 14);
    expect(big.ips.sd).toBeCloseTo(good.ips.sd / 10, 12);
    expect(big.replay.sd).toBeCloseTo(0.0035, 4);
    const uni = estimatorMoments(EXAMPLE_WORLD, uniform, exampleTarget, goodModel, n);
    expect(uni.replay.mean).toBeCloseTo(0.37, 14); // uniform logging: replay is unbiased
  });

  it('biases IPS when the log records the wrong propensities, and DR with a decent model survives', () => {
    // a common mistake: each item's overall share of impressions instead of pi_0(a | x)
    const share = [0, 1, 2, 3].map((a) =>
      EXAMPLE_WORLD.contextProbs.reduce((s, px, x) => s + px * exampleLogging(x)[a]!, 0),
    );
    const wrong = (_x: number, a: number) => share[a]!;
    const g = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, goodModel, n, wrong);
    const b = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, badModel, n, wrong);
    expect(share.map((v) => v.toFixed(3))).toEqual(['0.506', '0.156', '0.219', '0.119']);
    expect(g.ips.mean).toBeCloseTo(0.388, 3);
    expect(g.doublyRobust.mean).toBeCloseTo(0.369, 3);
    expect(b.doublyRobust.mean).toBeCloseTo(0.369, 3); // the two errors happen to cancel across segments
    // DR's bias is a product of the two errors: sum_x P(x) sum_a pi(a|x) (pi_0/recorded - 1)(mu - rhat)
    for (const [m, model] of [
      [g, goodModel],
      [b, badModel],
    ] as const) {
      let bias = 0;
      EXAMPLE_WORLD.contextProbs.forEach((px, x) =>
        exampleTarget(x).forEach((pa, a) => {
          bias += px * pa * (exampleLogging(x)[a]! / wrong(x, a) - 1) * (EXAMPLE_WORLD.ctr[x]![a]! - model(x, a));
        }),
      );
      expect(m.doublyRobust.mean - 0.37).toBeCloseTo(bias, 14);
    }
  });
});

describe('the worked example, simulated (seeds 1-5, 400 logs of 1000 events each)', () => {
  const n = 1000;
  const logs = 400;
  const exact = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, goodModel, n);
  const exactBad = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, badModel, n);
  const runs = SEEDS.map((seed) => {
    const rng = mulberry32(seed);
    const est = {
      ips: [] as number[],
      snips: [] as number[],
      dr: [] as number[],
      drBad: [] as number[],
      replay: [] as number[],
    };
    for (let r = 0; r < logs; r++) {
      const log = simulateLog(rng, EXAMPLE_WORLD, exampleLogging, n);
      est.ips.push(ips(log, exampleTarget));
      est.snips.push(snips(log, exampleTarget));
      est.dr.push(doublyRobust(log, exampleTarget, goodModel));
      est.drBad.push(doublyRobust(log, exampleTarget, badModel));
      est.replay.push(replay(log, choose).value);
    }
    return est;
  });

  it('IPS and DR (with either model) are unbiased: their means sit within 4 standard errors of 0.37', () => {
    for (const est of runs)
      for (const v of [est.ips, est.dr, est.drBad]) {
        const { mean, sd } = meanSd(v);
        expect(Math.abs(mean - 0.37)).toBeLessThan((4 * sd) / Math.sqrt(logs));
      }
  });

  it('SNIPS has a smaller spread than IPS for every seed, and every spread matches the exact value', () => {
    for (const est of runs) {
      const i = meanSd(est.ips).sd;
      const s = meanSd(est.snips).sd;
      expect(s).toBeLessThan(i);
      // 400 logs estimate an SD to about 3.5 %: allow 12 %
      expect(Math.abs(i / exact.ips.sd - 1)).toBeLessThan(0.12);
      expect(Math.abs(s / exact.snips.sd - 1)).toBeLessThan(0.12);
      expect(Math.abs(meanSd(est.dr).sd / exact.doublyRobust.sd - 1)).toBeLessThan(0.12);
      expect(Math.abs(meanSd(est.drBad).sd / exactBad.doublyRobust.sd - 1)).toBeLessThan(0.12);
    }
  });

  it('has an effective sample size of about 160 of the 1000 events, as n / E[w^2] predicts', () => {
    let ew2 = 0;
    EXAMPLE_WORLD.contextProbs.forEach((px, x) => (ew2 += px / exampleLogging(x)[EXAMPLE_CHOICE[x]!]!));
    expect(n / ew2).toBeGreaterThan(155);
    expect(n / ew2).toBeLessThan(165);
    for (const seed of SEEDS) {
      const rng = mulberry32(50 + seed);
      const ess: number[] = [];
      for (let r = 0; r < 50; r++)
        ess.push(effectiveSampleSize(simulateLog(rng, EXAMPLE_WORLD, exampleLogging, n), exampleTarget));
      expect(Math.abs(meanSd(ess).mean / (n / ew2) - 1)).toBeLessThan(0.05);
    }
  });

  it('replay centres on 0.351, not on the truth', () => {
    for (const est of runs) {
      const { mean, sd } = meanSd(est.replay);
      const se = sd / Math.sqrt(logs);
      expect(Math.abs(mean - exact.replay.mean)).toBeLessThan(4 * se);
      expect(Math.abs(mean - 0.37)).toBeGreaterThan(4 * se);
    }
  });
}, 120_000);
