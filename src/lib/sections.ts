/**
 * The sections of the site, in reading order, with their names in each language. This is the one
 * place that names them: the content schema, the sidebar, prev/next links, the home page and the
 * search filter all read it. A section without notes is left out of the navigation.
 */
import type { Lang } from '../i18n/langs.ts';

export interface Section {
  id: string;
  title: Record<Lang, string>;
  blurb: Record<Lang, string>;
}

export const SECTIONS = [
  {
    id: 'foundations',
    title: { en: 'Foundations', zh: '基础' },
    blurb: {
      en: 'Features, preprocessing and hashing: what every model is fed.',
      zh: '特征、预处理与哈希：每个模型吃进去的东西。',
    },
  },
  {
    id: 'recall',
    title: { en: 'Recall', zh: '召回' },
    blurb: {
      en: 'Candidate generation and embeddings: from millions of items to a few thousand.',
      zh: '候选生成与嵌入：从百万物品中选出几千个候选。',
    },
  },
  {
    id: 'ranking',
    title: { en: 'Ranking', zh: '排序' },
    blurb: {
      en: 'Click-through models, feature crossing, multi-task learning and re-ranking.',
      zh: '点击率预估、特征交叉、多目标学习与重排。',
    },
  },
  {
    id: 'sequential',
    title: { en: 'Sequential and generative', zh: '序列与生成式推荐' },
    blurb: {
      en: 'Next-item prediction from behaviour sequences, semantic IDs and generative recommenders.',
      zh: '基于行为序列的下一物品预测、语义 ID 与生成式推荐。',
    },
  },
  {
    id: 'evaluation',
    title: { en: 'Evaluation', zh: '评估' },
    blurb: {
      en: 'Offline metrics, A/B tests, and why offline gains do not always reach users.',
      zh: '离线指标、A/B 实验，以及离线提升为何不一定带来线上收益。',
    },
  },
  {
    id: 'training',
    title: { en: 'Training practice', zh: '训练实践' },
    blurb: {
      en: 'Online learning, distillation, regularisation, schedules and debugging.',
      zh: '在线学习、蒸馏、正则化、学习率调度与调试。',
    },
  },
  {
    id: 'deep-learning',
    title: { en: 'Deep-learning fundamentals', zh: '深度学习基础' },
    blurb: {
      en: 'Optimizers, losses, activations, normalisation and the architectures behind the models.',
      zh: '优化器、损失函数、激活函数、归一化，以及模型背后的网络结构。',
    },
  },
  {
    id: 'bandits',
    title: { en: 'Bandits and cold start', zh: '探索利用与冷启动' },
    blurb: {
      en: 'Explore and exploit: how new items earn their exposure.',
      zh: '探索与利用：新物品如何赢得曝光。',
    },
  },
] as const satisfies readonly Section[];

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SECTION_IDS = SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]];

/** The section with this id; throws so a typo in a caller is caught at build time. */
export function sectionById(id: string): Section {
  const found = SECTIONS.find((s) => s.id === id);
  if (!found) throw new Error(`Unknown section "${id}". Known: ${SECTION_IDS.join(', ')}`);
  return found;
}
