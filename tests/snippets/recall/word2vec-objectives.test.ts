import { describe, expect, it } from 'vitest';
import {
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

  it('rejects a one-word vocabulary', () => {
    expect(() => huffmanPaths([3])).toThrow(/at least 2 words/);
  });
});
