import { describe, expect, it } from 'vitest';
import {
  bce,
  esmmLoss,
  mmoeForward,
  sharedBottomForward,
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

  it('rejects a gate with the wrong number of rows', () => {
    expect(() => mmoeForward({ ...model, gates: [[[0, 0]], [[0, 0]]] }, [1, 2])).toThrow(
      /gate 0 has 1 rows for 2 experts/,
    );
  });
});

describe('esmmLoss', () => {
  const samples: EsmmSample[] = [
    { pCtr: 0.5, pCvr: 0.4, click: 1, conversion: 1 },
    { pCtr: 0.8, pCvr: 0.25, click: 1, conversion: 0 },
    { pCtr: 0.2, pCvr: 0.9, click: 0, conversion: 0 },
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
    const at = (pCvr: number): number => esmmLoss([{ pCtr: 0.2, pCvr, click: 0, conversion: 0 }]).total;
    expect((at(0.9 + h) - at(0.9 - h)) / (2 * h)).toBeCloseTo(0.2 / 0.82, 6);
  });

  it('rejects a conversion without a click', () => {
    expect(() => esmmLoss([{ pCtr: 0.5, pCvr: 0.5, click: 0, conversion: 1 }])).toThrow(
      /sample 0 converts without a click/,
    );
  });

  it('bce stays finite at p = 0 and 1', () => {
    expect(Number.isFinite(bce(1, 0))).toBe(true);
    expect(bce(1, 1)).toBeCloseTo(0, 10);
  });
});
