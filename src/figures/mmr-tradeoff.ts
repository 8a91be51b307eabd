import * as Plot from '@observablehq/plot';
import { cosineSimilarityMatrix, intraListDiversity, mmrRerank } from '../../content/snippets/ranking/mmr.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * 60 seeded candidates in 4 topics: each embedding is its topic's centre plus noise, and the
 * first topic is the most relevant, so a pure relevance sort fills most of the top 10 with it.
 */
const rng = mulberry32(1998);
const DIM = 8;
const TOPICS = 4;
const K = 10;
const centres = Array.from({ length: TOPICS }, () => Array.from({ length: DIM }, () => normal(rng)));
const topicOf = Array.from({ length: 60 }, (_, i) => i % TOPICS);
const vectors = topicOf.map((t) => centres[t]!.map((c) => c + 0.35 * normal(rng)));
const relevance = topicOf.map((t) => Math.min(1, Math.max(0, 0.85 - 0.15 * t + 0.08 * normal(rng))));
const similarity = cosineSimilarityMatrix(vectors);

const rows = Array.from({ length: 21 }, (_, s) => {
  const lambda = s / 20;
  const picked = mmrRerank(relevance, similarity, lambda, K);
  return {
    lambda,
    relevance: picked.reduce((sum, i) => sum + relevance[i]!, 0) / K,
    diversity: intraListDiversity(picked, similarity),
    topics: new Set(picked.map((i) => topicOf[i]!)).size,
  };
});
const long = rows.flatMap((r) => [
  { lambda: r.lambda, value: r.relevance, metric: 'mean relevance of the top 10' },
  { lambda: r.lambda, value: r.diversity, metric: 'intra-list diversity (mean 1 − cosine)' },
]);
const pure = rows.at(-1)!;
const balanced = rows[10]!;
const midDiversity = (rows[0]!.diversity + pure.diversity) / 2;
const knee = rows.find((r) => r.diversity < midDiversity)!;

export default defineFigure({
  caption: `MMR on 60 simulated candidates from ${TOPICS} topics, top ${K} kept, as λ sweeps from 0 (only novelty) to 1 (only relevance). At λ = 1 the list covers ${pure.topics} of the ${TOPICS} topics, mean relevance ${pure.relevance.toFixed(3)} and diversity ${pure.diversity.toFixed(3)}; at λ = 0.5 it covers ${balanced.topics}, relevance ${balanced.relevance.toFixed(3)}, diversity ${balanced.diversity.toFixed(3)}. Diversity collapses only once λ reaches about ${knee.lambda.toFixed(2)}: most of it costs little relevance.`,
  alt: `Two lines against λ from 0 to 1. Mean relevance of the top ${K} rises from ${rows[0]!.relevance.toFixed(2)} to ${pure.relevance.toFixed(2)}; intra-list diversity stays near ${rows[0]!.diversity.toFixed(2)} for small λ and first falls below ${midDiversity.toFixed(2)} at λ = ${knee.lambda.toFixed(2)}, ending at ${pure.diversity.toFixed(2)}.`,
  plot: () => ({
    width: 640,
    height: 340,
    x: { label: 'λ (weight on relevance) →', domain: [0, 1] },
    y: { label: '↑ Value', grid: true, domain: [0, 1] },
    color: { domain: [long[0]!.metric, long[1]!.metric], range: [FIG_COLORS[0], FIG_COLORS[1]] },
    marks: [
      Plot.line(long, { x: 'lambda', y: 'value', stroke: 'metric', strokeWidth: 2.5 }),
      Plot.dot(long, { x: 'lambda', y: 'value', fill: 'metric', r: 3 }),
      Plot.text(long.slice(-2), {
        x: 'lambda',
        y: 'value',
        text: 'metric',
        fill: 'metric',
        textAnchor: 'end',
        dy: -12,
        fontSize: 12,
      }),
      Plot.ruleY([0]),
    ],
  }),
});
