/** What the alias demo shows for a weight list: shared by the static render and the client. */
import { buildAlias, drawAlias } from '../../../content/snippets/recall/alias.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';
import { FIG_COLORS } from '../../lib/colors.ts';
import { stackedBars } from '../../lib/svg-chart.ts';

export const ALIAS_DEMO_WEIGHTS = '1, 2, 3, 4';
export const ALIAS_DEMO_DRAWS = 10_000;

/** Parse "1, 2, 3" into numbers; a bad entry throws naming its position. */
export function parseWeights(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length > 12) throw new RangeError('use at most 12 weights');
  return parts.map((p, i) => {
    const w = Number(p);
    // Index from 0, like the table's outcome column and buildAlias's own messages.
    if (!Number.isFinite(w)) throw new RangeError(`weights[${i}] ("${p}") is not a finite number`);
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
    weights = parseWeights(weightsText);
    table = buildAlias(weights);
  } catch (error) {
    return { error: (error as Error).message, tableHtml: '', columnsSvg: '', drawsSvg: '' };
  }
  const n = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const rng = mulberry32(seed);
  const counts = new Array<number>(n).fill(0);
  for (let k = 0; k < ALIAS_DEMO_DRAWS; k++) counts[drawAlias(table, rng)]!++;
  const rows = weights
    .map(
      (w, i) =>
        `<tr><th scope="row">${i}</th><td>${w}</td><td>${pct(w / sum)}</td><td>${table.prob[i]!.toFixed(3)}</td>` +
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
