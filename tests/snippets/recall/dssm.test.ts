import { describe, expect, it } from 'vitest';
import {
  bagCosine,
  clickPosterior,
  cosine,
  dssmLoss,
  letterTrigrams,
  toDense,
  tower,
  wordHash,
} from '../../../content/snippets/recall/dssm.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('word hashing', () => {
  it('splits a word into boundary-marked letter trigrams', () => {
    expect(letterTrigrams('good')).toEqual(['#go', 'goo', 'ood', 'od#']);
    // a word of length L gives L trigrams: L + 2 marked characters, windows of 3
    expect(letterTrigrams('a')).toEqual(['#a#']);
    expect(letterTrigrams('to')).toEqual(['#to', 'to#']);
    expect(() => letterTrigrams('')).toThrow(/word/);
  });

  it('counts trigrams over the words of a text, case-insensitively', () => {
    // good x2 -> #go goo ood od# twice each; food -> #fo foo ood od#
    const bag = wordHash('Good food  good');
    expect(Object.fromEntries(bag)).toEqual({ '#go': 2, goo: 2, ood: 3, 'od#': 3, '#fo': 1, foo: 1 });
    expect(toDense(bag, ['ood', 'xyz', '#fo'])).toEqual([3, 0, 1]);
  });

  it('gives related spellings a high raw cosine', () => {
    // good vs food share ood, od#: 2 / (2 * 2) = 0.5
    expect(bagCosine(wordHash('good'), wordHash('food'))).toBeCloseTo(0.5, 12);
    // good vs goods share #go, goo, ood of 4 and 5 trigrams: 3 / (2 sqrt 5) = 0.670820
    expect(bagCosine(wordHash('good'), wordHash('goods'))).toBeCloseTo(3 / (2 * Math.sqrt(5)), 12);
  });
});

describe('tower', () => {
  it('applies tanh layers by hand', () => {
    // layer 1: W = [[0.5, 0.5], [1, 0]], x = (1, -1) -> tanh(0) = 0, tanh(1) = 0.761594
    // layer 2: W = [[1, 2]], b = 0.1 -> tanh(2 * 0.761594 + 0.1) = tanh(1.623188) = 0.925085
    const y = tower(
      [1, -1],
      [
        {
          weights: [
            [0.5, 0.5],
            [1, 0],
          ],
          bias: [0, 0],
        },
        { weights: [[1, 2]], bias: [0.1] },
      ],
    );
    expect(y).toHaveLength(1);
    expect(y[0]).toBeCloseTo(0.925085, 6);
  });

  it('rejects shapes that do not chain', () => {
    expect(() => tower([1, 2, 3], [{ weights: [[1, 1]], bias: [0] }])).toThrow(/inputs/);
  });
});

describe('relevance and posterior', () => {
  it('cosine is scale-free and bounded', () => {
    expect(cosine([1, 0], [5, 0])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 3])).toBeCloseTo(0, 12);
    expect(cosine([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
  });

  it('softmax over one clicked and unclicked documents, by hand', () => {
    // R = (0.5, 0, 0), gamma = 2: P(D+) = e^1 / (e^1 + 2) = 0.576117; loss = ln(1 + 2/e) = 0.551445
    const p = clickPosterior([0.5, 0, 0], 2);
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 2), 12);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(dssmLoss([0.5, 0, 0], 2)).toBeCloseTo(0.551445, 6);
  });

  it('a larger smoothing factor gamma sharpens the posterior', () => {
    const r = [0.6, 0.2, 0.1, -0.3, 0];
    expect(dssmLoss(r, 20)).toBeLessThan(dssmLoss(r, 5));
    expect(dssmLoss(r, 5)).toBeLessThan(dssmLoss(r, 1));
    // with gamma = 1 the clicked doc cannot get much more than its share: cosine is at most 1
    expect(clickPosterior([1, -1, -1, -1, -1], 1)[0]).toBeCloseTo(Math.E / (Math.E + 4 / Math.E), 12);
  });

  it('equals the naive softmax loss on seeded inputs, and stays finite where the naive one overflows', () => {
    const rng = mulberry32(8);
    for (let t = 0; t < 50; t++) {
      const r = Array.from({ length: 2 + Math.floor(rng() * 5) }, () => 2 * rng() - 1);
      const gamma = 0.5 + 20 * rng();
      // -log P(D+ | Q) = log sum_j e^{gamma r_j} - gamma r_0, written out without any shift
      const naive = Math.log(r.reduce((s, x) => s + Math.exp(gamma * x), 0)) - gamma * r[0]!;
      expect(dssmLoss(r, gamma)).toBeCloseTo(naive, 10);
    }
    // gamma = 1000: naively e^{1000} = Infinity and the posterior is Infinity / Infinity = NaN.
    // Shifted: clicked behind by 0.1 costs 1000 * 0.1 + ln(1 + e^{-100}) = 100.
    expect(dssmLoss([0.9, 1], 1000)).toBeCloseTo(100, 9);
    expect(dssmLoss([1, 0.9], 1000)).toBeLessThan(1e-40);
  });

  it('end to end: a bag of trigrams cannot tell word order apart', () => {
    const rng = mulberry32(4);
    const vocab = [...new Set([...wordHash('dog bites man'), ...wordHash('pasta recipe')].map(([g]) => g))];
    const layer = (inputs: number, outputs: number) => ({
      weights: Array.from({ length: outputs }, () => Array.from({ length: inputs }, () => normal(rng) * 0.3)),
      bias: Array.from({ length: outputs }, () => 0.1 * normal(rng)),
    });
    const layers = [layer(vocab.length, 8), layer(8, 4)];
    const embed = (t: string) => tower(toDense(wordHash(t), vocab), layers);
    const q = embed('dog bites man');
    // Same words in another order: the same trigram bag, so the same vector and a cosine of 1.
    expect(embed('man bites dog')).toEqual(q);
    const r = [embed('man bites dog'), embed('pasta recipe')].map((d) => cosine(q, d));
    expect(r[0]).toBeCloseTo(1, 12);
    expect(Math.abs(r[1]!)).toBeLessThan(1);
    // Two candidates: -log P(D+) = ln(1 + e^{gamma (R(D-) - R(D+))})
    expect(dssmLoss(r, 10)).toBeCloseTo(Math.log(1 + Math.exp(10 * (r[1]! - r[0]!))), 12);
  });

  it('rejects a candidate set without negatives or a bad gamma', () => {
    expect(() => clickPosterior([0.3], 1)).toThrow(/negative/);
    expect(() => clickPosterior([0.3, 0.1], 0)).toThrow(/gamma/);
  });
});
