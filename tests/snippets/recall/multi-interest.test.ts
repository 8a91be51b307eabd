import { describe, expect, it } from 'vitest';
import {
  aggregationValue,
  categoryDiversity,
  dot,
  dynamicRouting,
  gaussianLogits,
  greedyAggregate,
  interestCount,
  labelAwareAttention,
  multiInterestScore,
  norm,
  selfAttentiveInterests,
  softmax,
  squash,
  type Candidate,
} from '../../../content/snippets/recall/multi-interest.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

/** Routing written straight from MIND's Algorithm 1, with no care for overflow: the reference. */
function naiveRouting(E: number[][], b0: number[][], r: number, S?: number[][]) {
  const u = E.map((e) => (S ? S.map((row) => row.reduce((s, x, k) => s + x * e[k]!, 0)) : e));
  const b = b0.map((row) => [...row]);
  const K = b0[0]!.length;
  let w: number[][] = [];
  let c: number[][] = [];
  for (let it = 0; it < r; it++) {
    w = b.map((row) => {
      const e = row.map(Math.exp);
      const z = e.reduce((s, x) => s + x, 0);
      return e.map((x) => x / z);
    });
    c = Array.from({ length: K }, (_, j) => {
      const z = u[0]!.map((_, d) => u.reduce((s, ui, i) => s + w[i]![j]! * ui[d]!, 0));
      const n2 = z.reduce((s, x) => s + x * x, 0);
      return z.map((x) => (n2 / (1 + n2)) * (x / Math.sqrt(n2)));
    });
    for (let i = 0; i < u.length; i++)
      for (let j = 0; j < K; j++) b[i]![j]! += c[j]!.reduce((s, x, d) => s + x * u[i]![d]!, 0);
  }
  return { interests: c, weights: w };
}

/** Two clusters of `per` behaviours in 2-d around the angles a1 and a2 (radians), all of length len. */
function twoClusters(seed: number, per: number, len: number, a1 = Math.PI / 9, a2 = (11 * Math.PI) / 18) {
  const rng = mulberry32(seed);
  const X: number[][] = [];
  const label: number[] = [];
  [a1, a2].forEach((a, k) => {
    for (let i = 0; i < per; i++) {
      const t = a + 0.15 * normal(rng);
      X.push([len * Math.cos(t), len * Math.sin(t)]);
      label.push(k);
    }
  });
  return { X, label };
}

/** Mean routing weight of each behaviour on the capsule matched to its cluster (best of the two matchings). */
function ownShare(weights: number[][], label: number[]): number {
  const share = (perm: number[]) => weights.reduce((s, w, i) => s + w[perm[label[i]!]!]!, 0) / weights.length;
  return Math.max(share([0, 1]), share([1, 0]));
}

describe('softmax, norm, dot', () => {
  it('softmax is exact at logits of +-1000 and gaps of 800', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(softmax([-1000, -1000, -1000])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(softmax([800, 0])).toEqual([1, 0]);
    expect(softmax([Infinity, 1, Infinity])).toEqual([0.5, 0, 0.5]);
    expect(() => softmax([NaN, 1])).toThrow(RangeError);
  });

  it('norm and dot survive tiny and huge components', () => {
    expect(norm([1e-200, 1e-200])).toBeCloseTo(Math.SQRT2 * 1e-200, 214);
    expect(norm([1e200, 1e200]) / 1e200).toBeCloseTo(Math.SQRT2, 14);
    expect(dot([1e200, -1e200], [1e200, 1e200])).toBe(0);
    expect(dot([1e-200, 1e-200], [1e200, 1e200])).toBeCloseTo(2, 12);
    expect(() => dot([1e200], [1e200])).toThrow(RangeError);
    expect(() => dot([1, 2], [1])).toThrow(/lengths differ/);
  });
});

