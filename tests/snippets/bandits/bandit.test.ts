import { describe, expect, it } from 'vitest';
import { argmaxRandomTie, epsilonGreedy, simulate, type Policy } from '../../../content/snippets/bandits/bandit.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];

/** A policy that always pulls one arm: its regret is known in closed form. */
const always = (arm: number): Policy => ({ name: `always ${arm}`, select: () => arm, update: () => {} });

describe('simulate', () => {
  it('accumulates expected regret: always pulling a 0.2 arm next to a 0.5 arm costs 0.3 per step', () => {
    const r = simulate([0.5, 0.2], always(1), 10, mulberry32(1));
    expect(r.cumulativeRegret.map((x) => +x.toFixed(10))).toEqual([0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3]);
    expect(r.pulls).toEqual([0, 10]);
  });

  it('pays rewards at the arm rate: 20 000 pulls of a 0.3 arm give 0.3 within 4.5 standard errors, seeds 1 to 5', () => {
    const n = 20_000;
    const se = Math.sqrt((0.3 * 0.7) / n);
    for (const seed of SEEDS) {
      const r = simulate([0.3], always(0), n, mulberry32(seed));
      expect(Math.abs(r.clicks / n - 0.3)).toBeLessThan(4.5 * se);
    }
  });

  it('handles CTRs of 0, 1 and 1e-300', () => {
    const r = simulate([0, 1e-300, 1], always(2), 100, mulberry32(1));
    expect(r.clicks).toBe(100);
    expect(r.cumulativeRegret.at(-1)).toBe(0);
    expect(simulate([0, 1e-300, 1], always(1), 100, mulberry32(1)).clicks).toBe(0);
  });

  it('rejects probabilities outside [0, 1], arms that do not exist and a bad number of steps', () => {
    expect(() => simulate([0.5, 1.2], always(0), 1, mulberry32(1))).toThrow(/probs\[1\] must be in \[0, 1\]/);
    expect(() => simulate([0.5], always(3), 1, mulberry32(1))).toThrow(/chose arm 3/);
    expect(() => simulate([0.5], always(0), 2.5, mulberry32(1))).toThrow(/steps must be an integer >= 0/);
    expect(() => simulate([], always(0), 1, mulberry32(1))).toThrow(/at least one arm/);
  });
});

describe('argmaxRandomTie', () => {
  it('returns the unique maximum and spreads ties evenly, seeds 1 to 5', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      expect(argmaxRandomTie([0.1, 0.9, 0.3], rng)).toBe(1);
      const counts = [0, 0, 0];
      for (let i = 0; i < 3000; i++) counts[argmaxRandomTie([1, 0, 1], rng)]!++;
      expect(counts[1]).toBe(0);
      expect(Math.abs(counts[0]! - 1500)).toBeLessThan(4.5 * Math.sqrt(3000 * 0.25));
    }
  });

  it('prefers a finite score to -Infinity and ties infinite scores', () => {
    expect(argmaxRandomTie([-Infinity, -1e308], mulberry32(1))).toBe(1);
    const seen = new Set<number>();
    const rng = mulberry32(2);
    for (let i = 0; i < 50; i++) seen.add(argmaxRandomTie([Infinity, 0, Infinity], rng));
    expect([...seen].sort()).toEqual([0, 2]);
  });

  it('skips NaN and refuses a list with nothing to choose from', () => {
    expect(argmaxRandomTie([Number.NaN, 0.2, Number.NaN], mulberry32(1))).toBe(1);
    expect(argmaxRandomTie([-Infinity], mulberry32(1))).toBe(0);
    expect(() => argmaxRandomTie([], mulberry32(1))).toThrow(/values: need at least one number that is not NaN/);
    expect(() => argmaxRandomTie([Number.NaN, Number.NaN], mulberry32(1))).toThrow(/values: need at least one/);
  });
});

