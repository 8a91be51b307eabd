import { describe, expect, it } from 'vitest';
import { epsilonGreedy, simulate } from '../../../content/snippets/bandits/bandit.ts';
import { ucb1, ucb1RegretBound, ucb1Score } from '../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];

describe('ucb1Score', () => {
  it('adds sqrt(2 ln n / n_j) to the mean', () => {
    // mean 0.5 after 4 of 100 pulls: 0.5 + sqrt(2 * 4.60517 / 4) = 0.5 + 1.517427 = 2.017427
    expect(ucb1Score(0.5, 4, 100)).toBeCloseTo(2.017427, 5);
    // the bonus halves when an arm has 4x the pulls
    expect(ucb1Score(0, 16, 100) * 2).toBeCloseTo(ucb1Score(0, 4, 100), 12);
  });

  it("reproduces the UCB page's worked example at n = 100", () => {
    // A: 3 clicks in 50, B: 2 in 45, C: 0 in 5; bonus sqrt(2 * 4.6052 / n_j)
    expect(ucb1Score(3 / 50, 50, 100)).toBeCloseTo(0.4892, 4);
    expect(ucb1Score(2 / 45, 45, 100)).toBeCloseTo(0.4969, 4);
    expect(ucb1Score(0, 5, 100)).toBeCloseTo(1.3572, 4);
  });

  it('is +Infinity for an untried arm, also before any pull at all (n = 0), and has no bonus at n = 1', () => {
    expect(ucb1Score(0, 0, 10)).toBe(Infinity);
    expect(ucb1Score(0, 0, 0)).toBe(Infinity);
    // One pull in total: ln 1 = 0, so the index is the mean itself.
    expect(ucb1Score(1, 1, 1)).toBe(1);
  });

  it('stays finite and accurate at huge counts', () => {
    // 2 ln(1e300) / 1e300 = 1.38e-297: the bonus is sqrt of that, 3.7e-149.
    const bonus = ucb1Score(0, 1e300, 1e300);
    expect(bonus / Math.sqrt((2 * 300 * Math.LN10) / 1e300) - 1).toBeLessThan(1e-14);
  });

  it('rejects a mean outside [0, 1] and counts that cannot happen', () => {
    expect(() => ucb1Score(1.5, 1, 2)).toThrow(/mean must be in \[0, 1\]/);
    expect(() => ucb1Score(0.5, -1, 2)).toThrow(/nArm must be an integer >= 0/);
    expect(() => ucb1Score(0.5, 3, 2)).toThrow(/n \(total pulls\) must be an integer >= nArm = 3/);
    expect(() => ucb1Score(0.5, 1, 0)).toThrow(/n \(total pulls\)/); // the formula would give sqrt(-Infinity) = NaN
    expect(() => ucb1Score(0.5, 1.5, 2)).toThrow(/nArm must be an integer/);
  });
});

describe('ucb1', () => {
  it('tries every arm once before repeating any, seeds 1 to 5', () => {
    for (const seed of SEEDS) {
      const r = simulate([0.9, 0.1, 0.5, 0.2, 0.3], ucb1(5), 5, mulberry32(seed));
      expect(r.pulls).toEqual([1, 1, 1, 1, 1]);
    }
  });

  it('has sub-linear regret: 10x the horizon costs far less than 10x the regret, seeds 1 to 5', () => {
    // Means over seeds 1-100 (UCB page): 118.6 at 10,000 and 215.6 at 100,000, ratio 1.8; a single
    // run's regret has sd of about 21 and 37, so every seed stays below 3, where linear would give 10.
    const probs = [0.1, 0.5, 0.6];
    for (const seed of SEEDS) {
      const r = simulate(probs, ucb1(3), 100_000, mulberry32(seed)).cumulativeRegret;
      expect(r[99_999]! / r[9999]!).toBeLessThan(3);
      // and it stays under the finite-time bound of Auer et al. (2002)
      expect(r[99_999]!).toBeLessThan(ucb1RegretBound(probs, 100_000));
    }
  });

  it('at CTRs of 2%, 3% and 5% explores far longer than epsilon-greedy: the UCB page numbers', () => {
    // Page: UCB1 loses 124 clicks in 10,000 impressions (mean of seeds 1-100, sd of a run 6), its
    // bonus staying above the 2-point gaps all that time. Epsilon-greedy (0.1) loses 40 on average,
    // but a run that first settles on a wrong arm can pass UCB1 (4 seeds in 100 do), so the
    // comparison is on the mean of seeds 1-5: sd of that mean about 36 / sqrt(5) = 16, far below
    // the 84-click difference.
    let eps = 0;
    for (const seed of SEEDS) {
      const r = simulate([0.02, 0.03, 0.05], ucb1(3), 10_000, mulberry32(seed)).cumulativeRegret.at(-1)!;
      expect(r).toBeGreaterThan(100);
      expect(r).toBeLessThan(150);
      eps += simulate([0.02, 0.03, 0.05], epsilonGreedy(3, 0.1), 10_000, mulberry32(seed)).cumulativeRegret.at(-1)!;
    }
    expect(eps / SEEDS.length).toBeLessThan(100);
  });

  it('rejects no arms and observations that do not exist', () => {
    expect(() => ucb1(0)).toThrow(/nArms must be an integer >= 1/);
    expect(() => ucb1(2).update(5, 1)).toThrow(/arm must be an integer in \[0, 1\]/);
    expect(() => ucb1(2).update(0, -1)).toThrow(/reward must be in \[0, 1\]/);
  });
});

describe('ucb1RegretBound', () => {
  it('computes the Auer et al. bound by hand', () => {
    // gaps 0.5 and 0.1 at n = e^2: 8*2/0.5 + 8*2/0.1 + (1 + pi^2/3)(0.6)
    const expected = 32 + 160 + (1 + Math.PI ** 2 / 3) * 0.6;
    expect(ucb1RegretBound([0.1, 0.5, 0.6], Math.exp(2))).toBeCloseTo(expected, 9);
  });

  it("gives the UCB page's table row: 445, 666, 887 and 1,108 at n = 10^2 .. 10^5", () => {
    // 96 ln n + 0.6 (1 + pi^2 / 3) = 96 ln n + 2.574
    expect([100, 1000, 10_000, 100_000].map((n) => Math.round(ucb1RegretBound([0.1, 0.5, 0.6], n)))).toEqual([
      445, 666, 887, 1108,
    ]);
  });

  it('is 0 when no arm has a gap, and huge but finite for a gap of 1e-300', () => {
    expect(ucb1RegretBound([0.3, 0.3], 1000)).toBe(0);
    const b = ucb1RegretBound([0.5, 0.5 - 1e-16], 1000);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(1e16);
    expect(ucb1RegretBound([1e-300, 0], Math.E)).toBeCloseTo(8e300, -290);
  });

  it('rejects n below 1 and probabilities outside [0, 1]', () => {
    expect(() => ucb1RegretBound([0.1, 0.5], 0.5)).toThrow(/n must be a finite number >= 1/);
    expect(() => ucb1RegretBound([0.1, 1.5], 10)).toThrow(/probs\[1\] must be in \[0, 1\]/);
  });
});
