import { describe, expect, it } from 'vitest';
import {
  MAX_QUADRATIC_FORM,
  armScore,
  armUpdate,
  ctrs,
  interceptOnly,
  linUcb,
  linUcbAlpha,
  linearArm,
  linearThompson,
  logUniform,
  randomCtrEnvironment,
  replay,
  shermanMorrison,
  simulateContextual,
  uniformPolicy,
  type ContextualPolicy,
} from '../../../content/snippets/bandits/linucb.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

/** Solve M y = c by Gaussian elimination with partial pivoting (the naive reference). */
function solve(m: number[][], c: number[]): number[] {
  const n = c.length;
  const a = m.map((row, i) => [...row, c[i]!]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
    [a[k], a[p]] = [a[p]!, a[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = a[i]![k]! / a[k]![k]!;
      for (let j = k; j <= n; j++) a[i]![j]! -= f * a[k]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= a[i]![j]! * y[j]!;
    y[i] = s / a[i]![i]!;
  }
  return y;
}

/** The direct ridge solution: A = lambda I + X^T X, theta = A^{-1} X^T r, and A^{-1} column by column. */
function directRidge(xs: number[][], rs: number[], lambda: number) {
  const d = xs[0]!.length;
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
  const b = new Array<number>(d).fill(0);
  xs.forEach((x, t) => {
    for (let i = 0; i < d; i++) {
      b[i]! += rs[t]! * x[i]!;
      for (let j = 0; j < d; j++) a[i]![j]! += x[i]! * x[j]!;
    }
  });
  const inv = Array.from({ length: d }, (_, k) =>
    solve(
      a,
      Array.from({ length: d }, (_, i) => (i === k ? 1 : 0)),
    ),
  );
  return { theta: solve(a, b), aInv: inv }; // inv[k] is column k, equal to row k (A is symmetric)
}

const maxRelErr = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  let scale = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
  let err = 0;
  for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i]! - want[i]!));
  return err / scale;
};

function randomData(rng: Rng, n: number, d: number) {
  const xs = Array.from({ length: n }, () => Array.from({ length: d }, () => normal(rng)));
  const truth = Array.from({ length: d }, () => normal(rng));
  const rs = xs.map((x) => x.reduce((s, v, i) => s + v * truth[i]!, 0) + 0.3 * normal(rng));
  return { xs, rs };
}

