import { describe, expect, it } from 'vitest';
import {
  appendCollisionIndex,
  beamSearch,
  buildTrie,
  clusteredEmbeddings,
  collisionGroups,
  decode,
  encode,
  fitResidualQuantizer,
  kMeans,
  lookup,
  nearest,
  residualLogits,
  toyCatalogue,
  type Matrix,
} from '../../../content/snippets/sequential/semantic-ids.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];
const sq = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0);
const sse = (points: Matrix, centroids: Matrix, assignment: number[]) =>
  points.reduce((s, p, i) => s + sq(p, centroids[assignment[i]!]!), 0);

/** The page's worked example: 600 toy items in 8 dimensions, 500 quantised, 100 held out. */
function example(seed: number) {
  const { items, fresh, rng } = toyCatalogue(seed);
  return { items, fresh, q: fitResidualQuantizer(items, 3, 16, rng) };
}

/** What the page quotes, for each of the five toy catalogues (seeds 1..5). */
function catalogueStats(seed: number) {
  const { items, fresh, q } = example(seed);
  const t = buildTrie(q.codes);
  let sameFirst = 0;
  let invalid = 0;
  const found = [0, 0, 0, 0]; // beams 1, 5, 10, 20
  for (const v of fresh) {
    const nn = items.reduce((b, p, i) => (sq(p, v) < sq(items[b]!, v) ? i : b), 0);
    if (encode(v, q.codebooks)[0] === q.codes[nn]![0]) sameFirst += 1;
    invalid += beamSearch(residualLogits(v, q.codebooks), 3, 10).filter((r) => lookup(t, r.code).length === 0).length;
    [1, 5, 10, 20].forEach((b, i) => {
      const res = beamSearch(residualLogits(v, q.codebooks), 3, b, t);
      for (const r of res) expect(lookup(t, r.code).length).toBeGreaterThan(0); // constrained: always valid
      if (res.some((r) => lookup(t, r.code).includes(nn))) found[i]! += 1;
    });
  }
  const freshError =
    fresh.reduce((s, v) => s + sq(v, decode(encode(v, q.codebooks), q.codebooks)), 0) /
    fresh.reduce((s, v) => s + sq(v, new Array<number>(8).fill(0)), 0);
  return {
    converged: q.converged,
    errors: q.relativeErrors,
    distinct: new Set(q.codes.map((c) => c.join())).size,
    colliding: collisionGroups(q.codes).reduce((s, g) => s + g.length, 0),
    maxExtraToken: Math.max(...appendCollisionIndex(q.codes).map((c) => c[3]!)),
    freshError,
    sameFirst,
    invalidShare: invalid / (10 * fresh.length),
    found,
  };
}
let statsCache: ReturnType<typeof catalogueStats>[] | undefined;
const allStats = () => (statsCache ??= SEEDS.map(catalogueStats));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const span = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];

describe('k-means', () => {
  it('hand case: two obvious clusters on a line', () => {
    const pts = [[0], [1], [10], [11]];
    const { centroids, assignment } = kMeans(pts, 2, mulberry32(1));
    expect(centroids.map((c) => c[0]).sort((a, b) => a! - b!)).toEqual([0.5, 10.5]);
    expect(assignment[0]).toBe(assignment[1]);
    expect(assignment[2]).toBe(assignment[3]);
    expect(assignment[0]).not.toBe(assignment[2]);
  });

  it('every point ends at its nearest centroid, and the error is never above sum ||x||^2 (5 seeds)', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const pts = clusteredEmbeddings(200, 4, 5, 0.5, rng);
      for (const k of [1, 3, 16]) {
        const { centroids, assignment } = kMeans(pts, k, rng, 3); // few iterations: not converged
        pts.forEach((p, i) => expect(assignment[i]).toBe(nearest(p, centroids)));
        expect(sse(pts, centroids, assignment)).toBeLessThanOrEqual(pts.reduce((s, p) => s + sq(p, [0, 0, 0, 0]), 0));
      }
    }
  });

  it('k = 1 gives the mean; duplicates and k above the number of distinct points do not break it', () => {
    const pts = [
      [1, 2],
      [3, 6],
    ];
    expect(kMeans(pts, 1, mulberry32(2)).centroids[0]).toEqual([2, 4]);
    const dup = [
      [5, 5],
      [5, 5],
      [5, 5],
    ];
    const r = kMeans(dup, 3, mulberry32(3));
    expect(r.centroids).toHaveLength(3);
    expect(sse(dup, r.centroids, r.assignment)).toBe(0);
    expect(() => kMeans([], 2, mulberry32(1))).toThrow(RangeError);
    expect(() => kMeans(pts, 0, mulberry32(1))).toThrow(RangeError);
    expect(() => kMeans(pts, 1, mulberry32(1), 0)).toThrow(/maxIterations/);
    expect(() => kMeans([[NaN, 1]], 1, mulberry32(1))).toThrow(RangeError);
  });
});

