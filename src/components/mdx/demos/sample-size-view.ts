/** What the sample-size demo shows for a set of inputs: shared by the static render and the client. */
import { normalQuantile, powerPerArm, sampleSizePerArm } from '../../../../content/snippets/evaluation/ab-test.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';

/** Inputs as the form holds them: percentages where a reader thinks in percent. */
export interface SampleSizeInputs {
  /** Control conversion rate, in %. */
  baselinePct: number;
  /** Smallest relative lift worth detecting, in % (10 means +10 %). */
  liftPct: number;
  alpha: number;
  power: number;
  twoSided: boolean;
  /** Units entering the experiment per day, both arms together (0 hides the duration). */
  dailyUnits: number;
}

export const SAMPLE_SIZE_DEMO_DEFAULTS: SampleSizeInputs = {
  baselinePct: 10,
  liftPct: 10,
  alpha: 0.05,
  power: 0.8,
  twoSided: true,
  dailyUnits: 5000,
};

/** The ranges the form offers (its min and max attributes); typed values outside get a message. */
export const SAMPLE_SIZE_LIMITS = {
  baselinePct: [0.01, 99],
  alpha: [0.001, 0.5],
  power: [0.5, 0.999],
} as const;

export interface SampleSizeView {
  error?: string;
  tableHtml: string;
  svg: string;
}

/**
 * A form field as a number: plain decimal notation only ("12", "-0.5", "1e-3"), so that "0x10"
 * or "1_000" is not quietly read as something else. An empty field gives `empty`.
 */
export function parseDecimal(text: string, empty = Number.NaN): number {
  const t = text.trim();
  if (t === '') return empty;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power10 = (e: number) => `10${[...String(e)].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;

/** A count for a table cell: digits grouped below a billion, "1.48 × 10¹²" from there on. */
export function formatCount(x: number): string {
  if (x < 1e9) return Math.round(x).toLocaleString('en');
  const e = Math.floor(Math.log10(x));
  let m = x / 10 ** e;
  let exp = e;
  if (+m.toFixed(2) >= 10) {
    m /= 10;
    exp += 1;
  }
  return `${m.toFixed(2)} × ${power10(exp)}`;
}

/** A rate in percent: three decimals, or three significant digits when that would show 0.000. */
const pct = (x: number) => (Math.abs(x) >= 0.001 || x === 0 ? x.toFixed(3) : x.toPrecision(3));

const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

export function sampleSizeView(inp: SampleSizeInputs): SampleSizeView {
  const fail = (error: string): SampleSizeView => ({ error, tableHtml: '', svg: '' });
  // Check in the form's own units (percent) so the message matches what the reader typed.
  const L = SAMPLE_SIZE_LIMITS;
  if (!within(inp.baselinePct, L.baselinePct))
    return fail(`The baseline rate must be a number from ${L.baselinePct[0]} to ${L.baselinePct[1]} %.`);
  const p2Pct = inp.baselinePct * (1 + inp.liftPct / 100);
  if (!Number.isFinite(inp.liftPct) || inp.liftPct === 0)
    return fail('The lift must be a non-zero number of percent (10 means +10 %).');
  if (!(p2Pct > 0 && p2Pct < 100))
    return fail(`The lift must keep the treatment rate between 0 and 100 % (it gives ${pct(p2Pct)} %).`);
  if (!within(inp.alpha, L.alpha)) return fail(`α must be a number from ${L.alpha[0]} to ${L.alpha[1]}.`);
  if (!within(inp.power, L.power)) return fail(`Power must be a number from ${L.power[0]} to ${L.power[1]}.`);
  if (!(inp.dailyUnits === 0 || (inp.dailyUnits >= 1 && inp.dailyUnits < Infinity)))
    return fail('Units per day must be 0 (to hide the duration) or a number of at least 1.');
  const spec = {
    baseline: inp.baselinePct / 100,
    relativeLift: inp.liftPct / 100,
    alpha: inp.alpha,
    twoSided: inp.twoSided,
  };
  let n: number;
  try {
    n = sampleSizePerArm({ ...spec, power: inp.power });
  } catch {
    // Every input is in range, so the only way left to fail is a sample beyond any number.
    return fail('No finite sample can detect a lift this small from this baseline: try a larger lift.');
  }
  const p2 = spec.baseline * (1 + spec.relativeLift);
  const zAlpha = -normalQuantile(inp.twoSided ? inp.alpha / 2 : inp.alpha);
  const zBeta = normalQuantile(inp.power);
  const rows: [string, string][] = [
    ['Control rate p₁ → treatment rate p₂', `${pct(100 * spec.baseline)} % → ${pct(100 * p2)} %`],
    ['Absolute difference p₂ − p₁', `${pct(100 * spec.baseline * spec.relativeLift)} points`],
    [`z for α (${inp.twoSided ? 'two' : 'one'}-sided), z for power`, `${zAlpha.toFixed(3)}, ${zBeta.toFixed(3)}`],
    ['Units per arm', formatCount(n)],
    ['Units in total (two arms)', formatCount(2 * n)],
  ];
  if (inp.dailyUnits > 0) {
    const days = Math.ceil((2 * n) / inp.dailyUnits);
    rows.push([
      'Days at the daily traffic',
      days > 1e9
        ? `more than ${power10(9)} days: not feasible at this traffic`
        : `${formatCount(days)} (round up to whole weeks)`,
    ]);
  }
  const tableHtml = `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
  // Power against units per arm, up to 2.5 times the answer, with the answer marked. Large
  // samples are plotted in units of 10^3k so that the axis labels stay short.
  const maxN = 2.5 * n;
  const exp = maxN >= 1e6 ? 3 * Math.floor(Math.log10(maxN) / 3) : 0;
  const unit = 10 ** exp;
  const curve = Array.from({ length: 81 }, (_, k) => {
    const m = Math.max(1, (k / 80) * maxN);
    return [m / unit, powerPerArm(m, spec)] as const;
  });
  const svg = lineChart(
    [
      { label: 'power', color: FIG_COLORS[0], points: curve },
      {
        label: `required n = ${formatCount(n)}`,
        color: FIG_COLORS[1],
        points: [
          [n / unit, 0],
          [n / unit, inp.power],
          [0, inp.power],
        ],
      },
    ],
    {
      title: `Power against units per arm; ${formatCount(n)} units per arm reach power ${inp.power}`,
      xLabel: exp === 0 ? 'Units per arm' : `Units per arm (× ${power10(exp)})`,
      yLabel: 'Power',
      xDomain: [0, maxN / unit],
      yDomain: [0, 1],
      width: 460,
      height: 280,
    },
  );
  return { tableHtml, svg };
}
