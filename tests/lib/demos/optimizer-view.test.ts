import { describe, expect, it } from 'vitest';
import {
  OPTIMIZER_DEMO_DEFAULTS,
  OPTIMIZER_DEMO_KAPPA,
  OPTIMIZER_DEMO_LOG10_LR,
  optimizerView,
} from '../../../src/components/mdx/demos/optimizer-view.ts';

/** The cells of each body row of the demo's table, as text. */
function rows(tableHtml: string): string[][] {
  return [...tableHtml.matchAll(/<tr><th scope="row">.*?<\/tr>/g)].map((m) =>
    [...m[0].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!),
  );
}

describe('optimizer demo at its defaults', () => {
  it('shows what the page says: above 2/kappa SGD and momentum diverge, the adaptive methods converge', () => {
    const { log10Lr, steps } = OPTIMIZER_DEMO_DEFAULTS;
    const view = optimizerView(log10Lr, steps);
    expect(view.error).toBeUndefined();
    // The default rate 10^-0.5 = 0.316 lies above SGD's limit 2/20 = 0.1 and momentum's
    // 2 (1 + 0.9)/20 = 0.19 (both derived on the page), and below the slider's top.
    expect(view.lr).toBeCloseTo(0.316, 3);
    expect(view.lr).toBeGreaterThan(2 / OPTIMIZER_DEMO_KAPPA);
    expect(view.lr).toBeGreaterThan((2 * (1 + 0.9)) / OPTIMIZER_DEMO_KAPPA);
    const verdicts = Object.fromEntries(view.runs.map((r) => [r.name, r.verdict]));
    expect(verdicts.SGD).toBe('diverged');
    expect(verdicts.Momentum).toBe('diverged');
    // "AdaGrad, RMSProp and Adam all cut the loss of 42.5 by more than ten times" (the page)
    for (const name of ['AdaGrad', 'RMSProp', 'Adam']) expect(['converged', 'on its way']).toContain(verdicts[name]);
    expect(rows(view.tableHtml).map((r) => r[0])).toEqual(['SGD', 'Momentum', 'AdaGrad', 'RMSProp', 'Adam']);
    expect(view.tableHtml).toContain('log scale');
  });

  it('below 2/kappa gradient descent converges, and faster than the adaptive methods (the page)', () => {
    // 10^-1.1 = 0.079: SGD's factor on y is 1 - 0.079 * 20 = -0.59, on x 0.92 per step.
    const view = optimizerView(-1.1, OPTIMIZER_DEMO_DEFAULTS.steps);
    const loss = Object.fromEntries(view.runs.map((r) => [r.name, r.finalLoss]));
    expect(loss.SGD).toBeLessThan(42.5 / 1000);
    for (const name of ['AdaGrad', 'RMSProp', 'Adam']) expect(loss[name]).toBeGreaterThan(10 * loss.SGD!);
  });

  it('from about 0.095 down to the bottom of the slider, SGD ends lower than all three adaptive methods (the page)', () => {
    // log10(0.095) = -1.022; just below 0.1 (10^-1.01 = 0.098) RMSProp still wins, which is why the page
    // says "from about 0.095"
    const grid = [-1.022, ...Array.from({ length: 198 }, (_, i) => -1.03 - i / 100)];
    for (const a of grid) {
      const loss = Object.fromEntries(
        optimizerView(a, OPTIMIZER_DEMO_DEFAULTS.steps).runs.map((r) => [r.name, r.finalLoss]),
      );
      for (const name of ['AdaGrad', 'RMSProp', 'Adam']) expect(loss[name]).toBeGreaterThan(loss.SGD!);
    }
    // and the page's bound is not loose: at 10^-1.01 RMSProp is ahead of SGD
    const near = Object.fromEntries(optimizerView(-1.01, 50).runs.map((r) => [r.name, r.finalLoss]));
    expect(near.RMSProp).toBeLessThan(near.SGD!);
  });

  it('accepts the whole slider range, from 0.001 to 10^0.5, and the form strings', () => {
    for (const a of [...OPTIMIZER_DEMO_LOG10_LR, '-2.25']) {
      const view = optimizerView(a, '50');
      expect(view.error).toBeUndefined();
      // a diverging loss is shown as "over 1e6", never as a long number
      for (const r of rows(view.tableHtml)) expect(r[1]!.length).toBeLessThanOrEqual(9);
    }
  });
});

describe('optimizer demo input checks', () => {
  it('rejects out-of-range and non-decimal entries with a sentence for the reader', () => {
    const cases: [number | string, number | string, RegExp][] = [
      [1, 50, /between 0\.001 and 3\.2 \(the slider moves it on a log scale\)/],
      [-4, 50, /between 0\.001 and 3\.2/],
      ['0x10', 50, /plain decimal number, got "0x10"/],
      ['', 50, /plain decimal number/],
      [Number.NaN, 50, /between/],
      [-0.5, '0x10', /plain decimal number, got "0x10"/],
      [-0.5, '1e308', /whole number from 1 to 500, got "1e308"/],
      [-0.5, 'Infinity', /plain decimal number/],
      [-0.5, '2.5', /whole number/],
      [-0.5, 0, /whole number/],
      [-0.5, 501, /whole number/],
    ];
    for (const [a, n, message] of cases) {
      const view = optimizerView(a, n);
      expect(view.error).toMatch(message);
      expect(view.error).not.toMatch(/Error|undefined|NaN|optimizerView/);
      expect(view.tableHtml).toBe('');
    }
  });
});
