import { describe, expect, it } from 'vitest';
import {
  blendNegatives,
  cosine,
  fmItemVector,
  fmUserVector,
  rankWindow,
  sampleWithoutReplacement,
  semiHardNegatives,
  simulateRankWindows,
  tripletLoss,
} from '../../../content/snippets/recall/ebr.ts';
import { fmPredict, pairwiseNaive } from '../../../content/snippets/ranking/fm.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

/** The page's score table: the current model's cosines for 12 candidates of one query; id 2 was clicked. */
const SCORES = [0.91, 0.15, 0.88, 0.62, 0.47, 0.83, 0.05, 0.79, 0.55, 0.3, 0.71, 0.4];
const CLICKED = [2];

describe('cosine and tripletLoss', () => {
  it('computes hand values', () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosine([3, 4], [-3, -4])).toBe(-1);
    // D = 1 - cos: max(0, (1 - 0.8) - (1 - 0.7) + 0.2) = max(0, 0.2 - 0.3 + 0.2) = 0.1
    expect(tripletLoss(0.8, 0.7, 0.2)).toBeCloseTo(0.1, 15);
    // beaten by 0.3 > m: no loss
    expect(tripletLoss(0.8, 0.5, 0.2)).toBe(0);
  });

  it('agrees with the textbook formula on random vectors', () => {
    const rng = mulberry32(3);
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: 8 }, () => normal(rng));
      const b = Array.from({ length: 8 }, () => normal(rng));
      const naive =
        a.reduce((s, x, i) => s + x * b[i]!, 0) /
        (Math.sqrt(a.reduce((s, x) => s + x * x, 0)) * Math.sqrt(b.reduce((s, x) => s + x * x, 0)));
      expect(cosine(a, b)).toBeCloseTo(naive, 13);
    }
  });

  it('is exact for tiny and huge norms, where the naive formula gives NaN', () => {
    expect(cosine([1e-200, 1e-200], [1e-200, 0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosine([1e200, 1e200], [1e200, 0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosine([1e-200, 1e-200], [1e200, 1e200])).toBeCloseTo(1, 15);
  });

  it('rejects what has no answer', () => {
    expect(() => cosine([0, 0], [1, 0])).toThrow(/zero vector/);
    expect(() => cosine([1, 0], [1])).toThrow(/same length/);
    expect(() => cosine([1, Number.NaN], [1, 0])).toThrow(/a\[1\]/);
    expect(() => tripletLoss(1.5, 0, 0.1)).toThrow(/cosPositive/);
    expect(() => tripletLoss(0.5, 0, -0.1)).toThrow(/margin/);
  });
});

describe('rankWindow on the page table', () => {
  // non-positives by score: 0 (.91), 5 (.83), 7 (.79), 10 (.71), 3 (.62), 8 (.55), 4 (.47), 11 (.40), 9 (.30), 1 (.15), 6 (.05)
  it('returns the ranks asked for, positives skipped', () => {
    expect(rankWindow(SCORES, CLICKED, 1, 1)).toEqual([0]);
    expect(rankWindow(SCORES, CLICKED, 3, 6)).toEqual([7, 10, 3, 8]);
    expect(rankWindow(SCORES, CLICKED, 10, 20)).toEqual([1, 6]);
    expect(rankWindow(SCORES, CLICKED, 12, 20)).toEqual([]);
  });

  it('breaks ties by id and never returns a positive', () => {
    expect(rankWindow([0.5, 0.5, 0.9, 0.5], [2], 1, 3)).toEqual([0, 1, 3]);
    const rng = mulberry32(9);
    for (let t = 0; t < 50; t++) {
      const s = Array.from({ length: 40 }, () => rng());
      const pos = [3, 17, 29];
      const all = rankWindow(s, pos, 1, 40);
      expect(all).toHaveLength(37);
      expect(all.some((id) => pos.includes(id))).toBe(false);
      for (let i = 1; i < all.length; i++) expect(s[all[i - 1]!]!).toBeGreaterThanOrEqual(s[all[i]!]!);
    }
  });

  it('rejects bad windows and ids', () => {
    expect(() => rankWindow(SCORES, CLICKED, 0, 3)).toThrow(/window/);
    expect(() => rankWindow(SCORES, CLICKED, 4, 3)).toThrow(/window/);
    expect(() => rankWindow(SCORES, [12], 1, 3)).toThrow(/positives/);
    expect(() => rankWindow([0.1, Number.POSITIVE_INFINITY], [], 1, 3)).toThrow(/scores\[1\]/);
  });
});

describe('semiHardNegatives and the losses of the page table', () => {
  it('keeps the candidates within the margin below the positive', () => {
    // s+ = 0.88, m = 0.2: the band (0.68, 0.88) holds 5 (.83), 7 (.79), 10 (.71); 0 (.91) is above the positive
    expect(semiHardNegatives(SCORES, CLICKED, 0.88, 0.2)).toEqual([5, 7, 10]);
  });

  it('gives the losses the page lists', () => {
    const loss = (id: number) => tripletLoss(0.88, SCORES[id]!, 0.2);
    expect(loss(0)).toBeCloseTo(0.23, 12); // 0.91 - 0.88 + 0.2
    expect(loss(5)).toBeCloseTo(0.15, 12);
    expect(loss(7)).toBeCloseTo(0.11, 12);
    expect(loss(10)).toBeCloseTo(0.03, 12);
    for (const id of [3, 8, 4, 11, 9, 1, 6]) expect(loss(id)).toBe(0);
  });
});

describe('sampleWithoutReplacement and blendNegatives', () => {
  it('draws distinct members, each equally often (seeds 1..5)', () => {
    const pool = [10, 11, 12, 13, 14];
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const counts = new Map<number, number>();
      for (let t = 0; t < 20_000; t++) {
        const d = sampleWithoutReplacement(rng, pool, 2);
        expect(new Set(d).size).toBe(2);
        for (const x of d) counts.set(x, (counts.get(x) ?? 0) + 1);
      }
      // each member is in a draw with probability 2/5: 8000 expected, sd sqrt(20000 * 0.4 * 0.6) = 69
      for (const x of pool) expect(Math.abs(counts.get(x)! - 8000)).toBeLessThan(350);
    }
    expect(sampleWithoutReplacement(mulberry32(1), [1, 2], 5).sort()).toEqual([1, 2]);
  });

  it('keeps every hard negative and adds ratio easy ones, never a positive', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const out = blendNegatives(mulberry32(seed), 50, [0, 1, 2], [7, 10], 100);
      expect(out.filter((n) => n.kind === 'hard').map((n) => n.id)).toEqual([7, 10]);
      expect(out.filter((n) => n.kind === 'easy')).toHaveLength(200);
      expect(out.some((n) => [0, 1, 2].includes(n.id))).toBe(false);
    }
    expect(() => blendNegatives(mulberry32(1), 2, [0, 1], [5], 1)).toThrow(/every corpus id/);
    expect(() => blendNegatives(mulberry32(1), 10, [], [5], 1.5)).toThrow(/ratio/);
  });
});

