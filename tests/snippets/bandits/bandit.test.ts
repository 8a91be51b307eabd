import { describe, expect, it } from 'vitest';
import { argmaxRandomTie, epsilonGreedy, simulate, type Policy } from '../../../content/snippets/bandits/bandit.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** A policy that always pulls one arm: its regret is known in closed form. */
const always = (arm: number): Policy => ({ name: `always ${arm}`, select: () => arm, update: () => {} });

describe('simulate', () => {
  it('accumulates expected regret: always pulling a 0.2 arm next to a 0.5 arm costs 0.3 per step', () => {
    const r = simulate([0.5, 0.2], always(1), 10, mulberry32(1));
    expect(r.cumulativeRegret.map((x) => +x.toFixed(10))).toEqual([0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3]);
    expect(r.pulls).toEqual([0, 10]);
  });

  it('pays rewards at the arm rate: 20 000 pulls of a 0.3 arm give 0.3 within 4 standard errors', () => {
    const n = 20_000;
    const r = simulate([0.3], always(0), n, mulberry32(2));
    const se = Math.sqrt((0.3 * 0.7) / n);
    expect(Math.abs(r.clicks / n - 0.3)).toBeLessThan(4 * se);
  });

  it('rejects probabilities outside [0, 1] and arms that do not exist', () => {
    expect(() => simulate([0.5, 1.2], always(0), 1, mulberry32(1))).toThrow(/probs\[1\] must be in \[0, 1\]/);
    expect(() => simulate([0.5], always(3), 1, mulberry32(1))).toThrow(/chose arm 3/);
  });
});

describe('argmaxRandomTie', () => {
  it('returns the unique maximum and spreads ties evenly', () => {
    const rng = mulberry32(3);
    expect(argmaxRandomTie([0.1, 0.9, 0.3], rng)).toBe(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[argmaxRandomTie([1, 0, 1], rng)]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0]! - 1500)).toBeLessThan(4 * Math.sqrt(3000 * 0.25));
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

  it('with epsilon = 1 pulls uniformly', () => {
    const r = simulate([0.1, 0.2, 0.9, 0.4], epsilonGreedy(4, 1), 8000, mulberry32(5));
    for (const c of r.pulls) expect(Math.abs(c - 2000)).toBeLessThan(4 * Math.sqrt(8000 * (1 / 4) * (3 / 4)));
  });

  it('spends about 1 - epsilon + epsilon/K of its pulls on the best arm once it has found it', () => {
    // Arms far apart so the greedy part locks on quickly; expected share 0.9 + 0.1/3 = 0.9333.
    const r = simulate([0.1, 0.5, 0.9], epsilonGreedy(3, 0.1), 20_000, mulberry32(6));
    const share = r.pulls[2]! / 20_000;
    expect(share).toBeGreaterThan(0.92);
    expect(share).toBeLessThan(0.945);
  });

  it('rejects epsilon outside [0, 1]', () => {
    expect(() => epsilonGreedy(2, -0.1)).toThrow(/epsilon must be in \[0, 1\]/);
  });
});
