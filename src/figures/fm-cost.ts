import * as Plot from '@observablehq/plot';
import {
  fastMults,
  naiveMults,
  pairwiseFast,
  pairwiseNaive,
  type OpCounter,
} from '../../content/snippets/ranking/fm.ts';
import { mulberry32, normal } from '../../content/snippets/shared/random.ts';
import { defineFigure, FIG_COLORS } from '../lib/figure.ts';

// Count, do not time: each point runs both instrumented implementations on seeded random input
// and records how many multiplications they performed, so the chart is identical on every build.
const K = 8;
const SIZES = [2, 5, 10, 20, 40, 60, 80, 100, 150, 200, 300, 400];

type Method = 'naive' | 'fast';

interface Row {
  n: number;
  mults: number;
  method: Method;
}

/** Axis labels and series names in each language; the numbers are the same in both. */
const LABELS = {
  en: {
    x: 'number of features n →',
    y: '↑ multiplications',
    method: { naive: 'pair by pair, O(kn²)', fast: 'sum-of-squares identity, O(kn)' },
  },
  zh: {
    x: '特征数 n →',
    y: '↑ 乘法次数',
    method: { naive: '逐对计算，O(kn²)', fast: '平方和恒等式，O(kn)' },
  },
};

function measure(): Row[] {
  const rng = mulberry32(10);
  return SIZES.flatMap((n) => {
    const x = Array.from({ length: n }, () => normal(rng));
    const V = Array.from({ length: n }, () => Array.from({ length: K }, () => normal(rng)));
    const naive: OpCounter = { mults: 0 };
    const fast: OpCounter = { mults: 0 };
    pairwiseNaive(x, V, naive);
    pairwiseFast(x, V, fast);
    // The counts must equal the closed forms the tests prove; fail the build if they drift.
    if (naive.mults !== naiveMults(n, K) || fast.mults !== fastMults(n, K))
      throw new Error('fm-cost: counts disagree with formulas');
    return [
      { n, mults: naive.mults, method: 'naive' },
      { n, mults: fast.mults, method: 'fast' },
    ];
  });
}

const rows = measure();
const last = SIZES.at(-1)!;
const at = (n: number, i: 0 | 1) => rows.filter((r) => r.n === n)[i]!.mults;
/** Smallest n at which the identity does fewer multiplications than the pair loop. */
let crossover = 2;
while (naiveMults(crossover, K) <= fastMults(crossover, K)) crossover++;

const ratio = (at(last, 0) / at(last, 1)).toFixed(0);

export default defineFigure({
  caption: {
    en: `Multiplications performed by the two implementations of the FM pairwise term for k = ${K} factors, counted by the instrumented code on seeded inputs (operation counts, not wall-clock time, so the chart is the same on every machine). At n = ${last} features the pair-by-pair loop needs ${at(last, 0).toLocaleString('en')} multiplications and the identity ${at(last, 1).toLocaleString('en')}, ${ratio} times fewer. The identity wins from n = ${crossover} on; both axes are logarithmic, so the slopes 2 and 1 are the exponents of n.`,
    zh: `FM 二阶交叉项的两种实现在 k = ${K} 个隐因子下做的乘法次数，由带计数的代码在固定种子的输入上实际数出（数的是运算次数而非耗时，所以每台机器上画出的图都一样）。n = ${last} 个特征时，逐对循环需要 ${at(last, 0).toLocaleString('zh-CN')} 次乘法，恒等式只需 ${at(last, 1).toLocaleString('zh-CN')} 次，前者约为后者的 ${ratio} 倍。从 n = ${crossover} 起恒等式更省；两条坐标轴都是对数刻度，因此斜率 2 和 1 就是 n 的指数。`,
  },
  alt: {
    en: `Log-log chart of multiplication count against number of features n from 2 to ${last}. The naive line rises with slope 2, the fast line with slope 1; the pair loop is cheaper only below n = ${crossover} and ${ratio} times dearer at n = ${last}.`,
    zh: `双对数坐标图：乘法次数随特征数 n（2 到 ${last}）的变化。逐对计算的直线斜率为 2，快速算法的直线斜率为 1；只有在 n 小于 ${crossover} 时逐对循环更省，到 n = ${last} 时它的开销是快速算法的 ${ratio} 倍。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const named = rows.map((r) => ({ ...r, name: label.method[r.method] }));
    return {
      width: 600,
      height: 340,
      marginRight: 20,
      x: { type: 'log', label: label.x, grid: true, tickFormat: '~g' },
      y: { type: 'log', label: label.y, grid: true, tickFormat: '~s' },
      color: { domain: [label.method.naive, label.method.fast], range: [FIG_COLORS[1], FIG_COLORS[0]] },
      marks: [
        Plot.line(named, { x: 'n', y: 'mults', stroke: 'name', strokeWidth: 2 }),
        Plot.dot(named, { x: 'n', y: 'mults', fill: 'name', r: 3 }),
        Plot.text(
          named.filter((r) => r.n === 40),
          {
            x: 'n',
            y: 'mults',
            text: 'name',
            fill: 'name',
            dy: -14,
            textAnchor: 'end',
            fontSize: 12,
            fontWeight: 700,
          },
        ),
      ],
    };
  },
});
