import * as Plot from '@observablehq/plot';
import {
  EXAMPLE_CHOICE,
  EXAMPLE_WORLD,
  badModel,
  directMethod,
  doublyRobust,
  estimatorMoments,
  exampleLogging,
  exampleTarget,
  goodModel,
  ips,
  replay,
  simulateLog,
  snips,
} from '../../content/snippets/evaluation/ope.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * Each estimator of the new policy's value on logs of 1000 events from the old policy: the dots
 * are 50 simulated logs (10 from each of the seeds 1 to 5), the bars the exact mean plus and
 * minus one standard deviation computed from the world by estimatorMoments.
 */
const N = 1000;
const SEEDS = [1, 2, 3, 4, 5];
const LOGS_PER_SEED = 10;
const KEYS = ['replay', 'ips', 'snips', 'dmGood', 'drGood', 'dmBad', 'drBad'] as const;
type Key = (typeof KEYS)[number];

const good = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, goodModel, N);
const bad = estimatorMoments(EXAMPLE_WORLD, exampleLogging, exampleTarget, badModel, N);
const exact: Record<Key, { mean: number; sd: number }> = {
  replay: good.replay,
  ips: good.ips,
  snips: good.snips,
  dmGood: good.directMethod,
  drGood: good.doublyRobust,
  dmBad: bad.directMethod,
  drBad: bad.doublyRobust,
};
const truth = good.truth.mean;

const dots: { key: Key; value: number; jitter: number }[] = [];
for (const seed of SEEDS) {
  const rng = mulberry32(seed);
  for (let r = 0; r < LOGS_PER_SEED; r++) {
    const log = simulateLog(rng, EXAMPLE_WORLD, exampleLogging, N);
    const values: Record<Key, number> = {
      replay: replay(log, (x) => EXAMPLE_CHOICE[x]!).value,
      ips: ips(log, exampleTarget),
      snips: snips(log, exampleTarget),
      dmGood: directMethod(log, exampleTarget, goodModel),
      drGood: doublyRobust(log, exampleTarget, goodModel),
      dmBad: directMethod(log, exampleTarget, badModel),
      drBad: doublyRobust(log, exampleTarget, badModel),
    };
    // a fixed vertical spread within each row, so the dots do not sit on one line
    const jitter = ((r * 7 + seed * 3) % 11) / 10 - 0.5;
    for (const key of KEYS) dots.push({ key, value: values[key], jitter });
  }
}

const LABELS = {
  en: {
    x: 'Estimated value of the new policy →',
    names: {
      replay: 'Replay',
      ips: 'IPS',
      snips: 'SNIPS',
      dmGood: 'DM, decent model',
      drGood: 'DR, decent model',
      dmBad: 'DM, poor model',
      drBad: 'DR, poor model',
    } satisfies Record<Key, string>,
    truth: 'true value',
  },
  zh: {
    x: '对新策略价值的估计 →',
    names: {
      replay: 'Replay',
      ips: 'IPS',
      snips: 'SNIPS',
      dmGood: 'DM，较好的模型',
      drGood: 'DR，较好的模型',
      dmBad: 'DM，较差的模型',
      drBad: 'DR，较差的模型',
    } satisfies Record<Key, string>,
    truth: '真实值',
  },
};

const f3 = (v: number) => v.toFixed(3);
const f2 = (v: number) => v.toFixed(2);

