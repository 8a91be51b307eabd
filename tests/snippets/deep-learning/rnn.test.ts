import { describe, expect, it } from 'vitest';
import {
  gruStep,
  linearRnnGradientNorms,
  lstmCellPathGradient,
  lstmStep,
  matVec,
  tanhRnnGradient,
  type GruParams,
  type LstmParams,
} from '../../../content/snippets/deep-learning/rnn.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

// A 1-d LSTM; each W row is [weight on h, weight on x].
const LSTM_1D: LstmParams = {
  Wf: [[0.2, 0.5]],
  bf: [0],
  Wi: [[0.1, -1]],
  bi: [0],
  Wg: [[0.3, 2]],
  bg: [-0.15],
  Wo: [[0, 1]],
  bo: [0],
};

const GRU_1D: GruParams = {
  Wz: [[0.5]],
  Uz: [[1]],
  bz: [0],
  Wr: [[-1]],
  Ur: [[2]],
  br: [0],
  Wh: [[1]],
  Uh: [[2]],
  bh: [-0.5],
};

describe('LSTM step', () => {
  it('hand case: h = 0.5, c = 1, x = 1', () => {
    const { h, c, gates } = lstmStep(LSTM_1D, [1], [0.5], [1]);
    // f = sigma(0.2*0.5 + 0.5*1) = sigma(0.6) = 0.6456563
    // i = sigma(0.1*0.5 - 1) = sigma(-0.95) = 0.2788848
    // g = tanh(0.3*0.5 + 2 - 0.15) = tanh(2) = 0.9640276
    // o = sigma(1) = 0.7310586
    expect(gates.f[0]).toBeCloseTo(0.6456563062257954, 12);
    expect(gates.i[0]).toBeCloseTo(0.27888482197713693, 12);
    expect(gates.g[0]).toBeCloseTo(0.9640275800758169, 12);
    expect(gates.o[0]).toBeCloseTo(0.7310585786300049, 12);
    // c' = 0.6456563*1 + 0.2788848*0.9640276 = 0.9145090;  h' = 0.7310586 * tanh(0.9145090) = 0.5287669
    expect(c[0]).toBeCloseTo(0.9145089662762897, 12);
    expect(h[0]).toBeCloseTo(0.5287669105873118, 12);
  });

  it('forget gate = 1 and input gate = 0 preserve the cell state exactly, for any input', () => {
    // saturate the gates through their biases: sigma(+40) = 1, sigma(-40) = 4e-18 ~ 0
    const H = 3;
    const D = 2;
    const rng = mulberry32(12);
    const rand = (r: number, c: number): number[][] =>
      Array.from({ length: r }, () => Array.from({ length: c }, () => 0.01 * normal(rng)));
    const p: LstmParams = {
      Wf: rand(H, H + D),
      bf: [40, 40, 40],
      Wi: rand(H, H + D),
      bi: [-40, -40, -40],
      Wg: rand(H, H + D),
      bg: [0, 0, 0],
      Wo: rand(H, H + D),
      bo: [0, 0, 0],
    };
    const c0 = [1.5, -0.25, 3];
    let h = [0, 0, 0];
    let c = c0;
    for (let t = 0; t < 200; t++) {
      ({ h, c } = lstmStep(p, [normal(rng), normal(rng)], h, c));
    }
    for (let j = 0; j < H; j++) expect(c[j]).toBeCloseTo(c0[j]!, 12);
  });

  it('forget gate = 0 and input gate = 1 overwrite the cell with the candidate', () => {
    const p: LstmParams = { ...LSTM_1D, Wf: [[0, 0]], bf: [-40], Wi: [[0, 0]], bi: [40] };
    const { c } = lstmStep(p, [1], [0.5], [123]);
    expect(c[0]).toBeCloseTo(Math.tanh(2), 12);
  });
});

describe('GRU step', () => {
  it('hand case: h = 0.5, x = 1', () => {
    const { h, gates, candidate } = gruStep(GRU_1D, [1], [0.5]);
    // z = sigma(0.5*1 + 1*0.5) = sigma(1) = 0.7310586;  r = sigma(-1 + 2*0.5) = sigma(0) = 0.5
    // hTilde = tanh(1 + 2*(0.5*0.5) - 0.5) = tanh(1) = 0.7615942
    // h' = 0.7310586*0.5 + 0.2689414*0.7615942 = 0.3655293 + 0.2048243 = 0.5703535
    expect(gates.z[0]).toBeCloseTo(0.7310585786300049, 12);
    expect(gates.r[0]).toBe(0.5);
    expect(candidate[0]).toBeCloseTo(0.7615941559557649, 12);
    expect(h[0]).toBeCloseTo(0.5703535041248275, 12);
  });

  it('update gate = 1 copies the previous state; reset gate = 0 hides it from the candidate', () => {
    const keep = gruStep({ ...GRU_1D, Wz: [[0]], Uz: [[0]], bz: [40] }, [1], [0.37]);
    expect(keep.h[0]).toBeCloseTo(0.37, 12);
    const reset = gruStep({ ...GRU_1D, Wr: [[0]], Ur: [[0]], br: [-40] }, [1], [0.37]);
    expect(reset.candidate[0]).toBeCloseTo(Math.tanh(1 - 0.5), 12); // Uh (r*h) = 0
  });
});