describe('FM as a recall channel', () => {
  it('scores each item by one inner product, equal to the FM score minus the user-only terms', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const k = 4;
      const nu = 5;
      const ni = 6;
      const rand = () => normal(rng);
      const w0 = rand();
      const wu = Array.from({ length: nu }, rand);
      const wi = Array.from({ length: ni }, rand);
      const Vu = Array.from({ length: nu }, () => Array.from({ length: k }, rand));
      const Vi = Array.from({ length: ni }, () => Array.from({ length: k }, rand));
      const xu = Array.from({ length: nu }, () => (rng() < 0.5 ? 1 : 0));
      const userConst = w0 + wu.reduce((s, w, a) => s + w * xu[a]!, 0) + pairwiseNaive(xu, Vu);
      const u = fmUserVector(xu, Vu);
      expect(u).toHaveLength(k + 1);
      for (let item = 0; item < 20; item++) {
        const xi = Array.from({ length: ni }, () => (rng() < 0.4 ? 1 : rng()));
        const full = fmPredict([...xu, ...xi], { w0, w: [...wu, ...wi], V: [...Vu, ...Vi] });
        const v = fmItemVector(xi, wi, Vi);
        const dot = u.reduce((s, x, f) => s + x * v[f]!, 0);
        expect(dot + userConst).toBeCloseTo(full, 10);
      }
    }
  });

  it('rejects mismatched shapes', () => {
    expect(() => fmUserVector([1, 0], [[1, 2]])).toThrow(/one row per user feature/);
    expect(() => fmItemVector([1], [1, 2], [[1]])).toThrow(/one weight per item feature/);
  });
});