describe('residual quantiser', () => {
  it('hand case: level 1 takes the cluster centre, level 2 the offset inside it', () => {
    // Four points: centres (0, 0) and (10, 0), each with offsets (0, +1) and (0, -1).
    const pts = [
      [0, 1],
      [0, -1],
      [10, 1],
      [10, -1],
    ];
    const { codebooks, codes, relativeErrors } = fitResidualQuantizer(pts, 2, 2, mulberry32(4));
    // sum ||x||^2 = 1 + 1 + 101 + 101 = 204; after level 1 the residuals are (0, +-1): error 4 / 204
    expect(relativeErrors[1]).toBeCloseTo(4 / 204, 12);
    expect(relativeErrors[2]).toBeCloseTo(0, 12); // level 2 codes +1 and -1 exactly
    pts.forEach((p, i) => expect(decode(codes[i]!, codebooks)).toEqual(p.map((v) => expect.closeTo(v, 12))));
    expect(codes[0]![0]).toBe(codes[1]![0]); // same first code: same cluster
    expect(codes[0]![1]).toBe(codes[2]![1]); // same second code: same offset, in different clusters
  });

  it('the reconstruction error falls with every level (5 seeds, three codebook sizes)', () => {
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const pts = clusteredEmbeddings(300, 8, 8, 0.3, rng);
      for (const k of [4, 16, 64]) {
        const { relativeErrors } = fitResidualQuantizer(pts, 5, k, rng, 20);
        expect(relativeErrors[0]).toBe(1);
        for (let l = 1; l < relativeErrors.length; l++) expect(relativeErrors[l]!).toBeLessThan(relativeErrors[l - 1]!);
      }
    }
  });

  it('codes are deterministic for a seed, and equal greedy encoding with the fitted codebooks', () => {
    const a = example(1).q;
    const b = example(1).q;
    expect(a.codes).toEqual(b.codes);
    expect(a.codebooks).toEqual(b.codebooks);
    expect(example(2).q.codes).not.toEqual(a.codes);
    example(1).items.forEach((p, i) => expect(encode(p, a.codebooks)).toEqual(a.codes[i]));
  });

  it('the reported error equals the error recomputed by decoding', () => {
    const { items, q } = example(3);
    const err = items.reduce((s, p, i) => s + sq(p, decode(q.codes[i]!, q.codebooks)), 0);
    const total = items.reduce((s, p) => s + sq(p, new Array<number>(8).fill(0)), 0);
    expect(q.relativeErrors[3]).toBeCloseTo(err / total, 12);
  });

  it('is scale-free: vectors of 1e-200 and 1e200 get the same codes as the unit-scale ones', () => {
    const rng = mulberry32(8);
    const pts = clusteredEmbeddings(80, 4, 4, 0.3, rng);
    const base = fitResidualQuantizer(pts, 3, 4, mulberry32(9));
    for (const scale of [1e-200, 1e200]) {
      const scaled = fitResidualQuantizer(
        pts.map((p) => p.map((v) => v * scale)),
        3,
        4,
        mulberry32(9),
      );
      expect(scaled.codes).toEqual(base.codes);
      scaled.relativeErrors.forEach((e, l) => expect(e).toBeCloseTo(base.relativeErrors[l]!, 12));
      for (const v of scaled.codebooks.flat(2)) expect(Number.isFinite(v)).toBe(true);
      expect(
        encode(
          pts[0]!.map((v) => v * scale),
          scaled.codebooks,
        ),
      ).toEqual(base.codes[0]);
    }
  });

  it('the worked example over five catalogues: k-means converges, errors, collisions, held-out items', () => {
    const st = allStats();
    for (const x of st) expect(x.converged).toBe(true);
    const err = (l: number) => st.map((x) => x.errors[l]!);
    expect([1, 2, 3].map((l) => mean(err(l)).toFixed(3))).toEqual(['0.066', '0.036', '0.020']);
    expect(span(err(1)).map((e) => e.toFixed(3))).toEqual(['0.057', '0.077']);
    expect(span(st.map((x) => x.distinct))).toEqual([465, 473]);
    expect(Math.round(mean(st.map((x) => x.colliding)))).toBe(60);
    expect(span(st.map((x) => x.colliding))).toEqual([52, 70]);
    expect(span(st.map((x) => x.maxExtraToken))).toEqual([1, 2]);
    // new items are encoded with the same codebooks and reconstructed almost as well
    expect(mean(st.map((x) => x.freshError)).toFixed(3)).toBe('0.028');
    expect(span(st.map((x) => x.freshError)).map((e) => e.toFixed(3))).toEqual(['0.023', '0.036']);
    // a new item usually starts with the first code of its nearest existing item
    expect(Math.round(mean(st.map((x) => x.sameFirst)))).toBe(86);
    expect(span(st.map((x) => x.sameFirst))).toEqual([82, 90]);
    // for comparison: 500 items dropped uniformly at random into 16^3 = 4,096 tuples leave
    // 500 (1 - (1 - 1/4096)^499) = 57.4 items sharing a tuple on average
    expect((500 * (1 - (1 - 1 / 4096) ** 499)).toFixed(1)).toBe('57.4');
  });
});

