import { describe, expect, it } from 'vitest';
import {
  cbowLoss,
  hierarchicalSoftmaxLogProbability,
  hierarchicalSoftmaxProbability,
  huffmanPaths,
  sgnsLoss,
} from '../../../content/snippets/recall/word2vec-objectives.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('SGNS loss', () => {
  it('hand case', () => {
    // v = [1, 0], v'_o = [2, 0], one negative v'_k = [-1, 0]: s_o = 2, s_k = -1
    // loss = -log sigma(2) - log sigma(1) = log(1 + e^-2) + log(1 + e^-1) = 0.126928 + 0.313262
    const r = sgnsLoss([1, 0], [2, 0], [[-1, 0]]);
    expect(r.loss).toBeCloseTo(0.44019, 5);
    // d/dv'_o = (sigma(2) - 1) v = -0.119203 * [1, 0]
    expect(r.gradPositive[0]).toBeCloseTo(-0.119203, 6);
    // d/dv'_k = sigma(-1) v = 0.268941 * [1, 0]
    expect(r.gradNegatives[0]![0]).toBeCloseTo(0.268941, 6);
    // d/dv = -0.119203 * [2, 0] + 0.268941 * [-1, 0] = [-0.507347, 0]
    expect(r.gradInput[0]).toBeCloseTo(-0.507347, 6);
  });

  it('gradients match central finite differences on random vectors', () => {
    const rng = mulberry32(12);
    const vec = (d: number) => Array.from({ length: d }, () => normal(rng));
    const h = 1e-5;
    for (let trial = 0; trial < 20; trial++) {
      const d = 4;
      const v = vec(d);
      const o = vec(d);
      const negs = [vec(d), vec(d), vec(d)];
      const r = sgnsLoss(v, o, negs);
      const numeric = (f: (t: number) => number) => (f(h) - f(-h)) / (2 * h);
      for (let j = 0; j < d; j++) {
        const bump = (x: number[], t: number) => x.map((y, i) => (i === j ? y + t : y));
        expect(numeric((t) => sgnsLoss(bump(v, t), o, negs).loss)).toBeCloseTo(r.gradInput[j]!, 6);
        expect(numeric((t) => sgnsLoss(v, bump(o, t), negs).loss)).toBeCloseTo(r.gradPositive[j]!, 6);
        expect(numeric((t) => sgnsLoss(v, o, [negs[0]!, bump(negs[1]!, t), negs[2]!]).loss)).toBeCloseTo(
          r.gradNegatives[1]![j]!,
          6,
        );
      }
    }
  });

  it('stays finite for large scores', () => {
    const r = sgnsLoss([50, 0], [50, 0], [[-50, 0]]);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.loss).toBeLessThan(1e-10);
    expect(sgnsLoss([50, 0], [-50, 0], []).loss).toBeCloseTo(2500, 6); // -log sigma(-2500) ~ 2500
  });

  it('is exact at scores of +-1000 and keeps the tiny gradient of a confident positive', () => {
    // s_o = 1000, s_k = -1000: loss = log(1 + e^-1000) * 2, which is 0 to double precision
    const easy = sgnsLoss([1000], [1], [[-1]]);
    expect(easy.loss).toBe(0);
    expect(easy.gradPositive[0]).toBe(-0);
    // s_o = -1000, s_k = +1000: loss = softplus(1000) + softplus(1000) = 2000 (+ 2 log1p(e^-1000))
    const hard = sgnsLoss([1000], [-1], [[1]]);
    expect(hard.loss).toBe(2000);
    expect(hard.gradPositive[0]).toBe(-1000); // (sigma(-1000) - 1) * 1000
    expect(hard.gradNegatives[0]![0]).toBe(1000); // sigma(1000) * 1000
    // a gap of 800 between two scores: s_o = 800, s_k = 0 -> loss = log 2 exactly to rounding
    expect(sgnsLoss([800], [1], [[0]]).loss).toBeCloseTo(Math.LN2, 15);
    // s_o = 40: sigma(40) - 1 = -sigma(-40) = -4.248e-18; the naive 1 - sigma(40) rounds to 0
    expect(1 / (1 + Math.exp(-40)) - 1).toBe(0);
    const g = sgnsLoss([1], [40], []).gradInput[0]!;
    expect(g / -(1 / (1 + Math.exp(40))) / 40).toBeCloseTo(1, 14);
  });

  it('equals the naive -log sigma formula wherever that is finite', () => {
    const rng = mulberry32(13);
    const naive = (v: number[], o: number[], negs: number[][]) => {
      const sig = (x: number) => 1 / (1 + Math.exp(-x));
      const d = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
      return -Math.log(sig(d(o, v))) - negs.reduce((s, n) => s + Math.log(sig(-d(n, v))), 0);
    };
    for (let t = 0; t < 200; t++) {
      const scale = 10 ** (3 * rng() - 1); // scores from about 0.01 to 100
      const v = [normal(rng), normal(rng)].map((x) => x * scale);
      const o = [normal(rng), normal(rng)];
      const negs = [[normal(rng), normal(rng)]];
      const want = naive(v, o, negs);
      // the naive form loses digits when sigma(s_o) is within 1e-4 of 1: compare above that
      if (Number.isFinite(want) && want > 1e-4) expect(sgnsLoss(v, o, negs).loss / want).toBeCloseTo(1, 9);
    }
  });
});

