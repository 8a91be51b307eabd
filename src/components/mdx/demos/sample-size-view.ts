/**
 * What the sample-size demo shows for the form's inputs, in the page's language: shared by the
 * static render (SampleSizeDemo.astro) and the script (sample-size.client.ts). It runs
 * content/snippets/evaluation/ab-test.ts.
 */
import { normalQuantile, powerPerArm, sampleSizePerArm } from '../../../../content/snippets/evaluation/ab-test.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, HTML_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { lineChart } from '../../../lib/svg-chart.ts';
import type { DemoView } from './demo-client.ts';
import { DECIMAL, formatDecimals, InputError, inputErrorView } from './demo-input.ts';
import { SAMPLE_SIZE_STRINGS } from './sample-size-strings.ts';

/** The form's fields as the reader typed them: percentages where a reader thinks in percent. */
export interface SampleSizeForm {
  /** Control conversion rate, in %. */
  baselinePct: string;
  /** Smallest relative lift worth detecting, in % (10 means +10 %). */
  liftPct: string;
  alpha: string;
  power: string;
  /** The test: 'two' (two-sided) or 'one' (one-sided). */
  sided: string;
  /** Units entering the experiment per day, both arms together (0 or empty hides the duration). */
  dailyUnits: string;
}

export const SAMPLE_SIZE_DEMO_DEFAULTS: SampleSizeForm = {
  baselinePct: '10',
  liftPct: '10',
  alpha: '0.05',
  power: '0.8',
  sided: 'two',
  dailyUnits: '5000',
};

/** The ranges the form offers (its min and max attributes); typed values outside get a message. */
export const SAMPLE_SIZE_LIMITS = {
  baselinePct: [0.01, 99],
  alpha: [0.001, 0.5],
  power: [0.5, 0.999],
} as const;

/**
 * A form field as a number: plain decimal notation only ("12", "-0.5", "1e-3"), so that "0x10"
 * or "1_000" is not quietly read as something else. An empty field gives `empty`.
 */
