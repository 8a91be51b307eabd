import { describe, expect, it } from 'vitest';
import { sampleSizePerArm } from '../../../content/snippets/evaluation/ab-test.ts';
import {
  formatCount,
  parseDecimal,
  SAMPLE_SIZE_DEMO_DEFAULTS as defaults,
  sampleSizeView,
} from '../../../src/components/mdx/demos/sample-size-view.ts';

/** The text of the table cell in the row whose header contains `row`. */
function cell(tableHtml: string, row: string): string {
  const m = new RegExp(`<th scope="row">[^<]*${row}[^<]*</th><td>([^<]*)</td>`).exec(tableHtml);
  if (!m) throw new Error(`no row ${row}`);
  return m[1]!;
}

/** No internal names or stack text may reach the reader. */
const internal = /sampleSizePerArm|normalQuantile|powerPerArm|RangeError|undefined|NaN|Infinity/;

describe('sample-size demo: the defaults show the page', () => {
  it('gives the 14,751 users per arm that the page works out by hand', () => {
    const view = sampleSizeView(defaults);
    expect(view.error).toBeUndefined();
    // p1 = 10 %, +10 % lift, alpha 0.05 two-sided, power 0.8: the page's worked example
    expect(cell(view.tableHtml, 'Units per arm')).toBe('14,751');
    expect(cell(view.tableHtml, 'Units in total')).toBe('29,502');
    expect(cell(view.tableHtml, 'z for')).toBe('1.960, 0.842');
    // 29,502 / 5,000 a day = 5.9 -> 6 days
    expect(cell(view.tableHtml, 'Days')).toBe('6 (round up to whole weeks)');
    expect(view.svg).toContain('required n = 14,751');
  });

  it('shows the 1 / lift^2 law the page states: halving the lift about quadruples n', () => {
    const n = (liftPct: number) =>
      Number(cell(sampleSizeView({ ...defaults, liftPct }).tableHtml, 'Units per arm').replace(/,/g, ''));
    expect(n(5) / n(10)).toBeGreaterThan(3.8);
    expect(n(5) / n(10)).toBeLessThan(4.1);
    expect(n(5)).toBe(sampleSizePerArm({ baseline: 0.1, relativeLift: 0.05 }));
  });
});

describe('sample-size demo: extreme and invalid input gets a message for the reader', () => {
  it('refuses alpha = 1e-17 with the form range, not an internal error', () => {
    const view = sampleSizeView({ ...defaults, alpha: 1e-17 });
    expect(view.error).toBe('α must be a number from 0.001 to 0.5.');
    expect(view.tableHtml).toBe('');
    expect(view.svg).toBe('');
  });

  it('names the field for every out-of-range or non-numeric input', () => {
    const cases: [Partial<typeof defaults>, RegExp][] = [
      [{ baselinePct: 0 }, /^The baseline rate must be a number from 0.01 to 99 %/],
      [{ baselinePct: Number.NaN }, /^The baseline rate/],
      [{ liftPct: 0 }, /^The lift must be a non-zero number/],
      [{ liftPct: Number.NaN }, /^The lift must be a non-zero number/],
      [{ liftPct: 1000 }, /^The lift must keep the treatment rate between 0 and 100 % \(it gives 110.000 %\)/],
      [{ alpha: 0.9 }, /^α must be/],
      [{ power: 1 }, /^Power must be a number from 0.5 to 0.999/],
      [{ power: 1e308 }, /^Power must be/],
      [{ dailyUnits: 1e-290 }, /^Units per day must be 0/],
      [{ dailyUnits: -5 }, /^Units per day must be 0/],
      [{ dailyUnits: Infinity }, /^Units per day must be 0/],
    ];
    for (const [change, message] of cases) {
      const view = sampleSizeView({ ...defaults, ...change });
      expect(view.error).toMatch(message);
      expect(view.error).not.toMatch(internal);
      expect(view.tableHtml).toBe('');
    }
  });

  it('says when no finite sample exists', () => {
    // +1e-300 %: p2 - p1 = 1e-303, n ~ 1e605 per arm
    const view = sampleSizeView({ ...defaults, liftPct: 1e-300 });
    expect(view.error).toBe('No finite sample can detect a lift this small from this baseline: try a larger lift.');
  });

  it('shows huge answers in scientific notation and caps the duration, in a narrow table', () => {
    // +1e-6 % (a relative lift of 1e-8): n = 1.41e18 per arm (about 14,751 x (0.1 / 1e-8)^2), at 1 unit a day
    const view = sampleSizeView({ ...defaults, liftPct: 1e-6, dailyUnits: 1 });
    expect(view.error).toBeUndefined();
    expect(cell(view.tableHtml, 'Units per arm')).toMatch(/^\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    expect(cell(view.tableHtml, 'Days')).toBe('more than 10⁹ days: not feasible at this traffic');
    // no run of digits that would stretch the table
    expect(view.tableHtml).not.toMatch(/\d{10}/);
    // the rates keep significant digits instead of printing 0.000
    expect(cell(view.tableHtml, 'Absolute difference')).toBe('1.00e-7 points'); // 0.1 x 1e-8 = 1e-9 = 1e-7 points
    // the chart plots in units of 10^3k, with short tick labels
    expect(view.svg).toMatch(/Units per arm \(× 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+\)/);
    for (const label of view.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) {
      expect(label[1]!.length).toBeLessThan(60);
      expect(label[1]).not.toMatch(/\d{7}/);
    }
    expect(view.svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('parseDecimal and formatCount', () => {
  it('reads plain decimals only', () => {
    expect(parseDecimal('12')).toBe(12);
    expect(parseDecimal(' -0.5 ')).toBe(-0.5);
    expect(parseDecimal('1e-3')).toBe(0.001);
    expect(parseDecimal('.25')).toBe(0.25);
    // Number() would read these as 16, 0, Infinity and 1000 (or NaN): the form must not
    for (const bad of ['0x10', '0b1', 'Infinity', '1_000', '1,5', 'abc']) expect(parseDecimal(bad)).toBeNaN();
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('   ', 0)).toBe(0);
  });

  it('groups digits below a billion and switches to powers of ten above', () => {
    expect(formatCount(14_751)).toBe('14,751');
    expect(formatCount(999_999_999)).toBe('999,999,999');
    expect(formatCount(1e9)).toBe('1.00 × 10⁹');
    expect(formatCount(1.4127983521828362e36)).toBe('1.41 × 10³⁶');
    expect(formatCount(9996000000)).toBe('1.00 × 10¹⁰');
    expect(formatCount(1.6e303)).toBe('1.60 × 10³⁰³');
  });
});
