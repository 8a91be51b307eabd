/**
 * What the node2vec demo shows for a (p, q, seed), in the page's language: shared by the static
 * render (Node2vecDemo.astro) and the script (node2vec.client.ts). It runs content/snippets/recall/node2vec.ts.
 */
import {
  moveCounts,
  nextStepDistribution,
  node2vecWalker,
  searchBias,
  weightedGraph,
} from '../../../../content/snippets/recall/node2vec.ts';
import { mulberry32 } from '../../../../content/snippets/shared/random.ts';
import { fill, formatNumber } from '../../../i18n/format.ts';
import { DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { chartFigure, stackedBars } from '../../../lib/svg-chart.ts';
import type { DemoView } from './demo-client.ts';
import { formatSignificant, InputError, inputErrorView, readDecimal } from './demo-input.ts';
import { NODE2VEC_STRINGS } from './node2vec-strings.ts';

/** Sliders move log2 p and log2 q in this range, so p and q run from 1/8 to 8. */
export const NODE2VEC_DEMO_LOG_RANGE = { min: -3, max: 3, step: 0.5 } as const;
export const NODE2VEC_DEMO_DEFAULTS = { logP: 0, logQ: 0, seed: 1 } as const;
export const NODE2VEC_DEMO_WALKS = 300;
export const NODE2VEC_DEMO_WALK_LENGTH = 20;
const WALKS = NODE2VEC_DEMO_WALKS;
const WALK_LENGTH = NODE2VEC_DEMO_WALK_LENGTH;

/** Two communities of five nodes joined by the bridge 4-5; edge 2-4 has weight 2. */
const POSITIONS: readonly (readonly [number, number])[] = [
  [50, 60],
  [60, 170],
  [140, 110],
  [150, 200],
  [230, 150],
  [330, 150],
  [400, 70],
  [420, 200],
  [500, 120],
  [510, 230],
];
const EDGES: readonly (readonly [number, number, number?])[] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [1, 3],
  [2, 3],
  [2, 4, 2],
  [3, 4],
  [4, 5],
  [5, 6],
  [5, 7],
  [6, 7],
  [6, 8],
  [7, 8],
  [7, 9],
  [8, 9],
];
const GRAPH = weightedGraph(POSITIONS.length, EDGES);
/** The step the table and the highlighted edges describe: the walk just went from T to V. */
const T = 0;
const V = 2;

export interface Node2vecView extends DemoView {
  /** The parameters shown (NaN when an input is invalid). */
  p: number;
  q: number;
}

/** 2^x as a short label: 1/8, 1/2.8, 1, 2.8, 8. */
export function formatPow2(x: number): string {
  const v = 2 ** x;
  return v >= 1 ? String(+v.toPrecision(2)) : `1/${+(1 / v).toPrecision(2)}`;
}

/**
 * What the p or q slider shows next to it and what a screen reader says for it: the slider moves
 * log2 of the value, so without aria-valuetext the reader would hear "-1.5" for p = 0.354.
 */
export function node2vecSliderText(
  name: 'p' | 'q',
  log2: number | string,
  lang: Lang = DEFAULT_LANG,
): { output: string; valueText: string } {
  const x = readDecimal(log2);
  if (!Number.isFinite(x)) return { output: '', valueText: '' };
  const value = formatSignificant(2 ** x, lang, 3);
  return { output: formatPow2(x), valueText: fill(NODE2VEC_STRINGS[lang].valueText, { name, value }) };
}