describe('squash', () => {
  it('matches the hand value for z = (3, 4): length 25/26 along (0.6, 0.8)', () => {
    const s = squash([3, 4]);
    expect(s[0]).toBeCloseTo(0.6 * (25 / 26), 14);
    expect(s[1]).toBeCloseTo(0.8 * (25 / 26), 14);
  });

  it('agrees with the naive formula and keeps the length below 1', () => {
    const rng = mulberry32(4);
    for (let t = 0; t < 200; t++) {
      const z = [normal(rng), normal(rng), normal(rng)].map((x) => x * 3 ** normal(rng));
      const n2 = z.reduce((s, x) => s + x * x, 0);
      const naive = z.map((x) => (n2 / (1 + n2)) * (x / Math.sqrt(n2)));
      squash(z).forEach((x, d) => expect(x).toBeCloseTo(naive[d]!, 12));
      expect(norm(squash(z))).toBeLessThan(1);
    }
  });

  it('gives the exact limits for tiny and huge norms', () => {
    expect(squash([1e-200, 1e-200])).toEqual([0, 0]); // true length 2e-400 rounds to 0
    const big = squash([1e200, 1e200]);
    big.forEach((x) => expect(x).toBeCloseTo(Math.SQRT1_2, 14));
    expect(squash([0, 0])).toEqual([0, 0]);
    // the scale argument: squash(z, s) is squash(s z) without forming s z
    const scaled = squash([3, 4], 1e300);
    expect(scaled[0]).toBeCloseTo(0.6, 14);
  });
});

