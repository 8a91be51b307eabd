import { describe, expect, it } from 'vitest';
import {
  allPaths,
  ancestorsOf,
  beamSearch,
  bruteForceTopK,
  completeTree,
  leavesOf,
  levelsOf,
  logSoftmax,
  maxHeapScores,
  meanScores,
  nodeLoss,
  parentsOf,
  pathBeamSearch,
  tdmSamples,
} from '../../../content/snippets/recall/tree-beam.ts';
import { mulberry32, normal, randomInt } from '../../../content/snippets/shared/random.ts';

/** A random tree: every new node hangs under a random earlier node that is not marked final. */
function randomTree(n: number, seed: number): number[][] {
  const rng = mulberry32(seed);
  const children: number[][] = [[]];
  for (let v = 1; v < n; v++) {
    children.push([]);
    children[randomInt(rng, v)]!.push(v);
  }
  return children;
}

// The page's worked example: a binary tree of depth 3 (root 0, leaves 7 ... 14).
const T3 = completeTree(3);
const leafScore3 = (() => {
  const s = new Array<number>(15).fill(0);
  [0.3, 0.2, 0.1, 0.95, 0.6, 0.55, 0.5, 0.45].forEach((x, i) => (s[7 + i] = x));
  return s;
})();

describe('tree helpers', () => {
  it('completeTree uses the heap layout', () => {
    expect(T3[0]).toEqual([1, 2]);
    expect(T3[3]).toEqual([7, 8]);
    expect(leavesOf(T3)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    const t = completeTree(2, 3);
    expect(t).toHaveLength(13);
    expect(t[0]).toEqual([1, 2, 3]);
    expect(leavesOf(t)).toHaveLength(9);
    expect(parentsOf(T3).slice(0, 4)).toEqual([-1, 0, 0, 1]);
    expect(ancestorsOf(T3, 10)).toEqual([10, 4, 1, 0]);
    expect(levelsOf(T3)).toEqual([0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(() => completeTree(2, 1)).toThrow(/branching/);
    expect(() => parentsOf([[1], [0]])).toThrow(/more than one parent/);
  });
});

describe('maxHeapScores', () => {
  it('gives every inner node the best leaf below it', () => {
    const s = maxHeapScores(T3, leafScore3);
    // node 3 = max(0.3, 0.2), node 4 = max(0.1, 0.95), node 1 = max(0.3, 0.95), node 2 = 0.6
    expect(s.slice(0, 7)).toEqual([0.95, 0.95, 0.6, 0.3, 0.95, 0.6, 0.5]);
    const m = meanScores(T3, leafScore3);
    // node 1 averages 0.3, 0.2, 0.1, 0.95 = 0.3875; node 2 averages 0.6, 0.55, 0.5, 0.45 = 0.525
    expect(m[1]).toBeCloseTo(0.3875, 15);
    expect(m[2]).toBeCloseTo(0.525, 15);
  });
});

describe('beamSearch', () => {
  it('the hand trace: max-heap scores find the best leaf with k = 1, mean scores miss it', () => {
    const mx = maxHeapScores(T3, leafScore3);
    const exact = beamSearch(T3, (v) => mx[v]!, 1);
    expect(exact.leaves).toEqual([10]); // 0.95, under node 4 under node 1
    // the root, nodes 1 and 2, nodes 3 and 4, leaves 9 and 10: seven calls instead of eight leaves
    expect(exact.calls).toBe(7);
    const mn = meanScores(T3, leafScore3);
    const fooled = beamSearch(T3, (v) => mn[v]!, 1);
    // node 2's average 0.525 beats node 1's 0.3875; then node 5 (0.575) beats node 6 (0.475); leaf 11 (0.6)
    expect(fooled.leaves).toEqual([11]);
    // with k = 2 both subtrees stay in the beam and the mean-scored search recovers leaf 10
    expect(beamSearch(T3, (v) => mn[v]!, 2).leaves[0]).toBe(10);
  });

  it('with max-heap scores equals brute force on random complete trees and k', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rng = mulberry32(seed);
      const tree = completeTree(3 + (seed % 4), 2 + (seed % 3));
      const leafScore = tree.map(() => normal(rng));
      const mx = maxHeapScores(tree, leafScore);
      for (const k of [1, 2, 3, 5, 8]) {
        const got = beamSearch(tree, (v) => mx[v]!, k);
        expect(got.leaves).toEqual(bruteForceTopK(tree, leafScore, k));
      }
    }
  });

  it('with max-heap scores equals brute force on random unbalanced trees', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const tree = randomTree(60, seed);
      const rng = mulberry32(50 + seed);
      const leafScore = tree.map(() => rng());
      const mx = maxHeapScores(tree, leafScore);
      for (const k of [1, 3, 6])
        expect(beamSearch(tree, (v) => mx[v]!, k).leaves).toEqual(bruteForceTopK(tree, leafScore, k));
    }
  });

  it('scores at most b k nodes per level plus the leaves it reaches', () => {
    const tree = completeTree(10);
    const rng = mulberry32(3);
    const leafScore = tree.map(() => rng());
    const mx = maxHeapScores(tree, leafScore);
    for (const k of [1, 10, 50]) {
      const { calls } = beamSearch(tree, (v) => mx[v]!, k);
      expect(calls).toBeLessThanOrEqual(1 + 10 * 2 * k);
      expect(calls).toBeLessThan(leavesOf(tree).length + 1);
    }
  });

  it('keeps the exact order for huge scores and for scores that differ by 1e-300', () => {
    for (const leaves of [
      [1e300, -1e300, 5e299, -Infinity, 2e300, 0, 1e-300, -1e-300],
      [1e-300, 2e-300, 3e-300, 4e-300, 5e-300, 6e-300, 7e-300, 8e-300],
    ]) {
      const leafScore = new Array<number>(15).fill(0);
      leaves.forEach((x, i) => (leafScore[7 + i] = x));
      const mx = maxHeapScores(T3, leafScore);
      for (const k of [1, 2, 3])
        expect(beamSearch(T3, (v) => mx[v]!, k).leaves).toEqual(bruteForceTopK(T3, leafScore, k));
    }
  });

  it('rejects k < 1', () => {
    expect(() => beamSearch(T3, () => 0, 0)).toThrow(/k must be/);
  });
});