export function parseDecimal(text: string, empty = Number.NaN): number {
  const t = text.trim();
  if (t === '') return empty;
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power10 = (e: number) => `10${[...String(e)].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;

/** A count for a table cell: digits grouped (in `lang`'s way) below a billion, "1.48 × 10¹²" from there on. */
export function formatCount(x: number, lang: Lang = DEFAULT_LANG): string {
  if (x < 1e9) return Math.round(x).toLocaleString(HTML_LANG[lang]);
  const e = Math.floor(Math.log10(x));
  let m = x / 10 ** e;
  let exp = e;
  if (+m.toFixed(2) >= 10) {
    m /= 10;
    exp += 1;
  }
  return `${m.toFixed(2)} × ${power10(exp)}`;
}

/**
 * A rate in percent: three decimals; three significant digits when that would show 0.000; and
 * "1.00e+19" rather than twenty digits for the absurd rates a typo can give.
 */
const pct = (x: number, lang: Lang) =>
  Math.abs(x) >= 1e6
    ? x.toExponential(2)
    : Math.abs(x) >= 0.001 || x === 0
      ? formatNumber(x, lang, 3)
      : x.toPrecision(3);

const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

/** The form read as numbers. */
export interface SampleSizeSettings {
  baselinePct: number;
  liftPct: number;
  alpha: number;
  power: number;
  twoSided: boolean;
  dailyUnits: number;
}

/**
 * Read and check the form in its own units (percent), so that each message matches what the
 * reader typed; a bad value throws an InputError naming its input.
 */
export function parseSampleSizeForm(form: SampleSizeForm, lang: Lang = DEFAULT_LANG): SampleSizeSettings {
  const s = SAMPLE_SIZE_STRINGS[lang];
  const L = SAMPLE_SIZE_LIMITS;
  const baselinePct = parseDecimal(form.baselinePct);
  if (!within(baselinePct, L.baselinePct))
    throw new InputError('baselinePct', fill(s.baselineRange, { lo: L.baselinePct[0], hi: L.baselinePct[1] }));
  const liftPct = parseDecimal(form.liftPct);
  if (!Number.isFinite(liftPct) || liftPct === 0) throw new InputError('liftPct', s.liftZero);
  const p2Pct = baselinePct * (1 + liftPct / 100);
  if (!(p2Pct > 0 && p2Pct < 100)) throw new InputError('liftPct', fill(s.liftRange, { p2: pct(p2Pct, lang) }));
  const alpha = parseDecimal(form.alpha);
  if (!within(alpha, L.alpha)) throw new InputError('alpha', fill(s.alphaRange, { lo: L.alpha[0], hi: L.alpha[1] }));
  const power = parseDecimal(form.power);
  if (!within(power, L.power)) throw new InputError('power', fill(s.powerRange, { lo: L.power[0], hi: L.power[1] }));
  if (form.sided !== 'two' && form.sided !== 'one') throw new InputError('sided', s.sidedInvalid);
  // An empty field hides the duration, as 0 does.
  const dailyUnits = parseDecimal(form.dailyUnits, 0);
  if (!(dailyUnits === 0 || (dailyUnits >= 1 && dailyUnits < Infinity)))
    throw new InputError('dailyUnits', s.dailyRange);
  return { baselinePct, liftPct, alpha, power, twoSided: form.sided === 'two', dailyUnits };
}

/**
 * The sample size per arm and the power curve for the form's inputs, in `lang`: slots `table`
 * and `chart`, or an error naming the input to change.
 */
export function sampleSizeView(form: SampleSizeForm, lang: Lang = DEFAULT_LANG): DemoView {
  const s = SAMPLE_SIZE_STRINGS[lang];
  let inp: SampleSizeSettings;
  try {
    inp = parseSampleSizeForm(form, lang);
  } catch (error) {
    return inputErrorView(error);
  }
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
    return inputErrorView(new InputError('liftPct', s.noFiniteSample));
  }
  const p2 = spec.baseline * (1 + spec.relativeLift);
  const zAlpha = -normalQuantile(inp.twoSided ? inp.alpha / 2 : inp.alpha);
  const zBeta = normalQuantile(inp.power);
  const count = (x: number) => formatCount(x, lang);
  const rows: [string, string][] = [
    [s.rates, `${pct(100 * spec.baseline, lang)} % → ${pct(100 * p2, lang)} %`],
    [s.difference, fill(s.points, { x: pct(100 * spec.baseline * spec.relativeLift, lang) })],
    [
      fill(s.z, { sided: inp.twoSided ? s.twoSided : s.oneSided }),
      `${formatNumber(zAlpha, lang, 3)}, ${formatNumber(zBeta, lang, 3)}`,
    ],
    [s.perArm, count(n)],
    [s.total, count(2 * n)],
  ];
  if (inp.dailyUnits > 0) {
    const days = Math.ceil((2 * n) / inp.dailyUnits);
    rows.push([s.days, days > 1e9 ? fill(s.tooLong, { max: power10(9) }) : fill(s.daysValue, { days: count(days) })]);
  }
  const table = `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
  // Power against units per arm, up to 2.5 times the answer, with the answer marked. Large
  // samples are plotted in units of 10^3k so that the axis labels stay short.
  const maxN = 2.5 * n;
  const exp = maxN >= 1e6 ? 3 * Math.floor(Math.log10(maxN) / 3) : 0;
  const unit = 10 ** exp;
  const curve = Array.from({ length: 81 }, (_, k) => {
    const m = Math.max(1, (k / 80) * maxN);
    return [m / unit, powerPerArm(m, spec)] as const;
  });
  const powerText = formatDecimals(inp.power, lang, 6);
  const chart = lineChart(
    [
      { label: s.legendPower, color: FIG_COLORS[0], points: curve },
      {
        label: fill(s.legendN, { n: count(n) }),
        color: FIG_COLORS[1],
        points: [
          [n / unit, 0],
          [n / unit, inp.power],
          [0, inp.power],
        ],
      },
    ],
    {
      title: fill(s.chartTitle, { n: count(n), power: powerText }),
      id: 'sample-size-demo-chart',
      lang,
      xLabel: exp === 0 ? s.xLabel : fill(s.xLabelScaled, { unit: power10(exp) }),
      yLabel: s.yLabel,
      xDomain: [0, maxN / unit],
      yDomain: [0, 1],
      width: 460,
      height: 280,
    },
  );
  return { html: { table, chart } };
}
