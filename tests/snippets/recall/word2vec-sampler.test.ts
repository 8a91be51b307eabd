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
    expect(() => negativeDistribution([3, Infinity])).toThrow(/positive and finite/);
    expect(() => negativeDistribution([3], -1)).toThrow(/alpha must be finite and >= 0/);
    expect(() => negativeDistribution([3], Infinity)).toThrow(/alpha must be finite and >= 0/);
    expect(() => negativeDistribution([3], Number.NaN)).toThrow(/alpha must be finite and >= 0/);
  });

  it('matches the naive f^alpha / sum wherever that is finite', () => {
    const rng = mulberry32(17);
    for (let t = 0; t < 100; t++) {
      const counts = Array.from({ length: 1 + Math.floor(rng() * 20) }, () => 10 ** (12 * rng()));
      const alpha = 2 * rng();
      const w = counts.map((c) => c ** alpha);
      const total = w.reduce((a, b) => a + b, 0);
      negativeDistribution(counts, alpha).forEach((q, i) => expect(q / (w[i]! / total)).toBeCloseTo(1, 12));
    }
  });

  it('huge counts, tiny counts and tiny alpha', () => {
    // raw frequency of two counts of 1e308: the naive sum overflows and gives 0, 0
    expect(negativeDistribution([1e308, 1e308], 1)).toEqual([0.5, 0.5]);
    // 1e308 and 3e307 with alpha = 1: analytic 10/13, 3/13
    negativeDistribution([1e308, 3e307], 1).forEach((q, i) => expect(q).toBeCloseTo([10 / 13, 3 / 13][i]!, 13));
    // counts of 1e-300 and 4e-300, alpha = 0.5: sqrt ratio 1 : 2
    negativeDistribution([1e-300, 4e-300], 0.5).forEach((q, i) => expect(q).toBeCloseTo([1 / 3, 2 / 3][i]!, 13));
    // alpha = 1e-3 on counts 1e-200 and 1e200: their ratio 1e400 is not a double (the naive
    // 1e-200 / 1e200 underflows to 0), but (1e400)^0.001 = 10^0.4, so the shares are
    // 1 / (1 + 10^0.4) and 10^0.4 / (1 + 10^0.4)
    const r = 10 ** 0.4;
    negativeDistribution([1e-200, 1e200], 1e-3).forEach((q, i) =>
      expect(q).toBeCloseTo([1 / (1 + r), r / (1 + r)][i]!, 12),
    );
    // alpha = 1e-17 is uniform to 15 digits
    for (const q of negativeDistribution([1, 1e6, 1e12], 1e-17)) expect(q).toBeCloseTo(1 / 3, 15);
    // a large alpha sends the smaller counts' shares to 0 without overflow
    expect(negativeDistribution([1, 2], 2000)).toEqual([0, 1]);
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

  // Seeds 1..20, 200,000 draws each. The page quotes the ranges these tests pin.
  const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

  it('never returns the positive word', () => {
    for (const seed of SEEDS.slice(0, 5)) expect(draw(0, 200_000, seed)[0]).toBe(0);
  }, 30_000);

  it('skips rather than redraws: about k (1 - P_n(positive)) negatives per call', () => {
    const total = 200_000;
    // binomial sd sqrt(total p (1 - p)) ~ 178 draws, 0.09 percentage points; allow 4.5 sd per seed
    // (20 seeds: a correct sampler exceeds that with probability about 1e-4)
    const sd = Math.sqrt(total * p[0]! * (1 - p[0]!));
    const shares = SEEDS.map((seed) => {
      const kept = draw(0, total, seed).reduce((a, b) => a + b, 0);
      expect(Math.abs(kept - total * (1 - p[0]!))).toBeLessThan(4.5 * sd);
      return kept / total;
    });
    // 1 - P_n(w_O) = 80.28%; the page quotes 80.1% to 80.5% over these seeds
    expect(1 - p[0]!).toBeCloseTo(0.8028, 4);
    expect(Math.min(...shares)).toBeGreaterThan(0.8005);
    expect(Math.max(...shares)).toBeLessThan(0.805);
  }, 30_000);

  it('empirical frequencies fit f^0.75 (chi-square), and clearly reject f^1', () => {
    // 19 categories left -> df = 18: mean 18, sd 6. The 99.99% point is about 48, so a correct
    // sampler passes all 20 seeds with probability about 0.998; the seeds are fixed.
    const fit: number[] = [];
    const raw: number[] = [];
    for (const seed of SEEDS) {
      const hist = draw(0, 200_000, seed);
      fit.push(chiSquare(hist, p, 0));
      // the same draws tested against the raw unigram (alpha = 1) fail by a wide margin
      raw.push(chiSquare(hist, negativeDistribution(counts, 1), 0));
    }
    for (const c of fit) expect(c).toBeLessThan(48);
    // the page's ranges: fit from about 6 to 28, raw frequency above 5,000 for every seed
    expect(Math.min(...fit)).toBeGreaterThan(5);
    expect(Math.max(...fit)).toBeLessThan(29);
    expect(Math.min(...raw)).toBeGreaterThan(5000);
  }, 30_000);

  it('with a rare positive almost every draw is kept', () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const hist = draw(19, 50_000, seed);
      expect(hist[19]).toBe(0);
      expect(chiSquare(hist, p, 19)).toBeLessThan(48);
    }
  }, 30_000);

  it('rejects a bad k', () => {
    expect(() => sampleNegatives(table, mulberry32(1), -1, 0)).toThrow(/k must be a non-negative integer/);
  });
});
