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
import { mulberry32, type Rng } from '../../../content/snippets/shared/random.ts';

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

  it('more discriminator steps per generator step converge faster here', () => {
    const run = (k: number) => trainToyGan(pData, { k, iterations: 100, lrD: 0.5, lrG: 0.5, nonSaturating: true }).jsd;
    expect(run(5)[99]!).toBeLessThan(run(1)[99]! / 10);
  });
});