describe('dynamicRouting', () => {
  it('weights of every behaviour sum to one over the interests', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 3 + seed;
      const E = Array.from({ length: n }, () => [normal(rng), normal(rng), normal(rng)]);
      const res = dynamicRouting(E, { initLogits: gaussianLogits(n, 3, 1, rng), iterations: 1 + (seed % 4) });
      expect(res.weights).toHaveLength(n);
      for (const w of res.weights) {
        expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
        w.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
      }
      // length |z|^2 / (1 + |z|^2) is below 1, but rounds to exactly 1 once |z| > 1e8
      res.interests.forEach((c) => expect(norm(c)).toBeLessThanOrEqual(1));
    }
  });

  it('matches a hand-computed iteration: e = (1,0), (0,1), b0 = [[ln 3, 0], [0, ln 3]]', () => {
    // w1 = (3/4, 1/4); z1 = (0.75, 0.25), |z1|^2 = 0.625, length 0.625/1.625 = 0.384615
    // c1 = (0.75, 0.25) / sqrt(0.625) * 0.384615 = (0.364878, 0.121626), c2 mirrored
    // agreement: b11 = ln 3 + 0.364878, b12 = 0 + 0.121626, so the second pass gives
    // w11 = sigmoid(ln 3 + 0.364878 - 0.121626) = sigmoid(1.341865) = 0.792796
    const b0 = [
      [Math.log(3), 0],
      [0, Math.log(3)],
    ];
    const E = [
      [1, 0],
      [0, 1],
    ];
    const one = dynamicRouting(E, { initLogits: b0, iterations: 1 });
    expect(one.weights[0]![0]).toBeCloseTo(0.75, 14);
    expect(one.interests[0]![0]).toBeCloseTo(0.364878, 6);
    expect(one.interests[0]![1]).toBeCloseTo(0.121626, 6);
    expect(one.interests[1]![0]).toBeCloseTo(0.121626, 6);
    const two = dynamicRouting(E, { initLogits: b0, iterations: 2 });
    expect(two.weights[0]![0]).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(3) + 0.364878 - 0.121626))), 6);
    expect(two.weights[0]![0]).toBeCloseTo(0.792796, 6);
  });

  it('with a shared map and zero initial logits every interest is the same vector', () => {
    // b = 0 gives w = 1/K for everyone, so all z_j, all c_j and all logit updates are equal: the
    // symmetry never breaks, which is why MIND draws the initial logits at random.
    const E = [
      [1, 0],
      [0, 1],
      [0.6, 0.8],
    ];
    const res = dynamicRouting(E, { initLogits: E.map(() => [0, 0, 0]), iterations: 5 });
    for (const c of res.interests) c.forEach((x, d) => expect(x).toBeCloseTo(res.interests[0]![d]!, 15));
    for (const w of res.weights) w.forEach((x) => expect(x).toBeCloseTo(1 / 3, 15));
  });

  it('agrees with the naive algorithm, with and without a bilinear map S', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(20 + seed);
      const E = Array.from({ length: 6 }, () => [normal(rng), normal(rng)]);
      const b0 = gaussianLogits(6, 2, 1, rng);
      const S = [
        [normal(rng), normal(rng)],
        [normal(rng), normal(rng)],
        [normal(rng), normal(rng)],
      ];
      for (const map of [undefined, S]) {
        const got = dynamicRouting(E, { initLogits: b0, iterations: 3, ...(map ? { S: map } : {}) });
        const want = naiveRouting(E, b0, 3, map);
        got.interests.forEach((c, j) => c.forEach((x, d) => expect(x).toBeCloseTo(want.interests[j]![d]!, 12)));
        got.weights.forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(want.weights[i]![j]!, 12)));
      }
    }
  });

  it('separates a two-cluster toy: behaviours of length 4, five iterations, eight seeds', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const { X, label } = twoClusters(seed, 6, 4);
      const res = dynamicRouting(X, {
        initLogits: gaussianLogits(X.length, 2, 1, mulberry32(100 + seed)),
        iterations: 5,
      });
      expect(ownShare(res.weights, label)).toBeGreaterThan(0.95);
      // each capsule points within 8 degrees of a different cluster centre (20 and 110 degrees)
      const angles = res.interests.map((c) => (Math.atan2(c[1]!, c[0]!) * 180) / Math.PI).sort((a, b) => a - b);
      expect(Math.abs(angles[0]! - 20)).toBeLessThan(8);
      expect(Math.abs(angles[1]! - 110)).toBeLessThan(8);
    }
  });

  it('three iterations on unit-length behaviours barely leave the random start', () => {
    // the logit of a behaviour can grow by at most |S e_i| per iteration (|c_j| < 1), so short
    // behaviours need more iterations: averaged over 20 seeds the own-cluster share stays far
    // below the separated case.
    const avg = (len: number, r: number) => {
      let s = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const { X, label } = twoClusters(seed, 6, len);
        const res = dynamicRouting(X, { initLogits: gaussianLogits(12, 2, 1, mulberry32(100 + seed)), iterations: r });
        s += ownShare(res.weights, label) / 20;
      }
      return s;
    };
    expect(avg(1, 3)).toBeLessThan(0.7);
    expect(avg(4, 8)).toBeGreaterThan(0.99);
    expect(avg(4, 3)).toBeGreaterThan(avg(1, 3));
  });

  it('stays finite at the extremes: logits of +-1000, tiny and huge behaviours', () => {
    const E = [
      [1, 0],
      [0, 1],
    ];
    const hard = dynamicRouting(E, {
      initLogits: [
        [1000, -1000],
        [-1000, 1000],
      ],
    });
    expect(hard.weights).toEqual([
      [1, 0],
      [0, 1],
    ]);
    for (const scale of [1e-200, 1e200]) {
      const X = [
        [scale, scale],
        [scale, -scale],
        [-scale, scale],
      ];
      const res = dynamicRouting(X, { initLogits: gaussianLogits(3, 2, 1, mulberry32(9)), iterations: 3 });
      res.weights.flat().forEach((x) => expect(Number.isFinite(x)).toBe(true));
      res.interests.flat().forEach((x) => expect(Number.isFinite(x)).toBe(true));
      // length |z|^2 / (1 + |z|^2) is below 1, but rounds to exactly 1 once |z| > 1e8
      res.interests.forEach((c) => expect(norm(c)).toBeLessThanOrEqual(1));
    }
  });

  it('rejects bad arguments', () => {
    expect(() => dynamicRouting([], { initLogits: [] })).toThrow(RangeError);
    expect(() => dynamicRouting([[1]], { initLogits: [[0]], iterations: 0 })).toThrow(/iterations/);
    expect(() => dynamicRouting([[1], [2]], { initLogits: [[0]] })).toThrow(/one row per behaviour/);
    expect(() => dynamicRouting([[1], [2]], { initLogits: [[0, 1], [0]] })).toThrow(/same length/);
  });
});

describe('interestCount', () => {
  it('is max(1, min(K, floor(log2 n)))', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 100].map((n) => interestCount(n, 4))).toEqual([1, 1, 1, 1, 2, 2, 3, 4]);
    expect(interestCount(1024, 7)).toBe(7);
    expect(() => interestCount(3, 0)).toThrow(RangeError);
    expect(() => interestCount(-1, 3)).toThrow(RangeError);
  });
});

