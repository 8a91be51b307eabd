import { describe, expect, it } from 'vitest';
import attentionMasks, { SUMMARY as MASKS } from '../../src/figures/attention-masks.ts';
import sampledHitRate, { SUMMARY as HIT } from '../../src/figures/sampled-hit-rate.ts';
import semanticIdLevels, { at } from '../../src/figures/semantic-id-levels.ts';
import { sampledHitProbability } from '../../content/snippets/sequential/sasrec.ts';
import { localized } from '../../src/lib/figure.ts';

describe('attention-masks figure', () => {
  it('causal weights right of the diagonal are exactly 0; bidirectional rows put weight on later items', () => {
    expect(MASKS.causalFuture).toBe(0);
    MASKS.shown.causal.forEach((row, i) =>
      row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0))),
    );
    for (const row of [...MASKS.shown.causal, ...MASKS.shown.bidirectional])
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const s of MASKS.shares) expect(s).toBeGreaterThan(0.2);
    expect((100 * MASKS.meanShare).toFixed(0)).toBe('45');
    expect(localized(attentionMasks.caption, 'en')).toContain('exactly 0');
  });
});

describe('sampled-hit-rate figure', () => {
  it('pins the numbers of its caption, and they are where the curve crosses', () => {
    expect(HIT).toEqual({ p500: '0.97', p5000: '1e-18', half100: 964, half1000: 97 });
    expect(sampledHitProbability(964, 10_000, 100, 10)).toBeGreaterThanOrEqual(0.5);
    expect(sampledHitProbability(965, 10_000, 100, 10)).toBeLessThan(0.5);
    expect(sampledHitProbability(97, 10_000, 1000, 10)).toBeGreaterThanOrEqual(0.5);
    expect(sampledHitProbability(98, 10_000, 1000, 10)).toBeLessThan(0.5);
    expect(localized(sampledHitRate.caption, 'zh')).toContain('排名 964');
  });
});

describe('semantic-id-levels figure', () => {
  it('pins the numbers of its caption (means over five catalogues)', () => {
    expect((100 * at(16, 1).error).toFixed(1)).toBe('6.6');
    expect((100 * at(16, 3).error).toFixed(1)).toBe('2.0');
    expect([2, 3, 4].map((l) => Math.round(at(16, l).colliding))).toEqual([429, 60, 5]);
    // every level lowers the error, for every codebook size and every seed in the range
    for (const k of [4, 16, 64])
      for (let l = 2; l <= 5; l++) {
        expect(at(k, l).error).toBeLessThan(at(k, l - 1).error);
        expect(at(k, l).hi).toBeLessThan(at(k, l - 1).hi);
      }
    expect(localized(semanticIdLevels.caption, 'en')).toContain('from 6.6% after one level to 2.0% after three');
  });
});
