import * as Plot from '@observablehq/plot';
import {
  softmaxAttentionPooling,
  targetAttentionPooling,
  type ActivationUnit,
} from '../../content/snippets/ranking/din.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

/**
 * The activation unit of the note's worked example (also the unit tests'): a behaviour equal to
 * the target scores 2.5, an unrelated one 1.0. A user has 4 unrelated behaviours and m that
 * match the target; we read the pooled interest along the target direction.
 */
const unit: ActivationUnit = {
  W1: [
    [0, 0, 0, 0, 0, 0, 1, 1],
    [0, 1, 0, 0, 0, 0, 0, 0],
  ],
  b1: [0, 0],
  w2: [2, 0.5],
  b2: 0.5,
};
const target = [1, 0];
type Pooling = 'din' | 'softmax';
const rows = Array.from({ length: 11 }, (_, m) => {
  const history = [...Array.from({ length: m }, () => [1, 0]), [0, 1], [0, 1], [0, 1], [0, 1]];
  return [
    { m, value: targetAttentionPooling(unit, history, target).pooled[0]!, pooling: 'din' as Pooling },
    { m, value: softmaxAttentionPooling(unit, history, target).pooled[0]!, pooling: 'softmax' as Pooling },
  ];
}).flat();
const din10 = rows.find((r) => r.m === 10 && r.pooling === 'din')!.value;
const sm1 = rows.find((r) => r.m === 1 && r.pooling === 'softmax')!.value;
const sm10 = rows.find((r) => r.m === 10 && r.pooling === 'softmax')!.value;

/** Axis labels and series names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'Behaviours matching the target (m) →',
    y: '↑ Pooled interest · target',
    pooling: { din: 'DIN (raw weights)', softmax: 'softmax-normalised' },
  },
  zh: {
    x: '与目标相关的行为数（m）→',
    y: '↑ 池化后的兴趣 · 目标',
    pooling: { din: 'DIN（原始权重）', softmax: 'softmax 归一化' },
  },
};

export default defineFigure({
  caption: {
    en: `Pooled interest along the target direction for a user with 4 unrelated behaviours and m behaviours matching the candidate. DIN's un-normalised sum grows linearly (${din10.toFixed(1)} at m = 10), so the model can tell a passing interest from a strong one; the softmax version saturates (${sm1.toFixed(2)} at m = 1, ${sm10.toFixed(2)} at m = 10) and can never exceed 1.`,
    zh: `某用户有 4 个无关行为和 m 个与候选物品相关的行为时，池化后的兴趣向量在目标方向上的分量。DIN 不做归一化的加权和随 m 线性增长（m = 10 时为 ${din10.toFixed(1)}），模型因此分得清一时兴起和浓厚兴趣；softmax 版本则很快饱和（m = 1 时为 ${sm1.toFixed(2)}，m = 10 时为 ${sm10.toFixed(2)}），永远不会超过 1。`,
  },
  alt: {
    en: `Two curves against m from 0 to 10. The DIN line rises straight from 0 to ${din10.toFixed(1)}. The softmax line jumps to ${sm1.toFixed(2)} at m = 1 and flattens just below 1.`,
    zh: `随 m 从 0 到 10 变化的两条曲线。DIN 的曲线是一条从 0 升到 ${din10.toFixed(1)} 的直线；softmax 的曲线在 m = 1 时跳到 ${sm1.toFixed(2)}，随后在略低于 1 的位置趋于平缓。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = rows.map((r) => ({ ...r, name: label.pooling[r.pooling] }));
    return {
      width: 640,
      height: 320,
      x: { label: label.x },
      y: { label: label.y, grid: true },
      color: { domain: [label.pooling.din, label.pooling.softmax], range: [FIG_COLORS[0], FIG_COLORS[1]] },
      marks: [
        Plot.line(named, { x: 'm', y: 'value', stroke: 'name', strokeWidth: 2.5 }),
        Plot.dot(named, { x: 'm', y: 'value', fill: 'name', r: 3 }),
        Plot.text(
          named.filter((r) => r.m === 10),
          { x: 'm', y: 'value', text: 'name', fill: 'name', textAnchor: 'end', dy: -10, fontSize: 12 },
        ),
        Plot.ruleY([0]),
      ],
    };
  },
});