describe('Sherman-Morrison and the ridge arm', () => {
  it('hand case: A = diag(2, 1) plus x = (1, 1) gives [[2, -1], [-1, 3]] / 5', () => {
    // u = A^-1 x = (0.5, 1), x^T u = 1.5: A^-1 - u u^T / 2.5 = [[0.5 - 0.1, -0.2], [-0.2, 1 - 0.4]]
    const aInv = shermanMorrison(Float64Array.from([0.5, 0, 0, 1]), [1, 1]);
    expect([...aInv]).toEqual([0.4, -0.2, -0.2, 0.6].map((v) => expect.closeTo(v, 15)));
  });

  it("the page's worked example: clicks 1 on (1, 0) and 0 on (1, 1)", () => {
    const arm = linearArm(2);
    armUpdate(arm, [1, 0], 1);
    armUpdate(arm, [1, 1], 0);
    // A = I + (1,0)(1,0)^T + (1,1)(1,1)^T = [[3, 1], [1, 2]], det 5; b = (1, 0); theta = (2, -1) / 5
    expect([...arm.theta]).toEqual([0.4, -0.2].map((v) => expect.closeTo(v, 15)));
    const seen = armScore(arm, [1, 0]); // mean 0.4, width sqrt(2 / 5)
    const fresh = armScore(arm, [1, 1]); // mean 0.2, width sqrt((2 - 1 - 1 + 3) / 5) = sqrt(0.6)
    expect(seen.mean).toBeCloseTo(0.4, 15);
    expect(seen.width).toBeCloseTo(Math.sqrt(0.4), 15);
    expect(fresh.mean).toBeCloseTo(0.2, 15);
    expect(fresh.width).toBeCloseTo(Math.sqrt(0.6), 15);
    expect(fresh.width.toFixed(4)).toBe('0.7746');
    expect(seen.width.toFixed(4)).toBe('0.6325');
    // with alpha = 1 the UCBs are 0.8325 and 0.9746: the less explored direction wins despite its lower mean
    expect((seen.mean + seen.width).toFixed(4)).toBe('1.0325');
    expect((fresh.mean + fresh.width).toFixed(4)).toBe('0.9746');
    // Li et al.'s alpha for delta = 0.05
    expect(linUcbAlpha(0.05).toFixed(3)).toBe('2.358');
  });

  it('equals the direct ridge solution after many updates, for several seeds and lambdas', () => {
    for (let seed = 1; seed <= 5; seed++)
      for (const lambda of [0.1, 1, 10]) {
        const { xs, rs } = randomData(mulberry32(seed), 500, 6);
        const arm = linearArm(6, lambda);
        xs.forEach((x, t) => armUpdate(arm, x, rs[t]!));
        const ref = directRidge(xs, rs, lambda);
        expect(maxRelErr(arm.theta, ref.theta)).toBeLessThan(1e-11);
        expect(maxRelErr(arm.aInv, ref.aInv.flat())).toBeLessThan(1e-11);
        for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(arm.aInv[i * 6 + j]).toBe(arm.aInv[j * 6 + i]);
        expect(arm.pulls).toBe(500);
      }
  }, 60_000);

  it('width is the sd of x.theta under the Gaussian posterior: x^T A^-1 x from the direct inverse', () => {
    const { xs, rs } = randomData(mulberry32(9), 50, 4);
    const arm = linearArm(4);
    xs.forEach((x, t) => armUpdate(arm, x, rs[t]!));
    const inv = directRidge(xs, rs, 1).aInv;
    const x = [0.3, -1, 2, 0.5];
    const q = x.reduce((s, xi, i) => s + xi * x.reduce((t, xj, j) => t + inv[i]![j]! * xj, 0), 0);
    expect(armScore(arm, x).width).toBeCloseTo(Math.sqrt(q), 12);
    // the width shrinks along a direction as it is observed, never grows
    const before = armScore(arm, x).width;
    armUpdate(arm, x, 1);
    expect(armScore(arm, x).width).toBeLessThan(before);
  });

  it('tiny contexts change nothing (no 0/0) and are scored exactly; huge ones are scored without overflow', () => {
    const arm = linearArm(2);
    armUpdate(arm, [1e-200, 1e-200], 1);
    expect([...arm.aInv]).toEqual([1, 0, 0, 1]); // the true change is 1e-400, below any double
    expect(arm.b[0]).toBe(1e-200);
    const tiny = armScore(arm, [1e-200, 1e-200]);
    expect(tiny.width).toBeCloseTo(Math.SQRT2 * 1e-200, 214);
    expect(Number.isFinite(tiny.mean)).toBe(true);
    const huge = armScore(linearArm(2), [1e200, 1e200]); // A = I: width = |x| = sqrt(2) 1e200, no Infinity
    expect(huge.width / 1e200).toBeCloseTo(Math.SQRT2, 14);
    expect(huge.mean).toBe(0);
  });

  it('refuses an update that would cancel more than half the digits, and non-finite input', () => {
    expect(() => shermanMorrison(Float64Array.from([1, 0, 0, 1]), [1e200, 1e200])).toThrow(/x\^T A\^-1 x.*rescale x/);
    expect(() => shermanMorrison(Float64Array.from([1, 0, 0, 1]), [1e4, 1e4])).toThrow(RangeError); // 2e8 > 1e8
    expect(MAX_QUADRATIC_FORM).toBe(1e8);
    // just below the limit, still close to the direct solution (about 7 digits lost in one direction)
    const arm = linearArm(2);
    armUpdate(arm, [5000, 5000], 1); // x^T x = 5e7
    const ref = directRidge([[5000, 5000]], [1], 1);
    expect(maxRelErr(arm.aInv, ref.aInv.flat())).toBeLessThan(1e-8);
    expect(() => shermanMorrison(Float64Array.from([1, 0, 0, 1]), [NaN, 1])).toThrow(/x\[0\] must be finite/);
    expect(() => shermanMorrison(Float64Array.from([1, 0, 0, 1]), [1, 2, 3])).toThrow(/d x d/);
    expect(() => armScore(linearArm(2), [1])).toThrow(/x must have 2 entries/);
    expect(() => armUpdate(linearArm(2), [1, 1], Infinity)).toThrow(/reward must be finite/);
    expect(() => linearArm(0)).toThrow(/d must be/);
    expect(() => linearArm(2, 0)).toThrow(/lambda/);
    expect(() => linUcb(3, 2, -1)).toThrow(/alpha/);
    expect(() => linearThompson(3, 2, NaN)).toThrow(/v must be/);
    expect(() => linUcbAlpha(0)).toThrow(/delta/);
    expect(() => linUcb(2, 2, 1).select([[1, 1]], mulberry32(1))).toThrow(/one context per arm/);
    expect(() => linUcb(2, 2, 1).update(2, [1, 1], 1)).toThrow(/arm must be/);
  });
});

