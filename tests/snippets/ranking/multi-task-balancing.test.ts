import { describe, expect, it } from 'vitest';
import {
  esm2Loss,
  esm2LogProbs,
  gradNormStep,
  minNormCombination,
  pleForward,
  quadraticLoss,
  trainSharedScalar,
  uncertaintyFixedPoint,
  uncertaintyWeightedLoss,
  type Esm2Logits,
  type ExtractionLevel,
  type QuadraticTask,
} from '../../../content/snippets/ranking/multi-task-balancing.ts';
import {
  esmmLoss,
  mmoeForward,
  sigmoid,
  type Expert,
  type Tower,
} from '../../../content/snippets/ranking/multi-task.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const logit = (p: number): number => Math.log(p / (1 - p));
const randMatrix = (rng: () => number, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => normal(rng)));
const randExpert = (rng: () => number, width: number, d: number): Expert => ({
  A: randMatrix(rng, width, d),
  c: randMatrix(rng, 1, width)[0]!,
});

describe('pleForward', () => {
  // x = (1, 2). Task 0's own expert A = ReLU(x) = (1, 2); task 1's own expert B = ReLU(x2, x1) = (2, 1);
  // the shared expert S = ReLU(x1 + x2, -x1) = (3, 0).
  const A: Expert = {
    A: [
      [1, 0],
      [0, 1],
    ],
    c: [0, 0],
  };
  const B: Expert = {
    A: [
      [0, 1],
      [1, 0],
    ],
    c: [0, 0],
  };
  const S: Expert = {
    A: [
      [1, 1],
      [-1, 0],
    ],
    c: [0, 0],
  };
  const cgc: ExtractionLevel = {
    taskExperts: [[A], [B]],
    sharedExperts: [S],
    taskGates: [
      [
        [0, 0],
        [0, 0],
      ], // task 0: softmax(0, 0) = (0.5, 0.5) over [A, S]
      [
        [1, 0],
        [0, 0],
      ], // task 1: softmax(x1, 0) = softmax(1, 0) over [B, S]
    ],
  };
  const towers: Tower[] = [
    { w: [1, -1], b: 0 },
    { w: [0, 1], b: -1 },
  ];

  it('matches the hand-worked CGC example', () => {
    const out = pleForward([cgc], towers, [1, 2]);
    // Task 0: 0.5 (1, 2) + 0.5 (3, 0) = (2, 1); p = σ(2 - 1) = σ(1) = 0.7310586
    expect(out.gateWeights[0]).toEqual([0.5, 0.5]);
    expect(out.predictions[0]).toBeCloseTo(0.7310585786300049, 12);
    // Task 1: g = (0.7310586, 0.2689414); mixture = 0.7310586 (2, 1) + 0.2689414 (3, 0)
    //   = (2.2689414, 0.7310586); p = σ(0.7310586 - 1) = σ(-0.2689414) = 0.4331670
    expect(out.gateWeights[1]![0]).toBeCloseTo(0.7310585786300049, 12);
    expect(out.predictions[1]).toBeCloseTo(0.4331669929794054, 12);
  });

  it('is MMoE when there are no task-specific experts (one level, the same gates)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const d = 4;
      const shared = Array.from({ length: 3 }, () => randExpert(rng, 2, d));
      const gates = [randMatrix(rng, 3, d), randMatrix(rng, 3, d)];
      const tw: Tower[] = [0, 1].map(() => ({ w: randMatrix(rng, 1, 2)[0]!, b: normal(rng) }));
      const x = randMatrix(rng, 1, d)[0]!;
      const ple = pleForward([{ taskExperts: [[], []], sharedExperts: shared, taskGates: gates }], tw, x);
      const mmoe = mmoeForward({ experts: shared, gates, towers: tw }, x);
      ple.predictions.forEach((p, k) => expect(p).toBeCloseTo(mmoe.predictions[k]!, 14));
      ple.gateWeights.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(mmoe.gateWeights[k]![i]!, 14)));
    }
  });

  it("isolates a task from the other task's experts in one CGC level, but not across two PLE levels", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const d = 3;
      const w = 2;
      // Positive expert weights and inputs keep every ReLU active, so a change can only vanish by structure.
      const positive = (inDim: number): Expert => ({
        A: randMatrix(rng, w, inDim).map((row) => row.map(Math.abs)),
        c: randMatrix(rng, 1, w)[0]!.map((c) => Math.abs(c) + 0.1),
      });
      const level = (inDim: number, withSharedGate: boolean): ExtractionLevel => ({
        taskExperts: [[positive(inDim)], [positive(inDim)]],
        sharedExperts: [positive(inDim)],
        taskGates: [randMatrix(rng, 2, inDim), randMatrix(rng, 2, inDim)],
        ...(withSharedGate ? { sharedGate: randMatrix(rng, 3, inDim) } : {}),
      });
      const tw: Tower[] = [0, 1].map(() => ({ w: randMatrix(rng, 1, w)[0]!, b: 0 }));
      const x = randMatrix(rng, 1, d)[0]!.map(Math.abs);
      // Replace task 0's first-level expert by a different one.
      const other = positive(d);
      const swapTask0 = (l: ExtractionLevel): ExtractionLevel => ({ ...l, taskExperts: [[other], l.taskExperts[1]!] });
      // One level (CGC): task 1 never reads task 0's expert.
      const one = level(d, false);
      const t1 = pleForward([one], tw, x).predictions[1]!;
      expect(pleForward([swapTask0(one)], tw, x).predictions[1]).toBe(t1);
      expect(pleForward([swapTask0(one)], tw, x).predictions[0]).not.toBe(pleForward([one], tw, x).predictions[0]);
      // Two levels (PLE): task 0's level-1 expert reaches task 1 through the shared branch.
      const first = level(d, true);
      const second = level(w, false);
      const before = pleForward([first, second], tw, x).predictions[1]!;
      const after = pleForward([swapTask0(first), second], tw, x).predictions[1]!;
      expect(Math.abs(after - before)).toBeGreaterThan(1e-9);
    }
  });

  it('rejects malformed models with messages that name the part', () => {
    expect(() => pleForward([], towers, [1, 2])).toThrow(/at least one extraction level/);
    expect(() => pleForward([cgc, cgc], towers, [1, 2])).toThrow(/level 0 needs a shared gate/);
    expect(() => pleForward([{ ...cgc, taskGates: [[[0, 0]], cgc.taskGates[1]!] }], towers, [1, 2])).toThrow(
      /level 0 gate 0 has 1 rows for 2 experts/,
    );
    expect(() => pleForward([cgc], [towers[0]!], [1, 2])).toThrow(/expert groups and gates for 1 tasks/);
    expect(() => pleForward([cgc], [{ w: [1], b: 0 }, towers[1]!], [1, 2])).toThrow(
      /tower 0 has 1 weights for width 2/,
    );
  });

  it('stays finite with gate logits of plus or minus 1000', () => {
    const huge: ExtractionLevel = {
      ...cgc,
      taskGates: [
        [
          [1000, 0],
          [-1000, 0],
        ],
        [
          [-500, 0],
          [500, 0],
        ],
      ],
    };
    const out = pleForward([huge], towers, [1, 2]);
    // Gate logits (1000, -1000) and (-500, 500): each gate puts all weight on one expert.
    expect(out.gateWeights[0]).toEqual([1, 0]);
    expect(out.gateWeights[1]).toEqual([0, 1]);
    expect(out.predictions[0]).toBeCloseTo(sigmoid(1 - 2), 14); // A = (1, 2) only
    expect(out.predictions[1]).toBeCloseTo(sigmoid(0 - 1), 14); // S = (3, 0) only
  });
});

