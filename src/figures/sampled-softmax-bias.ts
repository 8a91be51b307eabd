import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { drawFromProposal, sampledSoftmaxGrad } from '../../content/snippets/deep-learning/sampled-softmax.ts';
import { softmax } from '../../content/snippets/deep-learning/losses.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';

const V = 50;
const TARGET = 3;
/** Catalogues (score vectors) drawn with seeds 1..CATALOGUES, and sampled gradients per catalogue and m. */
const CATALOGUES = 5;
const REPEATS = 20;
const SAMPLE_SIZES = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const CORRECTED = 'score − log Q' as const;
const RAW = 'raw score' as const;

/**
 * L1 error of the sampled gradient on the negatives against the full softmax gradient, for each
 * sample size m and both logits, averaged over REPEATS draws; one row per catalogue.
 */
function errors(): { m: number; logits: string; catalogue: number; error: number }[] {
  const rows: { m: number; logits: string; catalogue: number; error: number }[] = [];
  // A Zipf proposal: item i is proposed with probability proportional to 1 / (i + 1).
  const w = Array.from({ length: V }, (_, i) => 1 / (i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  const q = w.map((x) => x / total);
  for (let catalogue = 1; catalogue <= CATALOGUES; catalogue++) {
    const rng = mulberry32(catalogue);
    const scores = Array.from({ length: V }, () => 1.5 * normal(rng));
    const full = softmax(scores).map((p, i) => p - (i === TARGET ? 1 : 0));
    for (const m of SAMPLE_SIZES) {
      for (const correct of [true, false]) {
        let sum = 0;
        for (let r = 0; r < REPEATS; r++) {
          const g = sampledSoftmaxGrad(scores, TARGET, drawFromProposal(rng, q, m), q, correct);
          g.forEach((x, i) => {
            if (i !== TARGET) sum += Math.abs(x - full[i]!);
          });
        }
        rows.push({ m, logits: correct ? CORRECTED : RAW, catalogue, error: sum / REPEATS });
      }
    }
  }
  return rows;
}

const perCatalogue = errors();
/** The mean over catalogues for each m and logits: what the lines show. */
const means = SAMPLE_SIZES.flatMap((m) =>
  [CORRECTED, RAW].map((logits) => {
    const cell = perCatalogue.filter((r) => r.m === m && r.logits === logits).map((r) => r.error);
    return {
      m,
      logits,
      error: cell.reduce((a, b) => a + b, 0) / cell.length,
      lo: Math.min(...cell),
      hi: Math.max(...cell),
    };
  }),
);
const at = (m: number, logits: string) => means.find((r) => r.m === m && r.logits === logits)!;
const first = SAMPLE_SIZES[0]!;
const last = SAMPLE_SIZES[SAMPLE_SIZES.length - 1]!;
/** The smallest m from which the corrected error stays below the raw one. */
const crossing = SAMPLE_SIZES.find((m) =>
  SAMPLE_SIZES.filter((k) => k >= m).every((k) => at(k, CORRECTED).error < at(k, RAW).error),
)!;
const f2 = (x: number) => x.toFixed(2);

/** Axis labels and line names in each language; the numbers are the same in both. */
const LABELS = {
  en: { m: 'sampled items m', error: 'L1 error of the gradient on negatives', [CORRECTED]: CORRECTED, [RAW]: RAW },
  zh: { m: '采样物品数 m', error: '负样本上梯度的 L1 误差', [CORRECTED]: '得分 − log Q', [RAW]: '原始得分' },
};

export default defineFigure({
  caption: {
    en: `Sampled softmax on 50-item catalogues whose negatives are drawn from a Zipf proposal Q (the most popular item 50 times as likely as the least). Error of the gradient on the negatives against the full softmax, averaged over ${REPEATS} draws in each of ${CATALOGUES} random catalogues (seeds 1 to ${CATALOGUES}). With the −log Q correction the error keeps falling as more items are sampled; with raw logits it levels off: popular items are pushed down too hard however many are drawn.`,
    zh: `在 50 个物品的目录上做采样 softmax，负样本从 Zipf 提议分布 Q 中抽取（最热门的物品被抽中的概率是最冷门物品的 50 倍）。纵轴是负样本上的梯度相对于完整 softmax 梯度的误差，在 ${CATALOGUES} 个随机目录（种子 1 到 ${CATALOGUES}）上各取 ${REPEATS} 次抽样的平均。加上 −log Q 校正后，误差随采样物品增多而持续下降；使用原始 logit 时，误差停在一个水平上：无论抽多少个，热门物品都被压得过狠。`,
  },
  alt: {
    en: `Two lines of error against the number of sampled items, from ${first} to ${last.toLocaleString('en')} on a log axis. Both start high, at ${f2(at(first, CORRECTED).error)} (corrected) and ${f2(at(first, RAW).error)} (uncorrected) at ${first} samples. The corrected line keeps falling, to ${f2(at(last, CORRECTED).error)} at ${last.toLocaleString('en')} samples (between ${f2(at(last, CORRECTED).lo)} and ${f2(at(last, CORRECTED).hi)} across the catalogues). The uncorrected line levels off at ${f2(at(last, RAW).error)} (between ${f2(at(last, RAW).lo)} and ${f2(at(last, RAW).hi)} across the catalogues); from ${crossing} samples on the corrected line stays below it.`,
    zh: `两条误差随采样物品数变化的折线，横轴为对数刻度，从 ${first} 到 ${last.toLocaleString('zh-CN')}。两条线起点都很高：${first} 个样本时，校正后为 ${f2(at(first, CORRECTED).error)}，未校正为 ${f2(at(first, RAW).error)}。校正后的线持续下降，在 ${last.toLocaleString('zh-CN')} 个样本时降到 ${f2(at(last, CORRECTED).error)}（各目录介于 ${f2(at(last, CORRECTED).lo)} 与 ${f2(at(last, CORRECTED).hi)} 之间）。未校正的线停在 ${f2(at(last, RAW).error)}（各目录介于 ${f2(at(last, RAW).lo)} 与 ${f2(at(last, RAW).hi)} 之间）；从 ${crossing} 个样本起，校正后的线一直在它下方。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    return {
      width: 640,
      height: 300,
      marginRight: 90,
      x: { type: 'log', label: label.m, grid: true },
      y: { label: label.error, grid: true, domain: [0, 2] },
      color: { domain: [CORRECTED, RAW], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.ruleY([0]),
        // one faint line per catalogue, the mean on top
        Plot.line(perCatalogue, {
          x: 'm',
          y: 'error',
          z: (r: { logits: string; catalogue: number }) => `${r.logits} ${r.catalogue}`,
          stroke: 'logits',
          strokeWidth: 1,
          strokeOpacity: 0.3,
        }),
        Plot.line(means, { x: 'm', y: 'error', stroke: 'logits', strokeWidth: 2, marker: 'circle' }),
        Plot.text(
          means.filter((r) => r.m === last),
          {
            x: 'm',
            y: 'error',
            text: (r: { logits: typeof CORRECTED | typeof RAW }) => label[r.logits],
            fill: 'logits',
            dx: 8,
            textAnchor: 'start',
            fontSize: 12,
          },
        ),
      ],
    };
  },
});
