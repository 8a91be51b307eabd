import { describe, expect, it } from 'vitest';
import { epsilonGreedy, simulate } from '../../../content/snippets/bandits/bandit.ts';
import { thompson } from '../../../content/snippets/bandits/thompson.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('thompson', () => {
  it('updates the Beta posterior by counting clicks and non-clicks', () => {
    const p = thompson(2, { alpha: 3, beta: 97 });
    p.update(0, 1);
    p.update(0, 0);
    p.update(0, 0);
    expect(p.posterior(0)).toEqual({ alpha: 4, beta: 99 });
    expect(p.posterior(1)).toEqual({ alpha: 3, beta: 97 });
  });

  it('concentrates on the best arm: over 90% of 20 000 pulls at CTRs 2%, 3%, 5%', () => {
    for (const seed of [1, 2, 3]) {
      const r = simulate([0.02, 0.03, 0.05], thompson(3), 20_000, mulberry32(seed));
      expect(r.pulls[2]! / 20_000).toBeGreaterThan(0.9);
    }
  });

  it('keeps sharing two identical arms and favours neither on average', () => {
    const r = simulate([0.5, 0.5], thompson(2), 4000, mulberry32(4));
    // The arms are exchangeable: neither may take almost everything in one run...
    expect(r.pulls[0]! / 4000).toBeGreaterThan(0.05);
    expect(r.pulls[1]! / 4000).toBeGreaterThan(0.05);
    // ...but a single run's share is itself random (seeded runs range from about 0.05 to 0.8),
    // so "half" only holds on average. Over 20 seeds the per-run share has sd about 0.25, so the
    // mean has sd about 0.056; 0.5 +- 0.15 is close to 3 sd.
    let share = 0;
    for (let seed = 1; seed <= 20; seed++)
      share += simulate([0.5, 0.5], thompson(2), 4000, mulberry32(seed)).pulls[0]! / 4000 / 20;
    expect(Math.abs(share - 0.5)).toBeLessThan(0.15);
  });

  it('draws in proportion to the posterior probability of being best', () => {
    // With posteriors Beta(1,1) and Beta(1,1) plus 0 data, P(arm 0 best) = 1/2; with arm 0 at
    // Beta(2,1) (mean 2/3) against Beta(1,1): P(X > Y) = E[Y ~ U: 1 - Y^2] = 2/3.
    const p = thompson(2);
    p.update(0, 1);
    const rng = mulberry32(8);
    let zero = 0;
    const n = 30_000;
    for (let i = 0; i < n; i++) if (p.select(rng) === 0) zero++;
    expect(Math.abs(zero / n - 2 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / n));
  });

  it('has lower regret than epsilon-greedy (epsilon = 0.1) at low CTRs, averaged over seeds', () => {
    let ts = 0;
    let eg = 0;
    for (let seed = 1; seed <= 5; seed++) {
      ts += simulate([0.02, 0.03, 0.05], thompson(3), 20_000, mulberry32(seed)).cumulativeRegret.at(-1)!;
      eg += simulate([0.02, 0.03, 0.05], epsilonGreedy(3, 0.1), 20_000, mulberry32(seed)).cumulativeRegret.at(-1)!;
    }
    expect(ts).toBeLessThan(eg);
  });

  it('rejects an invalid prior', () => {
    expect(() => thompson(2, { alpha: 0, beta: 1 })).toThrow(/prior alpha and beta must be > 0/);
  });
});