describe('CBOW with negative sampling', () => {
  it('hand case: two context vectors averaged into h', () => {
    // contexts (2, 0) and (0, 0): h = (1, 0); positive (2, 0) -> s_o = 2; negative (-1, 0) -> s_k = -1
    // loss and dL/dh are the skip-gram hand case above with v = h: 0.44019 and (-0.507347, 0)
    const r = cbowLoss(
      [
        [2, 0],
        [0, 0],
      ],
      [2, 0],
      [[-1, 0]],
    );
    expect(r.loss).toBeCloseTo(0.44019, 5);
    expect(r.gradHidden[0]).toBeCloseTo(-0.507347, 6);
    // each context vector gets dL/dh / m = -0.253674
    for (const g of r.gradContexts) expect(g[0]).toBeCloseTo(-0.253674, 6);
  });

  it('gradients match finite differences, and every context word gets the same update', () => {
    const rng = mulberry32(14);
    const vec = () => Array.from({ length: 3 }, () => normal(rng));
    const h = 1e-5;
    for (let trial = 0; trial < 10; trial++) {
      const ctx = [vec(), vec(), vec(), vec()];
      const o = vec();
      const negs = [vec(), vec()];
      const r = cbowLoss(ctx, o, negs);
      for (let c = 0; c < ctx.length; c++) {
        for (let f = 0; f < 3; f++) {
          const bump = (t: number) => ctx.map((v, i) => (i === c ? v.map((x, j) => (j === f ? x + t : x)) : v));
          const numeric = (cbowLoss(bump(h), o, negs).loss - cbowLoss(bump(-h), o, negs).loss) / (2 * h);
          expect(numeric).toBeCloseTo(r.gradContexts[c]![f]!, 6);
          // the update does not depend on which word sits in the window: all rows are equal
          expect(r.gradContexts[c]![f]).toBe(r.gradContexts[0]![f]);
        }
      }
    }
  });

  it('contrast with skip-gram: there each context word is predicted from the centre on its own', () => {
    // Skip-gram's input-vector gradient for the same centre differs by context word, because each
    // pair has its own score; CBOW gives every context word in the window the same update.
    const centre = [1, 0.5];
    const out = [
      [2, 0],
      [-1, 1],
    ];
    const g0 = sgnsLoss(centre, out[0]!, []).gradInput;
    const g1 = sgnsLoss(centre, out[1]!, []).gradInput;
    expect(g0).not.toEqual(g1);
    const cb = cbowLoss([centre, [0, 1]], out[0]!, []);
    expect(cb.gradContexts[0]).toEqual(cb.gradContexts[1]);
  });

  it('averages huge context vectors without overflow, and stays finite at scores of +-1000', () => {
    // (1e308 + 1e308) / 2 overflows if summed first; the mean is 1e308
    const r = cbowLoss([[1e308], [1e308]], [1e-308], []);
    // h = 1e308, s_o = 1e308 * 1e-308 = 1 (to rounding): loss = softplus(-1) = 0.313262
    expect(r.loss).toBeCloseTo(Math.log1p(Math.exp(-1)), 12);
    // score -1000: loss 1000, dL/dh = (sigma(-1000) - 1) v'_o = (-1)(-1) = 1, each context 1/2
    const hard = cbowLoss([[1000], [1000]], [-1], []);
    expect(hard.loss).toBe(1000);
    expect(hard.gradHidden[0]).toBe(1);
    for (const g of hard.gradContexts) expect(g[0]).toBe(0.5);
  });

  it('rejects an empty window', () => {
    expect(() => cbowLoss([], [1], [])).toThrow(/contexts must not be empty/);
  });
});

