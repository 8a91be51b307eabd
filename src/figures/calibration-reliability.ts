import * as Plot from '@observablehq/plot';
import {
  applyIsotonic,
  applyPlatt,
  expectedCalibrationError,
  fitIsotonic,
  fitPlatt,
  logit,
  miscalibratedSample,
  reliabilityBins,
} from '../../content/snippets/ranking/calibration.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Fit both calibrators on one seeded sample, then judge them on a second, independent one, as a
 * production calibrator is fitted on yesterday's traffic and applied to today's. Five such
 * fit/test pairs (seeds 1 to 10): the chart pools the five test samples, and the caption gives
 * every number as its mean and standard deviation over the pairs, next to the ECE the true
 * click probabilities reach on the same samples (the floor that sampling noise sets).
 */
const N = 20_000;
const PAIRS = 5;
const MIN_BIN = 50;
const NAMES = ['raw model', 'Platt', 'isotonic', 'true probabilities'] as const;

/** Axis labels and the names of the calibrators in each language; the numbers are the same in both. */
const LABELS = {
  en: { x: 'Mean predicted CTR in bin →', y: '↑ Observed click rate in bin', names: NAMES },
  zh: { x: '分箱内平均预测 CTR →', y: '↑ 分箱内实际点击率', names: ['原始模型', 'Platt', '保序回归', '真实概率'] },
};

const runs = Array.from({ length: PAIRS }, (_, k) => {
  const fit = miscalibratedSample(mulberry32(2 * k + 1), N);
  const test = miscalibratedSample(mulberry32(2 * k + 2), N);
  const platt = fitPlatt(fit.preds.map(logit), fit.labels);
  const iso = fitIsotonic(fit.preds, fit.labels);
  const preds = [
    test.preds,
    test.preds.map((p) => applyPlatt(platt, logit(p))),
    test.preds.map((p) => applyIsotonic(iso, p)),
    test.truth,
  ];
  // The highest isotonic block: its value, and how many calibration impressions it rests on.
  const topStart = iso.thresholds.at(-1)!;
  return {
    platt,
    topValue: iso.values.at(-1)!,
    topSize: fit.preds.filter((p) => p >= topStart).length,
    labels: test.labels,
    preds,
    ece: preds.map((p) => expectedCalibrationError(p, test.labels)),
  };
});

const meanSd = (xs: readonly number[]): [number, number] => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1))];
};
const fmt = (xs: readonly number[], digits: number): string => {
  const [m, sd] = meanSd(xs);
  return `${m.toFixed(digits).replace(/^-/, '−')} ± ${sd.toFixed(digits)}`;
};

const allLabels = runs.flatMap((r) => r.labels);
// The chart shows the three calibrators; the true probabilities only enter the caption.
const variants = NAMES.slice(0, 3).map((name, v) => ({
  name,
  ece: fmt(
    runs.map((r) => r.ece[v]!),
    3,
  ),
  // Bins with a handful of impressions are pure noise on a chart; they still count in the ECE.
  bins: reliabilityBins(
    runs.flatMap((r) => r.preds[v]!),
    allLabels,
  )
    .filter((b) => b.count >= MIN_BIN)
    .map((b) => ({ ...b, variant: name })),
}));

const rows = variants.flatMap((v) => v.bins);
const [raw, afterPlatt, afterIso] = variants as [(typeof variants)[0], (typeof variants)[0], (typeof variants)[0]];
const floor = fmt(
  runs.map((r) => r.ece[3]!),
  3,
);
// Fits whose highest block predicts certainty: a rate of 1 from a handful of impressions, all clicked.
const certain = runs.filter((r) => r.topValue === 1);
if (certain.length === 0) throw new Error('calibration-reliability: no fit has a top block of 1; revise the caption');
const certainMax = Math.max(...certain.map((r) => r.topSize));
const a = fmt(
  runs.map((r) => r.platt.a),
  2,
);
const b = fmt(
  runs.map((r) => r.platt.b),
  2,
);

const eceList = (lang: keyof typeof LABELS, sep: string): string =>
  variants.map((v, i) => `${LABELS[lang].names[i]!} ${v.ece}`).join(sep);