describe('collisions', () => {
  it('hand case: groups and the appended index', () => {
    const codes = [
      [1, 2],
      [3, 4],
      [1, 2],
      [1, 2],
    ];
    expect(collisionGroups(codes)).toEqual([[0, 2, 3]]);
    expect(appendCollisionIndex(codes)).toEqual([
      [1, 2, 0],
      [3, 4, 0],
      [1, 2, 1],
      [1, 2, 2],
    ]);
  });

  it('after appending, every ID is unique (5 seeds of the worked example)', () => {
    for (const seed of SEEDS) {
      const ids = appendCollisionIndex(example(seed).q.codes);
      expect(new Set(ids.map((c) => c.join())).size).toBe(500);
      expect(collisionGroups(ids)).toEqual([]);
    }
  });
});

describe('prefix tree and beam search', () => {
  const codes = [
    [0, 1],
    [0, 2],
    [2, 0],
  ];
  const trie = buildTrie(codes);

  it('the trie knows the valid continuations and the items of each tuple', () => {
    expect([...trie.children.keys()]).toEqual([0, 2]);
    expect([...trie.children.get(0)!.children.keys()]).toEqual([1, 2]);
    expect(lookup(trie, [0, 2])).toEqual([1]);
    expect(lookup(trie, [1, 0])).toEqual([]);
    expect(lookup(buildTrie([[5], [5]]), [5])).toEqual([0, 1]);
  });

  it('hand case: constrained decoding renormalises over the allowed tokens', () => {
    // Logits favour token 1 at both steps, which no valid tuple starts with.
    const logits = () => [0, 3, 0];
    const free = beamSearch(logits, 2, 1);
    expect(free[0]!.code).toEqual([1, 1]); // invalid
    const [best, second, third] = beamSearch(logits, 2, 3, trie);
    // step 1: allowed {0, 2}, equal logits -> log 1/2 each.
    // step 2 after 2: its only child 0 gets probability 1 -> total log 1/2.
    // step 2 after 0: allowed {1, 2} with logits 3 and 0 -> log 1/2 + 3 - log(e^3 + 1).
    // The lone continuation wins: a sparse branch pays nothing at the level where it has no rival.
    expect(best!.code).toEqual([2, 0]);
    expect(best!.logProb).toBeCloseTo(Math.log(0.5), 12);
    expect(second!.code).toEqual([0, 1]);
    expect(second!.logProb).toBeCloseTo(Math.log(0.5) + 3 - Math.log(Math.exp(3) + 1), 12);
    expect(third!.code).toEqual([0, 2]);
  });

  it('with a wide beam, constrained search returns every valid tuple, ordered like exhaustive scoring', () => {
    const { q, fresh } = example(2);
    const t = buildTrie(q.codes);
    const valid = [...new Set(q.codes.map((c) => c.join()))].map((k) => k.split(',').map(Number));
    const f = residualLogits(fresh[0]!, q.codebooks, 0.5);
    const score = (code: number[]) => {
      // the same chain of renormalised log-probabilities, computed from scratch for one tuple
      let node = t;
      let lp = 0;
      code.forEach((c, l) => {
        const allowed = [...node.children.keys()];
        const z = f(code.slice(0, l));
        const m = Math.max(...allowed.map((a) => z[a]!));
        lp += z[c]! - m - Math.log(allowed.reduce((s, a) => s + Math.exp(z[a]! - m), 0));
        node = node.children.get(c)!;
      });
      return lp;
    };
    const res = beamSearch(f, 3, 10_000, t);
    expect(res).toHaveLength(valid.length);
    res.forEach((r) => expect(r.logProb).toBeCloseTo(score(r.code), 9));
    for (let i = 1; i < res.length; i++) expect(res[i]!.logProb).toBeLessThanOrEqual(res[i - 1]!.logProb);
  });

  it('greedy unconstrained decoding with the residual logits reproduces encode', () => {
    const { q, fresh } = example(4);
    for (const v of fresh.slice(0, 20))
      expect(beamSearch(residualLogits(v, q.codebooks), 3, 1)[0]!.code).toEqual(encode(v, q.codebooks));
  });

  it('the worked example: unconstrained beams name no item most of the time; constrained ones find the neighbour', () => {
    const st = allStats();
    for (const x of st) {
      // every catalogue: more than 80% of unconstrained top-10 tuples are empty; beam 20 finds the
      // nearest item more than twice as often as beam 1
      expect(x.invalidShare).toBeGreaterThan(0.8);
      expect(x.found[3]!).toBeGreaterThan(2 * x.found[0]!);
    }
    // the page's numbers: means (and ranges) over the five catalogues, per 100 held-out queries
    expect(Math.round(100 * mean(st.map((x) => x.invalidShare)))).toBe(86);
    expect(span(st.map((x) => x.invalidShare)).map((v) => v.toFixed(2))).toEqual(['0.85', '0.88']);
    expect([0, 1, 2, 3].map((i) => Math.round(mean(st.map((x) => x.found[i]!))))).toEqual([25, 53, 71, 84]);
    expect([0, 1, 2, 3].map((i) => span(st.map((x) => x.found[i]!)))).toEqual([
      [15, 34],
      [47, 61],
      [67, 75],
      [80, 91],
    ]);
  });

  it('refuses bad arguments and non-finite logits', () => {
    expect(() => beamSearch(() => [0, 1], 2, 0)).toThrow(RangeError);
    expect(() => beamSearch(() => [0, NaN], 1, 2)).toThrow(/not finite/);
    expect(() => residualLogits([0], [[[0]]], 0)).toThrow(RangeError);
  });

  it('residual logits stay finite and ordered for tiny vectors; huge ones are refused by the search', () => {
    const cb = [
      [
        [1e-200, 0],
        [0, 1e-200],
      ],
    ];
    // squared distances of ~1e-400 underflow to 0: the logits tie, as their true differences
    // (~1e-400) are below double precision, and the search still returns a valid code
    const tiny = beamSearch(residualLogits([1e-200, 0], cb), 1, 2);
    expect(tiny).toHaveLength(2);
    for (const r of tiny) expect(Number.isFinite(r.logProb)).toBe(true);
    const huge = [
      [
        [1e200, 0],
        [0, 1e200],
      ],
    ];
    expect(() => beamSearch(residualLogits([1e200, 0], huge), 1, 2)).toThrow(/not finite/);
    // with a temperature in the data's units the same vectors decode fine
    expect(beamSearch(residualLogits([1e200, 0], huge, 1e300), 1, 1)[0]!.code).toEqual([0]);
  });
});
