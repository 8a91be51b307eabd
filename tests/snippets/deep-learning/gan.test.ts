import { describe, expect, it } from 'vitest';
import {
  ganValue,
  ganValueFromOutputs,
  jsDivergence,
  minimaxGeneratorGrad,
  nonSaturatingGeneratorGrad,
  optimalDiscriminator,
  trainToyGan,
} from '../../../content/snippets/deep-learning/gan.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

function randomDistribution(rng: Rng, n: number, zeroChance = 0): number[] {
  const w = Array.from({ length: n }, () => (rng() < zeroChance ? 0 : rng()));
  w[0] = w[0]! + 0.01; // at least one outcome has mass
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

describe('value function', () => {
  it('matches a hand-computed batch value', () => {
    // mean log D(real) = (ln 0.8 + ln 0.6) / 2 = (-0.223144 - 0.510826) / 2 = -0.366985
    // mean log(1 - D(fake)) = (ln 0.7 + ln 0.9) / 2 = (-0.356675 - 0.105361) / 2 = -0.231018
    expect(ganValueFromOutputs([0.8, 0.6], [0.3, 0.1])).toBeCloseTo(-0.598003, 5);
    // a discriminator that always says 1/2: 2 ln(1/2) = -ln 4
    expect(ganValueFromOutputs([0.5], [0.5, 0.5])).toBeCloseTo(-Math.log(4), 14);
    expect(() => ganValueFromOutputs([1.2], [0.5])).toThrow(/\[0, 1\]/);
  });

  it('finds D* = p_data / (p_data + p_g) and V(D*, G) = -log 4 + 2 JSD by hand', () => {
    const pd = [0.5, 0.5, 0];
    const pg = [0.25, 0.25, 0.5];
    const dStar = optimalDiscriminator(pd, pg);
    expect(dStar[0]).toBeCloseTo(2 / 3, 14);
    expect(dStar[1]).toBeCloseTo(2 / 3, 14);
    expect(dStar[2]).toBe(0); // only the generator produces outcome 2: D* calls it fake
    // V = 2 * 0.5 ln(2/3) + 2 * 0.25 ln(1/3) + 0.5 ln 1 = -0.405465 - 0.549306 = -0.954771
    expect(ganValue(pd, pg, dStar)).toBeCloseTo(-0.954771, 6);
    // m = (0.375, 0.375, 0.25); KL(pd||m) = ln(4/3) = 0.287682;
    // KL(pg||m) = 0.5 ln(2/3) + 0.5 ln 2 = 0.143841; JSD = 0.215762
    expect(jsDivergence(pd, pg)).toBeCloseTo(0.215762, 6);
    // -1.386294 + 2 * 0.215762 = -0.954771
    expect(-Math.log(4) + 2 * jsDivergence(pd, pg)).toBeCloseTo(-0.954771, 6);
  });

  it('V(D*, G) = -log 4 + 2 JSD on random discrete distributions, and D* beats any other D', () => {
    const rng = mulberry32(21);
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rng() * 10);
      // some outcomes get zero mass under one distribution, as with disjoint supports
      const pd = randomDistribution(rng, n, 0.2);
      const pg = randomDistribution(rng, n, 0.2);
      const dStar = optimalDiscriminator(pd, pg);
      const vStar = ganValue(pd, pg, dStar);
      expect(vStar).toBeCloseTo(-Math.log(4) + 2 * jsDivergence(pd, pg), 10);
      const other = dStar.map((d) => Math.min(0.999, Math.max(0.001, d + 0.2 * (rng() - 0.5))));
      expect(ganValue(pd, pg, other)).toBeLessThanOrEqual(vStar + 1e-12);
    }
  });

  it('reaches its global minimum -log 4 exactly when p_g = p_data, with D* = 1/2', () => {
    const p = [0.1, 0.6, 0.3];
    expect(optimalDiscriminator(p, p)).toEqual([0.5, 0.5, 0.5]);
    expect(ganValue(p, p, optimalDiscriminator(p, p))).toBeCloseTo(-Math.log(4), 14);
    // disjoint supports: JSD = ln 2, so V(D*) = -ln 4 + 2 ln 2 = 0 (D* is perfect)
    expect(jsDivergence([1, 0], [0, 1])).toBeCloseTo(Math.LN2, 14);
    expect(ganValue([1, 0], [0, 1], optimalDiscriminator([1, 0], [0, 1]))).toBe(0);
  });
});

