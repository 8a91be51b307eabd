import { describe, expect, it } from 'vitest';
import { sampleSizePerArm } from '../../../content/snippets/evaluation/ab-test.ts';
import {
  formatCount,
  parseDecimal,
  SAMPLE_SIZE_DEMO_DEFAULTS as defaults,
  sampleSizeView,
  type SampleSizeForm,
} from '../../../src/components/mdx/demos/sample-size-view.ts';
import { expectComponentFits, expectRejected, expectSameNumbers, longestEcho } from './view-checks.ts';

/** The text of the table cell in the row whose header contains `row`. */
function cell(tableHtml: string, row: string): string {
  const m = new RegExp(`<th scope="row">[^<]*${row}[^<]*</th><td>([^<]*)</td>`).exec(tableHtml);
  if (!m) throw new Error(`no row ${row}`);
  return m[1]!;
}

/** No internal names or stack text may reach the reader. */
const internal = /sampleSizePerArm|normalQuantile|powerPerArm|RangeError|undefined|NaN|Infinity/;

const view = (change: Partial<SampleSizeForm> = {}) => sampleSizeView({ ...defaults, ...change });
const table = (v: ReturnType<typeof sampleSizeView>) => v.html['table']!;

describe('sample-size demo: the defaults show the page', () => {
  it('gives the 14,751 users per arm that the page works out by hand', () => {
    const v = view();
    expect(v.error).toBeUndefined();
    // p1 = 10 %, +10 % lift, alpha 0.05 two-sided, power 0.8: the page's worked example
    expect(defaults).toEqual({
      baselinePct: '10',
      liftPct: '10',
      alpha: '0.05',
      power: '0.8',
      sided: 'two',
      dailyUnits: '5000',
    });
    expect(cell(table(v), 'Units per arm')).toBe('14,751');
    expect(cell(table(v), 'Units in total')).toBe('29,502');
    expect(cell(table(v), 'z for')).toBe('1.960, 0.842');
    // 29,502 / 5,000 a day = 5.9 -> 6 days
    expect(cell(table(v), 'Days')).toBe('6 (round up to whole weeks)');
    expect(v.html['chart']).toContain('required n = 14,751');
  });

  it('shows the 1 / lift^2 law the page states: halving the lift about quadruples n', () => {
    const n = (liftPct: number) =>
      Number(cell(table(view({ liftPct: String(liftPct) })), 'Units per arm').replace(/,/g, ''));
    expect(n(5) / n(10)).toBeGreaterThan(3.8);
    expect(n(5) / n(10)).toBeLessThan(4.1);
    expect(n(5)).toBe(sampleSizePerArm({ baseline: 0.1, relativeLift: 0.05 }));
  });

  it('a one-sided test needs fewer units, and an empty daily traffic hides the duration', () => {
    const one = view({ sided: 'one' });
    expect(cell(table(one), 'z for α \\(one-sided\\)')).toBe('1.645, 0.842');
    expect(Number(cell(table(one), 'Units per arm').replace(/,/g, ''))).toBe(
      sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1, twoSided: false }),
    );
    for (const dailyUnits of ['', ' ', '0']) expect(table(view({ dailyUnits }))).not.toContain('Days');
  });
});

