import { describe, expect, it } from 'vitest';
import figure, { meanShares, SUMMARY } from '../../src/figures/multi-interest-routing.ts';
import { localized } from '../../src/lib/figure.ts';

const at = (length: number, r: number) => SUMMARY.rows.find((x) => x.length === length && x.r === r)!.share;

describe('multi-interest-routing figure', () => {
  it('pins the numbers the page quotes: about 0.6 and 0.8 after three iterations, clean after six', () => {
    expect(at(1, 3).toFixed(1)).toBe('0.6');
    expect(at(2, 3).toFixed(1)).toBe('0.7');
    expect(at(4, 3).toFixed(1)).toBe('0.8');
    expect(at(4, 6)).toBeGreaterThan(0.99);
    expect([at(1, 8), at(2, 8), at(4, 8)].map((x) => x.toFixed(2))).toEqual(['0.87', '0.98', '1.00']);
    const caption = localized(figure.caption, 'en');
    expect(caption).toContain(`only about ${at(1, 3).toFixed(1)}`);
    expect(caption).toContain(`${at(1, 8).toFixed(2)}, ${at(2, 8).toFixed(2)} and ${at(4, 8).toFixed(2)}`);
  });

  it('the printed digits do not depend on the seeds: other seed sets of the same size agree', () => {
    for (const base of [50_000, 100_000]) {
      const shares = [1, 2, 4].map((length) => meanShares(length, SUMMARY.seeds, base));
      expect(shares.map((s) => s[2]!.toFixed(1))).toEqual(['0.6', '0.7', '0.8']);
      expect(shares.map((s) => s[7]!.toFixed(2))).toEqual(['0.87', '0.98', '1.00']);
    }
  });

  it('longer behaviours and more iterations separate the clusters better, for small seed sets too', () => {
    for (const base of [0, 100, 200, 300, 400]) {
      const one = meanShares(1, 20, base);
      const four = meanShares(4, 20, base);
      // the share grows with the iterations and with the length, and three iterations on unit
      // vectors stay far from a clean split
      for (let t = 1; t < 8; t++) expect(four[t]!).toBeGreaterThan(four[t - 1]! - 1e-9);
      expect(four[2]!).toBeGreaterThan(one[2]!);
      expect(one[2]!).toBeLessThan(0.7);
      expect(four[7]!).toBeGreaterThan(0.97);
    }
  });
});