describe('tdmSamples', () => {
  it('labels a positive leaf and its ancestors 1 and draws negatives from the rest of each level', () => {
    const samples = tdmSamples(T3, [10], 2, mulberry32(1));
    const pos = samples.filter((s) => s.label === 1).map((s) => s.node);
    expect(pos).toEqual([1, 4, 10]); // the root is skipped
    const neg = samples.filter((s) => s.label === 0);
    expect(neg.filter((s) => s.level === 1).map((s) => s.node)).toEqual([2]); // only one other node at level 1
    for (const l of [2, 3]) {
      const here = neg.filter((s) => s.level === l).map((s) => s.node);
      expect(here).toHaveLength(2);
      expect(new Set(here).size).toBe(2);
      here.forEach((v) => expect(pos).not.toContain(v));
    }
    expect(() => tdmSamples(T3, [4], 1, mulberry32(1))).toThrow(/not a leaf/);
  });

  it('draws negatives uniformly within a level (chi-square over 6000 draws, five seeds)', () => {
    // level 3 has 8 leaves; with leaf 10 positive, 7 candidates, one drawn per call
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const counts = new Map<number, number>();
      const draws = 6000;
      for (let t = 0; t < draws; t++) {
        const v = tdmSamples(T3, [10], 1, rng).find((s) => s.label === 0 && s.level === 3)!.node;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      expect(counts.has(10)).toBe(false);
      const e = draws / 7;
      const chi2 = [...counts.values()].reduce((s, c) => s + (c - e) ** 2 / e, 0);
      expect(counts.size).toBe(7);
      expect(chi2).toBeLessThan(22.46); // 0.1% critical value, 6 degrees of freedom
    }
  });
});