describe('sample-size demo: extreme and invalid input gets a message for the reader', () => {
  it('refuses alpha = 1e-17 with the form range, not an internal error', () => {
    expectRejected(view({ alpha: '1e-17' }), 'alpha', 'α must be a number from 0.001 to 0.5.');
  });

  it('names the field for every out-of-range or non-numeric input', () => {
    const cases: [Partial<SampleSizeForm>, string, RegExp][] = [
      [{ baselinePct: '0' }, 'baselinePct', /^The baseline rate must be a number from 0.01 to 99 %/],
      [{ baselinePct: 'NaN' }, 'baselinePct', /^The baseline rate/],
      [{ baselinePct: '' }, 'baselinePct', /^The baseline rate/],
      [{ baselinePct: '0x10' }, 'baselinePct', /^The baseline rate/],
      [{ liftPct: '0' }, 'liftPct', /^The lift must be a non-zero number/],
      [{ liftPct: 'NaN' }, 'liftPct', /^The lift must be a non-zero number/],
      [{ liftPct: '1e400' }, 'liftPct', /^The lift must be a non-zero number/],
      [
        { liftPct: '1000' },
        'liftPct',
        /^The lift must keep the treatment rate between 0 and 100 % \(it gives 110.000 %\)/,
      ],
      [
        { liftPct: '-100' },
        'liftPct',
        /^The lift must keep the treatment rate between 0 and 100 % \(it gives 0.000 %\)/,
      ],
      [{ alpha: '0.9' }, 'alpha', /^α must be/],
      [{ alpha: '1_0' }, 'alpha', /^α must be/],
      [{ power: '1' }, 'power', /^Power must be a number from 0.5 to 0.999/],
      [{ power: '1e308' }, 'power', /^Power must be/],
      [{ sided: 'three' }, 'sided', /^Choose a two-sided or a one-sided test/],
      [{ dailyUnits: '1e-290' }, 'dailyUnits', /^Units per day must be 0/],
      [{ dailyUnits: '-5' }, 'dailyUnits', /^Units per day must be 0/],
      [{ dailyUnits: 'Infinity' }, 'dailyUnits', /^Units per day must be 0/],
      [{ dailyUnits: 'not a number' }, 'dailyUnits', /^Units per day must be 0/],
    ];
    for (const [change, field, message] of cases) {
      const v = view(change);
      expectRejected(v, field, message);
      expect(v.error!.message).not.toMatch(internal);
    }
  });

  it('says when no finite sample exists, naming the lift', () => {
    // +1e-300 %: p2 - p1 = 1e-303, n ~ 1e605 per arm
    expectRejected(
      view({ liftPct: '1e-300' }),
      'liftPct',
      'No finite sample can detect a lift this small from this baseline: try a larger lift.',
    );
  });

  it('never echoes a long entry: a typo of 300 digits gives a short message', () => {
    const long = '9'.repeat(300);
    // 300 nines a day is a valid (if absurd) traffic; minus that is not
    for (const [field, text] of [
      ['baselinePct', long],
      ['liftPct', long], // a treatment rate of 1e300 %: written short, not in full
      ['alpha', long],
      ['power', long],
      ['dailyUnits', `-${long}`],
    ] as const) {
      const v = view({ [field]: text });
      expect(v.error?.field).toBe(field);
      expect(longestEcho(v.error!.message, long)).toBeLessThanOrEqual(24);
      expect(v.error!.message.length).toBeLessThan(100);
    }
    expect(view({ liftPct: '1e20' }).error?.message).toBe(
      'The lift must keep the treatment rate between 0 and 100 % (it gives 1.00e+19 %).',
    );
  });

  it('shows huge answers in scientific notation and caps the duration, in a narrow table', () => {
    // +1e-6 % (a relative lift of 1e-8): n = 1.41e18 per arm (about 14,751 x (0.1 / 1e-8)^2), at 1 unit a day
    const v = view({ liftPct: '1e-6', dailyUnits: '1' });
    expect(v.error).toBeUndefined();
    expect(cell(table(v), 'Units per arm')).toMatch(/^\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    expect(cell(table(v), 'Days')).toBe('more than 10⁹ days: not feasible at this traffic');
    // no run of digits that would stretch the table
    expect(table(v)).not.toMatch(/\d{10}/);
    // the rates keep significant digits instead of printing 0.000
    expect(cell(table(v), 'Absolute difference')).toBe('1.00e-7 points'); // 0.1 x 1e-8 = 1e-9 = 1e-7 points
    // the chart plots in units of 10^3k, with short tick labels
    const chart = v.html['chart']!;
    expect(chart).toMatch(/Units per arm \(× 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+\)/);
    for (const label of chart.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) {
      expect(label[1]!.length).toBeLessThan(60);
      expect(label[1]).not.toMatch(/\d{7}/);
    }
    expect(chart).not.toMatch(/NaN|Infinity/);
  });
});

describe('sample-size demo component', () => {
  it('has a place for every output, an input for every field, and loads its script through assetUrl', () => {
    const fields = ['baselinePct', 'liftPct', 'alpha', 'power', 'sided', 'dailyUnits'];
    expectComponentFits('SampleSizeDemo', 'sample-size', view(), fields);
  });
});

describe('sample-size demo in Chinese', () => {
  it('shows the same numbers as in English, in Chinese', () => {
    for (const change of [{}, { liftPct: '1e-6', dailyUnits: '1' }, { sided: 'one', power: '0.9' }])
      expectSameNumbers(view(change), sampleSizeView({ ...defaults, ...change }, 'zh'));
    const zh = table(sampleSizeView(defaults, 'zh'));
    expect(cell(zh, '每组样本量')).toBe('14,751');
    expect(cell(zh, '按每日流量所需天数')).toBe('6（向上取整到整周）');
  });

  it('says what is wrong in Chinese, naming the same input', () => {
    expectRejected(
      sampleSizeView({ ...defaults, alpha: '0.9' }, 'zh'),
      'alpha',
      '显著性水平 α 须为 0.001 到 0.5 之间的数。',
    );
    expectRejected(sampleSizeView({ ...defaults, power: '2' }, 'zh'), 'power', '统计功效须为 0.5 到 0.999 之间的数。');
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
    expect(formatCount(14_751, 'zh')).toBe('14,751');
    expect(formatCount(999_999_999)).toBe('999,999,999');
    expect(formatCount(1e9)).toBe('1.00 × 10⁹');
    expect(formatCount(1.4127983521828362e36)).toBe('1.41 × 10³⁶');
    expect(formatCount(9996000000)).toBe('1.00 × 10¹⁰');
    expect(formatCount(1.6e303)).toBe('1.60 × 10³⁰³');
  });
});