describe('generator losses', () => {
  it('the minimax loss saturates when D rejects a fake; the non-saturating loss does not', () => {
    // D = 0.01: logit ln(0.01 / 0.99) = -4.59512
    const a = Math.log(0.01 / 0.99);
    expect(minimaxGeneratorGrad(a)).toBeCloseTo(-0.01, 12);
    expect(nonSaturatingGeneratorGrad(a)).toBeCloseTo(-0.99, 12);
    // finite differences of log(1 - sigmoid(a)) and -log sigmoid(a)
    const h = 1e-6;
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const minimax = (x: number) => Math.log(1 - sig(x));
    const nonSat = (x: number) => -Math.log(sig(x));
    for (const x of [-6, -1, 0.5, 3]) {
      expect((minimax(x + h) - minimax(x - h)) / (2 * h)).toBeCloseTo(minimaxGeneratorGrad(x), 7);
      expect((nonSat(x + h) - nonSat(x - h)) / (2 * h)).toBeCloseTo(nonSaturatingGeneratorGrad(x), 7);
    }
  });
});

describe('alternating k:1 training on a discrete toy', () => {
  const pData = [0.4, 0.3, 0.15, 0.1, 0.05];

  it('drives p_g to p_data and D to 1/2', () => {
    for (const k of [1, 5]) {
      const { jsd, pG, d } = trainToyGan(pData, { k, iterations: 2000, lrD: 0.5, lrG: 0.5, nonSaturating: true });
      expect(jsd[0]!).toBeGreaterThan(0.04); // uniform start has JSD 0.0564; after one step 0.0561
      expect(jsd[jsd.length - 1]!).toBeLessThan(1e-8);
      pG.forEach((p, x) => expect(p).toBeCloseTo(pData[x]!, 4));
      for (const dx of d) expect(dx).toBeCloseTo(0.5, 3);
    }
  });

  it('more discriminator steps per generator step converge faster, and only k = 1 rebounds (9 starts)', () => {
    // The uniform start of the figure and 8 random generator starts (logits ~ N(0, 1), seeds 1..8).
    // Measured margins: at step 400 k = 5 is 1e3 to 1e5 times lower; the k = 1 curve rebounds by a
    // factor of 55 to 100 after step 50, the k = 5 curve never rises.
    const rebound = (jsd: readonly number[]) => {
      let best = 1;
      let low = Infinity;
      for (const v of jsd.slice(50)) {
        low = Math.min(low, v);
        if (v > 1e-14) best = Math.max(best, v / low); // below 1e-14 round-off dominates
      }
      return best;
    };
    for (let seed = 0; seed <= 8; seed++) {
      const rng = mulberry32(seed);
      const initialLogits = seed === 0 ? undefined : pData.map(() => normal(rng));
      const run = (k: number) =>
        trainToyGan(pData, {
          k,
          iterations: 2000,
          lrD: 0.5,
          lrG: 0.5,
          nonSaturating: true,
          ...(initialLogits ? { initialLogits } : {}),
        }).jsd;
      const k1 = run(1);
      const k5 = run(5);
      expect(k5[399]!).toBeLessThan(k1[399]! / 100);
      expect(rebound(k1)).toBeGreaterThan(10);
      expect(rebound(k5)).toBeLessThan(1.001);
      // and both still converge (JSD below 1e-8 after 2000 steps, as the page says)
      expect(k1[1999]!).toBeLessThan(1e-8);
      expect(k5[1999]!).toBeLessThan(1e-8);
    }
  });
});

