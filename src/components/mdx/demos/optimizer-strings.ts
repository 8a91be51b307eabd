/** The optimizer demo's words in each language (the type is the English one: a missing key fails the check). */
import type { Lang } from '../../../i18n/langs.ts';

const en = {
  title: 'Try it: one learning rate, five optimisers',
  bowl: 'The bowl is f(x, y) = (x² + {kappa}y²)/2. Gradient descent is stable only for a learning rate below 2/{kappa} = {limit}; the adaptive methods tolerate far larger rates.',
  lr: 'Learning rate',
  /** What a screen reader says for the slider's position (the slider itself moves log10 of the rate). */
  lrValueText: 'learning rate {lr}',
  steps: 'Steps',
  caption: 'Learning rate {lr} for all five (the slider is on a log scale); loss at the start {start}',
  optimizer: 'Optimizer',
  lossAfter: 'Loss after {n} steps',
  verdict: 'Verdict',
  overMillion: 'over 1e6',
  verdicts: {
    diverged: 'diverged',
    converged: 'converged',
    'on its way': 'on its way',
    'barely moved': 'barely moved',
  },
  names: { SGD: 'SGD', Momentum: 'Momentum', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
  pathTitle: 'Paths on f(x, y) = (x² + {kappa}y²)/2 from (−4.5, 1.8) with learning rate {lr}',
  lossTitle: 'log10 of the loss over {n} steps, clipped to [{lo}, {hi}]',
  stepAxis: 'step',
  lossAxis: 'log10 loss',
  lrNotDecimal: 'The learning-rate slider value must be a plain decimal number, got {value}.',
  lrRange: 'The learning rate must be between {lo} and {hi} (the slider moves it on a log scale).',
  stepsNotDecimal: 'The number of steps must be a plain decimal number, got {value}.',
  stepsRange: 'The number of steps must be a whole number from 1 to {max}, got {value}.',
};

export type OptimizerStrings = typeof en;

export const OPTIMIZER_STRINGS: Record<Lang, OptimizerStrings> = {
  en,
  zh: {
    title: '动手试试：五种优化器共用一个学习率',
    bowl: '碗形函数为 f(x, y) = (x² + {kappa}y²)/2。梯度下降只在学习率低于 2/{kappa} = {limit} 时稳定；自适应方法能承受大得多的学习率。',
    lr: '学习率',
    lrValueText: '学习率 {lr}',
    steps: '步数',
    caption: '五种优化器共用学习率 {lr}（滑块为对数刻度）；初始损失 {start}',
    optimizer: '优化器',
    lossAfter: '{n} 步后的损失',
    verdict: '结果',
    overMillion: '超过 1e6',
    verdicts: { diverged: '发散', converged: '收敛', 'on its way': '正在收敛', 'barely moved': '几乎没动' },
    names: { SGD: 'SGD', Momentum: '动量', AdaGrad: 'AdaGrad', RMSProp: 'RMSProp', Adam: 'Adam' },
    pathTitle: '学习率 {lr} 时，各优化器在 f(x, y) = (x² + {kappa}y²)/2 上从 (−4.5, 1.8) 出发的路径',
    lossTitle: '{n} 步内损失的 log10，截断到 [{lo}, {hi}]',
    stepAxis: '步',
    lossAxis: 'log10 损失',
    lrNotDecimal: '学习率滑块的值须为普通十进制数，当前为 {value}。',
    lrRange: '学习率须在 {lo} 到 {hi} 之间（滑块按对数刻度调节）。',
    stepsNotDecimal: '步数须为普通十进制数，当前为 {value}。',
    stepsRange: '步数须为 1 到 {max} 之间的整数，当前为 {value}。',
  },
};
