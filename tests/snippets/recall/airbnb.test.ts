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

  it('stays finite for large dot products', () => {
    expect(logSigmoidLoss(800)).toBe(0);
    expect(logSigmoidLoss(-800)).toBeCloseTo(800, 9);
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