describe('extreme inputs', () => {
  it('JSD with a probability of 5e-324 against 0 is log 2 per unit of mass, not Infinity', () => {
    // the midpoint (5e-324 + 0) / 2 rounds to 0 in float64, which made KL(p || m) infinite
    expect((5e-324 + 0) / 2).toBe(0);
    const p = [1 - 1e-16, 1e-16, 0];
    const q = [1 - 1e-16, 0, 1e-16];
    // outcomes 2 and 3 are disjoint, each contributing 1e-16 * log 2 / 2 per side: JSD = 1e-16 log 2
    expect(jsDivergence(p, q) / (1e-16 * Math.LN2)).toBeCloseTo(1, 10);
    expect(jsDivergence([1, 5e-324, 0], [1, 0, 5e-324])).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(jsDivergence([1, 5e-324, 0], [1, 0, 5e-324]))).toBe(true);
    // nearly equal distributions: JSD ~ sum (p - q)^2 / (8 m) to second order
    const d = 2 ** -30;
    const nearly = jsDivergence([0.25 + d, 0.75 - d], [0.25, 0.75]);
    expect(nearly / (((d * d) / 8) * (1 / 0.25 + 1 / 0.75))).toBeCloseTo(1, 6);
  });

  it('values and gradients at D = 1e-300, 1 - 1e-16 and logits of +-1000', () => {
    // log(1 - 1e-300) = -1e-300 with log1p; log(1 - D) rounds it to 0
    expect(ganValueFromOutputs([1], [1e-300])).toBe(-1e-300);
    expect(ganValueFromOutputs([1 - 1e-16], [0.5])).toBeCloseTo(Math.log(1 - 1e-16) - Math.LN2, 15);
    expect(ganValueFromOutputs([0.5], [1])).toBe(-Infinity);
    expect(ganValue([1, 0], [0, 1], [1, 1e-300])).toBe(-1e-300);
    expect(minimaxGeneratorGrad(-1000)).toBe(-0);
    expect(minimaxGeneratorGrad(1000)).toBe(-1);
    expect(nonSaturatingGeneratorGrad(-1000)).toBe(-1);
    expect(nonSaturatingGeneratorGrad(1000)).toBe(-0);
    // D* with masses of 1e-300 against 0 or against each other
    expect(optimalDiscriminator([1 - 1e-300, 1e-300, 0], [1, 0, 0])).toEqual([0.5, 1, 0.5]);
    expect(optimalDiscriminator([0.5, 1e-300, 0.5 - 1e-300], [0.5, 3e-300, 0.5 - 3e-300])[1]).toBeCloseTo(0.25, 14);
    // a = 40: -(1 - sigma(40)) = -4.25e-18, which 1 - sigma(40) rounds to 0
    expect(nonSaturatingGeneratorGrad(40) / -Math.exp(-40)).toBeCloseTo(1, 12);
  });

  it('toy training with a huge discriminator step (logits jump to +-100) stays finite with either loss', () => {
    // lrD = 1000: the first ascent step moves D's logits by 1000 (p_data - p_g) / 2, up to +-100, where
    // sigmoid rounds to exactly 0 or 1. The costs come from softplus, so they stay finite; the
    // textbook log(1 - sigmoid(a)) would be log(0) = -Infinity and turn the generator into NaN.
    expect(Math.log(1 - 1 / (1 + Math.exp(-100)))).toBe(-Infinity);
    const pData = [0.4, 0.3, 0.15, 0.1, 0.05];
    for (const nonSaturating of [true, false]) {
      const { jsd, pG } = trainToyGan(pData, { k: 1, iterations: 50, lrD: 1000, lrG: 0.5, nonSaturating });
      expect(jsd.every(Number.isFinite)).toBe(true);
      expect(pG.every(Number.isFinite)).toBe(true);
    }
  });
});