export default defineFigure({
  caption: {
    en: `Reliability diagram on ${PAIRS} × ${N.toLocaleString('en')} held-out simulated impressions, 10 equal-width bins: each point is a bin's mean predicted CTR against its observed click rate, dot area proportional to the bin's size (bins under ${MIN_BIN} impressions are not drawn). The raw model is over-confident (too low at the bottom, too high at the top); Platt scaling (fitted a = ${a}, b = ${b}; the truth is 0.5 and −0.5) and isotonic regression (step-function convention), each fitted on a separate sample of ${N.toLocaleString('en')}, pull the points onto the diagonal. ECE, mean ± standard deviation over ${PAIRS} fit/test pairs (seeds 1 to ${2 * PAIRS}): ${eceList('en', ', ')}; the true click probabilities score ${floor} on the same test samples, so what is left after calibration is sampling noise. In ${certain.length} of the ${PAIRS} fits isotonic's highest block predicts a click rate of exactly 1, each time from at most ${certainMax} calibration impressions that happened to be all clicked, although no impression in this simulation is certain to be clicked: where a block rests on little data, isotonic regression follows the noise.`,
    zh: `在 ${PAIRS} × ${N.toLocaleString('zh-CN')} 条留出的模拟曝光上画出的可靠性图，10 个等宽分箱：每个点是一个分箱的平均预测 CTR 与它的实际点击率，点的面积正比于分箱的大小（不足 ${MIN_BIN} 条曝光的分箱不画）。原始模型过于自信（低端偏低，高端偏高）；Platt 校准（拟合得 a = ${a}，b = ${b}；真值是 0.5 和 −0.5）与保序回归（阶梯函数约定）各自在另一份 ${N.toLocaleString('zh-CN')} 条的样本上拟合，都把点拉回到对角线上。ECE 取 ${PAIRS} 组拟合/测试（种子 1 到 ${2 * PAIRS}）的均值 ± 标准差：${eceList('zh', '，')}；真实点击概率在同样的测试样本上得 ${floor}，所以校准之后剩下的是抽样噪声。${PAIRS} 次拟合中有 ${certain.length} 次，保序回归最高的那个块预测的点击率恰好是 1，每次所依据的都只是至多 ${certainMax} 条碰巧全被点击的校准曝光，而在这个模拟中没有哪条曝光是必然被点击的：块所依据的数据一少，保序回归就会跟着噪声走。`,
  },
  alt: {
    en: `Observed click rate against predicted click rate. The raw model's points form a line flatter than the diagonal, observed ${raw.bins[0]!.observedRate.toFixed(2)} where it predicts ${raw.bins[0]!.meanPredicted.toFixed(2)} and ${raw.bins.at(-1)!.observedRate.toFixed(2)} where it predicts ${raw.bins.at(-1)!.meanPredicted.toFixed(2)}. After Platt scaling (ECE ${afterPlatt.ece}) and isotonic regression (ECE ${afterIso.ece}) the points lie close to the diagonal, against ${raw.ece} before.`,
    zh: `实际点击率对预测点击率的图。原始模型的点连成一条比对角线平缓的线：预测 ${raw.bins[0]!.meanPredicted.toFixed(2)} 处实际为 ${raw.bins[0]!.observedRate.toFixed(2)}，预测 ${raw.bins.at(-1)!.meanPredicted.toFixed(2)} 处实际为 ${raw.bins.at(-1)!.observedRate.toFixed(2)}。经 Platt 校准（ECE ${afterPlatt.ece}）和保序回归（ECE ${afterIso.ece}）之后，点都落在对角线附近，校准前的 ECE 为 ${raw.ece}。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = rows.map((r) => ({ ...r, variant: label.names[NAMES.indexOf(r.variant)]! }));
    return {
      width: 560,
      height: 460,
      x: { label: label.x, domain: [0, 1] },
      y: { label: label.y, domain: [0, 1], grid: true },
      r: { range: [2, 9] },
      color: { domain: label.names.slice(0, 3), range: [FIG_COLORS[1], FIG_COLORS[0], FIG_COLORS[2]] },
      marks: [
        Plot.line(
          [
            [0, 0],
            [1, 1],
          ],
          { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.5 },
        ),
        Plot.line(named, { x: 'meanPredicted', y: 'observedRate', stroke: 'variant', strokeWidth: 2 }),
        Plot.dot(named, { x: 'meanPredicted', y: 'observedRate', fill: 'variant', r: 'count', stroke: 'var(--bg)' }),
        // Name each curve at its top bin instead of a legend (a legend would add HTML around the SVG);
        // Platt's label goes above its last point, the other two below theirs.
        ...variants.map((v, i) =>
          Plot.text([{ ...v.bins.at(-1)!, variant: label.names[i]! }], {
            x: 'meanPredicted',
            y: 'observedRate',
            text: 'variant',
            fill: 'variant',
            textAnchor: 'end',
            dx: -10,
            dy: i === 1 ? -8 : 14,
            fontSize: 12,
          }),
        ),
      ],
    };
  },
});