describe('esm2', () => {
  const logits = (ctr: number, action: number, buyAfterAction: number, buyOtherwise: number): Esm2Logits => ({
    ctr: logit(ctr),
    action: logit(action),
    buyAfterAction: logit(buyAfterAction),
    buyOtherwise: logit(buyOtherwise),
  });

  it('composes the probabilities as in the hand example', () => {
    // pCTR 0.2, y2 0.5, y3 0.6, y4 0.1: pCVR = 0.5·0.6 + 0.5·0.1 = 0.35, pCTAVR = 0.1, pCTCVR = 0.07.
    const p = esm2LogProbs(logits(0.2, 0.5, 0.6, 0.1));
    expect(Math.exp(p.cvr[0])).toBeCloseTo(0.35, 14);
    expect(Math.exp(p.cvr[1])).toBeCloseTo(0.65, 14);
    expect(Math.exp(p.ctavr[0])).toBeCloseTo(0.1, 14);
    expect(Math.exp(p.ctavr[1])).toBeCloseTo(0.9, 14);
    expect(Math.exp(p.ctcvr[0])).toBeCloseTo(0.07, 14);
    expect(Math.exp(p.ctcvr[1])).toBeCloseTo(0.93, 14);
    // Clicked, added to cart, bought: -ln 0.2 - ln 0.1 - ln 0.07 = 1.6094 + 2.3026 + 2.6593 = 6.5713
    const loss = esm2Loss([{ logits: logits(0.2, 0.5, 0.6, 0.1), click: 1, action: 1, buy: 1 }]);
    expect(loss.total).toBeCloseTo(-Math.log(0.2) - Math.log(0.1) - Math.log(0.07), 12);
    expect(loss.total).toBeCloseTo(6.5713, 4);
    // Not clicked: -ln 0.8 - ln 0.9 - ln 0.93 = 0.2231 + 0.1054 + 0.0726
    const none = esm2Loss([{ logits: logits(0.2, 0.5, 0.6, 0.1), click: 0, action: 0, buy: 0 }]);
    expect(none.total).toBeCloseTo(-Math.log(0.8) - Math.log(0.9) - Math.log(0.93), 12);
  });

  it('agrees with the probability form on random logits', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let t = 0; t < 200; t++) {
        const l = {
          ctr: 3 * normal(rng),
          action: 3 * normal(rng),
          buyAfterAction: 3 * normal(rng),
          buyOtherwise: 3 * normal(rng),
        };
        const [c, y2, y3, y4] = [l.ctr, l.action, l.buyAfterAction, l.buyOtherwise].map(sigmoid) as [
          number,
          number,
          number,
          number,
        ];
        const cvr = y2 * y3 + (1 - y2) * y4;
        const p = esm2LogProbs(l);
        expect(p.ctcvr[0]).toBeCloseTo(Math.log(c * cvr), 9);
        expect(p.ctcvr[1]).toBeCloseTo(Math.log(1 - c * cvr), 9);
        expect(p.ctavr[1]).toBeCloseTo(Math.log(1 - c * y2), 9);
      }
    }
  });

  it('reduces to ESMM when the action says nothing about buying (y3 = y4)', () => {
    // pCVR = y2 y3 + (1 - y2) y3 = y3, so the CTCVR term is ESMM's with CVR logit = buy logit.
    for (const [a, b, act] of [
      [0.3, -1.2, 2],
      [-2, 0.5, -3],
    ] as const) {
      const e = esm2Loss([
        { logits: { ctr: a, action: act, buyAfterAction: b, buyOtherwise: b }, click: 1, action: 0, buy: 0 },
      ]);
      const m = esmmLoss([{ ctrLogit: a, cvrLogit: b, click: 1, conversion: 0 }]);
      expect(e.ctcvr).toBeCloseTo(m.ctcvr, 13);
      expect(e.ctr).toBeCloseTo(m.ctr, 13);
    }
  });

  it('is finite and exact at logits of plus or minus 1000, where the probability form is infinite', () => {
    // ctr = action = buyAfterAction = 1000, buyOtherwise = -1000; clicked, added to cart, not bought.
    // 1 - pCVR = y2(1 - y3) + (1 - y2)(1 - y4) ≈ e^-1000 + e^-1000, and
    // 1 - pCTCVR = σ(-1000) + σ(1000)(1 - pCVR) ≈ 3 e^-1000, so the CTCVR term is 1000 - ln 3.
    const l: Esm2Logits = { ctr: 1000, action: 1000, buyAfterAction: 1000, buyOtherwise: -1000 };
    const loss = esm2Loss([{ logits: l, click: 1, action: 1, buy: 0 }]);
    expect(loss.ctcvr).toBeCloseTo(1000 - Math.log(3), 10);
    expect(loss.ctr + loss.ctavr).toBeLessThan(1e-300);
    const naive = -Math.log(1 - sigmoid(1000) * (sigmoid(1000) * sigmoid(1000) + sigmoid(-1000) * sigmoid(-1000)));
    expect(naive).toBe(Infinity);
    // All four at -1000 and a purchase (the extreme the other way): -ln(pCTR pCVR) ≈ 1000 + 1000.
    const low = esm2Loss([
      {
        logits: { ctr: -1000, action: -1000, buyAfterAction: -1000, buyOtherwise: -1000 },
        click: 1,
        action: 0,
        buy: 1,
      },
    ]);
    expect(low.ctcvr).toBeCloseTo(2000, 9);
    expect(low.ctr).toBeCloseTo(1000, 9);
  });

  it('rejects an action or purchase without a click, and non-finite logits', () => {
    const l = logits(0.2, 0.5, 0.6, 0.1);
    expect(() => esm2Loss([{ logits: l, click: 0, action: 0, buy: 1 }])).toThrow(
      /sample 0 has an action or a purchase without a click/,
    );
    expect(() => esm2Loss([{ logits: l, click: 0, action: 1, buy: 0 }])).toThrow(/without a click/);
    expect(() => esm2LogProbs({ ...l, action: NaN })).toThrow(/logit action must be finite/);
  });
});

