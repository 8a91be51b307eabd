import { describe, expect, it } from 'vitest';
import {
  crossNoteProblems,
  glossary,
  navTree,
  prevNext,
  relatedNotes,
  sortNotes,
  termId,
  type NoteEntry,
} from '../../src/lib/notes.ts';
import type { NoteData } from '../../src/lib/schema.ts';

function note(slug: string, order: number, extra: Partial<NoteData> = {}): NoteEntry {
  const section = slug.split('/')[0] as NoteData['section'];
  return {
    slug,
    filePath: `content/notes/en/${slug}.mdx`,
    data: {
      title: slug,
      description: `About ${slug}.`,
      section,
      order,
      tags: ['t'],
      terms: [],
      sources: [],
      related: [],
      checks: [],
      ...extra,
    },
  };
}

const notes = [
  note('ranking/fm', 1),
  note('recall/b', 2, { related: ['ranking/fm'] }),
  note('recall/a', 1),
  note('bandits/ucb', 1),
];

describe('sortNotes and navTree', () => {
  it('orders by the section list, then by order', () => {
    expect(sortNotes(notes).map((n) => n.slug)).toEqual(['recall/a', 'recall/b', 'ranking/fm', 'bandits/ucb']);
  });
  it('builds the sidebar without empty sections', () => {
    expect(navTree(notes).map((s) => [s.id, s.notes.map((n) => n.slug)])).toEqual([
      ['recall', ['recall/a', 'recall/b']],
      ['ranking', ['ranking/fm']],
      ['bandits', ['bandits/ucb']],
    ]);
  });
  it('names the sections in the language asked for', () => {
    expect(navTree(notes, 'zh').map((s) => s.title)).toEqual(['召回', '排序', '探索利用与冷启动']);
    expect(navTree(notes, 'en')[0]!.title).toBe('Recall');
  });
});

describe('prevNext', () => {
  it('crosses section boundaries and stops at the ends', () => {
    expect(prevNext(notes, 'recall/b')).toMatchObject({ prev: { slug: 'recall/a' }, next: { slug: 'ranking/fm' } });
    expect(prevNext(notes, 'recall/a').prev).toBeUndefined();
    expect(prevNext(notes, 'bandits/ucb').next).toBeUndefined();
    expect(() => prevNext(notes, 'nope/x')).toThrow(/no note "nope\/x"/);
  });
});

describe('relatedNotes', () => {
  it('links both ways', () => {
    expect(relatedNotes(notes, 'recall/b').map((n) => n.slug)).toEqual(['ranking/fm']);
    expect(relatedNotes(notes, 'ranking/fm').map((n) => n.slug)).toEqual(['recall/b']);
    expect(relatedNotes(notes, 'recall/a')).toEqual([]);
  });
});

describe('crossNoteProblems', () => {
  it('reports every cross-file problem at the field it concerns', () => {
    const bad = [
      note('recall/a', 1, { related: ['recall/b', 'recall/missing'] }),
      note('recall/b', 1),
      { ...note('recall/c', 3), data: { ...note('recall/c', 3).data, section: 'ranking' as const } },
    ];
    expect(crossNoteProblems(bad)).toEqual([
      {
        filePath: 'content/notes/en/recall/a.mdx',
        path: ['related', 1],
        message: 'related note "recall/missing" does not exist',
      },
      {
        filePath: 'content/notes/en/recall/b.mdx',
        path: ['order'],
        message: 'order 1 is already used by content/notes/en/recall/a.mdx',
      },
      {
        filePath: 'content/notes/en/recall/c.mdx',
        path: ['section'],
        message: 'section "ranking" does not match its folder "recall"',
      },
    ]);
    expect(crossNoteProblems(notes)).toEqual([]);
  });

  it('rejects a check id used twice in one note', () => {
    const twice = note('recall/a', 1, {
      checks: [
        { id: 'why-x', q: 'Why x at all?', a: 'Because of y.' },
        { id: 'why-x', q: 'Why x again?', a: 'Because of z.' },
      ],
    });
    expect(crossNoteProblems([twice])).toEqual([
      {
        filePath: 'content/notes/en/recall/a.mdx',
        path: ['checks', 1, 'id'],
        message: 'check id "why-x" is used twice',
      },
    ]);
  });
});

describe('glossary', () => {
  it('merges terms by English name, keeps the first definition and lists every page', () => {
    const withTerms = [
      note('recall/a', 1, { terms: [{ en: 'Embedding', zh: '嵌入', definition: 'A dense vector for an id.' }] }),
      note('ranking/fm', 1, {
        terms: [
          { en: 'embedding', zh: '嵌入向量', definition: 'Another wording.' },
          { en: 'AUC', zh: '曲线下面积', definition: 'Area under the ROC curve.' },
        ],
      }),
    ];
    const g = glossary(withTerms);
    expect(g.map((e) => e.en)).toEqual(['AUC', 'Embedding']);
    expect(g[1]).toEqual({
      id: 'embedding',
      en: 'Embedding',
      zh: '嵌入',
      definition: 'A dense vector for an id.',
      pages: [
        { slug: 'recall/a', title: 'recall/a' },
        { slug: 'ranking/fm', title: 'ranking/fm' },
      ],
    });
  });
});

describe('the Chinese glossary', () => {
  it('gives the Chinese definition and sorts by pinyin', () => {
    const withTerms = [
      note('recall/a', 1, {
        terms: [
          { en: 'recall', zh: '召回', definition: 'Candidate generation.', definitionZh: '从全量物品中选出候选。' },
          { en: 'AUC', zh: '曲线下面积', definition: 'Area under the ROC curve.', definitionZh: 'ROC 曲线下的面积。' },
          { en: 'ranking', zh: '排序', definition: 'Ordering candidates.', definitionZh: '给候选打分排序。' },
        ],
      }),
    ];
    const g = glossary(withTerms, 'zh');
    // pái xù < qū xiàn < zhào huí
    expect(g.map((e) => e.zh)).toEqual(['排序', '曲线下面积', '召回']);
    expect(g[0]!.definition).toBe('给候选打分排序。');
    expect(g.map((e) => e.id)).toEqual(['ranking', 'auc', 'recall']);
  });
  it('anchors terms by their English name, the same in both languages', () => {
    expect(termId('Thompson sampling')).toBe('thompson-sampling');
    expect(termId('ε-greedy (epsilon)')).toBe('greedy-epsilon');
    expect(termId('log-sum-exp trick')).toBe('log-sum-exp-trick');
  });
});