describe('policies', () => {
  it('LinUCB picks the larger upper bound; alpha = 0 is greedy', () => {
    const p = linUcb(2, 2, 1);
    p.update(0, [1, 0], 1);
    p.update(0, [1, 1], 0);
    // arm 0 scores 0.4 + 0.6325 = 1.0325 on (1, 0); a fresh arm 1 scores 0 + 1 = 1
    expect(
      p.select(
        [
          [1, 0],
          [1, 0],
        ],
        mulberry32(1),
      ),
    ).toBe(0);
    // on (1, 1): arm 0 has 0.9746, fresh arm 1 has 0 + sqrt(2) = 1.4142
    expect(
      p.select(
        [
          [1, 1],
          [1, 1],
        ],
        mulberry32(1),
      ),
    ).toBe(1);
    const g = linUcb(2, 2, 0);
    g.update(0, [1, 1], 0);
    g.update(1, [1, 1], 1);
    expect(
      g.select(
        [
          [1, 1],
          [1, 1],
        ],
        mulberry32(1),
      ),
    ).toBe(1);
  });

  it("linear Thompson's score is N(mean, (v width)^2): moments over 40,000 draws", () => {
    // one arm, so the score itself is observable through a two-arm comparison against a constant arm
    const arm = linearArm(2);
    armUpdate(arm, [1, 0], 1);
    armUpdate(arm, [1, 1], 0);
    const { mean, width } = armScore(arm, [1, 1]);
    const v = 0.5;
    // P(score > c) for c = mean + v width is 1 - Phi(1) = 0.15866
    const p = linearThompson(2, 2, v);
    p.update(0, [1, 0], 1);
    p.update(0, [1, 1], 0);
    // arm 1 is made exact at c: a huge lambda would do, here we use many identical observations
    const c = mean + v * width;
    for (let k = 0; k < 5000; k++) p.update(1, [1, 0], c);
    const rng = mulberry32(4);
    let wins = 0;
    const n = 40_000;
    for (let k = 0; k < n; k++)
      if (
        p.select(
          [
            [1, 1],
            [1, 0],
          ],
          rng,
        ) === 0
      )
        wins++;
    // arm 1's own draw has sd v * sqrt(1/5001) = 0.007, small next to v * width = 0.39; its mean is c 5000/5001
    expect(Math.abs(wins / n - 0.1587)).toBeLessThan(4 * Math.sqrt((0.1587 * 0.8413) / n) + 0.01);
  }, 60_000);

  it('interceptOnly hides the features; uniformPolicy spreads evenly', () => {
    const p = interceptOnly(linUcb(2, 1, 0));
    p.update(0, [5, 7, 9], 1);
    expect(
      p.select(
        [
          [0, 0, 0],
          [1, 1, 1],
        ],
        mulberry32(1),
      ),
    ).toBe(0);
    const u = uniformPolicy(4);
    const counts = [0, 0, 0, 0];
    const rng = mulberry32(2);
    for (let k = 0; k < 40_000; k++) counts[u.select([], rng)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(4 * Math.sqrt(40_000 * 0.25 * 0.75));
  });
});

describe('the simulated click environment', () => {
  it('CTRs stay in [0.01, 0.23] and interest shares sum to 1', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const env = randomCtrEnvironment(mulberry32(seed), 6, 4);
      const rng = mulberry32(100 + seed);
      for (let k = 0; k < 2000; k++) {
        const x = env.user(rng);
        expect(x[0]).toBe(1);
        expect(x.slice(1).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        for (const p of ctrs(env, x)) expect(p >= 0.01 && p <= 0.23).toBe(true);
      }
    }
    expect(() => randomCtrEnvironment(mulberry32(1), 0, 4)).toThrow(/nArms/);
  }, 60_000);

  it('LinUCB regret is sub-linear while greedy and context-free UCB stay linear, seeds 1-8', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const env = randomCtrEnvironment(mulberry32(1000 + seed), 6, 4);
      const run = (p: ContextualPolicy) => simulateContextual(env, p, 20_000, mulberry32(seed)).cumulativeRegret;
      const u = run(linUcb(6, 5, 0.5));
      // the second 10,000 steps cost less than 60% of the first 10,000 (sqrt(T) would give 41%, linear 100%)
      expect((u[19_999]! - u[9_999]!) / u[9_999]!).toBeLessThan(0.6);
      // and the regret per step falls more than fourfold from the first 1,000 steps to the last 5,000
      expect((u[19_999]! - u[14_999]!) / 5000).toBeLessThan(u[999]! / 1000 / 4);
      const g = run(linUcb(6, 5, 0));
      expect((g[19_999]! - g[9_999]!) / g[9_999]!).toBeGreaterThan(0.8);
      const c = run(interceptOnly(linUcb(6, 1, 0.5)));
      expect((c[19_999]! - c[9_999]!) / c[9_999]!).toBeGreaterThan(0.8);
      expect(u[19_999]!).toBeLessThan(g[19_999]! / 2);
    }
  }, 120_000);
});