describe('nodeLoss', () => {
  it('equals -log sigmoid for positives and -log(1 - sigmoid) for negatives, finite at +-1000', () => {
    for (const x of [-5, -0.3, 0, 0.7, 4]) {
      const p = 1 / (1 + Math.exp(-x));
      expect(nodeLoss(x, 1)).toBeCloseTo(-Math.log(p), 12);
      expect(nodeLoss(x, 0)).toBeCloseTo(-Math.log(1 - p), 12);
    }
    expect(nodeLoss(1000, 1)).toBe(0);
    expect(nodeLoss(-1000, 1)).toBe(1000);
    expect(nodeLoss(1000, 0)).toBe(1000);
    expect(nodeLoss(0, 1)).toBeCloseTo(Math.LN2, 15);
  });
});

describe('logSoftmax', () => {
  it('is exact at +-1000 and rejects infinite logits', () => {
    logSoftmax([1000, 1000]).forEach((x) => expect(x).toBeCloseTo(-Math.LN2, 15));
    expect(logSoftmax([800, 0])[1]).toBe(-800);
    expect(logSoftmax([-1000, -1000, -1000])[0]).toBeCloseTo(-Math.log(3), 12);
    expect(() => logSoftmax([Infinity, 0])).toThrow(RangeError);
  });
});

describe('pathBeamSearch', () => {
  // p(c1) = (0.6, 0.4); after code 0 the next layer is flat (0.5, 0.5), after code 1 it is (0.95, 0.05)
  const logits = (prefix: readonly number[]) =>
    prefix.length === 0 ? [Math.log(0.6), Math.log(0.4)] : prefix[0] === 0 ? [0, 0] : [Math.log(0.95), Math.log(0.05)];

  it('a beam of one follows the locally best code and misses the best path; a beam of two finds it', () => {
    const greedy = pathBeamSearch(2, logits, 1)[0]!;
    expect(greedy.path).toEqual([0, 0]);
    expect(Math.exp(greedy.logProb)).toBeCloseTo(0.3, 14);
    const wide = pathBeamSearch(2, logits, 2)[0]!;
    expect(wide.path).toEqual([1, 0]);
    expect(Math.exp(wide.logProb)).toBeCloseTo(0.38, 14);
  });

  it('the path probabilities form a distribution, and a full beam ranks all paths exactly', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const table = new Map<string, number[]>();
      const lg = (prefix: readonly number[]) => {
        const key = prefix.join(',');
        if (!table.has(key))
          table.set(
            key,
            [normal(rng), normal(rng), normal(rng)].map((x) => 2 * x),
          );
        return table.get(key)!;
      };
      const all = allPaths(3, 3, lg);
      expect(all).toHaveLength(27);
      expect(all.reduce((s, p) => s + Math.exp(p.logProb), 0)).toBeCloseTo(1, 12);
      // the best path by brute force (product of the three conditionals) is the first one
      const product = (c: number[]) => c.reduce((s, code, d) => s + logSoftmax(lg(c.slice(0, d)))[code]!, 0);
      const best = all.reduce((a, b) => (product(b.path) > product(a.path) ? b : a));
      expect(all[0]!.path).toEqual(best.path);
    }
  });

  it('sums log-probabilities, so 50 layers of logits +-1000 stay finite', () => {
    const res = pathBeamSearch(50, () => [1000, -1000], 2);
    expect(res[0]!.logProb).toBe(0);
    expect(res[1]!.logProb).toBe(-2000);
    expect(() => pathBeamSearch(0, logits, 1)).toThrow(/D must be/);
    expect(() => pathBeamSearch(2, logits, 0)).toThrow(/B must be/);
  });
});
