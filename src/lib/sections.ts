/**
 * The sections of the site, in reading order. This is the one place that names them: the
 * content schema, the sidebar, prev/next links, the home page and the search filter all read it.
 */
export const SECTIONS = [
  {
    id: 'foundations',
    title: 'Foundations',
    zh: '基础',
    blurb: 'Features, preprocessing and hashing: what every model is fed.',
  },
  {
    id: 'recall',
    title: 'Recall',
    zh: '召回',
    blurb: 'Candidate generation and embeddings: from millions of items to a few thousand.',
  },
  {
    id: 'ranking',
    title: 'Ranking',
    zh: '排序',
    blurb: 'Click-through models, feature crossing, multi-task learning and re-ranking.',
  },
  {
    id: 'evaluation',
    title: 'Evaluation',
    zh: '评估',
    blurb: 'Offline metrics, A/B tests, and why offline gains do not always reach users.',
  },
  {
    id: 'training',
    title: 'Training practice',
    zh: '训练实践',
    blurb: 'Online learning, distillation, regularisation, schedules and debugging.',
  },
  {
    id: 'deep-learning',
    title: 'Deep-learning fundamentals',
    zh: '深度学习基础',
    blurb: 'Optimizers, losses, activations, normalisation and the architectures behind the models.',
  },
  {
    id: 'bandits',
    title: 'Bandits and cold start',
    zh: '探索与冷启动',
    blurb: 'Explore and exploit: how new items earn their exposure.',
  },
] as const;

export type Section = (typeof SECTIONS)[number];
export type SectionId = Section['id'];

export const SECTION_IDS = SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]];

/** The section with this id; throws so a typo in a caller is caught at build time. */
export function sectionById(id: string): Section {
  const found = SECTIONS.find((s) => s.id === id);
  if (!found) throw new Error(`Unknown section "${id}". Known: ${SECTION_IDS.join(', ')}`);
  return found;
}
