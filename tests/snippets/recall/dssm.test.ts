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
    expect(() => dssmLoss([0.3, 0.1], Infinity)).toThrow(/gamma/);
    expect(() => dssmLoss([0.3, Number.NaN], 1)).toThrow(/relevances/);
    // 1e308 * 10 = Infinity: no finite loss
    expect(() => dssmLoss([10, 0], 1e308)).toThrow(/overflows/);
  });
});

describe('numerical extremes', () => {
  it('dssmLoss is finite at a logit gap of 800, where -log(posterior) is Infinity', () => {
    // gamma = 1000, clicked behind by 0.8: the posterior e^-800 / (1 + e^-800) underflows to 0,
    // so -log of it is Infinity; the loss is 800 + log(1 + e^-800) = 800.
    expect(-Math.log(clickPosterior([0, 0.8], 1000)[0]!)).toBe(Infinity);
    expect(dssmLoss([0, 0.8], 1000)).toBeCloseTo(800, 9);
    // clicked ahead by 0.8: the loss is log(1 + e^-800) ~ e^-800, below the smallest double
    expect(dssmLoss([0.8, 0], 1000)).toBe(0);
    // logits of +-1000: gamma 1000, R = (1, -1) and (-1, 1)
    expect(dssmLoss([-1, 1], 1000)).toBeCloseTo(2000, 9);
    expect(dssmLoss([1, -1, -1, -1, -1], 1000)).toBe(0);
  });

  it('dssmLoss keeps full relative precision for a tiny loss (gap 30)', () => {
    // R = (0.03, 0), gamma = 1000: loss = log(1 + e^-30) = e^-30 (1 - e^-30 / 2 + ...)
    const analytic = Math.exp(-30) * (1 - Math.exp(-30) / 2);
    expect(Math.abs(dssmLoss([0.03, 0], 1000) / analytic - 1)).toBeLessThan(1e-12);
  });

  it('cosine matches the naive formula on seeded ordinary vectors', () => {
    const rng = mulberry32(12);
    for (let t = 0; t < 50; t++) {
      const d = 1 + Math.floor(rng() * 6);
      const a = Array.from({ length: d }, () => normal(rng));
      const b = Array.from({ length: d }, () => normal(rng));
      const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
      const naive = dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
      expect(cosine(a, b)).toBeCloseTo(naive, 14);
    }
  });

  it('cosine of tiny and huge vectors, where the naive norm is 0 or Infinity', () => {
    // naive: (1e-200)^2 = 0 -> "zero length"; (1e200)^2 = Infinity -> Infinity / Infinity = NaN
    expect(cosine([1e-200, 1e-200], [1e-200, 0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosine([1e200, 1e200], [1e200, -1e200])).toBeCloseTo(0, 15);
    expect(cosine([1.7e308, 1.7e308], [1.7e308, 1.7e308])).toBeCloseTo(1, 15);
    expect(cosine([1e-200, 1e-200], [1e200, 1e200])).toBeCloseTo(1, 15);
    expect(cosine([3e-310, 4e-310], [4e300, -3e300])).toBeCloseTo(0, 15);
  });

  it('cosine throws a clear error for a zero vector or a non-finite entry', () => {
    expect(() => cosine([0, 0], [1, 0])).toThrow(/a is the zero vector/);
    expect(() => cosine([1, 0], [0, 0])).toThrow(/b is the zero vector/);
    expect(() => cosine([Infinity, 0], [1, 0])).toThrow(/finite/);
    expect(() => bagCosine(new Map(), wordHash('good'))).toThrow(/empty/);
  });
});
