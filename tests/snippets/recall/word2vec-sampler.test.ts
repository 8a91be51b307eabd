import { describe, expect, it } from 'vitest';
import {
  buildUnigramTable,
  negativeDistribution,
  sampleNegatives,
} from '../../../content/snippets/recall/word2vec-sampler.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('negativeDistribution', () => {
  it('is f^alpha normalised: a hand case with alpha = 0.5', () => {
    // counts 9, 4, 1 -> sqrt: 3, 2, 1 -> / 6
    const p = negativeDistribution([9, 4, 1], 0.5);
    expect(p[0]).toBeCloseTo(1 / 2, 12);
    expect(p[1]).toBeCloseTo(1 / 3, 12);
    expect(p[2]).toBeCloseTo(1 / 6, 12);
  });

  it('alpha = 0 is uniform, alpha = 1 the raw frequency, 0.75 in between', () => {
    const counts = [1000, 100, 10, 1];
    expect(negativeDistribution(counts, 0)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const raw = negativeDistribution(counts, 1);
    expect(raw[0]).toBeCloseTo(1000 / 1111, 12);
    const mid = negativeDistribution(counts, 0.75);
    // 0.75 takes mass from the head and gives it to the tail
    expect(mid[0]!).toBeLessThan(raw[0]!);
    expect(mid[3]!).toBeGreaterThan(raw[3]!);
    // 1000^0.75 = 177.83, 100^0.75 = 31.62, 10^0.75 = 5.62, 1 -> head share 177.83 / 216.07 = 0.823
    expect(mid[0]).toBeCloseTo(177.8279 / (177.8279 + 31.6228 + 5.6234 + 1), 4);
  });

  it('rejects bad input', () => {
    expect(() => negativeDistribution([])).toThrow(/must not be empty/);
    expect(() => negativeDistribution([3, 0])).toThrow(/positive and finite/);
    expect(() => negativeDistribution([3], -1)).toThrow(/alpha must be >= 0/);
  });
});

describe('buildUnigramTable', () => {
  it('hand case: counts 9, 4, 1 with alpha 0.5 in 6 cells', () => {
    // shares 1/2, 1/3, 1/6 of 6 cells = 3, 2, 1; cell midpoints 1/12, 3/12, ... 11/12
    expect([...buildUnigramTable([9, 4, 1], 6, 0.5)]).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('property: each word gets M * P_n(w) cells, give or take one', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rng() * 40);
      const counts = Array.from({ length: n }, () => 1 + Math.floor(1000 * rng() ** 3));
      const M = n + Math.floor(rng() * 5000);
      const table = buildUnigramTable(counts, M);
      const p = negativeDistribution(counts);
      const cells = new Array<number>(n).fill(0);
      for (const w of table) cells[w]!++;
      cells.forEach((c, w) => expect(Math.abs(c - M * p[w]!)).toBeLessThanOrEqual(1 + 1e-9));
      // cells are contiguous and in word order
      let ordered = true;
      for (let a = 1; a < M; a++) if (table[a]! < table[a - 1]!) ordered = false;
      expect(ordered).toBe(true);
    }
  });

  it('a table that is too small drops rare words', () => {
    // P_n of the rare middle word = 1 / (2 * 1000^0.75 + 1) ~ 0.0028 < 1 / 100: its segment
    // [0.4986, 0.5014) contains no cell midpoint (0.495, 0.505 are the nearest)
    const table = buildUnigramTable([1000, 1, 1000], 100);
    expect(table.includes(1)).toBe(false);
    expect(() => buildUnigramTable([1, 2, 3], 2)).toThrow(/tableSize must be an integer >= the vocabulary size/);
  });
});

describe('sampleNegatives', () => {
  // A Zipf-like vocabulary: count of rank r is round(1000 / r)
  const counts = Array.from({ length: 20 }, (_, r) => Math.round(1000 / (r + 1)));
  const table = buildUnigramTable(counts, 1_000_000);
  const p = negativeDistribution(counts);

  function draw(positive: number, total: number, seed: number): number[] {
    const rng = mulberry32(seed);
    const hist = new Array<number>(counts.length).fill(0);
    for (let t = 0; t < total / 5; t++) for (const w of sampleNegatives(table, rng, 5, positive)) hist[w]!++;
    return hist;
  }

  function chiSquare(hist: readonly number[], expectedP: readonly number[], skip: number): number {
    const total = hist.reduce((a, b) => a + b, 0);
    const rest = 1 - expectedP[skip]!;
    let chi2 = 0;
    hist.forEach((o, w) => {
      if (w === skip) return;
      const e = (total * expectedP[w]!) / rest; // P_n conditioned on "not the positive"
      chi2 += (o - e) ** 2 / e;
    });
    return chi2;
  }

  it('never returns the positive word', () => {
    const hist = draw(0, 200_000, 1);
    expect(hist[0]).toBe(0);
  });

  it('skips rather than redraws: about k (1 - P_n(positive)) negatives per call', () => {
    const total = 200_000;
    const kept = draw(0, total, 2).reduce((a, b) => a + b, 0);
    const expected = total * (1 - p[0]!);
    // binomial sd sqrt(total p (1 - p)) ~ 160; allow 5 sd
    expect(Math.abs(kept - expected)).toBeLessThan(5 * Math.sqrt(total * p[0]! * (1 - p[0]!)));
  });

  it('empirical frequencies fit f^0.75 (chi-square), and clearly reject f^1', () => {
    const hist = draw(0, 200_000, 3);
    // 19 categories left -> df = 18: mean 18, sd 6; bound 18 + 5 * 6 = 48
    expect(chiSquare(hist, p, 0)).toBeLessThan(48);
    // the same draws tested against the raw unigram (alpha = 1) fail by a wide margin
    expect(chiSquare(hist, negativeDistribution(counts, 1), 0)).toBeGreaterThan(1000);
  });

  it('with a rare positive almost every draw is kept', () => {
    const hist = draw(19, 50_000, 4);
    expect(hist[19]).toBe(0);
    expect(chiSquare(hist, p, 19)).toBeLessThan(48);
  });

  it('rejects a bad k', () => {
    expect(() => sampleNegatives(table, mulberry32(1), -1, 0)).toThrow(/k must be a non-negative integer/);
  });
});
