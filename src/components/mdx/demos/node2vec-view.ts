/** What the node2vec demo shows for a (p, q, seed): shared by the static render and the client. */
import {
  moveCounts,
  nextStepDistribution,
  node2vecWalker,
  searchBias,
  weightedGraph,
} from '../../../../content/snippets/recall/node2vec.ts';
import { mulberry32 } from '../../../../content/snippets/shared/random.ts';
import { FIG_COLORS } from '../../../lib/colors.ts';
import { stackedBars } from '../../../lib/svg-chart.ts';

/** Sliders move log2 p and log2 q in this range, so p and q run from 1/8 to 8. */
export const NODE2VEC_DEMO_LOG_RANGE = { min: -3, max: 3, step: 0.5 } as const;
export const NODE2VEC_DEMO_DEFAULTS = { logP: 0, logQ: 0, seed: 1 } as const;
const WALKS = 300;
const WALK_LENGTH = 20;

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

export interface Node2vecView {
  p: number;
  q: number;
  error?: string;
  graphSvg: string;
  tableHtml: string;
  walkText: string;
  movesSvg: string;
  summary: string;
}

/** 2^x as a short label: 1/8, 1/2.8, 1, 2.8, 8. */
export function formatPow2(x: number): string {
  const v = 2 ** x;
  return v >= 1 ? String(+v.toPrecision(2)) : `1/${+(1 / v).toPrecision(2)}`;
}

function graphSvg(probs: ReadonlyMap<number, number>, walk: readonly number[]): string {
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
    parts.push(`<text x="${lx}" y="${ly}" text-anchor="middle" font-weight="700">${pr.toFixed(2)}</text>`);
  }
  POSITIONS.forEach(([x, y], n) => {
    const fill = n === V ? FIG_COLORS[0] : n === T ? FIG_COLORS[3] : 'var(--bg)';
    parts.push(`<circle cx="${x}" cy="${y}" r="13" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`);
    parts.push(
      `<text x="${x}" y="${y + 4}" text-anchor="middle" fill="${n === V || n === T ? 'var(--bg)' : 'currentColor'}" font-weight="700">${n}</text>`,
    );
  });
  parts.push(
    `<text x="8" y="252" font-size="11" fill-opacity="0.8">Purple: the step just taken (t → v). Blue: next-step probabilities. Dashed green: one sampled walk.</text>`,
  );
  return (
    `<svg viewBox="0 0 560 260" width="560" height="260" role="img" font-size="12" font-family="system-ui, sans-serif" fill="currentColor" ` +
    `aria-label="Graph of two five-node communities joined by edge 4-5. The walk came from node ${T} to node ${V}; ` +
    `the next-step probabilities to node ${V}'s neighbours are ${[...probs].map(([x, pr]) => `${x}: ${pr.toFixed(2)}`).join(', ')}.">` +
    `${parts.join('')}</svg>`
  );
}

/**
 * Why the inputs cannot be shown, as a sentence for the reader, or undefined when they are fine.
 * The sliders only produce log2 p and log2 q in NODE2VEC_DEMO_LOG_RANGE, but the script reads
 * them as text, so anything else is refused here rather than computed.
 */
export function node2vecInputError(logP: number, logQ: number, seed: number): string | undefined {
  const { min, max } = NODE2VEC_DEMO_LOG_RANGE;
  for (const [name, x] of [
    ['p', logP],
    ['q', logQ],
  ] as const) {
    if (!(Number.isFinite(x) && x >= min && x <= max))
      return `${name} must be between ${formatPow2(min)} and ${formatPow2(max)} (log2 ${name} from ${min} to ${max})`;
  }
  if (!(Number.isInteger(seed) && seed >= 1 && seed <= 0xffffffff))
    return 'the seed must be a whole number from 1 to 4294967295';
  return undefined;
}

export function node2vecView(logP: number, logQ: number, seed: number): Node2vecView {
  const p = 2 ** logP;
  const q = 2 ** logQ;
  const error = node2vecInputError(logP, logQ, seed);
  if (error !== undefined) {
    return { p, q, error, graphSvg: '', tableHtml: '', walkText: '', movesSvg: '', summary: '' };
  }
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
  const kindNames = ['back to t', 'sideways', 'outward'];
  const rows = nodes
    .map((x, i) => {
      const d = x === T ? 0 : GRAPH[T]!.has(x) ? 1 : 2;
      return (
        `<tr><th scope="row">${x}</th><td>${d}</td><td>${GRAPH[V]!.get(x)}</td>` +
        `<td>${searchBias(GRAPH, T, x, p, q).toFixed(3)}</td><td>${probs[i]!.toFixed(3)}</td></tr>`
      );
    })
    .join('');
  const tableHtml =
    `<table><caption>Next step after ${T} → ${V}, p = ${formatPow2(logP)}, q = ${formatPow2(logQ)}</caption>` +
    `<thead><tr><th scope="col">Candidate x</th><th scope="col">Distance d(t, x)</th><th scope="col">Weight</th>` +
    `<th scope="col">Bias α</th><th scope="col">Probability</th></tr></thead><tbody>${rows}</tbody></table>`;
  const movesSvg = stackedBars(
    kindNames.map((label, k) => ({
      label,
      segments: [
        {
          value: counts[k]! / total,
          color: FIG_COLORS[k === 0 ? 3 : k === 1 ? 1 : 0],
          text: (counts[k]! / total).toFixed(2),
        },
      ],
    })),
    {
      title: `Share of steps of each kind over ${WALKS} walks of ${WALK_LENGTH} nodes`,
      yLabel: 'share of steps',
      height: 200,
      width: 360,
    },
  );
  return {
    p,
    q,
    graphSvg: graphSvg(probMap, shown),
    tableHtml,
    walkText: `A sampled walk from ${T}: ${shown.join(' → ')}`,
    movesSvg,
    summary: `p = ${formatPow2(logP)}, q = ${formatPow2(logQ)}: ${kindNames.map((n, k) => `${n} ${(counts[k]! / total).toFixed(2)}`).join(', ')}; on average a ${WALK_LENGTH}-node walk visits ${(distinct / WALKS).toFixed(1)} distinct nodes.`,
  };
}
