import { describe, expect, it } from 'vitest';
import mtlLossScale, { THETAS } from '../../src/figures/mtl-loss-scale.ts';
import { localized } from '../../src/lib/figure.ts';

describe('mtl-loss-scale figure', () => {
  it('plots the hand-derived optima: u / (1 + u) with equal weights, 1/2 with uncertainty weights', () => {
    // Equal weights minimise (θ² + 1) + u((θ - 1)² + 1): θ = u / (1 + u). Uncertainty weights
    // minimise Σ log L_k, symmetric about 1/2 whatever u is (derivation on the page).
    for (const r of THETAS) {
      expect(r.equal).toBeCloseTo(r.unit / (1 + r.unit), 9);
      expect(r.uncertainty).toBeCloseTo(0.5, 9);
    }
  });

  it('says in its caption what the page says: 0.990 at unit 100, 0.500 everywhere with uncertainty weights', () => {
    const en = localized(mtlLossScale.caption, 'en');
    expect(en).toContain('0.990 at unit 100');
    expect(en).toContain('θ stays at 0.500 at every unit');
    expect(localized(mtlLossScale.caption, 'zh')).toContain('量纲 100 时为 0.990');
  });
});