describe('simulateRankWindows (the page table)', () => {
  const W = [
    [1, 10],
    [11, 100],
    [101, 500],
    [501, 1500],
  ] as const;
  const runs = [1, 2, 3, 4, 5].map((seed) => simulateRankWindows(seed, W));
  const mean = (b: number, key: 'falseNegativeShare' | 'activeShare') =>
    runs.reduce((s, r) => s + r[b]![key], 0) / runs.length;

  it('orders the bands the same way for every seed', () => {
    for (const r of runs) {
      const [top, near, band, deep, random] = r;
      // the top ranks are mostly unlabelled positives; the band of ranks 101-500 almost none
      expect(top!.falseNegativeShare).toBeGreaterThan(0.5);
      expect(near!.falseNegativeShare).toBeLessThan(top!.falseNegativeShare / 4);
      expect(band!.falseNegativeShare).toBeLessThan(0.01);
      expect(deep!.falseNegativeShare).toBeLessThan(0.001);
      // learning signal falls with depth; uniform draws sit between the band and the tail
      expect(top!.activeShare).toBeGreaterThan(near!.activeShare);
      expect(near!.activeShare).toBeGreaterThan(band!.activeShare);
      expect(band!.activeShare).toBeGreaterThan(1.5 * random!.activeShare);
      expect(random!.activeShare).toBeGreaterThan(deep!.activeShare);
    }
  });

  it('reproduces the table on the page: five-seed means, ranges over six groups of seeds 1..30', () => {
    // [digits, false-negative range, pairs-with-loss range]: every five-seed mean, rounded to the
    // digits the page prints, must fall in the printed range
    const page: [number, [number, number], [number, number]][] = [
      [2, [0.63, 0.65], [0.98, 0.99]],
      [2, [0.08, 0.08], [0.74, 0.75]],
      [3, [0.002, 0.003], [0.16, 0.16]],
      [3, [0, 0], [0.002, 0.003]],
      [3, [0.007, 0.008], [0.07, 0.07]],
    ];
    const inRange = (x: number, digits: number, [lo, hi]: [number, number]) => {
      const r = Number(x.toFixed(digits));
      return r >= lo - 1e-12 && r <= hi + 1e-12;
    };
    const groupMeans = (first: number) => {
      const rs = [0, 1, 2, 3, 4].map((k) => (first === 1 ? runs[k]! : simulateRankWindows(first + k, W)));
      return rs[0]!.map((_, b) => ({
        fn: rs.reduce((s, r) => s + r[b]!.falseNegativeShare, 0) / 5,
        act: rs.reduce((s, r) => s + r[b]!.activeShare, 0) / 5,
      }));
    };
    for (const first of [1, 6, 11, 16, 21, 26]) {
      groupMeans(first).forEach(({ fn, act }, b) => {
        const [digits, fnRange, actRange] = page[b]!;
        // shares of 0.01 and above are printed with two digits
        const actDigits = actRange[0] >= 0.01 ? 2 : digits;
        expect(inRange(fn, digits, fnRange), `group ${first}, band ${b}: false negatives ${fn}`).toBe(true);
        expect(inRange(act, actDigits, actRange), `group ${first}, band ${b}: pairs ${act}`).toBe(true);
      });
    }
    // seeds 1..5 alone, as the prose uses them
    expect(mean(0, 'falseNegativeShare')).toBeGreaterThan(0.6);
    expect(mean(2, 'activeShare') / mean(4, 'activeShare')).toBeGreaterThan(2);
  }, 60_000);
});