function graphSvg(probs: ReadonlyMap<number, number>, walk: readonly number[], lang: Lang): string {
  const s = NODE2VEC_STRINGS[lang];
  const parts: string[] = [];
  for (const [a, b, w = 1] of EDGES) {
    const [x1, y1] = POSITIONS[a]!;
    const [x2, y2] = POSITIONS[b]!;
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="currentColor" stroke-opacity="0.35" stroke-width="${w === 1 ? 1.5 : 3}"/>`,
    );
  }
  // The sampled walk as a faint path, then the candidate steps out of V, thickness by probability.
  const path = walk.map((n, i) => `${i ? 'L' : 'M'}${POSITIONS[n]![0]},${POSITIONS[n]![1]}`).join('');
  parts.push(
    `<path d="${path}" fill="none" stroke="${FIG_COLORS[2]}" stroke-width="2" stroke-dasharray="5 4" stroke-opacity="0.8"/>`,
  );
  const [vx, vy] = POSITIONS[V]!;
  const [tx, ty] = POSITIONS[T]!;
  parts.push(`<line x1="${tx}" y1="${ty}" x2="${vx}" y2="${vy}" stroke="${FIG_COLORS[3]}" stroke-width="4"/>`);
  for (const [x, pr] of probs) {
    const [px, py] = POSITIONS[x]!;
    parts.push(
      `<line x1="${vx}" y1="${vy}" x2="${px}" y2="${py}" stroke="${FIG_COLORS[0]}" stroke-width="${(1 + 14 * pr).toFixed(1)}" stroke-opacity="0.75"/>`,
    );
    const lx = (vx + px) / 2;
    const ly = (vy + py) / 2 - 6;
    parts.push(`<text x="${lx}" y="${ly}" text-anchor="middle" font-weight="700">${formatNumber(pr, lang, 2)}</text>`);
  }
  POSITIONS.forEach(([x, y], n) => {
    const fill = n === V ? FIG_COLORS[0] : n === T ? FIG_COLORS[3] : 'var(--bg)';
    parts.push(`<circle cx="${x}" cy="${y}" r="13" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`);
    parts.push(
      `<text x="${x}" y="${y + 4}" text-anchor="middle" fill="${n === V || n === T ? 'var(--bg)' : 'currentColor'}" font-weight="700">${n}</text>`,
    );
  });
  // The legend sits in the empty band above the bridge, clear of every node and label.
  const legend: [string, string][] = [
    [`stroke="${FIG_COLORS[3]}" stroke-width="4"`, s.legendStep],
    [`stroke="${FIG_COLORS[0]}" stroke-width="4" stroke-opacity="0.75"`, s.legendProbs],
    [`stroke="${FIG_COLORS[2]}" stroke-width="2" stroke-dasharray="5 4"`, s.legendWalk],
  ];
  legend.forEach(([stroke, label], i) => {
    const y = 18 + 18 * i;
    parts.push(`<line x1="180" x2="202" y1="${y}" y2="${y}" ${stroke}/>`, `<text x="208" y="${y + 4}">${label}</text>`);
  });
  const alt = fill(s.graphAlt, {
    t: T,
    v: V,
    probs: [...probs].map(([x, pr]) => `${x}: ${formatNumber(pr, lang, 2)}`).join(s.listSeparator),
  });
  const svg =
    `<svg viewBox="0 0 560 260" width="560" height="260" role="img" font-size="12" font-family="system-ui, sans-serif" fill="currentColor" ` +
    `aria-label="${alt.replace(/"/g, '&quot;')}">${parts.join('')}</svg>`;
  return chartFigure(svg, { title: s.graphTitle, id: 'node2vec-demo-graph' });
}

/** log2 p or log2 q as typed: a plain decimal in NODE2VEC_DEMO_LOG_RANGE, else an InputError for its slider. */
function parseLog(name: 'p' | 'q', value: number | string, lang: Lang): number {
  const { min, max } = NODE2VEC_DEMO_LOG_RANGE;
  const x = readDecimal(value);
  if (!(x >= min && x <= max))
    throw new InputError(
      `log${name}`,
      fill(NODE2VEC_STRINGS[lang].range, { name, lo: formatPow2(min), hi: formatPow2(max), min, max }),
    );
  return x;
}

/** The seed as typed: a whole number from 1 to 2^32 - 1. */
function parseSeed(value: number | string, lang: Lang): number {
  const seed = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isInteger(seed) && seed >= 1 && seed <= 0xffffffff))
    throw new InputError('seed', NODE2VEC_STRINGS[lang].seedRange);
  return seed;
}

