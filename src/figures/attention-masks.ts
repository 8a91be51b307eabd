import * as Plot from '@observablehq/plot';
import {
  attentionMask,
  embedSequence,
  selfAttentionBlock,
  type BlockParams,
  type Matrix,
} from '../../content/snippets/sequential/sasrec.ts';
import { mulberry32, normal, type Rng } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// One block of width 8 over a sequence of 8 items, with random item and position embeddings and
// random weights: the same inputs under the two masks.
const N = 8;
const D = 8;
const randn = (rng: Rng, r: number, c: number, scale: number): Matrix =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => scale * normal(rng)));

function weightsFor(seed: number) {
  const rng = mulberry32(seed);
  const s = 1 / Math.sqrt(D);
  const p: BlockParams = {
    wq: randn(rng, D, D, 2 * s), // larger query and key weights: sharper, easier-to-read rows
    wk: randn(rng, D, D, 2 * s),
    wv: randn(rng, D, D, s),
    w1: randn(rng, D, D, s),
    b1: new Array<number>(D).fill(0),
    w2: randn(rng, D, D, s),
    b2: new Array<number>(D).fill(0),
  };
  const x = embedSequence(
    Array.from({ length: N }, (_, t) => t),
    randn(rng, N, D, 1),
    randn(rng, N, D, 0.5),
  );
  const valid = new Array<boolean>(N).fill(true);
  return {
    causal: selfAttentionBlock(x, p, attentionMask('causal', valid)).weights,
    bidirectional: selfAttentionBlock(x, p, attentionMask('bidirectional', valid)).weights,
  };
}

/** Share of each query's weight on later positions, averaged over queries 1..N-1. */
const futureShare = (w: Matrix) =>
  w.slice(0, N - 1).reduce((s, row, i) => s + row.slice(i + 1).reduce((a, b) => a + b, 0), 0) / (N - 1);

const SHOWN = weightsFor(1);
const SHARES = [1, 2, 3, 4, 5].map((seed) => futureShare(weightsFor(seed).bidirectional));
const meanShare = SHARES.reduce((a, b) => a + b, 0) / SHARES.length;
const causalFuture = Math.max(...SHOWN.causal.flatMap((row, i) => row.slice(i + 1)));
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
/** The numbers the caption quotes (pinned by the figure's test). */
export const SUMMARY = { causalFuture, shares: SHARES, meanShare, shown: SHOWN };

type Panel = 'causal' | 'bidirectional';
const cells = (['causal', 'bidirectional'] as Panel[]).flatMap((panel) =>
  SHOWN[panel].flatMap((row, i) =>
    row.map((w, j) => ({ panel, query: i + 1, key: j + 1, w, masked: panel === 'causal' && j > i })),
  ),
);

/** Panel titles and axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    panel: { causal: 'SASRec: causal mask', bidirectional: 'BERT4Rec: bidirectional' },
    key: 'key position (attended to) →',
    query: '↑ query position',
  },
  zh: {
    panel: { causal: 'SASRec：因果掩码', bidirectional: 'BERT4Rec：双向' },
    key: '键位置（被关注的位置）→',
    query: '↑ 查询位置',
  },
};

export default defineFigure({
  caption: {
    en: `Attention weights of one self-attention block over a sequence of ${N} items, the same inputs and weights under the two masks; darker is more weight, each row sums to 1. Under the causal mask every cell right of the diagonal (dashed) is exactly ${causalFuture}: position t sees items 1 to t only. Without it, positions 1 to ${N - 1} put ${pct(meanShare)} of their weight on later items on average (over 5 random sequences, ${pct(Math.min(...SHARES))} to ${pct(Math.max(...SHARES))}): the information a next-item model must not see during training.`,
    zh: `同一个自注意力块在一个由 ${N} 个物品组成的序列上的注意力权重，两种掩码下输入和参数完全相同；颜色越深权重越大，每行之和为 1。因果掩码下，对角线右侧的每个格子（虚线框）都恰好为 ${causalFuture}：位置 t 只能看到第 1 到第 t 个物品。去掉掩码后，位置 1 到 ${N - 1} 平均把 ${pct(meanShare)} 的权重放在后面的物品上（5 条随机序列，范围 ${pct(Math.min(...SHARES))} 到 ${pct(Math.max(...SHARES))}）——这正是下一物品预测模型在训练时不能看到的信息。`,
  },
  alt: {
    en: `Two ${N} by ${N} grids of shaded cells, query position down, key position across. Left, causal: only the lower triangle including the diagonal is shaded; the first row puts all its weight on item 1. Right, bidirectional: every cell is shaded, and rows spread weight over items before and after their own position.`,
    zh: `两个 ${N}×${N} 的着色方格，纵向为查询位置，横向为键位置。左图为因果掩码：只有含对角线的下三角被着色，第一行把全部权重放在物品 1 上。右图为双向：每个格子都有颜色，各行把权重分给自己前后的物品。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = cells.map((c) => ({ ...c, panelName: label.panel[c.panel] }));
    const ticks = Array.from({ length: N }, (_, i) => i + 1);
    return {
      width: 640,
      height: 330,
      marginLeft: 50,
      marginTop: 30,
      fx: { label: null, domain: [label.panel.causal, label.panel.bidirectional] },
      x: { label: label.key, domain: ticks, type: 'band' },
      y: { label: label.query, domain: ticks, type: 'band' },
      marks: [
        Plot.cell(
          rows.filter((r) => !r.masked),
          { fx: 'panelName', x: 'key', y: 'query', fill: FIG_COLORS[0], fillOpacity: 'w', inset: 1 },
        ),
        Plot.cell(
          rows.filter((r) => r.masked),
          {
            fx: 'panelName',
            x: 'key',
            y: 'query',
            stroke: 'currentColor',
            strokeOpacity: 0.35,
            strokeDasharray: '3 3',
            fill: 'none',
            inset: 3,
          },
        ),
      ],
    };
  },
});