describe('uncertaintyWeightedLoss', () => {
  it('matches the hand computation', () => {
    // Losses 1.25 and 125, log-variances 0, c = 1/2:
    // total = 0.5·1.25 + 0.5·125 + 0 = 63.125; weights 0.5; gradients 0.5 - 0.625 and 0.5 - 62.5.
    const u = uncertaintyWeightedLoss([1.25, 125], [0, 0]);
    expect(u.total).toBeCloseTo(63.125, 12);
    expect(u.weights).toEqual([0.5, 0.5]);
    expect(u.gradLogVars[0]).toBeCloseTo(-0.125, 12);
    expect(u.gradLogVars[1]).toBeCloseTo(-62, 12);
  });

  it('has zero log-variance gradient, and weight 1/(2L), at s = log(2cL), for either scale', () => {
    for (const c of [0.5, 1])
      for (const L of [1e-3, 1.25, 125, 1e6]) {
        const fp = uncertaintyFixedPoint(L, c);
        expect(fp.weight).toBeCloseTo(1 / (2 * L), 12);
        const u = uncertaintyWeightedLoss([L], [fp.logVar], [c]);
        expect(Math.abs(u.gradLogVars[0]!)).toBeLessThan(1e-12);
        expect(u.weights[0]! / fp.weight).toBeCloseTo(1, 12);
        // s* is a minimum: the total is higher a step away on either side.
        expect(uncertaintyWeightedLoss([L], [fp.logVar + 0.01], [c]).total).toBeGreaterThan(u.total);
        expect(uncertaintyWeightedLoss([L], [fp.logVar - 0.01], [c]).total).toBeGreaterThan(u.total);
      }
  });

  it('forms c e^-s L in log space: finite and exact where the naive product overflows', () => {
    // c = 1e-10, s = -720, L = 1e-300: e^720 alone overflows, so c · e^-s · L is Infinity in the
    // naive order, but the term is exp(ln 1e-10 + ln 1e-300 + 720) = e^6.1986 = 492.07.
    const naive = 1e-10 * Math.exp(720) * 1e-300;
    expect(naive).toBe(Infinity);
    const u = uncertaintyWeightedLoss([1e-300], [-720], [1e-10]);
    const term = Math.exp(Math.log(1e-10) + Math.log(1e-300) + 720);
    expect(term).toBeCloseTo(492.07, 2);
    expect(u.total).toBeCloseTo(term - 360, 9);
    expect(u.gradLogVars[0]).toBeCloseTo(0.5 - term, 9);
    expect(u.weights[0]! / Math.exp(Math.log(1e-10) + 720)).toBeCloseTo(1, 12);
    // A zero loss adds nothing, even with a large weight.
    expect(uncertaintyWeightedLoss([0], [-700]).total).toBe(-350);
  });

  it('rejects bad input and an overflowing weight with a RangeError naming the argument', () => {
    expect(() => uncertaintyWeightedLoss([1], [-1000])).toThrow(/logVars\[0\] = -1000 makes the weight overflow/);
    expect(() => uncertaintyWeightedLoss([-1], [0])).toThrow(/losses\[0\] must be finite and >= 0/);
    expect(() => uncertaintyWeightedLoss([1], [NaN])).toThrow(/logVars\[0\] must be finite/);
    expect(() => uncertaintyWeightedLoss([1], [0], [0])).toThrow(/scales\[0\] must be finite and > 0/);
    expect(() => uncertaintyWeightedLoss([1, 2], [0])).toThrow(/same length/);
    expect(() => uncertaintyFixedPoint(0)).toThrow(/loss must be finite and > 0/);
    expect(() => uncertaintyFixedPoint(1e-320)).toThrow(/weight 1\/\(2L\) overflow/);
    expect(uncertaintyFixedPoint(1e-300).weight / 5e299).toBeCloseTo(1, 12);
  });
});

