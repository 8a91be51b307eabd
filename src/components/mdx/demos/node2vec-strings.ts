/** The node2vec demo's words in each language (the type is the English one: a missing key fails the check). */
import type { Lang } from '../../../i18n/langs.ts';

const en = {
  title: 'Try it: bias a walk with p and q',
  p: 'Return parameter p',
  q: 'In-out parameter q',
  seed: 'Seed',
  /** What a screen reader says for a slider's position (the slider itself moves log2 of the value). */
  valueText: '{name} = {value}',
  caption: 'Next step after {t} → {v}, p = {p}, q = {q}',
  candidate: 'Candidate x',
  distance: 'Distance d(t, x)',
  weight: 'Weight',
  bias: 'Bias α',
  probability: 'Probability',
  kinds: ['back to t', 'sideways', 'outward'],
  /** How a share of one kind of step reads in the summary. */
  kindShare: '{kind} {share}',
  listSeparator: ', ',
  summary: '{pq}: {shares}; on average a {length}-node walk visits {distinct} distinct nodes.',
  pq: 'p = {p}, q = {q}',
  walk: 'A sampled walk from {t}: {walk}',
  graphTitle: 'The graph: the step t → v just taken, the next-step probabilities and one sampled walk',
  graphAlt:
    "Graph of two five-node communities joined by edge 4-5. The walk came from node {t} to node {v}; the next-step probabilities to node {v}'s neighbours are {probs}.",
  legendStep: 'the step just taken (t → v)',
  legendProbs: 'next-step probabilities',
  legendWalk: 'one sampled walk',
  movesTitle: 'Share of steps of each kind over {walks} walks of {length} nodes',
  movesAxis: 'share of steps',
  range: '{name} must be between {lo} and {hi} (log2 {name} from {min} to {max}).',
  seedRange: 'The seed must be a whole number from 1 to 4294967295.',
};

export type Node2vecStrings = typeof en;

export const NODE2VEC_STRINGS: Record<Lang, Node2vecStrings> = {
  en,
  zh: {
    title: '动手试试：用 p 和 q 调整游走的偏好',
    p: '返回参数 p',
    q: '进出参数 q',
    seed: '随机种子',
    valueText: '{name} = {value}',
    caption: '走过 {t} → {v} 之后的下一步，p = {p}，q = {q}',
    candidate: '候选节点 x',
    distance: '距离 d(t, x)',
    weight: '边权重',
    bias: '偏置 α',
    probability: '概率',
    kinds: ['回到 t', '横向', '向外'],
    kindShare: '{kind} {share}',
    listSeparator: '，',
    summary: '{pq}：{shares}；每条 {length} 节点的游走平均访问 {distinct} 个不同节点。',
    pq: 'p = {p}，q = {q}',
    walk: '从 {t} 出发采样的一条游走：{walk}',
    graphTitle: '示例图：刚走过的一步 t → v、下一步的概率和一条采样的游走',
    graphAlt:
      '由边 4-5 连接的两个五节点社群组成的图。游走从节点 {t} 走到节点 {v}；走向节点 {v} 各邻居的下一步概率为 {probs}。',
    legendStep: '刚走过的一步（t → v）',
    legendProbs: '下一步的概率',
    legendWalk: '一条采样的游走',
    movesTitle: '{walks} 条 {length} 节点的游走中各类步的占比',
    movesAxis: '步数占比',
    range: '{name} 须在 {lo} 到 {hi} 之间（log2 {name} 取 {min} 到 {max}）。',
    seedRange: '随机种子须为 1 到 4294967295 之间的整数。',
  },
};