describe('replay evaluation', () => {
  it('keeps about one event in K, and a fixed policy is estimated without bias', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const env = randomCtrEnvironment(mulberry32(1000 + seed), 6, 4);
      const logs = logUniform(env, 60_000, mulberry32(seed));
      // a fixed policy: always the article about the user's strongest topic
      const fixed: ContextualPolicy = {
        name: 'top topic',
        select: (contexts) => {
          const x = contexts[0]!;
          let k = 1;
          for (let j = 2; j < x.length; j++) if (x[j]! > x[k]!) k = j;
          return k - 1; // article k - 1 is about topic k - 1 (the first four articles)
        },
        update: () => {},
      };
      const r = replay(logs, fixed, mulberry32(seed));
      expect(Math.abs(r.matched - 10_000)).toBeLessThan(4 * Math.sqrt(60_000 * (1 / 6) * (5 / 6)));
      // its true CTR, by Monte Carlo over fresh users
      const rng = mulberry32(77 + seed);
      let truth = 0;
      for (let k = 0; k < 100_000; k++) {
        const x = env.user(rng);
        truth += ctrs(env, x)[fixed.select([x], rng)]!;
      }
      truth /= 100_000;
      const se = Math.sqrt((truth * (1 - truth)) / r.matched);
      expect(Math.abs(r.ctr - truth)).toBeLessThan(4 * se);
    }
  }, 60_000);

  it("matches a live run of a learning policy in distribution (Li et al.'s Theorem 1), 20 seeds", () => {
    const T = 2000;
    let online = 0;
    let offline = 0;
    const seeds = 20;
    for (let seed = 1; seed <= seeds; seed++) {
      const env = randomCtrEnvironment(mulberry32(1000 + seed), 6, 4);
      online += simulateContextual(env, linUcb(6, 5, 0.5), T, mulberry32(seed)).clicks / T;
      const r = replay(logUniform(env, 6 * T + 3000, mulberry32(500 + seed)), linUcb(6, 5, 0.5), mulberry32(seed), T);
      expect(r.matched).toBe(T);
      offline += r.ctr;
    }
    // each mean CTR has a standard error of about sqrt(0.1 * 0.9 / (20 * 2000)) = 0.0015
    expect(Math.abs(online / seeds - offline / seeds)).toBeLessThan(0.006);
  }, 60_000);

  it('returns NaN when nothing matches', () => {
    const env = randomCtrEnvironment(mulberry32(1), 2, 1);
    const logs = logUniform(env, 10, mulberry32(1)).map((e) => ({ ...e, arm: 1 }));
    const always0: ContextualPolicy = { name: '0', select: () => 0, update: () => {} };
    expect(replay(logs, always0, mulberry32(1)).ctr).toBeNaN();
  });
});
