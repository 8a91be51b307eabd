import { describe, expect, it } from 'vitest';
import {
  cardId,
  emptyStore,
  exportStore,
  grade,
  isDue,
  isNew,
  mergeStores,
  noteOfCard,
  parseStore,
  preview,
  queueNote,
  reconcile,
  setRead,
  STORE_VERSION,
  summarize,
} from '../../../src/lib/study/store.ts';

const t0 = new Date('2026-03-01T09:00:00Z');
const day = 86_400_000;
const at = (days: number) => new Date(t0.getTime() + days * day);
const id = cardId('bandits/thompson-sampling', 'arm-has-beta-posterior');

describe('card ids', () => {
  it('are the note and the question id, the same in every language and at any position', () => {
    expect(id).toBe('bandits/thompson-sampling#arm-has-beta-posterior');
    expect(noteOfCard(id)).toBe('bandits/thompson-sampling');
  });
});

describe('scheduling (FSRS through ts-fsrs)', () => {
  it('brings a card back later the better it was answered', () => {
    const p = preview(emptyStore(), id, t0);
    expect(p.again.getTime()).toBeLessThan(p.hard.getTime());
    expect(p.hard.getTime()).toBeLessThanOrEqual(p.good.getTime());
    expect(p.good.getTime()).toBeLessThan(p.easy.getTime());
  });
  it('schedules a graded card: not due right after, due when its day comes', () => {
    expect(isNew(emptyStore(), id)).toBe(true);
    const s = grade(emptyStore(), id, 'easy', t0);
    expect(isNew(s, id)).toBe(false);
    expect(isDue(s, id, t0)).toBe(false);
    const due = new Date(s.cards[id]!.due);
    expect(due.getTime()).toBeGreaterThan(t0.getTime() + day);
    expect(isDue(s, id, due)).toBe(true);
  });
  it('spaces successful reviews further and further apart', () => {
    let s = emptyStore();
    let now = t0;
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      s = grade(s, id, 'good', now);
      const due = new Date(s.cards[id]!.due);
      gaps.push(due.getTime() - now.getTime());
      now = due;
    }
    for (let i = 2; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    expect(s.cards[id]!.reps).toBe(5);
  });
  it('counts a lapse when a learned card is forgotten', () => {
    let s = grade(emptyStore(), id, 'good', t0);
    s = grade(s, id, 'good', new Date(s.cards[id]!.due));
    s = grade(s, id, 'good', new Date(s.cards[id]!.due));
    const before = s.cards[id]!.lapses;
    s = grade(s, id, 'again', new Date(s.cards[id]!.due));
    expect(s.cards[id]!.lapses).toBe(before + 1);
  });
});

describe('progress', () => {
  it('sends a note’s questions to review now, keeping cards already learned', () => {
    const learned = grade(emptyStore(), cardId('recall/dssm', 'a'), 'easy', t0);
    const s = queueNote(learned, [cardId('recall/dssm', 'a'), cardId('recall/dssm', 'b')], at(1));
    expect(s.cards[cardId('recall/dssm', 'a')]).toEqual(learned.cards[cardId('recall/dssm', 'a')]);
    expect(isDue(s, cardId('recall/dssm', 'b'), at(1))).toBe(true);
  });
  it('marks notes read and summarises read and due notes for the sidebar', () => {
    let s = setRead(emptyStore(), 'recall/dssm', true, t0);
    s = setRead(s, 'recall/sdm', true, t0);
    s = setRead(s, 'recall/sdm', false, t0);
    s = queueNote(s, [cardId('ranking/gbdt', 'x')], t0);
    expect(summarize(s, at(1))).toEqual({ read: ['recall/dssm'], due: ['ranking/gbdt'], at: at(1).toISOString() });
  });
});

describe('export, import and versions', () => {
  it('round-trips through an export file', () => {
    let s = grade(emptyStore(), id, 'good', t0);
    s = setRead(s, 'bandits/thompson-sampling', true, t0);
    const file = exportStore(s, at(2));
    expect(JSON.parse(file)).toMatchObject({ version: STORE_VERSION, exportedAt: at(2).toISOString() });
    expect(parseStore(file)).toEqual(s);
  });
  it('migrates a version-1 export: per-language cards become one card, the latest review winning', () => {
    const en = grade(emptyStore(), id, 'good', t0).cards[id]!;
    const zh = grade(emptyStore(), id, 'again', at(3)).cards[id]!;
    const v1 = JSON.stringify({
      version: 1,
      savedAt: at(4).toISOString(),
      cards: {
        'en/bandits/thompson-sampling/arm-has-beta-posterior': en,
        'zh/bandits/thompson-sampling/arm-has-beta-posterior': zh,
        'en/recall/dssm/word-hashing': en,
      },
      read: ['recall/dssm'],
    });
    const s = parseStore(v1);
    expect(s.version).toBe(STORE_VERSION);
    expect(s.cards[id]).toEqual(zh);
    expect(Object.keys(s.cards).sort()).toEqual([id, 'recall/dssm#word-hashing'].sort());
    expect(s.read).toEqual({ 'recall/dssm': at(4).toISOString() });
  });
  it('rejects what is not a study record with a plain message, and skips malformed entries', () => {
    expect(() => parseStore('not json')).toThrow(/not JSON/);
    expect(() => parseStore('{"cards":{}}')).toThrow(/no version/);
    expect(() => parseStore('{"version":99}')).toThrow(/newer version/);
    const s = parseStore(
      JSON.stringify({
        version: 2,
        cards: { 'bad id': {}, [id]: { due: 'never' } },
        read: { 'x/y': 'soon', 'a/b': t0.toISOString() },
      }),
    );
    expect(s).toEqual({ version: STORE_VERSION, cards: {}, read: { 'a/b': t0.toISOString() } });
  });
  it('keeps the card of a question whose text changed, and drops a removed question’s with notice', () => {
    let s = grade(emptyStore(), id, 'good', t0);
    s = grade(s, 'recall/dssm#removed-question', 'good', t0);
    const { store, dropped } = reconcile(s, new Set([id, 'recall/dssm#another']));
    expect(Object.keys(store.cards)).toEqual([id]);
    expect(dropped).toEqual(['recall/dssm#removed-question']);
    expect(reconcile(store, new Set([id])).dropped).toEqual([]);
  });
  it('merges an import: the more recent review of each card wins; read marks add up', () => {
    const older = grade(emptyStore(), id, 'good', t0);
    const newer = setRead(grade(emptyStore(), id, 'again', at(5)), 'recall/dssm', true, at(5));
    const merged = mergeStores(older, newer);
    expect(merged.cards[id]).toEqual(newer.cards[id]);
    expect(Object.keys(merged.read)).toEqual(['recall/dssm']);
    expect(mergeStores(newer, older).cards[id]).toEqual(newer.cards[id]);
  });
});
