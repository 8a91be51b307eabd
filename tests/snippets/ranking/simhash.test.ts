import { describe, expect, it } from 'vitest';
import {
  angleFromHamming,
  bitDisagreement,
  cosine,
  cosineTopK,
  hamming,
  hammingTopK,
  hardSearch,
  popcount32,
  randomHyperplanes,
  retrievalAgreement,
  simhash,
  truncateSignature,
} from '../../../content/snippets/ranking/simhash.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

const randVec = (rng: Rng, d: number): number[] => Array.from({ length: d }, () => normal(rng));

/** Bits of a signature as a 0/1 array, bit 0 first. */
const bitsOf = (sig: Uint32Array, m: number): number[] =>
  Array.from({ length: m }, (_, b) => (sig[b >>> 5]! >>> (b & 31)) & 1);

describe('simhash and Hamming distance', () => {
  // planes (1, 0), (0, 1), (1, 1), (1, -1)
  const planes = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, -1],
  ];

  it('the hand case', () => {
    // v = (2, -1): dots 2, -1, 1, 3 -> bits 1, 0, 1, 1 -> word 0b1101 = 13
    const a = simhash([2, -1], planes);
    expect(bitsOf(a, 4)).toEqual([1, 0, 1, 1]);
    expect(a[0]).toBe(13);
    // w = (-1, 2): dots -1, 2, 1, -3 -> bits 0, 1, 1, 0; differs from v in bits 0, 1 and 3
    const b = simhash([-1, 2], planes);
    expect(bitsOf(b, 4)).toEqual([0, 1, 1, 0]);
    expect(hamming(a, b)).toBe(3);
    // estimated angle pi * 3 / 4 = 135 degrees; the true angle is acos(-4 / 5), about 143 degrees
    expect(angleFromHamming(3, 4)).toBeCloseTo((3 * Math.PI) / 4, 12);
  });

  it('popcount against a bit-by-bit count', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    const rng = mulberry32(3);
    for (let t = 0; t < 1000; t++) {
      const x = Math.floor(rng() * 2 ** 32);
      let naive = 0;
      for (let b = 0; b < 32; b++) naive += (x >>> b) & 1;
      expect(popcount32(x)).toBe(naive);
    }
  });

  it('bits of a 70-bit signature span three words and truncation keeps the first m', () => {
    const rng = mulberry32(4);
    const P = randomHyperplanes(rng, 70, 5);
    const v = randVec(rng, 5);
    const sig = simhash(v, P);
    expect(sig.length).toBe(3);
    const short = truncateSignature(sig, 40);
    expect(Array.from(short)).toEqual(Array.from(simhash(v, P.slice(0, 40))));
    expect(
      bitsOf(short, 64)
        .slice(40)
        .every((b) => b === 0),
    ).toBe(true);
    expect(() => truncateSignature(sig, 97)).toThrow(/m must be an integer in \[1, 96\]/);
  });

  it('the share of differing bits estimates angle / pi, for every seed', () => {
    // two unit vectors in a plane at angle theta, embedded in R^8; m = 4096 bits:
    // the share of differing bits has mean theta / pi and sd sqrt(p (1 - p) / m) <= 0.0079
    const m = 4096;
    for (let seed = 1; seed <= 5; seed++) {
      const P = randomHyperplanes(mulberry32(seed), m, 8);
      for (const theta of [Math.PI / 6, Math.PI / 3, Math.PI / 2, (2 * Math.PI) / 3]) {
        const a = [1, 0, 0, 0, 0, 0, 0, 0];
        const b = [Math.cos(theta), Math.sin(theta), 0, 0, 0, 0, 0, 0];
        const p = bitDisagreement(theta);
        const share = hamming(simhash(a, P), simhash(b, P)) / m;
        expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / m));
      }
    }
  });

  it('scale does not change a signature: tiny, unit and huge vectors agree', () => {
    const P = randomHyperplanes(mulberry32(9), 64, 2);
    const unit = simhash([1, 1], P);
    expect(Array.from(simhash([1e-200, 1e-200], P))).toEqual(Array.from(unit));
    expect(Array.from(simhash([1e200, 1e200], P))).toEqual(Array.from(unit));
    expect(Array.from(simhash([5e-324, 5e-324], P))).toEqual(Array.from(unit));
    expect(cosine([1e200, 1e200], [1e-200, 1e-200])).toBeCloseTo(1, 14);
    expect(cosine([1e200, 0], [0, 1e-200])).toBe(0);
  });

  it('rejects the zero vector, non-finite entries and mismatched lengths', () => {
    expect(() => simhash([0, 0], planes)).toThrow(/zero vector has no direction/);
    expect(() => simhash([1, Number.NaN], planes)).toThrow(/non-finite/);
    expect(() => simhash([1, 2, 3], planes)).toThrow(/plane 0 has length 2, expected 3/);
    expect(() => hamming(new Uint32Array(1), new Uint32Array(2))).toThrow(/1 and 2 words/);
  });
});

