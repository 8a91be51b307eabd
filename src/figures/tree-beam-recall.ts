import * as Plot from '@observablehq/plot';
import {
  beamSearch,
  bruteForceTopK,
  completeTree,
  leavesOf,
  maxHeapScores,
  meanScores,
} from '../../content/snippets/recall/tree-beam.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// A binary tree over 1,024 items (depth 10). Items sit in leaf order along [0, 1); a user likes three
// random regions (Gaussian bumps of width 0.02) plus item-level noise N(0, 0.5^2). The task: the
// top K = 10 items. Three ways to score inner nodes: the true max-heap value (the best leaf below),
// the mean of the leaves below, and the max-heap value plus N(0, 0.5^2) noise (an imperfect learned
// node model). Recall is the share of the true top 10 among the 10 best leaves the beam returns.
const DEPTH = 10;
const K = 10;
// 200 users: enough that the digits the caption prints (one decimal at beam 10, where a user's recall
// varies most) and the bounds it states at beam 80 hold for other sets of users too (see the tests).
const USERS = 200;
const BEAMS = [10, 20, 40, 80, 160] as const;
const RULES = ['max', 'mean', 'noisy'] as const;
type Rule = (typeof RULES)[number];

const tree = completeTree(DEPTH);
const leaves = leavesOf(tree);

/** Average recall and model calls per (rule, beam) over `users` simulated users with seeds seedBase, seedBase + 1, ... */
export function beamRecallExperiment(users: number, seedBase: number) {
  const recall = new Map<string, number>();
  const calls = new Map<number, number>();
  for (let u = 0; u < users; u++) {
    const rng = mulberry32(seedBase + u);
    const centres = [rng(), rng(), rng()];
    const leafScore = new Array<number>(tree.length).fill(0);
    leaves.forEach((v, i) => {
      const x = i / leaves.length;
      leafScore[v] = centres.reduce((s, c) => s + Math.exp(-((x - c) ** 2) / (2 * 0.02 ** 2)), 0) + 0.5 * normal(rng);
    });
    const truth = new Set(bruteForceTopK(tree, leafScore, K));
    const max = maxHeapScores(tree, leafScore);
    const scores: Record<Rule, number[]> = {
      max,
      mean: meanScores(tree, leafScore),
      noisy: max.map((s, v) => (tree[v]!.length > 0 ? s + 0.5 * normal(rng) : s)),
    };
    for (const rule of RULES)
      for (const beam of BEAMS) {
        const res = beamSearch(tree, (v) => scores[rule][v]!, beam);
        const hit = res.leaves.slice(0, K).filter((l) => truth.has(l)).length / K;
        recall.set(`${rule}/${beam}`, (recall.get(`${rule}/${beam}`) ?? 0) + hit / users);
        if (rule === 'max') calls.set(beam, (calls.get(beam) ?? 0) + res.calls / users);
      }
  }
  return RULES.flatMap((rule) =>
    BEAMS.map((beam) => ({ rule, beam, recall: recall.get(`${rule}/${beam}`)!, calls: calls.get(beam)! })),
  );
}

const rows = beamRecallExperiment(USERS, 1000);
const at = (rule: Rule, beam: number) => rows.find((r) => r.rule === rule && r.beam === beam)!;
const f = (x: number) => x.toFixed(2);
const f1 = (x: number) => x.toFixed(1);
const c = (beam: number) => Math.round(at('max', beam).calls);

/** The plotted averages, for the tests. */
export const SUMMARY = { users: USERS, items: leaves.length, k: K, rows };

const LABELS = {
  en: {
    x: 'beam width (nodes kept per level)',
    y: 'recall of the true top 10',
    rule: { max: 'max-heap node scores', mean: 'mean of the leaves below', noisy: 'max-heap + noise' } as Record<
      Rule,
      string
    >,
  },
  zh: {
    x: '束宽（每层保留的节点数）',
    y: '真实前 10 的召回率',
    rule: { max: '最大堆节点分', mean: '子树叶子的均值', noisy: '最大堆分 + 噪声' } as Record<Rule, string>,
  },
};

export default defineFigure({
  caption: {
    en: `Layer-wise beam search down a binary tree of ${leaves.length.toLocaleString('en-US')} items, averaged over ${USERS} simulated users who like three regions of the item order. With max-heap node scores (each node worth its best leaf) a beam of 10 returns the exact top 10 after ${c(10)} node scores instead of ${leaves.length.toLocaleString('en-US')}. Scoring a node by the mean of its leaves recovers only about ${f1(at('mean', 10).recall)} of the top 10 at that beam and needs a beam of 80 (${c(80)} scores) to pass 0.95; max-heap values blurred by noise of the same size as the item noise recover about ${f1(at('noisy', 10).recall)}, and pass 0.9 at a beam of 80.`,
    zh: `在一棵有 ${leaves.length.toLocaleString('zh-CN')} 个物品的二叉树上逐层做束搜索，对 ${USERS} 个模拟用户取平均，每个用户喜欢物品序列中的三个区域。用最大堆节点分（每个节点的分等于它下面最好的叶子）时，束宽 10 只打了 ${c(10)} 次节点分（而不是 ${leaves.length.toLocaleString('zh-CN')} 次）就返回了精确的前 10。若节点分取其子树叶子的均值，同样的束宽只找回前 10 中的约 ${f1(at('mean', 10).recall)}，要把束宽加到 80（${c(80)} 次打分）才超过 0.95；给最大堆分加上与物品噪声同量级的噪声后，束宽 10 约找回 ${f1(at('noisy', 10).recall)}，束宽 80 时超过 0.9。`,
  },
  alt: {
    en: `Recall of the true top 10 against beam widths 10 to 160 (log scale) for three node scorers. Max-heap scores stay at 1 for every width. Mean-of-leaves scores rise from about ${f1(at('mean', 10).recall)} at width 10 to ${f(at('mean', 160).recall)} at 160; noisy max-heap scores rise from about ${f1(at('noisy', 10).recall)} to above 0.95.`,
    zh: `三种节点打分方式下，真实前 10 的召回率随束宽（10 到 160，对数坐标）的变化。最大堆节点分在所有束宽下都是 1。子树均值从束宽 10 时的约 ${f1(at('mean', 10).recall)} 升到 160 时的 ${f(at('mean', 160).recall)}；带噪声的最大堆分从约 ${f1(at('noisy', 10).recall)} 升到 0.95 以上。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const data = rows.map((r) => ({ ...r, name: label.rule[r.rule] }));
    const names = RULES.map((r) => label.rule[r]);
    return {
      width: 640,
      height: 320,
      marginLeft: 60,
      marginRight: 20,
      x: { type: 'log', label: label.x, ticks: BEAMS as unknown as number[], tickFormat: 'd', grid: true },
      y: { label: label.y, domain: [0, 1.05], grid: true },
      color: { domain: names, range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
      marks: [
        Plot.line(data, { x: 'beam', y: 'recall', stroke: 'name', strokeWidth: 2 }),
        Plot.dot(data, { x: 'beam', y: 'recall', fill: 'name', r: 3 }),
        // a legend in the empty lower right corner, one line per scorer in its colour
        Plot.text(names, {
          x: BEAMS.at(-1)!,
          y: (_: string, i: number) => 0.36 - 0.1 * i,
          text: (d: string) => d,
          fill: (d: string) => d,
          textAnchor: 'end',
          fontSize: 12,
        }),
      ],
    };
  },
});