describe('epsilonGreedy', () => {
  it('with epsilon = 0 exploits the running mean (hand trace)', () => {
    const p = epsilonGreedy(2, 0);
    const rng = mulberry32(4);
    p.update(0, 1); // mean0 = 1
    p.update(1, 0); // mean1 = 0
    expect(p.select(rng)).toBe(0);
    p.update(0, 0);
    p.update(0, 0); // mean0 = 1/3, still above mean1 = 0
    expect(p.select(rng)).toBe(0);
    p.update(1, 1); // mean1 = 1/2 > 1/3
    expect(p.select(rng)).toBe(1);
  });

  it('treats arms with 0 pulls as mean 0, not 0 / 0: before any data it picks uniformly', () => {
    for (const seed of SEEDS) {
      const p = epsilonGreedy(4, 0);
      const rng = mulberry32(seed);
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 4000; i++) counts[p.select(rng)]!++;
      for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(4.5 * Math.sqrt(4000 * (1 / 4) * (3 / 4)));
    }
  });

  it('with epsilon = 1 pulls uniformly, seeds 1 to 5', () => {
    for (const seed of SEEDS) {
      const r = simulate([0.1, 0.2, 0.9, 0.4], epsilonGreedy(4, 1), 8000, mulberry32(seed));
      for (const c of r.pulls) expect(Math.abs(c - 2000)).toBeLessThan(4.5 * Math.sqrt(8000 * (1 / 4) * (3 / 4)));
    }
  });

  it('spends about 1 - epsilon + epsilon/K of its pulls on the best arm once it has found it, seeds 1 to 5', () => {
    // Arms far apart so the greedy part locks on quickly; expected share 0.9 + 0.1/3 = 0.9333, with
    // a binomial sd of sqrt(0.933 * 0.067 / 20 000) = 0.0018 plus a few early pulls elsewhere.
    for (const seed of SEEDS) {
      const share = simulate([0.1, 0.5, 0.9], epsilonGreedy(3, 0.1), 20_000, mulberry32(seed)).pulls[2]! / 20_000;
      expect(share).toBeGreaterThan(0.922);
      expect(share).toBeLessThan(0.942);
    }
  });

  it('as pure greedy locks onto the first arm to get a click: a suboptimal one with probability 1/2', () => {
    // Until the first click every mean is 0 and arms are drawn uniformly, so the first click lands
    // on arm j with probability mu_j / sum(mu) (0.2, 0.3, 0.5 at CTRs 2%, 3%, 5%); that arm then
    // keeps a positive mean and is pulled for ever. 1,000 steps leave no run without a click
    // (0.967^500 < 1e-7), so the locked arm has most of the pulls. 2,000 runs: sd of the share 0.011.
    const runs = 2000;
    let wrong = 0;
    let regret = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const r = simulate([0.02, 0.03, 0.05], epsilonGreedy(3, 0), 1000, mulberry32(seed));
      if (r.pulls.indexOf(Math.max(...r.pulls)) !== 2) wrong++;
      regret += r.cumulativeRegret.at(-1)! / runs;
    }
    expect(Math.abs(wrong / runs - 0.5)).toBeLessThan(4.5 * Math.sqrt(0.25 / runs));
    expect(wrong / runs).toBe(0.522); // the explore-exploit page quotes 52% (1,044 of 2,000)
    // Expected regret after n steps (derived on the explore-exploit page):
    // 29 pre-click steps at 0.016828 each, then (n - 29) steps at 0.2 * 0.03 + 0.3 * 0.02 = 0.012.
    const expected = 29 * 0.016828 + (1000 - 29) * 0.012; // 12.14
    // A run's regret is about 0.5, 19.9 or 29.6 (probabilities 0.5, 0.3, 0.2): sd about 12.1, so the
    // mean of 2,000 runs has sd 0.27.
    expect(Math.abs(regret - expected)).toBeLessThan(4.5 * 0.27);
  });

  it('rejects epsilon outside [0, 1], no arms, and observations of arms or rewards that do not exist', () => {
    expect(() => epsilonGreedy(2, -0.1)).toThrow(/epsilon must be in \[0, 1\]/);
    expect(() => epsilonGreedy(0, 0.1)).toThrow(/nArms must be an integer >= 1/);
    const p = epsilonGreedy(2, 0.1);
    expect(() => p.update(2, 1)).toThrow(/arm must be an integer in \[0, 1\]/);
    expect(() => p.update(0, 1.5)).toThrow(/reward must be in \[0, 1\]/);
    expect(() => p.update(0, Number.NaN)).toThrow(/reward must be in \[0, 1\]/);
  });
});