describe('retrieval over a behaviour sequence', () => {
  it('hammingTopK: nearest first, ties in sequence order', () => {
    const q = new Uint32Array([0b0000]);
    const sigs = [0b0111, 0b0001, 0b0000, 0b0011, 0b0001].map((w) => new Uint32Array([w]));
    // distances 3, 1, 0, 2, 1
    expect(hammingTopK(q, sigs, 4, 3)).toEqual([2, 1, 4]);
    expect(hammingTopK(q, sigs, 4, 10)).toEqual([2, 1, 4, 3, 0]);
    expect(hammingTopK(q, sigs, 4, 0)).toEqual([]);
  });

  it('hammingTopK rejects a length m shorter than the signatures, and bad m or k', () => {
    const q = new Uint32Array([0]);
    const sigs = [new Uint32Array([0b0111])]; // 3 bits differ
    expect(() => hammingTopK(q, sigs, 2, 1)).toThrow(/signature 0 differs in 3 bits, more than m = 2/);
    expect(() => hammingTopK(q, sigs, 1.5, 1)).toThrow(/m must be a non-negative integer/);
    expect(() => hammingTopK(q, sigs, 4, -1)).toThrow(/k must be a non-negative integer/);
  });

  it('on well-separated interests the Hamming top-k is the exact cosine top-k', () => {
    // 8 interests, 20 behaviours each, tight around random centres in R^16; the target sits at
    // centre 3. Exact cosine top-20 is the target's interest; 256-bit Hamming finds the same set.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const centres = Array.from({ length: 8 }, () => randVec(rng, 16));
      const X = Array.from({ length: 160 }, (_, i) => centres[i % 8]!.map((c) => c + 0.02 * normal(rng)));
      const target = centres[3]!.map((c) => c + 0.02 * normal(rng));
      const exact = cosineTopK(target, X, 20);
      expect(exact.every((i) => i % 8 === 3)).toBe(true);
      const P = randomHyperplanes(rng, 256, 16);
      const top = hammingTopK(
        simhash(target, P),
        X.map((x) => simhash(x, P)),
        256,
        20,
      );
      expect(new Set(top)).toEqual(new Set(exact));
    }
  });

  it('the figure toy: more bits, closer to the exact ranking, for every seed set', () => {
    // averages over 20 seeds each, three disjoint seed sets: the share of the exact top-25 found
    // rises from 8 to 256 bits, and coarse relevance (same interest) is reached with fewer bits
    for (const offset of [0, 100, 200]) {
      const bits = [8, 64, 256];
      const acc = bits.map(() => ({ overlap: 0, precision: 0 }));
      for (let s = 1; s <= 20; s++)
        retrievalAgreement(mulberry32(offset + s), { L: 500, d: 16, clusters: 10, spread: 0.5, k: 25, bits }).forEach(
          (r, i) => {
            acc[i]!.overlap += r.overlap / 20;
            acc[i]!.precision += r.precision / 20;
          },
        );
      expect(acc[0]!.overlap).toBeLessThan(acc[1]!.overlap);
      expect(acc[1]!.overlap).toBeLessThan(acc[2]!.overlap);
      expect(acc[0]!.overlap).toBeLessThan(0.5);
      expect(acc[2]!.overlap).toBeGreaterThan(0.75);
      expect(acc[1]!.precision).toBeGreaterThan(0.9); // 64 bits: nearly all from the right interest
      acc.forEach((a) => expect(a.precision).toBeGreaterThanOrEqual(a.overlap)); // the exact top-k is in-interest
    }
  });

  it('hard search: same category, most recent first, at most k', () => {
    // categories oldest first: behaviour 5 is the newest
    const cats = [7, 2, 7, 3, 7, 2];
    expect(hardSearch(cats, 7, 2)).toEqual([4, 2]);
    expect(hardSearch(cats, 7, 10)).toEqual([4, 2, 0]);
    expect(hardSearch(cats, 9, 3)).toEqual([]);
  });
});
