/**
 * What the alias demo shows for a weight list, in the page's language: shared by the static render
 * (AliasDemo.astro) and the script (alias.client.ts). It runs content/snippets/recall/alias.ts.
 */
import { buildAlias, drawAlias, normalizeWeights } from '../../../../content/snippets/recall/alias.ts';
import { mulberry32 } from '../../../../content/snippets/shared/random.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { stackedBars } from '../../../lib/svg-chart.ts';
import { ALIAS_STRINGS } from './alias-strings.ts';
import type { DemoView } from './demo-client.ts';

export const ALIAS_DEMO_WEIGHTS = '1, 2, 3, 4';
export const ALIAS_DEMO_DRAWS = 10_000;

/** A plain decimal number: digits with an optional point and exponent ("2", "0.5", "1e-3"). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Quote a reader's entry in a message, cut short if it is long. */
const quote = (s: string) => `"${s.length > 24 ? `${s.slice(0, 21)}...` : s}"`;

/** A value the reader must change: which input, and the message in their language. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parse "1, 2, 3" into weights. Only decimal numbers are accepted: Number() would also read
 * "0x10" as 16, "0b11" as 3 and "Infinity" as a number. A bad entry throws an InputError that
 * names it by position (from 0, like the table's outcome column).
 */
export function parseWeights(text: string, lang: Lang = DEFAULT_LANG): number[] {
  const s = ALIAS_STRINGS[lang];
  const bad = (template: string, i: number, value: string) =>
    new InputError('weights', fill(template, { i, value: quote(value) }));
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  if (parts.length === 0) throw new InputError('weights', s.noWeights);
  if (parts.length > 12) throw new InputError('weights', s.tooMany);
  const weights = parts.map((p, i) => {
    if (!DECIMAL.test(p)) throw bad(s.notDecimal, i, p);
    const w = Number(p);
    if (!Number.isFinite(w)) throw bad(s.tooLarge, i, p);
    // "1e-400" reads as 0: say so instead of silently dropping an outcome the reader meant to keep.
    if (w === 0 && /[1-9]/.test(p.split(/e/i)[0]!)) throw bad(s.tooSmall, i, p);
    if (w < 0) throw bad(s.negative, i, p);
    return w;
  });
  if (weights.every((w) => w === 0)) throw new InputError('weights', s.allZero);
  return weights;
}

/** The seed as typed: a whole number from 1 to 2^32 - 1. */
export function parseSeed(text: string, lang: Lang = DEFAULT_LANG): number {
  const seed = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !(seed >= 1 && seed <= 0xffffffff))
    throw new InputError('seed', ALIAS_STRINGS[lang].seedRange);
  return seed;
}

const pct = (x: number, lang: Lang) => `${formatNumber(100 * x, lang, 1)}%`;

/** The table and the two charts for `weightsText` and `seedText`, as typed, in `lang`. */
export function aliasView(weightsText: string, seedText: string, lang: Lang = DEFAULT_LANG): DemoView {
  const s = ALIAS_STRINGS[lang];
  let weights: number[];
  let seed: number;
  try {
    weights = parseWeights(weightsText, lang);
    seed = parseSeed(seedText, lang);
  } catch (error) {
    if (error instanceof InputError) return { error: { field: error.field, message: error.message }, html: {} };
    throw error;
  }
  const table = buildAlias(weights);
  const n = weights.length;
  // The target shares, computed without summing the raw weights (1e308 + 1e308 overflows).
  const target = normalizeWeights(weights);
  const rng = mulberry32(seed);
  const counts = new Array<number>(n).fill(0);
  for (let k = 0; k < ALIAS_DEMO_DRAWS; k++) counts[drawAlias(table, rng)]!++;
  const draws = formatNumber(ALIAS_DEMO_DRAWS, lang);
  const rows = weights
    .map(
      (w, i) =>
        `<tr><th scope="row">${i}</th><td>${w}</td><td>${pct(target[i]!, lang)}</td><td>${table.prob[i]!.toFixed(3)}</td>` +
        `<td>${table.prob[i]! < 1 ? table.alias[i] : '—'}</td><td>${pct(counts[i]! / ALIAS_DEMO_DRAWS, lang)}</td></tr>`,
    )
    .join('');
  const tableHtml =
    `<table><thead><tr><th scope="col">${s.outcome}</th><th scope="col">${s.weight}</th><th scope="col">${s.target}</th>` +
    `<th scope="col">prob[i]</th><th scope="col">alias[i]</th><th scope="col">${fill(s.drawn, { draws })}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const columns = stackedBars(
    table.prob.map((p, i) => ({
      label: fill(s.column, { i }),
      segments: [
        { value: p, color: FIG_COLORS[0], text: String(i) },
        { value: 1 - p, color: FIG_COLORS[1], text: String(table.alias[i]) },
      ],
    })),
    { title: fill(s.columnsTitle, { n }), yLabel: s.columnsAxis, reference: 1 },
  );
  const drawn = stackedBars(
    weights.map((_, i) => ({
      label: String(i),
      segments: [{ value: counts[i]! / ALIAS_DEMO_DRAWS, color: FIG_COLORS[2], text: '' }],
    })),
    { title: fill(s.drawsTitle, { draws }), yLabel: s.drawsAxis, height: 200 },
  );
  return { html: { table: tableHtml, columns, draws: drawn } };
}
