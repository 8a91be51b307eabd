import { describe, expect, it } from 'vitest';
import simhashRetrieval, { BITS, meanAgreement, tens } from '../../src/figures/simhash-retrieval.ts';
import { localized } from '../../src/lib/figure.ts';

// The caption quotes shares rounded to the nearest 10% and two bounds. Each must hold for the
// figure's own seeds (1..50) and for four further disjoint sets of 50 seeds, so that the text does
// not depend on a lucky draw.
describe('simhash-retrieval figure', () => {
  const sets = [0, 50, 100, 150, 200].map((first) => meanAgreement(first));
  const at = (set: ReturnType<typeof meanAgreement>, m: number) => set.find((r) => r.m === m)!;

  it('the quoted shares are the same for every set of 50 seeds', () => {
    for (const set of sets) {
      expect(at(set, 8).overlap).toBeLessThan(0.5); // "fewer than half at 8 bits"
      expect(tens(at(set, 64).overlap)).toBe(70); // "about 70% at 64"
      expect(tens(at(set, 256).overlap)).toBe(80); // "about 80% at 256"
      for (const m of BITS.filter((b) => b >= 64)) expect(at(set, m).precision).toBeGreaterThan(0.9);
      // more bits never retrieve less of the exact top-25, on average
      set.slice(1).forEach((r, i) => expect(r.overlap).toBeGreaterThan(set[i]!.overlap));
    }
  });

  it('says so in both languages', () => {
    const en = localized(simhashRetrieval.caption, 'en');
    expect(en).toContain('averaged over 50 seeds');
    expect(en).toContain('about 70% at 64 and about 80% at 256');
    const zh = localized(simhashRetrieval.caption, 'zh');
    expect(zh).toContain('64 比特时约 70%，256 比特时约 80%');
  });
});
