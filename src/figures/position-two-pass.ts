import * as Plot from '@observablehq/plot';
import {
  scoreAtFixedPosition,
  sigmoid,
  twoPassScore,
  wideSidePositionModel,
} from '../../content/snippets/ranking/position-bias.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Seeded requests, each ranking 8 candidates whose relevance logits are N(-2, 1). The true click
 * model is the position model itself (a per-slot log-odds bias), and clicks are drawn at the slot
 * each item is shown in. Per slot we average: the fixed-position prediction, the two-pass
 * prediction, and the observed click rate. 40 000 requests put the standard error of the
 * observed rate in the last slot near 0.04 percentage points; the caption states it.
 */
const SLOT_BIAS = [0, -0.5, -0.8, -1.0, -1.2, -1.35, -1.5, -1.6];
const SLOTS = SLOT_BIAS.length;
const REQUESTS = 40_000;
const SEED = 99;
const rng = mulberry32(SEED);

const sums = Array.from({ length: SLOTS }, () => ({ fixed: 0, twoPass: 0, clicks: 0 }));
for (let r = 0; r < REQUESTS; r++) {
  const rel = Array.from({ length: SLOTS }, () => normal(rng) - 2);
  const model = wideSidePositionModel<number>((i) => rel[i]!, SLOT_BIAS);
  const items = rel.map((_, i) => i);
  const fixed = scoreAtFixedPosition(items, model);
  const two = twoPassScore(items, model);
  two.forEach((row, k) => {
    const s = sums[k]!;
    s.fixed += fixed[k]!.score;
    s.twoPass += row.score;
    if (rng() < sigmoid(model(row.item, row.position))) s.clicks++;
  });
}

const series = [
  { name: 'fixed position 1', key: 'fixed' as const, color: FIG_COLORS[1] },
  { name: 'two-pass', key: 'twoPass' as const, color: FIG_COLORS[0] },
  { name: 'observed', key: 'clicks' as const, color: FIG_COLORS[2] },
];
const rows = series.flatMap((s) => sums.map((v, k) => ({ series: s.name, slot: k + 1, ctr: v[s.key] / REQUESTS })));
const last = (name: string) => rows.filter((r) => r.series === name).at(-1)!.ctr;
const lastObserved = last('observed');
const lastSe = Math.sqrt((lastObserved * (1 - lastObserved)) / REQUESTS);
const pct = (x: number): string => (100 * x).toFixed(1);

/** Axis labels and curve names in each language (in the order of `series`); the numbers are the same in both. */
const LABELS = {
  en: { x: 'Slot →', y: '↑ Mean CTR in slot', names: series.map((s) => s.name) },
  zh: { x: '位置 →', y: '↑ 该位置的平均 CTR', names: ['固定在第 1 位', '两阶段', '实际'] },
};

export default defineFigure({
  caption: {
    en: `Mean predicted and observed CTR per slot over ${REQUESTS.toLocaleString('en')} simulated requests of ${SLOTS} items (seed ${SEED}). Scoring every item as if it sat in slot 1 keeps the right order but predicts ${pct(last('fixed position 1'))} % for slot ${SLOTS}, where users click ${(100 * lastObserved).toFixed(2)} ± ${(200 * lastSe).toFixed(2)} % (two standard errors). Rescoring each item at its estimated slot (two-pass) predicts ${pct(last('two-pass'))} %, and tracks the observed rate in every slot: here by construction, since the clicks are simulated from the same model, and in production only as far as the learned slot biases are right.`,
    zh: `${REQUESTS.toLocaleString('zh-CN')} 次模拟请求（每次 ${SLOTS} 个物品，种子 ${SEED}）中，各位置的平均预估 CTR 与实际 CTR。把每个物品都当作放在第 1 位来打分，顺序是对的，但对第 ${SLOTS} 位预估 ${pct(last('fixed position 1'))} %，而用户在这个位置的点击率是 ${(100 * lastObserved).toFixed(2)} ± ${(200 * lastSe).toFixed(2)} %（两倍标准误）。在每个物品的估计位置上重新打分（两阶段）预估 ${pct(last('two-pass'))} %，并在每个位置上都跟住了实际点击率：这里是构造使然，因为点击就是从同一个模型模拟出来的；在线上，只有学到的位置偏置准确到什么程度，它才能跟到什么程度。`,
  },
  alt: {
    en: `Three curves over slots 1 to ${SLOTS}. The fixed-position prediction falls slowly and ends at ${pct(last('fixed position 1'))} %; the two-pass prediction and the observed click rate fall together to about ${pct(last('two-pass'))} %.`,
    zh: `位置 1 到 ${SLOTS} 上的三条曲线。固定位置的预估下降缓慢，最后为 ${pct(last('fixed position 1'))} %；两阶段预估与实际点击率一同下降到约 ${pct(last('two-pass'))} %。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const nameOf = (s: string): string => label.names[series.findIndex((x) => x.name === s)]!;
    const named = rows.map((r) => ({ ...r, series: nameOf(r.series) }));
    const observed = nameOf('observed');
    return {
      width: 600,
      height: 320,
      x: { label: label.x, ticks: SLOT_BIAS.map((_, k) => k + 1), tickFormat: 'd' },
      y: { label: label.y, grid: true, tickFormat: '.0%', zero: true },
      color: { domain: label.names, range: series.map((s) => s.color) },
      marks: [
        Plot.line(
          named.filter((r) => r.series !== observed),
          { x: 'slot', y: 'ctr', stroke: 'series', strokeWidth: 2.2 },
        ),
        Plot.line(
          named.filter((r) => r.series === observed),
          { x: 'slot', y: 'ctr', stroke: 'series', strokeWidth: 2.2, strokeDasharray: '5 4' },
        ),
        Plot.dot(named, { x: 'slot', y: 'ctr', fill: 'series', r: 3 }),
        // Labels next to a chosen slot per curve; "observed" goes left of slot 2, clear of "two-pass".
        ...label.names.map((name, i) =>
          Plot.text(
            named.filter((r) => r.series === name && r.slot === [3, 3, 2][i]),
            {
              x: 'slot',
              y: 'ctr',
              text: 'series',
              fill: 'series',
              textAnchor: i === 2 ? 'end' : 'start',
              dx: i === 2 ? -8 : 8,
              dy: i === 2 ? 4 : -12,
              fontSize: 12,
            },
          ),
        ),
      ],
    };
  },
});