describe('labelAwareAttention', () => {
  const V = [
    [1, 0],
    [0, 2],
  ];
  const target = [1, 1]; // scores 1 and 2

  it('p = 0 averages, p = 1 is softmax of the scores, p = Infinity picks the best', () => {
    expect(labelAwareAttention(V, target, 0).user).toEqual([0.5, 1]);
    const soft = labelAwareAttention(V, target, 1);
    // softmax(1, 2) = (1/(1+e), e/(1+e)) = (0.2689414, 0.7310586); user = (0.2689414, 2 * 0.7310586)
    expect(soft.weights[0]).toBeCloseTo(0.2689414, 7);
    expect(soft.user[1]).toBeCloseTo(1.4621172, 7);
    expect(labelAwareAttention(V, target, Infinity).weights).toEqual([0, 1]);
    // p = 3: softmax(1, 8) puts 0.999089 on the second interest
    expect(labelAwareAttention(V, target, 3).weights[1]).toBeCloseTo(0.999089, 6);
  });

  it('is finite for scores of +-1000 and powers that overflow', () => {
    const far = [
      [1000, 0],
      [-1000, 0],
    ];
    expect(labelAwareAttention(far, [1, 0], 1).weights).toEqual([1, 0]);
    expect(labelAwareAttention(far, [1, 0], 3).weights).toEqual([1, 0]); // 1e9 vs -1e9
    expect(labelAwareAttention(far, [1, 0], 201).weights).toEqual([1, 0]); // +Infinity vs -Infinity
  });

  it('an even power forgets the sign: a score of -2 beats a score of 1 at p = 2', () => {
    const w = labelAwareAttention(
      [
        [-2, 0],
        [1, 0],
      ],
      [1, 0],
      2,
    ).weights;
    expect(w[0]).toBeGreaterThan(w[1]!); // softmax(4, 1): the anti-aligned interest wins
  });

  it('rejects fractional p', () => {
    expect(() => labelAwareAttention(V, target, 0.5)).toThrow(/p must be/);
    expect(() => labelAwareAttention(V, target, -1)).toThrow(/p must be/);
    expect(() => labelAwareAttention([], target, 1)).toThrow(RangeError);
  });
});