describe('gradient flow', () => {
  it('1-d linear RNN: the gradient after t steps is exactly |w|^t', () => {
    for (const w of [0.9, 1, 1.1, -1.2]) {
      const norms = linearRnnGradientNorms([[w]], 50, [1]);
      norms.forEach((n, t) => expect(n).toBeCloseTo(Math.abs(w) ** t, 10));
    }
    // 0.9^50 = 0.0052 (vanished), 1.1^50 = 117.4 (exploded)
    expect(linearRnnGradientNorms([[0.9]], 50, [1])[50]).toBeCloseTo(0.00515378, 7);
    expect(linearRnnGradientNorms([[1.1]], 50, [1])[50]).toBeCloseTo(117.390853, 5);
  });

  it('matrix case: the norm grows like the spectral radius^t', () => {
    // W = [[0.5, 1], [0, 1.2]] is triangular: eigenvalues 0.5 and 1.2
    const norms = linearRnnGradientNorms(
      [
        [0.5, 1],
        [0, 1.2],
      ],
      60,
      [1, 1],
    );
    const rate = norms[60]! / norms[59]!;
    expect(rate).toBeCloseTo(1.2, 6);
    // with both eigenvalues below 1 it vanishes
    const small = linearRnnGradientNorms(
      [
        [0.5, 1],
        [0, 0.8],
      ],
      60,
      [1, 1],
    );
    expect(small[60]!).toBeLessThan(1e-4);
  });

  it('tanh RNN: |dh_T/dh_0| is the product of w (1 - h_t^2), never above |w|^T', () => {
    const rng = mulberry32(3);
    const xs = Array.from({ length: 40 }, () => normal(rng));
    const grads = tanhRnnGradient(1.5, 1, xs, 0);
    // step 1 by hand: h1 = tanh(1.5*0 + x1), factor = 1.5*(1 - h1^2)
    const h1 = Math.tanh(xs[0]!);
    expect(grads[1]).toBeCloseTo(1.5 * (1 - h1 * h1), 12);
    grads.forEach((g, t) => expect(g).toBeLessThanOrEqual(1.5 ** t + 1e-12));
  });

  it('even with |w| > 1 the saturating tanh makes the gradient vanish, for every input seed 1..200', () => {
    // w = 1.5, u = 1, 40 steps: the largest value over the 200 seeds is 2.3e-7, far below 1e-3.
    // w = 1.2, u = 0.5, 100 steps (the figure): at most 5e-8, below the linear 0.9^100 = 2.7e-5.
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: 100 }, () => normal(rng));
      expect(tanhRnnGradient(1.5, 1, xs.slice(0, 40), 0)[40]!).toBeLessThan(1e-3);
      expect(tanhRnnGradient(1.2, 0.5, xs, 0)[100]!).toBeLessThan(0.9 ** 100);
    }
  });

  it('gradient norms of 1e200 and 1e-200 per component are exact (hypot, not sqrt of a sum of squares)', () => {
    // W = I keeps g; its norm is sqrt(2) * 1e200, whose square 2e400 would overflow
    const huge = linearRnnGradientNorms(
      [
        [1, 0],
        [0, 1],
      ],
      3,
      [1e200, 1e200],
    );
    for (const n of huge) expect(n / 1e200).toBeCloseTo(Math.SQRT2, 14);
    const tiny = linearRnnGradientNorms(
      [
        [1, 0],
        [0, 1],
      ],
      3,
      [1e-200, 1e-200],
    );
    for (const n of tiny) expect(n / 1e-200).toBeCloseTo(Math.SQRT2, 14);
    expect(Math.sqrt(1e-200 ** 2 + 1e-200 ** 2)).toBe(0); // the naive norm underflows
  });

  it('LSTM and GRU stay finite with pre-activations of +-1000: gates are exactly 0 or 1', () => {
    const big: LstmParams = {
      Wf: [[0, 1000]],
      bf: [0],
      Wi: [[0, -1000]],
      bi: [0],
      Wg: [[0, 1000]],
      bg: [0],
      Wo: [[0, 1000]],
      bo: [0],
    };
    const { h, c, gates } = lstmStep(big, [1], [0.3], [2]);
    expect([gates.f[0], gates.i[0], gates.g[0], gates.o[0]]).toEqual([1, 0, 1, 1]);
    expect(c[0]).toBe(2); // f = 1, i = 0: the cell is copied
    expect(h[0]).toBeCloseTo(Math.tanh(2), 14);
    const gru = gruStep(
      { Wz: [[-1000]], Uz: [[0]], bz: [0], Wr: [[1000]], Ur: [[0]], br: [0], Wh: [[1000]], Uh: [[1]], bh: [0] },
      [1],
      [0.5],
    );
    expect(gru.gates.z[0]).toBe(0);
    expect(gru.h[0]).toBe(1); // z = 0: the candidate tanh(1000 + 0.5) = 1 replaces the state
  });

  it('LSTM cell path: the gradient is the product of forget gates', () => {
    const path = lstmCellPathGradient(new Array<number>(100).fill(0.99));
    expect(path[100]).toBeCloseTo(0.99 ** 100, 12); // 0.366: still alive after 100 steps
    expect(lstmCellPathGradient([0.5, 0.2, 1])).toEqual([1, 0.5, 0.1, 0.1].map((v) => expect.closeTo(v, 12)));
    expect(() => lstmCellPathGradient([0.5, 1.2])).toThrow(/forget gates/);
  });

  it('matVec rejects mismatched shapes', () => {
    expect(() => matVec([[1, 2]], [1])).toThrow(/row 0/);
  });
});