/**
 * Everything the demo shows for log2 p, log2 q and the seed as the form holds them (text; numbers
 * for the build-time defaults), in `lang`: slots `graph`, `walk`, `table`, `moves` and `summary`.
 * Values the sliders cannot produce, and seeds that are not whole numbers from 1 to 2^32 - 1,
 * give an error naming the input.
 */
export function node2vecView(
  logPText: number | string,
  logQText: number | string,
  seedText: number | string,
  lang: Lang = DEFAULT_LANG,
): Node2vecView {
  const s = NODE2VEC_STRINGS[lang];
  let logP: number;
  let logQ: number;
  let seed: number;
  try {
    logP = parseLog('p', logPText, lang);
    logQ = parseLog('q', logQText, lang);
    seed = parseSeed(seedText, lang);
  } catch (error) {
    return { ...inputErrorView(error), p: Number.NaN, q: Number.NaN };
  }
  const p = 2 ** logP;
  const q = 2 ** logQ;
  const { nodes, probs } = nextStepDistribution(GRAPH, T, V, p, q);
  const probMap = new Map(nodes.map((x, i) => [x, probs[i]!]));
  const walker = node2vecWalker(GRAPH, p, q);
  const rng = mulberry32(seed);
  const shown = walker(T, WALK_LENGTH, rng);
  // Many walks from every node: how the steps split by distance from the previous node, and how
  // far the walks spread (distinct nodes per walk).
  const counts: [number, number, number] = [0, 0, 0];
  let distinct = 0;
  for (let i = 0; i < WALKS; i++) {
    const w = walker(i % POSITIONS.length, WALK_LENGTH, rng);
    moveCounts(GRAPH, w).forEach((c, k) => (counts[k as 0 | 1 | 2] += c));
    distinct += new Set(w).size;
  }
  const total = counts[0] + counts[1] + counts[2];
  const share = (k: number) => formatNumber(counts[k]! / total, lang, 2);
  const pq = { p: formatPow2(logP), q: formatPow2(logQ) };
  const rows = nodes
    .map((x, i) => {
      const d = x === T ? 0 : GRAPH[T]!.has(x) ? 1 : 2;
      return (
        `<tr><th scope="row">${x}</th><td>${d}</td><td>${formatNumber(GRAPH[V]!.get(x)!, lang)}</td>` +
        `<td>${formatNumber(searchBias(GRAPH, T, x, p, q), lang, 3)}</td><td>${formatNumber(probs[i]!, lang, 3)}</td></tr>`
      );
    })
    .join('');
  const table =
    `<table><caption>${fill(s.caption, { t: T, v: V, ...pq })}</caption>` +
    `<thead><tr><th scope="col">${s.candidate}</th><th scope="col">${s.distance}</th><th scope="col">${s.weight}</th>` +
    `<th scope="col">${s.bias}</th><th scope="col">${s.probability}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const moves = stackedBars(
    s.kinds.map((label, k) => ({
      label,
      segments: [{ value: counts[k]! / total, color: FIG_COLORS[k === 0 ? 3 : k === 1 ? 1 : 0], text: share(k) }],
    })),
    {
      title: fill(s.movesTitle, { walks: formatNumber(WALKS, lang), length: WALK_LENGTH }),
      id: 'node2vec-demo-moves',
      lang,
      yLabel: s.movesAxis,
      height: 200,
      width: 360,
    },
  );
  const shares = s.kinds.map((kind, k) => fill(s.kindShare, { kind, share: share(k) })).join(s.listSeparator);
  return {
    p,
    q,
    html: {
      graph: graphSvg(probMap, shown, lang),
      walk: fill(s.walk, { t: T, walk: shown.join(' → ') }),
      table,
      moves,
      summary: fill(s.summary, {
        pq: fill(s.pq, pq),
        shares,
        length: WALK_LENGTH,
        distinct: formatNumber(distinct / WALKS, lang, 1),
      }),
    },
  };
}
