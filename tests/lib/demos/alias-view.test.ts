import { describe, expect, it } from 'vitest';
import {
  ALIAS_DEMO_DRAWS,
  ALIAS_DEMO_WEIGHTS,
  aliasView,
  parseWeights,
} from '../../../src/components/mdx/demos/alias-view.ts';

/** The cells of each body row of the demo's table, as text. */
function rows(tableHtml: string): string[][] {
  return [...tableHtml.matchAll(/<tr><th scope="row">.*?<\/tr>/g)].map((m) =>
    [...m[0].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!),
  );
}

describe('alias demo at its defaults', () => {
  it('shows the table of the worked example on the page (weights 1, 2, 3, 4)', () => {
    expect(ALIAS_DEMO_WEIGHTS).toBe('1, 2, 3, 4');
    const view = aliasView(ALIAS_DEMO_WEIGHTS, '1');
    expect(view.error).toBeUndefined();
    // outcome, weight, target, prob[i], alias[i], drawn: prob = (0.4, 0.8, 1, 0.8), alias = (3, 3, -, 2)
    const r = rows(view.html['table']!);
    expect(r.map((c) => c[2])).toEqual(['10.0%', '20.0%', '30.0%', '40.0%']);
    expect(r.map((c) => c[3])).toEqual(['0.400', '0.800', '1.000', '0.800']);
    expect(r.map((c) => c[4])).toEqual(['3', '3', '—', '2']);
  });

  it('draws each outcome at its target share, for seeds 1 to 5', () => {
    // Each drawn share is a binomial proportion of 10,000 draws: sd = sqrt(p (1 - p) / 10^4) <= 0.005.
    // The table shows one decimal of a percentage, so allow 4.5 sd plus the 0.05-point rounding.
    const target = [0.1, 0.2, 0.3, 0.4];
    for (let seed = 1; seed <= 5; seed++) {
      const drawn = rows(aliasView(ALIAS_DEMO_WEIGHTS, String(seed)).html['table']!).map(
        (c) => Number(c[5]!.replace('%', '')) / 100,
      );
      drawn.forEach((d, i) => {
        const sd = Math.sqrt((target[i]! * (1 - target[i]!)) / ALIAS_DEMO_DRAWS);
        expect(Math.abs(d - target[i]!)).toBeLessThan(4.5 * sd + 0.0005);
      });
    }
  });
});

describe('alias demo input', () => {
  it('scales huge weights instead of overflowing their sum', () => {
    // 1e308 + 1e308 is Infinity in floating point; the demo once showed 0% targets for these.
    const view = aliasView('1e308, 1e308', '1');
    expect(view.error).toBeUndefined();
    const r = rows(view.html['table']!);
    expect(r.map((c) => c[2])).toEqual(['50.0%', '50.0%']);
    expect(r.map((c) => c[3])).toEqual(['1.000', '1.000']);
    // 1e308 : 3e307 = 10 : 3
    const mixed = rows(aliasView('1e308, 3e307', '1').html['table']!);
    expect(mixed.map((c) => c[2])).toEqual(['76.9%', '23.1%']);
  });

  it('keeps the ratios of tiny weights', () => {
    const r = rows(aliasView('1e-300, 3e-300', '1').html['table']!);
    expect(r.map((c) => c[2])).toEqual(['25.0%', '75.0%']);
  });

  it('accepts only decimal numbers', () => {
    expect(parseWeights('1, 2.5, .5, 1e-3, +4')).toEqual([1, 2.5, 0.5, 0.001, 4]);
    // Number() reads all of these as numbers; the demo must not.
    for (const bad of ['0x10', '0b11', '0o7', 'Infinity', 'NaN', '1_000', '--1', '1e']) {
      const view = aliasView(`1, ${bad}`, '1');
      expect(view.error).toEqual({ field: 'weights', message: `Weight 1 ("${bad}") is not a decimal number.` });
      expect(view.html).toEqual({});
    }
  });

  it('rejects numbers beyond the floating-point range with a short message', () => {
    expect(aliasView('1, 1e309', '1').error?.message).toBe(
      'Weight 1 ("1e309") is too large: the limit is about 1.8e308.',
    );
    expect(aliasView('1e-400, 1', '1').error?.message).toBe(
      'Weight 0 ("1e-400") is too small to represent: the limit is about 5e-324.',
    );
    // a 300-digit entry is quoted cut short, never echoed in full
    const long = aliasView(`1, ${'9'.repeat(320)}`, '1').error!.message;
    expect(long).toBe(`Weight 1 ("${'9'.repeat(21)}...") is too large: the limit is about 1.8e308.`);
  });

  it('gives reader-facing messages, each naming the input to fix', () => {
    expect(aliasView('1, -3', '1').error).toEqual({
      field: 'weights',
      message: 'Weight 1 ("-3") is negative: weights must be 0 or more.',
    });
    expect(aliasView('0, 0', '1').error?.message).toBe('At least one weight must be above 0.');
    expect(aliasView(' , ', '1').error?.message).toBe('Enter at least one weight.');
    expect(aliasView(Array(13).fill('1').join(','), '1').error?.message).toBe('Use at most 12 weights.');
    for (const seed of ['0', '1.5', '', '0x10', '4294967296'])
      expect(aliasView('1, 2', seed).error).toEqual({
        field: 'seed',
        message: 'The seed must be a whole number from 1 to 4294967295.',
      });
  });

  it('speaks Chinese on Chinese pages, with the same numbers', () => {
    const en = aliasView(ALIAS_DEMO_WEIGHTS, '1', 'en');
    const zh = aliasView(ALIAS_DEMO_WEIGHTS, '1', 'zh');
    expect(zh.html['table']).toContain('目标占比');
    expect(rows(zh.html['table']!)).toEqual(rows(en.html['table']!));
    expect(aliasView('1, -3', '1', 'zh').error?.message).toBe('第 1 个权重（"-3"）为负数：权重必须大于或等于 0。');
    expect(aliasView('1，2', '1', 'zh').error).toBeUndefined(); // a full-width comma separates too
  });
});
