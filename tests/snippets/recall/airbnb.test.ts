import { describe, expect, it } from 'vitest';
import {
  airbnbLoss,
  coldStartEmbedding,
  logSigmoidLoss,
  sessionPositivePairs,
  splitSessions,
  type ListingInfo,
} from '../../../content/snippets/recall/airbnb.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('splitSessions', () => {
  it('starts a new session after a gap of more than 30 minutes', () => {
    // Times in seconds; 30 minutes = 1800 s. Gaps: A->B 600, B->C 1800 (exactly 30 min: same
    // session), C->D 1900 (> 1800: new), D->E 100, E->F 15600 (new).
    const clicks = [
      { listing: 'D', time: 4300 },
      { listing: 'A', time: 0 },
      { listing: 'F', time: 20_000 },
      { listing: 'B', time: 600 },
      { listing: 'E', time: 4400 },
      { listing: 'C', time: 2400 },
    ];
    expect(splitSessions(clicks)).toEqual([['A', 'B', 'C'], ['D', 'E'], ['F']]);
    // With a 10-minute gap, B->C (1800 s) and C->D split too.
    expect(splitSessions(clicks, 600)).toEqual([['A', 'B'], ['C'], ['D', 'E'], ['F']]);
  });

  it('handles the empty log and rejects a bad gap', () => {
    expect(splitSessions([])).toEqual([]);
    expect(() => splitSessions([], 0)).toThrow(/gapSeconds must be positive/);
  });
});

describe('coldStartEmbedding', () => {
  const fresh: ListingInfo = { id: 'new', x: 0, y: 0, type: 'private', priceBucket: 2 };
  const known: ListingInfo[] = [
    { id: 'a', x: 1, y: 0, type: 'private', priceBucket: 2 }, // 1 km
    { id: 'b', x: 0, y: 2, type: 'private', priceBucket: 2 }, // 2 km
    { id: 'c', x: 3, y: 4, type: 'private', priceBucket: 2 }, // 5 km
    { id: 'd', x: 0.5, y: 0, type: 'entire', priceBucket: 2 }, // closer, but another type
    { id: 'e', x: 0, y: 0.5, type: 'private', priceBucket: 3 }, // closer, but another price bucket
    { id: 'f', x: 6, y: 8, type: 'private', priceBucket: 2 }, // 10 km, fourth nearest match
    { id: 'g', x: 0.1, y: 0, type: 'private', priceBucket: 2 }, // closest, but has no embedding yet
  ];
  const emb = new Map<string, number[]>([
    ['a', [1, 0]],
    ['b', [0, 1]],
    ['c', [1, 1]],
    ['d', [9, 9]],
    ['e', [9, 9]],
    ['f', [5, 5]],
  ]);

  it('averages the three nearest listings of the same type and price bucket', () => {
    // a, b, c: ((1 + 0 + 1) / 3, (0 + 1 + 1) / 3) = (2/3, 2/3)
    const v = coldStartEmbedding(fresh, known, emb, 20)!;
    expect(v[0]).toBeCloseTo(2 / 3, 12);
    expect(v[1]).toBeCloseTo(2 / 3, 12);
  });

  it('moves on to the next match when one drops out', () => {
    // Without c: a, b, f = ((1 + 0 + 5) / 3, (0 + 1 + 5) / 3) = (2, 2)
    const v = coldStartEmbedding(
      fresh,
      known.filter((l) => l.id !== 'c'),
      emb,
      20,
    )!;
    expect(v[0]).toBeCloseTo(2, 12);
    expect(v[1]).toBeCloseTo(2, 12);
  });

  it('gives up when fewer than three matches lie within the radius', () => {
    expect(coldStartEmbedding(fresh, known, emb, 4)).toBeUndefined(); // only a and b
    expect(coldStartEmbedding(fresh, known, emb, 4, 2)).toEqual([0.5, 0.5]);
    expect(() => coldStartEmbedding(fresh, known, emb, -1)).toThrow(/radiusKm/);
  });

  it('averages huge and tiny vectors without overflow or underflow', () => {
    // (1.5e308 + 1.5e308 + 1.5e308) / 3 overflows if summed first; dividing each by 3 first does not
    const big = new Map<string, number[]>([
      ['a', [1.5e308, 3e-320]],
      ['b', [1.5e308, 3e-320]],
      ['c', [1.5e308, 3e-320]],
    ]);
    const v = coldStartEmbedding(fresh, known, big, 20)!;
    expect(v[0]).toBeCloseTo(1.5e308, -300);
    expect(v[0]! / 1.5e308).toBeCloseTo(1, 14);
    expect(v[1]! / 3e-320).toBeCloseTo(1, 2); // subnormal: about 3 significant digits remain
  });
});