describe('hierarchical softmax over a Huffman tree', () => {
  it('code lengths on a hand case', () => {
    // counts 5, 2, 1, 1: merge 1+1 -> 2, then 2+2 -> 4, then 4+5 -> 9
    // depths: word0 1, word1 2, word2 3, word3 3; mean code length (5*1 + 2*2 + 1*3 + 1*3) / 9 = 15/9
    const paths = huffmanPaths([5, 2, 1, 1]);
    expect(paths.map((p) => p.length)).toEqual([1, 2, 3, 3]);
    // every path starts at the root (the last inner node, index N - 2 = 2)
    for (const p of paths) expect(p[0]!.node).toBe(2);
    // codes are prefix-free: no word's code is a prefix of another's
    const codes = paths.map((p) => p.map((s) => s.bit).join(''));
    for (const a of codes) for (const b of codes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  it('frequent words get paths no longer than rare ones, and probabilities sum to 1', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(rng() * 60);
      const counts = Array.from({ length: n }, () => 1 + Math.floor(1000 * rng() ** 4));
      const paths = huffmanPaths(counts);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          if (counts[a]! > counts[b]!) expect(paths[a]!.length).toBeLessThanOrEqual(paths[b]!.length);
      // Kraft equality for a full binary tree: sum 2^-len = 1
      expect(paths.reduce((s, p) => s + 2 ** -p.length, 0)).toBeCloseTo(1, 12);
      const d = 5;
      const nodes = Array.from({ length: n - 1 }, () => Array.from({ length: d }, () => normal(rng)));
      const input = Array.from({ length: d }, () => normal(rng));
      const total = paths.reduce((s, p) => s + hierarchicalSoftmaxProbability(p, input, nodes), 0);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it('rejects a one-word vocabulary and bad counts', () => {
    expect(() => huffmanPaths([3])).toThrow(/at least 2 words/);
    expect(() => huffmanPaths([3, Number.NaN])).toThrow(/counts must be finite and >= 0, got NaN/);
    expect(() => huffmanPaths([3, -1])).toThrow(/counts must be finite and >= 0/);
    expect(() => huffmanPaths([3, Infinity])).toThrow(/counts must be finite and >= 0/);
  });

  it('builds the same tree from huge and tiny counts as from their ratios', () => {
    // 5, 2, 1, 1 scaled by 1e307 and by 1e-300: the same tree (the counts are divided by a power
    // of two, which is exact, so no tie changes)
    const hand = huffmanPaths([5, 2, 1, 1]).map((p) => p.length);
    expect(huffmanPaths([5e307, 2e307, 1e307, 1e307]).map((p) => p.length)).toEqual(hand);
    expect(huffmanPaths([5e-300, 2e-300, 1e-300, 1e-300]).map((p) => p.length)).toEqual(hand);
    // three counts of 1e308: the naive merge 1e308 + 1e308 overflows to Infinity; depths 1, 2, 2
    const big = huffmanPaths([1e308, 1e308, 1e308]).map((p) => p.length);
    expect([...big].sort()).toEqual([1, 2, 2]);
  });

  it('log-probabilities are finite at scores of +-1000, and match the product of sigmoids', () => {
    const paths = huffmanPaths([5, 2, 1, 1]);
    // one-dimensional node vectors: every decision has score +-1000
    const nodes = [[1000], [-1000], [1000]];
    const logs = paths.map((p) => hierarchicalSoftmaxLogProbability(p, [1], nodes));
    for (const l of logs) expect(Number.isFinite(l)).toBe(true);
    // exactly one leaf gets (almost) all the mass: its log-probability is 0 to rounding, and the
    // others are minus a multiple of 1000 (a decision against a score of 1000 costs softplus(1000))
    const sorted = [...logs].sort((a, b) => b - a);
    expect(Math.abs(sorted[0]!)).toBe(0);
    for (const l of sorted.slice(1)) expect(Math.abs(l / 1000 - Math.round(l / 1000))).toBeLessThan(1e-12);
    // moderate scores: log of the naive product of sigmoids
    const rng = mulberry32(9);
    const mid = [0, 1, 2].map(() => [normal(rng), normal(rng)]);
    const input = [normal(rng), normal(rng)];
    for (const p of paths) {
      const naive = p.reduce((acc, { node, bit }) => {
        const s = mid[node]![0]! * input[0]! + mid[node]![1]! * input[1]!;
        return acc * (1 / (1 + Math.exp(-(bit === 0 ? s : -s))));
      }, 1);
      expect(hierarchicalSoftmaxLogProbability(p, input, mid)).toBeCloseTo(Math.log(naive), 12);
    }
  });
});