describe('trainSharedScalar', () => {
  // L1 = (θ - 0)² + 1 and L2 = unit·((θ - 1)² + 1). Hand derivation: at the joint fixed point each
  // weight is 1/(2 L_k), so θ minimises (1/2) Σ log L_k = const + (1/2)[log(θ² + 1) + log((θ-1)² + 1)],
  // whatever the unit: θ* = 1/2 by symmetry, L1 = 1.25, L2 = 1.25·unit, weights 0.4 and 0.4/unit,
  // log-variances log 1.25 = 0.2231 and log(1.25·unit). Equal weights minimise L1 + L2:
  // θ = unit / (1 + unit), 0.990099 at unit 100.
  const tasks = (unit: number): QuadraticTask[] => [
    { unit: 1, center: 0, noise: 1 },
    { unit, center: 1, noise: 1 },
  ];

  it('learns weights whose fixed point is the hand-derived one, at every unit of task 2', () => {
    for (const unit of [1, 100, 1e4, 1e6]) {
      const r = trainSharedScalar(tasks(unit), 'uncertainty');
      expect(r.theta).toBeCloseTo(0.5, 10);
      expect(r.logVars[0]).toBeCloseTo(Math.log(1.25), 10);
      expect(r.logVars[1]).toBeCloseTo(Math.log(1.25 * unit), 10);
      expect(r.weights[0]).toBeCloseTo(0.4, 10);
      expect(r.weights[1]! * unit).toBeCloseTo(0.4, 10);
    }
  });

  it('lets the larger unit win with equal weights', () => {
    for (const unit of [1, 100, 1e4])
      expect(trainSharedScalar(tasks(unit), 'equal').theta).toBeCloseTo(unit / (1 + unit), 10);
    expect(trainSharedScalar(tasks(100), 'equal').theta).toBeCloseTo(0.990099, 6);
  });

  it('ends at a stationary point of the sum of log losses, with s_k = log L_k, on random tasks (seeds 1-5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const ts: QuadraticTask[] = Array.from({ length: 3 }, () => ({
        unit: 10 ** (6 * rng() - 3),
        center: 2 * normal(rng),
        noise: 0.5 + rng(),
      }));
      const r = trainSharedScalar(ts, 'uncertainty', { steps: 20_000 });
      // d/dθ Σ log L_k = Σ 2(θ - m_k) / ((θ - m_k)² + b_k): independent of the units, and zero here.
      const slope = ts.reduce((s, t) => s + (2 * (r.theta - t.center)) / ((r.theta - t.center) ** 2 + t.noise), 0);
      expect(Math.abs(slope)).toBeLessThan(1e-8);
      ts.forEach((t, k) => expect(r.logVars[k]).toBeCloseTo(Math.log(quadraticLoss(t, r.theta)), 8));
      // Changing every unit leaves θ where it was.
      const rescaled = trainSharedScalar(
        ts.map((t) => ({ ...t, unit: t.unit * 1e3 })),
        'uncertainty',
        { steps: 20_000 },
      );
      expect(rescaled.theta).toBeCloseTo(r.theta, 8);
    }
  });

  it('rejects a task without noise (its log-variance would have no minimum)', () => {
    expect(() => trainSharedScalar([{ unit: 1, center: 0, noise: 0 }], 'uncertainty')).toThrow(
      /task 0 needs unit > 0 and noise > 0/,
    );
  });
});

