/**
 * The simulated numbers of the UCB page, recomputed with the page's own code: the table for CTRs
 * 0.1, 0.5 and 0.6 (seeds 1-100, 100,000 steps) with the pull counts quoted above it, and the point
 * where UCB1's logarithmic regret overtakes epsilon-greedy's linear one at CTRs of 2%, 3% and 5%
 * (seeds 1-20, 1,000,000 steps). Each cell is mean ± standard error over the seeds. About 20 s of
 * CPU in all.
 */
import { describe, expect, it } from 'vitest';
import { epsilonGreedy, simulate, type Policy } from '../../../content/snippets/bandits/bandit.ts';
import { ucb1 } from '../../../content/snippets/bandits/ucb.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

interface Cell {
  mean: number;
  se: number;
}

function cell(xs: readonly number[]): Cell {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, se: sd / Math.sqrt(xs.length) };
}

/** Regret after each horizon and pulls per arm at the end, over seeds 1..seeds. */
function runs(probs: number[], make: () => Policy, horizons: number[], seeds: number) {
  const regret = horizons.map(() => [] as number[]);
  const pulls = probs.map(() => [] as number[]);
  for (let seed = 1; seed <= seeds; seed++) {
    const r = simulate(probs, make(), horizons.at(-1)!, mulberry32(seed));
    horizons.forEach((n, k) => regret[k]!.push(r.cumulativeRegret[n - 1]!));
    r.pulls.forEach((p, j) => pulls[j]!.push(p));
  }
  return { regret: regret.map(cell), pulls: pulls.map(cell) };
}

const fmt = (c: Cell, digits: number) =>
  `${c.mean.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ± ${c.se.toFixed(digits)}`;

describe('UCB page: CTRs 0.1, 0.5, 0.6', () => {
  const horizons = [100, 1000, 10_000, 100_000];

  it('reproduces the table rows and the pull counts, seeds 1-100', () => {
    const u = runs([0.1, 0.5, 0.6], () => ucb1(3), horizons, 100);
    expect(u.regret.map((c) => fmt(c, 1))).toEqual(['9.0 ± 0.1', '41.0 ± 0.7', '118.6 ± 2.1', '215.6 ± 3.7']);
    // pulls of the 0.5 arm and of the 0.1 arm after 100,000 steps
    expect(fmt(u.pulls[1]!, 0)).toBe('1,723 ± 37');
    expect(fmt(u.pulls[0]!, 1)).toBe('86.5 ± 0.9');
    const e = runs([0.1, 0.5, 0.6], () => epsilonGreedy(3, 0.1), horizons, 100);
    expect(e.regret.map((c) => fmt(c, 1))).toEqual(['6.5 ± 0.5', '35.3 ± 2.6', '221.8 ± 4.7', '2,023.7 ± 5.0']);
  }, 600_000);

  it("gives the heuristic pull counts 2 ln n / gap^2 and the proof's 8 ln n / gap^2 + 1 + pi^2/3", () => {
    const n = 100_000;
    const rough = (gap: number) => Math.round((2 * Math.log(n)) / gap ** 2);
    const bound = (gap: number) => Math.round((8 * Math.log(n)) / gap ** 2 + 1 + Math.PI ** 2 / 3);
    expect([rough(0.1), bound(0.1)]).toEqual([2303, 9215]);
    expect([rough(0.5), bound(0.5)]).toEqual([92, 373]);
  });
});

describe('UCB page: CTRs 2%, 3%, 5% over a million impressions', () => {
  it('UCB1 is still behind epsilon-greedy (0.1) at 700,000 and ahead at 1,000,000, seeds 1-20', () => {
    const horizons = [700_000, 1_000_000];
    const u = runs([0.02, 0.03, 0.05], () => ucb1(3), horizons, 20).regret;
    const e = runs([0.02, 0.03, 0.05], () => epsilonGreedy(3, 0.1), horizons, 20).regret;
    expect(u.map((c) => fmt(c, 0))).toEqual(['1,364 ± 16', '1,500 ± 14']);
    expect(e.map((c) => fmt(c, 0))).toEqual(['1,181 ± 3', '1,681 ± 3']);
    // the order is clear at both horizons: the gaps are more than ten standard errors
    for (const k of [0, 1]) {
      const gap = Math.abs(u[k]!.mean - e[k]!.mean);
      expect(gap).toBeGreaterThan(10 * Math.hypot(u[k]!.se, e[k]!.se));
    }
    expect(u[0]!.mean).toBeGreaterThan(e[0]!.mean);
    expect(u[1]!.mean).toBeLessThan(e[1]!.mean);
  }, 600_000);
});