export default defineFigure({
  caption: {
    en: `Seven ways to estimate, from logs of ${N.toLocaleString('en-US')} events of the old policy, what the new policy would earn (true value ${f2(truth)}, dashed line). Dots: ${SEEDS.length * LOGS_PER_SEED} simulated logs (${LOGS_PER_SEED} from each of seeds ${SEEDS[0]}–${SEEDS[SEEDS.length - 1]}); bars: the exact mean ± one standard deviation. IPS is unbiased but the widest (SD ${f3(exact.ips.sd)}); SNIPS (${f3(exact.snips.sd)}) and DR with a decent model (${f3(exact.drGood.sd)}) are narrower; DR stays centred on the truth even with a poor model (SD ${f3(exact.drBad.sd)}). The direct method hardly varies but sits where its model puts it (${f3(exact.dmGood.mean)} and ${f3(exact.dmBad.mean)}), and replay converges to ${f3(exact.replay.mean)} because the old policy was not uniformly random.`,
    zh: `用旧策略的 ${N.toLocaleString('zh-CN')} 条日志估计新策略收益的七种做法（真实值 ${f2(truth)}，虚线）。点：${SEEDS.length * LOGS_PER_SEED} 份模拟日志（种子 ${SEEDS[0]}–${SEEDS[SEEDS.length - 1]} 各 ${LOGS_PER_SEED} 份）；横条：精确的均值 ± 一个标准差。IPS 无偏但最宽（标准差 ${f3(exact.ips.sd)}）；SNIPS（${f3(exact.snips.sd)}）和配较好模型的 DR（${f3(exact.drGood.sd)}）更窄；即使模型较差，DR 仍以真实值为中心（标准差 ${f3(exact.drBad.sd)}）。直接法（DM）几乎不波动，但落在模型给出的位置（${f3(exact.dmGood.mean)} 和 ${f3(exact.dmBad.mean)}）；由于旧策略不是均匀随机的，replay 收敛到 ${f3(exact.replay.mean)}。`,
  },
  alt: {
    en: `Seven horizontal rows of dots with error bars against a dashed vertical line at ${f2(truth)}. IPS, SNIPS and both DR rows are centred on the line, IPS the widest. Replay is centred a little to the left, at ${f3(exact.replay.mean)}. The two direct-method rows are narrow and off the line, at ${f3(exact.dmGood.mean)} and far left at ${f3(exact.dmBad.mean)}.`,
    zh: `七行水平排列的点和误差条，背景是位于 ${f2(truth)} 的竖直虚线。IPS、SNIPS 和两行 DR 都以虚线为中心，IPS 最宽。Replay 的中心略偏左，在 ${f3(exact.replay.mean)}。两行直接法很窄且偏离虚线，分别在 ${f3(exact.dmGood.mean)} 和远在左侧的 ${f3(exact.dmBad.mean)}。`,
  },
  plot: (lang) => {
    const L = LABELS[lang];
    // rows are numbered top to bottom; the axis writes each row's name at its number
    const row = (k: Key) => KEYS.indexOf(k);
    const points = dots.map((d) => ({ value: d.value, y: row(d.key) + d.jitter * 0.5 }));
    const bars = KEYS.map((k) => ({
      y: row(k),
      lo: exact[k].mean - exact[k].sd,
      hi: exact[k].mean + exact[k].sd,
      mean: exact[k].mean,
    }));
    return {
      width: 640,
      height: 340,
      marginLeft: 130,
      marginTop: 24,
      x: { label: L.x, domain: [0.15, 0.55], grid: true },
      y: {
        label: null,
        domain: [KEYS.length - 0.5, -0.5],
        ticks: KEYS.map((_, i) => i),
        tickFormat: (i: number) => L.names[KEYS[i]!],
        tickSize: 0,
      },
      marks: [
        Plot.ruleX([truth], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.7 }),
        Plot.dot(points, { x: 'value', y: 'y', r: 2, fill: FIG_COLORS[0], fillOpacity: 0.45 }),
        Plot.ruleY(bars, { y: 'y', x1: 'lo', x2: 'hi', stroke: FIG_COLORS[1], strokeWidth: 3 }),
        Plot.dot(bars, { x: 'mean', y: 'y', r: 4.5, fill: FIG_COLORS[1] }),
        Plot.text([{ x: truth }], {
          x: 'x',
          frameAnchor: 'top',
          text: () => L.truth,
          dy: -14,
          dx: 4,
          textAnchor: 'start',
          fontSize: 12,
        }),
      ],
    };
  },
});