describe('gradNormStep', () => {
  it('matches the hand-computed step', () => {
    // w = (1, 1), g = (1, 4): G = (1, 4), Ḡ = 2.5; equal loss ratios, so both targets are 2.5.
    // L_grad = 1.5 + 1.5 = 3; gradient (-1, +4); lr 0.1: (1.1, 0.6), renormalised to sum 2:
    // (2.2/1.7, 1.2/1.7) = (1.294118, 0.705882).
    const s = gradNormStep([1, 1], [1, 4], [1, 1], 1.5, 0.1);
    expect(s.lGrad).toBeCloseTo(3, 14);
    expect(s.targets).toEqual([2.5, 2.5]);
    expect(s.weights[0]).toBeCloseTo(2.2 / 1.7, 14);
    expect(s.weights[1]).toBeCloseTo(1.2 / 1.7, 14);
  });

  it('settles where w_i g_i is proportional to r_i (alpha = 1): the hand-derived weights', () => {
    // g = (1, 4), loss ratios (2, 1): r = (4/3, 2/3). w_i ∝ r_i / g_i = (4/3, 1/6), summing to 2:
    // (16/9, 2/9) = (1.7778, 0.2222). With equal ratios: w ∝ 1/g = (1.6, 0.4).
    for (const [ratios, expected] of [
      [
        [2, 1],
        [16 / 9, 2 / 9],
      ],
      [
        [1, 1],
        [1.6, 0.4],
      ],
    ] as const) {
      let w = [1, 1];
      for (let t = 0; t < 20_000; t++) w = gradNormStep(w, [1, 4], ratios, 1, 1e-3).weights;
      expect(Math.abs(w[0]! - expected[0])).toBeLessThan(5e-3);
      expect(Math.abs(w[1]! - expected[1])).toBeLessThan(5e-3);
    }
  });

  it('rejects bad input with a message that names the argument', () => {
    expect(() => gradNormStep([], [], [], 1, 0.1)).toThrow(/non-empty and of equal length/);
    expect(() => gradNormStep([0, 1], [1, 1], [1, 1], 1, 0.1)).toThrow(/weights\[0\] must be finite and > 0/);
    expect(() => gradNormStep([1, 1], [1, -1], [1, 1], 1, 0.1)).toThrow(/gradNorms\[1\]/);
    expect(() => gradNormStep([1, 1], [1, 1], [1, 0], 1, 0.1)).toThrow(/lossRatios\[1\]/);
  });
});