describe('multiInterestScore', () => {
  it('a single averaged vector prefers the item between two interests; max over interests does not', () => {
    const a = [1, 0];
    const b = [0, 1];
    const mean = [Math.SQRT1_2, Math.SQRT1_2]; // (a + b) / |a + b|
    const between = [Math.SQRT1_2, Math.SQRT1_2];
    expect(dot(mean, a)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(dot(mean, between)).toBeCloseTo(1, 15);
    expect(multiInterestScore([a, b], a)).toBe(1);
    expect(multiInterestScore([a, b], between)).toBeCloseTo(Math.SQRT1_2, 15);
  });
});

describe('selfAttentiveInterests', () => {
  it('each interest is a convex combination: attention columns sum to one over behaviours', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const H = Array.from({ length: 7 }, () => [normal(rng), normal(rng), normal(rng)]);
      const W1 = Array.from({ length: 4 }, () => [normal(rng), normal(rng), normal(rng)]);
      const W2 = Array.from({ length: 2 }, () => [normal(rng), normal(rng), normal(rng), normal(rng)]);
      const { attention, interests } = selfAttentiveInterests(H, W1, W2);
      for (let k = 0; k < 2; k++) expect(attention.reduce((s, row) => s + row[k]!, 0)).toBeCloseTo(1, 14);
      // rows need not sum to one: a behaviour may feed several interests or none
      interests.forEach((v, k) =>
        v.forEach((x, d) =>
          expect(x).toBeCloseTo(
            H.reduce((s, h, t) => s + attention[t]![k]! * h[d]!, 0),
            12,
          ),
        ),
      );
    }
  });

  it('stays finite when the attention logits reach +-1000', () => {
    // tanh saturates at 1, so a query row of 1000 gives logits of +-1000 and a one-hot attention
    const H = [
      [1, 0],
      [-1, 0],
    ];
    const { attention, interests } = selfAttentiveInterests(H, [[1e6, 0]], [[1000], [-1000]]);
    expect(attention).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(interests).toEqual([
      [1, 0],
      [-1, 0],
    ]);
  });

  it('zero query vectors give every interest the plain average of the behaviours', () => {
    const H = [
      [1, 0],
      [0, 1],
      [2, 2],
    ];
    const { interests } = selfAttentiveInterests(H, [[1, 1]], [[0], [0]]);
    expect(interests).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
});

describe('greedyAggregate', () => {
  // the page's example: three items of category 1, two of category 2, one of category 3
  const C: Candidate[] = [
    { item: 0, score: 0.95, category: 1 },
    { item: 1, score: 0.93, category: 1 },
    { item: 2, score: 0.9, category: 1 },
    { item: 3, score: 0.8, category: 2 },
    { item: 4, score: 0.78, category: 2 },
    { item: 5, score: 0.6, category: 3 },
  ];
  const ids = (l: Candidate[]) => l.map((c) => c.item);

  it('lambda = 0 keeps the N best scores', () => {
    expect(ids(greedyAggregate(C, 3, 0))).toEqual([0, 1, 2]);
  });

  it('matches the hand trace for lambda = 0.05 and 0.2', () => {
    // lambda = 0.05, step 3: item 2 gains 0.90, item 3 gains 0.80 + 2(0.05)(2) = 1.00 -> item 3
    expect(ids(greedyAggregate(C, 3, 0.05))).toEqual([0, 1, 3]);
    // lambda = 0.2, step 2: item 3 gains 0.80 + 0.4 = 1.20 > 0.93; step 3: item 5 gains 0.60 + 0.8 = 1.40
    expect(ids(greedyAggregate(C, 3, 0.2))).toEqual([0, 3, 5]);
    expect(categoryDiversity(greedyAggregate(C, 3, 0))).toBe(0);
    expect(categoryDiversity(greedyAggregate(C, 3, 0.05))).toBeCloseTo(2 / 3, 15);
    expect(categoryDiversity(greedyAggregate(C, 3, 0.2))).toBe(1);
    // Q of {0, 1, 3} at lambda 0.05: 0.95 + 0.93 + 0.80 + 0.05 * 4 ordered pairs that differ = 2.88
    expect(aggregationValue(greedyAggregate(C, 3, 0.05), 0.05)).toBeCloseTo(2.88, 12);
  });

  it('each greedy step adds exactly the gain it maximised, and no other candidate would add more', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const pool = Array.from({ length: 30 }, (_, i) => ({ item: i, score: rng(), category: Math.floor(rng() * 4) }));
      const lambda = 0.1 * seed;
      const list = greedyAggregate(pool, 10, lambda);
      for (let t = 1; t <= list.length; t++) {
        const before = list.slice(0, t - 1);
        const gain = aggregationValue(list.slice(0, t), lambda) - aggregationValue(before, lambda);
        const rest = pool.filter((c) => !before.includes(c));
        for (const c of rest)
          expect(aggregationValue([...before, c], lambda) - aggregationValue(before, lambda)).toBeLessThanOrEqual(
            gain + 1e-12,
          );
      }
    }
  });

  it('equals the released evaluation rule, score - coef * (chosen items of the same category), with coef = 2 lambda', () => {
    // at a given step |S| is the same for every candidate, so 2 lambda (|S| - same) ranks like -2 lambda * same
    const released = (pool: Candidate[], N: number, coef: number) => {
      const rest = [...pool].sort((a, b) => b.score - a.score);
      const count = new Map<number, number>();
      const out: Candidate[] = [];
      for (let t = 0; t < N && rest.length; t++) {
        let best = 0;
        rest.forEach((c, k) => {
          const v = c.score - coef * (count.get(c.category) ?? 0);
          const bv = rest[best]!.score - coef * (count.get(rest[best]!.category) ?? 0);
          if (v > bv) best = k;
        });
        const [pick] = rest.splice(best, 1);
        out.push(pick!);
        count.set(pick!.category, (count.get(pick!.category) ?? 0) + 1);
      }
      return out;
    };
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(40 + seed);
      const pool = Array.from({ length: 25 }, (_, i) => ({ item: i, score: rng(), category: Math.floor(rng() * 5) }));
      const sorted = [...pool].sort((a, b) => b.score - a.score); // same tie order in both
      const lambda = 0.05 * seed;
      expect(ids(greedyAggregate(sorted, 10, lambda))).toEqual(ids(released(pool, 10, 2 * lambda)));
    }
  });

  it('a very large lambda fills the list one category at a time', () => {
    const list = greedyAggregate(C, 3, 1e6);
    expect(new Set(list.map((c) => c.category)).size).toBe(3);
    expect(() => greedyAggregate(C, 3, -1)).toThrow(/lambda/);
    expect(() => greedyAggregate(C, 1.5, 0)).toThrow(/N must be/);
  });
});