describe('airbnbLoss', () => {
  const ln3 = Math.log(3);
  it('matches a hand computation with every term', () => {
    // Centre v_l = [1, 0], so each dot product is the context's first coordinate.
    // positives: dot ln 3, sigma(ln 3) = 3/4, -log(3/4) = ln(4/3) each, two of them;
    // global negative: dot -ln 3, -log sigma(ln 3) = ln(4/3);
    // booked: dot 0, -log(1/2) = ln 2;
    // market negative: dot ln 3, -log sigma(-ln 3) = -log(1/4) = ln 4.
    // Total 3 ln(4/3) + ln 2 + ln 4 = 0.863046 + 0.693147 + 1.386294 = 2.942488.
    const ex = {
      centre: [1, 0],
      positives: [
        [ln3, 0],
        [ln3, 5],
      ],
      negatives: [[-ln3, 7]],
      booked: [0, 1],
      marketNegatives: [[ln3, 0]],
    };
    expect(airbnbLoss(ex)).toBeCloseTo(3 * Math.log(4 / 3) + Math.log(2) + Math.log(4), 12);
    expect(airbnbLoss(ex)).toBeCloseTo(2.942488, 6);
    // An exploratory session has no booked listing: the ln 2 term goes.
    const { booked: _unused, ...exploratory } = ex;
    expect(airbnbLoss(exploratory)).toBeCloseTo(3 * Math.log(4 / 3) + Math.log(4), 12);
  });

  it('equals minus the objective written with 1 / (1 + e^{-x}) on seeded random vectors', () => {
    const rng = mulberry32(31);
    const vec = () => [normal(rng), normal(rng), normal(rng)];
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    for (let t = 0; t < 20; t++) {
      const centre = vec();
      const positives = [vec(), vec()];
      const negatives = [vec(), vec(), vec()];
      const booked = vec();
      const marketNegatives = [vec(), vec()];
      const objective =
        positives.reduce((s, c) => s + Math.log(sig(dot(c, centre))), 0) +
        negatives.reduce((s, c) => s + Math.log(sig(-dot(c, centre))), 0) +
        Math.log(sig(dot(booked, centre))) +
        marketNegatives.reduce((s, c) => s + Math.log(sig(-dot(c, centre))), 0);
      expect(airbnbLoss({ centre, positives, negatives, booked, marketNegatives })).toBeCloseTo(-objective, 10);
    }
  });

  it('stays finite and exact for dot products of +-800 and +-1000', () => {
    // -log sigma(z) = log(1 + e^-z): z = 800 gives ~e^-800, below the smallest double; z = -800 gives
    // 800 + log(1 + e^-800) = 800. Naively sigma(-800) = 1 / (1 + e^800) = 0 and -log(0) = Infinity.
    expect(-Math.log(1 / (1 + Math.exp(800)))).toBe(Infinity);
    expect(logSigmoidLoss(800)).toBe(0);
    expect(logSigmoidLoss(-800)).toBeCloseTo(800, 9);
    expect(logSigmoidLoss(1000)).toBe(0);
    expect(logSigmoidLoss(-1000)).toBeCloseTo(1000, 9);
  });

  it('keeps full relative precision for a tiny loss, where -log(sigmoid) rounds', () => {
    // z = 30: log(1 + e^-30) = e^-30 (1 - e^-30 / 2 + ...); the naive -log(1 / (1 + e^-30)) is off by 3e-3
    const analytic = Math.exp(-30) * (1 - Math.exp(-30) / 2);
    expect(Math.abs(logSigmoidLoss(30) / analytic - 1)).toBeLessThan(1e-13);
    expect(Math.abs(-Math.log(1 / (1 + Math.exp(-30))) / analytic - 1)).toBeGreaterThan(1e-4);
    // and it equals the naive formula where that one is accurate
    for (const z of [-5, -1, 0, 0.5, 3]) expect(logSigmoidLoss(z)).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-z))), 14);
    expect(() => logSigmoidLoss(Number.NaN)).toThrow(/NaN/);
  });

  it('tiny vectors give ln 2 per term; vectors whose inner product overflows throw', () => {
    // every inner product is 2e-400, which is 0 in double precision; -log sigma(0) = ln 2, and the
    // true value differs from ln 2 by 1e-400. Five terms: 2 positives, 1 negative, booked, 1 market.
    const t = [1e-200, 1e-200];
    expect(airbnbLoss({ centre: t, positives: [t, t], negatives: [t], booked: t, marketNegatives: [t] })).toBeCloseTo(
      5 * Math.LN2,
      14,
    );
    // 1e200 * 1e200 * 2 = Infinity: the loss would be Infinity (or NaN for mixed signs)
    const h = [1e200, 1e200];
    expect(() => airbnbLoss({ centre: h, positives: [h], negatives: [], marketNegatives: [] })).toThrow(/not finite/);
    expect(() =>
      airbnbLoss({ centre: h, positives: [[1e200, -1e200]], negatives: [[-1e200, 1e200]], marketNegatives: [] }),
    ).not.toThrow(); // these inner products are exactly 0
  });
});

describe('sessionPositivePairs', () => {
  it('adds the booked listing as a context of every other click', () => {
    // Window 1 gives 6 pairs; booking adds (a,d), (b,d), (c,d): 9 in all, and c meets d twice.
    expect(sessionPositivePairs(['a', 'b', 'c', 'd'], 1, true)).toEqual([
      ['a', 'b'],
      ['a', 'd'],
      ['b', 'a'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'b'],
      ['c', 'd'],
      ['c', 'd'],
      ['d', 'c'],
    ]);
    expect(sessionPositivePairs(['a', 'b', 'c', 'd'], 1, false)).toHaveLength(6);
  });
});