describe('minNormCombination', () => {
  const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

  it('matches the hand cases', () => {
    // Orthogonal unit gradients: γ = ((-1, 1)·(0, 1)) / 2 = 1/2, d = (0.5, 0.5).
    expect(minNormCombination([1, 0], [0, 1])).toEqual({ gamma: 0.5, direction: [0.5, 0.5] });
    // Conflicting gradients (2, 0) and (-1, 1): γ = ((-3, 1)·(-1, 1)) / 10 = 0.4, d = (0.2, 0.6),
    // and d·g1 = d·g2 = |d|² = 0.4.
    const c = minNormCombination([2, 0], [-1, 1]);
    expect(c.gamma).toBeCloseTo(0.4, 14);
    expect(c.direction[0]).toBeCloseTo(0.2, 14);
    expect(c.direction[1]).toBeCloseTo(0.6, 14);
    // g1 = (1, 0) already lies at the min-norm end of the segment to (1, 1): γ clips to 1, d = g1.
    expect(minNormCombination([1, 0], [1, 1])).toEqual({ gamma: 1, direction: [1, 0] });
  });

  it('is the minimum over a fine grid of γ, and a common descent direction, on random gradients (seeds 1-5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let t = 0; t < 100; t++) {
        const g1 = randMatrix(rng, 1, 4)[0]!;
        const g2 = randMatrix(rng, 1, 4)[0]!;
        const { gamma, direction: d } = minNormCombination(g1, g2);
        let best = Infinity;
        for (let i = 0; i <= 10_000; i++) {
          const q = i / 10_000;
          const v = g1.map((x, j) => q * x + (1 - q) * g2[j]!);
          best = Math.min(best, dot(v, v));
        }
        expect(dot(d, d)).toBeLessThanOrEqual(best + 1e-12);
        expect(gamma).toBeGreaterThanOrEqual(0);
        expect(gamma).toBeLessThanOrEqual(1);
        expect(dot(d, g1)).toBeGreaterThanOrEqual(dot(d, d) - 1e-12);
        expect(dot(d, g2)).toBeGreaterThanOrEqual(dot(d, d) - 1e-12);
      }
    }
  });

  it('handles norms of 1e200 and 1e-200, where the naive dot products overflow or underflow', () => {
    // Naive: (g2 - g1)·g2 and |g1 - g2|² are Infinity (or 0) and γ is NaN.
    const big = minNormCombination([1e200, 1e200], [1e200, -1e200]);
    expect(big.gamma).toBe(0.5);
    expect(big.direction[0]).toBeCloseTo(1e200, -186);
    expect(big.direction[1]).toBe(0);
    const tiny = minNormCombination([1e-200, 0], [0, 1e-200]);
    expect(tiny.gamma).toBe(0.5);
    expect(tiny.direction[0]! / 5e-201).toBeCloseTo(1, 14);
    expect(minNormCombination([0, 0], [0, 0])).toEqual({ gamma: 0.5, direction: [0, 0] });
    expect(minNormCombination([3, 4], [3, 4])).toEqual({ gamma: 0.5, direction: [3, 4] });
    expect(() => minNormCombination([1], [1, 2])).toThrow(/same length/);
    expect(() => minNormCombination([Infinity], [1])).toThrow(/must be finite/);
  });
});
