import { describe, expect, it } from 'vitest';
import { simulate } from '../../../content/snippets/bandits/bandit.ts';
import { ucb1, ucb1RegretBound, ucb1Score } from '../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('ucb1Score', () => {
  it('adds sqrt(2 ln n / n_j) to the mean', () => {
    // mean 0.5 after 4 of 100 pulls: 0.5 + sqrt(2 * 4.60517 / 4) = 0.5 + 1.517427 = 2.017427
    expect(ucb1Score(0.5, 4, 100)).toBeCloseTo(2.017427, 5);
    // the bonus halves when an arm has 4x the pulls
    expect(ucb1Score(0, 16, 100) * 2).toBeCloseTo(ucb1Score(0, 4, 100), 12);
  });
  it('is infinite for an untried arm', () => {
    expect(ucb1Score(0, 0, 10)).toBe(Infinity);
  });
});

describe('ucb1', () => {
  it('tries every arm once before repeating any', () => {
    const r = simulate([0.9, 0.1, 0.5, 0.2, 0.3], ucb1(5), 5, mulberry32(1));
    expect(r.pulls).toEqual([1, 1, 1, 1, 1]);
  });

  it('has sub-linear regret: 10x the horizon costs far less than 10x the regret', () => {
    const probs = [0.1, 0.5, 0.6];
    const regretAt = (n: number) => simulate(probs, ucb1(3), n, mulberry32(5)).cumulativeRegret.at(-1)!;
    const r1 = regretAt(10_000);
    const r2 = regretAt(100_000);
    expect(r2 / r1).toBeLessThan(3); // linear regret would give ~10
    // and it stays under the finite-time bound of Auer et al. (2002)
    expect(r2).toBeLessThan(ucb1RegretBound(probs, 100_000));
  });

  it('computes the Auer et al. bound by hand', () => {
    // gaps 0.5 and 0.1 at n = e^2: 8*2/0.5 + 8*2/0.1 + (1 + pi^2/3)(0.6)
    const expected = 32 + 160 + (1 + Math.PI ** 2 / 3) * 0.6;
    expect(ucb1RegretBound([0.1, 0.5, 0.6], Math.exp(2))).toBeCloseTo(expected, 9);
  });
});
