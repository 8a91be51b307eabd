import * as Plot from '@observablehq/plot';
import {
  dynamicRouting,
  gaussianLogits,
  ownClusterShare,
  twoClusterHistory,
} from '../../content/snippets/recall/multi-interest.ts';
import { mulberry32 } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Two clusters of six behaviours each, around 20 and 110 degrees in the plane, routed to K = 2
// interests with S = I and initial logits drawn from N(0, 1). For each behaviour length and number
// of iterations r, the share is averaged over SEEDS histories and initialisations: enough that the
// digits the caption prints (one after three iterations, two after eight) do not move with the seeds.
const SEEDS = 4000;
const LENGTHS = [1, 2, 4] as const;
const ITERATIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/**
 * Mean own-cluster share after each of r = 1 ... 8 iterations (one run of 8 records every
 * iteration), over `seeds` toy histories with seeds seedBase + 1 ... and initial logits with seeds
 * seedBase + 1000 + 1 ...
 */
export function meanShares(length: number, seeds: number, seedBase = 0): number[] {
  const total = ITERATIONS.map(() => 0);
  for (let s = 1; s <= seeds; s++) {
    const { behaviours, labels } = twoClusterHistory(mulberry32(seedBase + s), 6, length);
    const initLogits = gaussianLogits(behaviours.length, 2, 1, mulberry32(seedBase + 1000 + s));
    const { trace } = dynamicRouting(behaviours, { initLogits, iterations: ITERATIONS.length });
    trace.forEach((weights, t) => (total[t]! += ownClusterShare(weights, labels) / seeds));
  }
  return total;
}

const rows = LENGTHS.flatMap((length) => {
  const shares = meanShares(length, SEEDS);
  return ITERATIONS.map((r, t) => ({ length, r, share: shares[t]! }));
});
const at = (length: number, r: number) => rows.find((x) => x.length === length && x.r === r)!.share;
const f1 = (x: number) => x.toFixed(1);
const f = (x: number) => x.toFixed(2);

/** The plotted averages, for the tests. */
export const SUMMARY = { seeds: SEEDS, rows };

const LABELS = {
  en: { x: 'routing iterations r', y: 'own-cluster routing weight', name: (l: number) => `|e| = ${l}` },
  zh: { x: '路由迭代次数 r', y: '行为分到本簇兴趣的权重', name: (l: number) => `|e| = ${l}` },
};

export default defineFigure({
  caption: {
    en: `Dynamic routing on a two-cluster toy: 12 behaviours around two directions 90° apart, K = 2 interests, S = I, initial logits from N(0, 1); the mean weight a behaviour puts on the interest of its own cluster (0.5 is no separation), averaged over ${SEEDS.toLocaleString('en-US')} seeds. With three iterations, as in Sabour et al. and the released ComiRec code, unit-length behaviours reach only about ${f1(at(1, 3))}, length 2 ${f1(at(2, 3))} and length 4 ${f1(at(4, 3))}; after eight iterations the three reach ${f(at(1, 8))}, ${f(at(2, 8))} and ${f(at(4, 8))}. A logit grows by at most |S e| per iteration, so the scale of the mapped behaviours sets how fast routing leaves its random start.`,
    zh: `两簇玩具数据上的动态路由：12 个行为分布在夹角 90° 的两个方向附近，K = 2 个兴趣，S = I，初始 logit 取自 N(0, 1)；纵轴是一个行为分到本簇兴趣上的平均权重（0.5 表示没有分开），对 ${SEEDS.toLocaleString('zh-CN')} 个种子取平均。迭代三次（Sabour 等人和公开的 ComiRec 代码都用三次）时，单位长度的行为只达到约 ${f1(at(1, 3))}，长度 2 达到 ${f1(at(2, 3))}，长度 4 达到 ${f1(at(4, 3))}；迭代八次后三者分别达到 ${f(at(1, 8))}、${f(at(2, 8))} 和 ${f(at(4, 8))}。每次迭代一个 logit 最多增长 |S e|，所以映射后行为的尺度决定了路由离开随机起点的速度。`,
  },
  alt: {
    en: `Three rising lines of the own-cluster routing weight against iterations 1 to 8. All start near 0.5 at one iteration. The line for behaviours of length 4 rises fastest (${f1(at(4, 3))} at three iterations, ${f(at(4, 8))} at eight), length 2 is in the middle (${f1(at(2, 3))}, then ${f(at(2, 8))}), and unit length rises slowest (${f1(at(1, 3))}, then ${f(at(1, 8))}).`,
    zh: `三条随迭代次数（1 到 8）上升的折线，纵轴是分到本簇兴趣的路由权重。迭代一次时三条线都在 0.5 附近。长度为 4 的行为上升最快（三次迭代 ${f1(at(4, 3))}，八次 ${f(at(4, 8))}），长度 2 居中（${f1(at(2, 3))}，然后 ${f(at(2, 8))}），单位长度上升最慢（${f1(at(1, 3))}，然后 ${f(at(1, 8))}）。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const data = rows.map((x) => ({ ...x, name: label.name(x.length) }));
    const names = LENGTHS.map(label.name);
    const ends = data.filter((x) => x.r === 8);
    return {
      width: 640,
      height: 320,
      marginLeft: 60,
      marginRight: 70,
      x: { label: label.x, ticks: ITERATIONS.length, tickFormat: 'd', grid: true },
      y: { label: label.y, domain: [0.45, 1], grid: true },
      color: { domain: names, range: [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] },
      marks: [
        Plot.ruleY([0.5], { strokeDasharray: '4 3', strokeOpacity: 0.6 }),
        Plot.line(data, { x: 'r', y: 'share', stroke: 'name', strokeWidth: 2 }),
        Plot.dot(data, { x: 'r', y: 'share', fill: 'name', r: 3 }),
        Plot.text(ends, { x: 'r', y: 'share', text: 'name', fill: 'name', textAnchor: 'start', dx: 8, fontSize: 12 }),
      ],
    };
  },
});
