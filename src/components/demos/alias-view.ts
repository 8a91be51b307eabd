/** What the alias demo shows for a weight list: shared by the static render and the client. */
import { buildAlias, drawAlias, normalizeWeights } from '../../../content/snippets/recall/alias.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';
import { FIG_COLORS } from '../../lib/colors.ts';
import { stackedBars } from '../../lib/svg-chart.ts';

export const ALIAS_DEMO_WEIGHTS = '1, 2, 3, 4';
export const ALIAS_DEMO_DRAWS = 10_000;

/** A plain decimal number: digits with an optional point and exponent ("2", "0.5", "1e-3"). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Quote a reader's entry in a message, cut short if it is long. */
const quote = (s: string) => `"${s.length > 24 ? `${s.slice(0, 21)}...` : s}"`;

/**
 * Parse "1, 2, 3" into numbers. Only decimal numbers are accepted: Number() would also read
 * "0x10" as 16, "0b11" as 3 and "Infinity" as a number. A bad entry throws a RangeError that
 * names its position (from 0, like the table's outcome column and buildAlias's own messages).
 */
export function parseWeights(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) throw new RangeError('enter at least one weight');
  if (parts.length > 12) throw new RangeError('use at most 12 weights');
  return parts.map((p, i) => {
    if (!DECIMAL.test(p)) throw new RangeError(`weights[${i}] (${quote(p)}) is not a decimal number`);
    const w = Number(p);
    if (!Number.isFinite(w))
      throw new RangeError(`weights[${i}] (${quote(p)}) is too large: the limit is about 1.8e308`);
    // "1e-400" reads as 0: say so instead of silently dropping an outcome the reader meant to keep.
    if (w === 0 && /[1-9]/.test(p.split(/e/i)[0]!))
      throw new RangeError(`weights[${i}] (${quote(p)}) is too small to represent: the limit is about 5e-324`);
    return w;
  });
}

export interface AliasView {
  error?: string;
  tableHtml: string;
  columnsSvg: string;
  drawsSvg: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function aliasView(weightsText: string, seed: number): AliasView {
  let weights: number[];
  let table;
  try {
    if (!(Number.isInteger(seed) && seed >= 1 && seed <= 0xffffffff))
      throw new RangeError('the seed must be a whole number from 1 to 4294967295');
    weights = parseWeights(weightsText);
    table = buildAlias(weights);
  } catch (error) {
    // Show the reader the message without the snippet's function name ("buildAlias: ...").
    const message = (error as Error).message.replace(/^[A-Za-z]+: /, '');
    return { error: message, tableHtml: '', columnsSvg: '', drawsSvg: '' };
  }
  const n = weights.length;
  // The target shares, computed without summing the raw weights (1e308 + 1e308 overflows).
  const target = normalizeWeights(weights);
  const rng = mulberry32(seed);
  const counts = new Array<number>(n).fill(0);
  for (let k = 0; k < ALIAS_DEMO_DRAWS; k++) counts[drawAlias(table, rng)]!++;
  const rows = weights
    .map(
      (w, i) =>
        `<tr><th scope="row">${i}</th><td>${w}</td><td>${pct(target[i]!)}</td><td>${table.prob[i]!.toFixed(3)}</td>` +
        `<td>${table.prob[i]! < 1 ? table.alias[i] : '—'}</td><td>${pct(counts[i]! / ALIAS_DEMO_DRAWS)}</td></tr>`,
    )
    .join('');
  const tableHtml =
    `<table><thead><tr><th scope="col">Outcome</th><th scope="col">Weight</th><th scope="col">Target</th>` +
    `<th scope="col">prob[i]</th><th scope="col">alias[i]</th><th scope="col">Drawn (${ALIAS_DEMO_DRAWS.toLocaleString('en')})</th></tr></thead><tbody>${rows}</tbody></table>`;
  const columnsSvg = stackedBars(
    table.prob.map((p, i) => ({
      label: `column ${i}`,
      segments: [
        { value: p, color: FIG_COLORS[0], text: String(i) },
        { value: 1 - p, color: FIG_COLORS[1], text: String(table.alias[i]) },
      ],
    })),
    {
      title: `Alias table: ${n} columns of height 1, each holding at most two outcomes`,
      yLabel: 'share of column',
      reference: 1,
    },
  );
  const drawsSvg = stackedBars(
    weights.map((_, i) => ({
      label: String(i),
      segments: [{ value: counts[i]! / ALIAS_DEMO_DRAWS, color: FIG_COLORS[2], text: '' }],
    })),
    {
      title: `Share of ${ALIAS_DEMO_DRAWS.toLocaleString('en')} draws per outcome`,
      yLabel: 'share of draws',
      height: 200,
    },
  );
  return { tableHtml, columnsSvg, drawsSvg };
}
