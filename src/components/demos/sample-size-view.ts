/** What the sample-size demo shows for a set of inputs: shared by the static render and the client. */
import { normalQuantile, powerPerArm, sampleSizePerArm } from '../../../content/snippets/evaluation/ab-test.ts';
import { FIG_COLORS } from '../../lib/colors.ts';
import { lineChart } from '../../lib/svg-chart.ts';

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

export interface SampleSizeView {
  error?: string;
  tableHtml: string;
  svg: string;
}

const int = (x: number) => Math.round(x).toLocaleString('en');

export function sampleSizeView(inp: SampleSizeInputs): SampleSizeView {
  const spec = {
    baseline: inp.baselinePct / 100,
    relativeLift: inp.liftPct / 100,
    alpha: inp.alpha,
    twoSided: inp.twoSided,
  };
  let n: number;
  try {
    // Check in the form's own units (percent) so the message matches what the reader typed.
    if (!(inp.baselinePct > 0 && inp.baselinePct < 100))
      throw new RangeError('the baseline rate must be between 0 and 100 %');
    const p2Pct = inp.baselinePct * (1 + inp.liftPct / 100);
    if (!(inp.liftPct !== 0 && p2Pct > 0 && p2Pct < 100))
      throw new RangeError(
        `the lift must be non-zero and keep the treatment rate between 0 and 100 % (it gives ${p2Pct.toFixed(2)} %)`,
      );
    if (!(inp.alpha > 0 && inp.alpha < 1)) throw new RangeError('α must be between 0 and 1');
    if (!(inp.power > 0 && inp.power < 1)) throw new RangeError('power must be between 0 and 1');
    if (!Number.isFinite(inp.dailyUnits) || inp.dailyUnits < 0)
      throw new RangeError('units per day must be a number ≥ 0');
    n = sampleSizePerArm({ ...spec, power: inp.power });
  } catch (error) {
    return { error: (error as Error).message, tableHtml: '', svg: '' };
  }
  const p2 = spec.baseline * (1 + spec.relativeLift);
  const zAlpha = normalQuantile(1 - (inp.twoSided ? inp.alpha / 2 : inp.alpha));
  const zBeta = normalQuantile(inp.power);
  const rows: [string, string][] = [
    ['Control rate p₁ → treatment rate p₂', `${(100 * spec.baseline).toFixed(3)} % → ${(100 * p2).toFixed(3)} %`],
    ['Absolute difference p₂ − p₁', `${(100 * (p2 - spec.baseline)).toFixed(3)} points`],
    [`z for α (${inp.twoSided ? 'two' : 'one'}-sided), z for power`, `${zAlpha.toFixed(3)}, ${zBeta.toFixed(3)}`],
    ['Units per arm', int(n)],
    ['Units in total (two arms)', int(2 * n)],
  ];
  if (inp.dailyUnits > 0)
    rows.push([
      'Days at the daily traffic',
      `${Math.ceil((2 * n) / inp.dailyUnits).toLocaleString('en')} (round up to whole weeks)`,
    ]);
  const tableHtml = `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
  // Power against units per arm, up to 2.5 times the answer, with the answer marked.
  const maxN = 2.5 * n;
  const curve = Array.from({ length: 81 }, (_, k) => {
    const m = Math.max(1, (k / 80) * maxN);
    return [m, powerPerArm(m, spec)] as const;
  });
  const svg = lineChart(
    [
      { label: 'power', color: FIG_COLORS[0], points: curve },
      {
        label: `required n = ${int(n)}`,
        color: FIG_COLORS[1],
        points: [
          [n, 0],
          [n, inp.power],
          [0, inp.power],
        ],
      },
    ],
    {
      title: `Power against units per arm; ${int(n)} units per arm reach power ${inp.power}`,
      xLabel: 'Units per arm',
      yLabel: 'Power',
      xDomain: [0, maxN],
      yDomain: [0, 1],
      width: 460,
      height: 280,
    },
  );
  return { tableHtml, svg };
}
