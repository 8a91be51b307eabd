import { describe, expect, it } from 'vitest';
import {
  esmmLoss,
  logAddExp,
  mmoeForward,
  sharedBottomForward,
  sigmoid,
  softmax,
  softplus,
  type EsmmSample,
  type Expert,
  type MmoeModel,
} from '../../../content/snippets/ranking/multi-task.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

describe('mmoeForward', () => {
  const experts: Expert[] = [
    {
      A: [
        [1, 0],
        [0, 1],
      ],
      c: [0, 0],
    },
    {
      A: [
        [1, 1],
        [-1, 0],
      ],
      c: [0, 0],
    },
  ];
  const model: MmoeModel = {
    experts,
    gates: [
      [
        [0, 0],
        [0, 0],
      ], // task 1: logits [0, 0]
      [
        [1, 0],
        [0, 0],
      ], // task 2: logits [x1, 0] = [1, 0]
    ],
    towers: [
      { w: [1, -1], b: 0 },
      { w: [0, 1], b: -1 },
    ],
  };

  it('matches the hand case', () => {
    // x = [1, 2]. Expert 1 = relu([1, 2]) = [1, 2]; expert 2 = relu([1 + 2, -1]) = [3, 0].
    const out = mmoeForward(model, [1, 2]);
    // Task 1: gate softmax([0, 0]) = [0.5, 0.5]; mixture = [2, 1]; p = sigmoid(2 - 1) = 0.7310586
    expect(out.gateWeights[0]).toEqual([0.5, 0.5]);
    expect(out.mixtures[0]).toEqual([2, 1]);
    expect(out.predictions[0]).toBeCloseTo(0.7310585786300049, 12);
    // Task 2: gate softmax([1, 0]) = [0.7310586, 0.2689414]
    //   mixture = 0.7310586 * [1, 2] + 0.2689414 * [3, 0] = [1.5378828, 1.4621172]
    //   p = sigmoid(1.4621172 - 1) = sigmoid(0.4621172) = 0.6135163
    expect(out.gateWeights[1]![0]).toBeCloseTo(0.7310585786300049, 12);
    expect(out.mixtures[1]![0]).toBeCloseTo(1.5378828427399902, 12);
    expect(out.mixtures[1]![1]).toBeCloseTo(1.4621171572600098, 12);
    expect(out.predictions[1]).toBeCloseTo(0.6135163043587272, 12);
  });

  it('gives every task gate weights that are positive and sum to 1', () => {
    const rng = mulberry32(7);
    const d = 5;
    const n = 4;
    const r = (rows: number, cols: number): number[][] =>
      Array.from({ length: rows }, () => Array.from({ length: cols }, () => 3 * normal(rng)));
    const m: MmoeModel = {
      experts: Array.from({ length: n }, () => ({ A: r(3, d), c: r(1, 3)[0]! })),
      gates: [r(n, d), r(n, d), r(n, d)],
      towers: Array.from({ length: 3 }, () => ({ w: r(1, 3)[0]!, b: 0 })),
    };
    for (let t = 0; t < 50; t++) {
      const out = mmoeForward(m, r(1, d)[0]!);
      for (const g of out.gateWeights) {
        expect(g).toHaveLength(n);
        expect(g.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
        for (const w of g) expect(w).toBeGreaterThan(0);
      }
    }
  });

  it('with a single expert reduces to shared-bottom', () => {
    const rng = mulberry32(9);
    const r = (n: number): number[] => Array.from({ length: n }, () => normal(rng));
    const bottom: Expert = { A: [r(3), r(3)], c: r(2) };
    const towers = [
      { w: r(2), b: 0.3 },
      { w: r(2), b: -0.2 },
    ];
    const x = r(3);
    const mmoe = mmoeForward({ experts: [bottom], gates: [[r(3)], [r(3)]], towers }, x).predictions;
    const sb = sharedBottomForward(bottom, towers, x);
    mmoe.forEach((p, k) => expect(p).toBeCloseTo(sb[k]!, 12));
  });

  it('rejects a gate with the wrong number of rows, and a model without experts', () => {
    expect(() => mmoeForward({ ...model, gates: [[[0, 0]], [[0, 0]]] }, [1, 2])).toThrow(
      /gate 0 has 1 rows for 2 experts/,
    );
    expect(() => mmoeForward({ experts: [], gates: [], towers: [] }, [1, 2])).toThrow(/at least one expert/);
  });

  it('rejects experts of different widths and towers that do not match the width', () => {
    // Without the checks the missing entries would be read as undefined and every output would be NaN.
    const narrow: Expert = { A: [[1, 0]], c: [0] };
    expect(() => mmoeForward({ ...model, experts: [experts[0]!, narrow] }, [1, 2])).toThrow(
      /expert 1 has width 1, expert 0 2/,
    );
    expect(() => mmoeForward({ ...model, towers: [{ w: [1], b: 0 }, model.towers[1]!] }, [1, 2])).toThrow(
      /tower 0 has 1 weights for width 2/,
    );
    expect(() => sharedBottomForward(experts[0]!, [{ w: [1, 2, 3], b: 0 }], [1, 2])).toThrow(
      /tower 0 has 3 weights for width 2/,
    );
  });

  it('stays finite with gate logits of plus or minus 1000 and tower logits past 1000', () => {
    // Gate logits (1000 x1, -1000 x1) at x = (1, 2): (1000, -1000), a gap of 2000: the gate is
    // one-hot on expert 1 (e^-2000 underflows to 0, which is the correctly rounded weight).
    // Task 1's tower weights (400, 400) on expert 1's output (1, 2) give logit 1200 -> 1.
    const extreme: MmoeModel = {
      experts,
      gates: [
        [
          [1000, 0],
          [-1000, 0],
        ],
        [
          [-400, 0],
          [400, 0],
        ],
      ],
      towers: [
        { w: [400, 400], b: 0 },
        { w: [-400, 0], b: 0 },
      ],
    };
    const out = mmoeForward(extreme, [1, 2]);
    expect(out.gateWeights[0]).toEqual([1, 0]);
    expect(out.mixtures[0]).toEqual([1, 2]);
    expect(out.predictions[0]).toBe(1);
    // Task 2: gate logits (-400, 400), a gap of 800: one-hot on expert 2, output (3, 0),
    // tower logit -1200: sigmoid is e^-1200, which underflows to 0.
    expect(out.gateWeights[1]).toEqual([0, 1]);
    expect(out.mixtures[1]).toEqual([3, 0]);
    expect(out.predictions[1]).toBe(0);
  });
});

describe('mmoeForward at extreme input norms', () => {
  it('stays finite for inputs of 1e-200 and 1e200 per component', () => {
    const experts: Expert[] = [
      { A: [[1, 0]], c: [0] },
      { A: [[0, 1]], c: [0] },
    ];
    const m: MmoeModel = {
      experts,
      gates: [
        [
          [1, -1],
          [-1, 1],
        ],
      ],
      towers: [{ w: [1], b: 0 }],
    };
    // x = (1e200, 2e200): gate logits (-1e200, 1e200) are one-hot on expert 2, whose output 2e200
    // drives the tower logit to 2e200: probability 1. Nothing overflows on the way.
    const big = mmoeForward(m, [1e200, 2e200]);
    expect(big.gateWeights[0]).toEqual([0, 1]);
    expect(big.mixtures[0]).toEqual([2e200]);
    expect(big.predictions[0]).toBe(1);
    // x = (1e-200, 2e-200): gate logits are ~1e-200, so the gate is (0.5, 0.5) to double precision.
    const small = mmoeForward(m, [1e-200, 2e-200]);
    expect(small.gateWeights[0]).toEqual([0.5, 0.5]);
    expect(small.mixtures[0]![0]! / 1.5e-200).toBeCloseTo(1, 14);
    expect(small.predictions[0]).toBe(0.5);
    expect(sharedBottomForward(experts[0]!, [{ w: [-1], b: 0 }], [1e200, 0])).toEqual([0]);
  });
});

describe('softmax and sigmoid', () => {
  it('match the naive formulas where those are finite, and the analytic limit where not', () => {
    const naive = (v: number[]): number[] => {
      const e = v.map(Math.exp);
      const t = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / t);
    };
    for (const v of [
      [0, 0],
      [1, 2, 3],
      [-5, 0.5, 2],
    ])
      softmax(v).forEach((p, i) => expect(p).toBeCloseTo(naive(v)[i]!, 14));
    // A gap of 800: e^800 overflows, so the naive softmax is NaN; the answer is (0, 1) with the
    // small weight e^-800, which underflows to 0.
    expect(naive([0, 800]).some(Number.isNaN)).toBe(true);
    expect(softmax([0, 800])).toEqual([0, 1]);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    // -1000 + ln 3 carries ~1e-13 of rounding at this magnitude, hence 12 digits
    expect(softmax([-1000, -1000 + Math.log(3)])[1]).toBeCloseTo(0.75, 12);
    // gap 700: the small weight e^-700 / (1 + e^-700) is representable and must keep its digits
    expect(softmax([0, -700])[1]! / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(() => softmax([])).toThrow(/logits is empty/);
    expect(() => softmax([0, Infinity])).toThrow(/logits\[1\] must be finite/);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
  });
});

const logit = (p: number): number => Math.log(p) - Math.log1p(-p);
/** An ESMM sample from the towers' probabilities, as the page's table gives them. */
const fromProbabilities = (pCtr: number, pCvr: number, click: 0 | 1, conversion: 0 | 1): EsmmSample => ({
  ctrLogit: logit(pCtr),
  cvrLogit: logit(pCvr),
  click,
  conversion,
});

/** The textbook form: BCE on the probabilities themselves. */
function naiveEsmm(samples: readonly EsmmSample[]): number {
  return samples.reduce((sum, s) => {
    const pCtr = 1 / (1 + Math.exp(-s.ctrLogit));
    const pCtcvr = pCtr / (1 + Math.exp(-s.cvrLogit));
    const both = s.click === 1 && s.conversion === 1;
    return (
      sum - (s.click === 1 ? Math.log(pCtr) : Math.log(1 - pCtr)) - (both ? Math.log(pCtcvr) : Math.log(1 - pCtcvr))
    );
  }, 0);
}

describe('esmmLoss', () => {
  const samples: EsmmSample[] = [
    fromProbabilities(0.5, 0.4, 1, 1),
    fromProbabilities(0.8, 0.25, 1, 0),
    fromProbabilities(0.2, 0.9, 0, 0),
  ];

  it('equals the sum of two BCEs computed by hand', () => {
    const loss = esmmLoss(samples);
    // CTR:   -ln 0.5 - ln 0.8 - ln(1 - 0.2) = 0.6931472 + 0.2231436 + 0.2231436 = 1.1394343
    expect(loss.ctr).toBeCloseTo(1.1394342831883648, 12);
    // CTCVR: p = 0.5 * 0.4 = 0.2 (label 1), 0.8 * 0.25 = 0.2 (label 0), 0.2 * 0.9 = 0.18 (label 0)
    //        -ln 0.2 - ln 0.8 - ln 0.82 = 1.6094379 + 0.2231436 + 0.1984509 = 2.0310324
    expect(loss.ctcvr).toBeCloseTo(2.0310324024721482, 12);
    expect(loss.total).toBeCloseTo(1.1394342831883648 + 2.0310324024721482, 12);
  });

  it('sends a CVR gradient through unclicked impressions, which a click-only CVR loss ignores', () => {
    // d/dpCvr of -ln(1 - pCtr * pCvr) = pCtr / (1 - pCtr * pCvr) = 0.2 / 0.82 for the third sample.
    const h = 1e-6;
    const at = (pCvr: number): number => esmmLoss([fromProbabilities(0.2, pCvr, 0, 0)]).total;
    expect((at(0.9 + h) - at(0.9 - h)) / (2 * h)).toBeCloseTo(0.2 / 0.82, 6);
  });

  it('equals the naive probability form on random logits where that is finite', () => {
    const rng = mulberry32(2018);
    for (let t = 0; t < 300; t++) {
      const click = rng() < 0.5 ? 1 : 0;
      const s: EsmmSample = {
        ctrLogit: 6 * normal(rng),
        cvrLogit: 6 * normal(rng),
        click,
        conversion: click === 1 && rng() < 0.5 ? 1 : 0,
      };
      expect(esmmLoss([s]).total).toBeCloseTo(naiveEsmm([s]), 8);
    }
  });

  it('is finite and exact at logits of plus or minus 1000, where the naive form is Infinity or NaN', () => {
    // Both towers at +1000 and no conversion after a click: 1 - pCTR pCVR = 1 - σ(1000)^2 rounds to
    // 0 in the naive form (loss Infinity). Exactly: 1 - σ(a)σ(b) = σ(-a) + σ(a)σ(-b) ~ 2 e^-1000,
    // so the CTCVR term is 1000 - ln 2; the CTR term (clicked at pCTR ~ 1) is e^-1000 ~ 0.
    const up: EsmmSample = { ctrLogit: 1000, cvrLogit: 1000, click: 1, conversion: 0 };
    expect(naiveEsmm([up])).toBe(Infinity);
    expect(esmmLoss([up]).ctcvr).toBeCloseTo(1000 - Math.LN2, 10);
    expect(esmmLoss([up]).ctr).toBe(0);
    // Both at -1000 and a conversion: -log(σ(-1000)^2) = 2000 (the naive product underflows to 0).
    const down: EsmmSample = { ctrLogit: -1000, cvrLogit: -1000, click: 1, conversion: 1 };
    expect(naiveEsmm([down])).toBe(Infinity);
    expect(esmmLoss([down]).ctcvr).toBeCloseTo(2000, 10);
    expect(esmmLoss([down]).ctr).toBeCloseTo(1000, 10);
    // A gap of 800 between the towers (400 and -400), not clicked: the CTR term is softplus(400)
    // = 400 (naive: pCTR rounds to 1 and -log(1 - 1) is Infinity), and the CTCVR term
    // -log(1 - σ(400) σ(-400)) ~ e^-400, a representable 1.9e-174.
    const gap: EsmmSample = { ctrLogit: 400, cvrLogit: -400, click: 0, conversion: 0 };
    expect(esmmLoss([gap]).ctr).toBe(400);
    expect(esmmLoss([gap]).ctcvr / Math.exp(-400)).toBeCloseTo(1, 12);
    expect(naiveEsmm([gap])).toBe(Infinity);
    // Unclicked at pCTR = σ(-1000) and any CVR: the loss is ~ e^-1000 ~ 0, not NaN.
    expect(esmmLoss([{ ctrLogit: -1000, cvrLogit: 1000, click: 0, conversion: 0 }]).total).toBe(0);
  });

  it('is exact for tower probabilities of 1e-300 and 1 - 1e-16', () => {
    // Clicked and converted at pCTR = pCVR = 1e-300: the CTR term is -ln(1e-300) = 300 ln 10, and
    // the CTCVR term -ln(1e-600) = 600 ln 10, though the product 1e-600 itself underflows to 0.
    const tiny = fromProbabilities(1e-300, 1e-300, 1, 1);
    expect(esmmLoss([tiny]).ctr).toBeCloseTo(300 * Math.LN10, 9);
    expect(esmmLoss([tiny]).ctcvr).toBeCloseTo(600 * Math.LN10, 9);
    // Not clicked at pCTR = 1 - 2^-53 (what 1 - 1e-16 rounds to): -ln(2^-53) = 53 ln 2 for the CTR
    // term, and with pCVR = 1 - 2^-53 too, 1 - pCTR pCVR = 2^-53 + (1 - 2^-53) 2^-53 ~ 2^-52.
    const near1 = fromProbabilities(1 - 1e-16, 1 - 1e-16, 0, 0);
    expect(esmmLoss([near1]).ctr).toBeCloseTo(53 * Math.LN2, 9);
    expect(esmmLoss([near1]).ctcvr).toBeCloseTo(-Math.log(2 ** -53 + (1 - 2 ** -53) * 2 ** -53), 9);
  });

  it('rejects a conversion without a click, and non-finite logits', () => {
    expect(() => esmmLoss([{ ctrLogit: 0, cvrLogit: 0, click: 0, conversion: 1 }])).toThrow(
      /sample 0 converts without a click/,
    );
    expect(() => esmmLoss([{ ctrLogit: NaN, cvrLogit: 0, click: 0, conversion: 0 }])).toThrow(
      /sample 0 has a non-finite logit/,
    );
  });
});

describe('softplus and logAddExp', () => {
  it('match the naive formulas where finite, and the analytic values at the extremes', () => {
    for (const x of [-30, -1, 0, 2, 30]) expect(softplus(x)).toBeCloseTo(Math.log(1 + Math.exp(x)), 12);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(logAddExp(0, 0)).toBeCloseTo(Math.LN2, 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 10); // naive: log(Infinity)
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 10); // naive: log(0)
    expect(logAddExp(0, -800)).toBe(0); // e^-800 underflows against 1
    expect(logAddExp(2, 3)).toBeCloseTo(Math.log(Math.exp(2) + Math.exp(3)), 14);
  });
});
