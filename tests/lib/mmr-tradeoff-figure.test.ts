import { describe, expect, it } from 'vitest';
import mmrTradeoff, { POOLS, summarise } from '../../src/figures/mmr-tradeoff.ts';
import { localized } from '../../src/lib/figure.ts';

describe('mmr-tradeoff figure', () => {
  const seeds = (from: number) => Array.from({ length: POOLS }, (_, k) => from + k);
  const shown = summarise(seeds(1));
  const other = summarise(seeds(POOLS + 1));

  it('quotes numbers that a disjoint set of pools reproduces, not one lucky draw', () => {
    // Fifty pools were too few: the λ = 1 diversity moved from 0.22 to 0.30 between blocks of 50
    // seeds and the turning point between 0.75 and 0.80. With 400 pools per block the means of two
    // disjoint blocks must agree within 3 combined standard errors (a correct simulation fails
    // one such check with probability 0.003), and the turning points must coincide.
    for (const s of [0, 10, 20]) {
      for (const key of ['relevance', 'diversity', 'topics'] as const) {
        const a = shown.rows[s]!;
        const b = other.rows[s]!;
        expect(Math.abs(a.mean[key] - b.mean[key])).toBeLessThan(3 * Math.hypot(a.se[key], b.se[key]));
      }
    }
    expect(other.knee).toBe(shown.knee);
    expect([other.q1, other.q3]).toEqual([shown.q1, shown.q3]);
    const [en, zh] = [localized(mmrTradeoff.caption, 'en'), localized(mmrTradeoff.caption, 'zh')];
    expect(en).toContain(`at λ = ${shown.knee.toFixed(2)}`);
    expect(en).toContain(`from ${shown.q1.toFixed(2)} to ${shown.q3.toFixed(2)}`);
    expect(zh).toContain(`在 λ = ${shown.knee.toFixed(2)} 处`);
    expect(zh).toContain(`落在 ${shown.q1.toFixed(2)} 到 ${shown.q3.toFixed(2)} 之间`);
  }, 60_000);

  it('supports the page: λ = 0.5 buys most of the diversity for less relevance than the rest of the way costs', () => {
    // The reranking page: going from λ = 1 to 0.5 buys more than three quarters of the diversity
    // gap between the two ends, for a relevance loss less than half of the one from 0.5 to 0,
    // where diversity rises by little (under 0.15). Checked on both blocks of pools.
    for (const { rows } of [shown, other]) {
      const [at0, atHalf, at1] = [rows[0]!.mean, rows[10]!.mean, rows[20]!.mean];
      expect((atHalf.diversity - at1.diversity) / (at0.diversity - at1.diversity)).toBeGreaterThan(0.75);
      expect(at1.relevance - atHalf.relevance).toBeLessThan((atHalf.relevance - at0.relevance) / 2);
      expect(at0.diversity - atHalf.diversity).toBeLessThan(0.15);
      // and the relevance sort is dominated by one topic: under two of the four on average
      expect(at1.topics).toBeLessThan(2);
    }
  }, 60_000);
});
