/**
 * A reader's study record, kept in their browser only: the review state of each self-check
 * question (an FSRS card, scheduled by ts-fsrs) and the notes they marked as read.
 *
 * Cards are keyed by a stable id, the note's slug and the question's `id` (`recall/word2vec#why-skip-gram`):
 * the same card in both languages, unchanged when the question's wording or position changes.
 * The record is versioned JSON: exported to a file and imported on another machine or after a new
 * version of the site, migrated from older versions, and reconciled with the questions the site
 * has now (a removed question's card is dropped, and the reader is told).
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';

/** The current format. Version 1 keyed cards by language (`en/recall/word2vec/why-skip-gram`). */
export const STORE_VERSION = 2;

/** localStorage keys: the record, and the small summary the site script reads on every page. */
export const STORE_KEY = 'rr-study';
export const SUMMARY_KEY = 'rr-study-summary';

/** An FSRS card as JSON (dates as ISO strings). */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review?: string;
}

export interface StudyStore {
  version: typeof STORE_VERSION;
  /** Card id -> its FSRS state. A question without an entry has never been reviewed (new). */
  cards: Record<string, StoredCard>;
  /** Note slug -> when the reader marked it read. */
  read: Record<string, string>;
}

export type GradeName = 'again' | 'hard' | 'good' | 'easy';

export const GRADES: readonly GradeName[] = ['again', 'hard', 'good', 'easy'];

const RATING: Record<GradeName, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** The card id of question `checkId` of note `note` (a slug like `recall/word2vec`). */
export const cardId = (note: string, checkId: string): string => `${note}#${checkId}`;

/** The note a card belongs to. */
export const noteOfCard = (id: string): string => id.slice(0, id.indexOf('#'));

export const emptyStore = (): StudyStore => ({ version: STORE_VERSION, cards: {}, read: {} });

function toStored(card: Card): StoredCard {
  const { due, last_review, ...rest } = card;
  const out: StoredCard = { ...rest, due: due.toISOString() };
  if (last_review) out.last_review = last_review.toISOString();
  return out;
}

function fromStored(card: StoredCard): Card {
  const { due, last_review, ...rest } = card;
  return { ...rest, due: new Date(due), ...(last_review ? { last_review: new Date(last_review) } : {}) };
}

const scheduler = fsrs();

/** Grade card `id` at time `now`: FSRS computes its next state and due date. */
export function grade(store: StudyStore, id: string, name: GradeName, now: Date): StudyStore {
  const current = store.cards[id] ? fromStored(store.cards[id]) : createEmptyCard(now);
  const { card } = scheduler.next(current, now, RATING[name]);
  return { ...store, cards: { ...store.cards, [id]: toStored(card) } };
}

/** When each grade would bring the card back (for the grade buttons' labels). */
export function preview(store: StudyStore, id: string, now: Date): Record<GradeName, Date> {
  const current = store.cards[id] ? fromStored(store.cards[id]) : createEmptyCard(now);
  const next = scheduler.repeat(current, now);
  return Object.fromEntries(GRADES.map((g) => [g, next[RATING[g]].card.due])) as Record<GradeName, Date>;
}

/** Is card `id` due at `now`? A new card (never reviewed) is not due; it is new. */
export const isDue = (store: StudyStore, id: string, now: Date): boolean =>
  store.cards[id] !== undefined && new Date(store.cards[id].due) <= now;

export const isNew = (store: StudyStore, id: string): boolean => store.cards[id] === undefined;

/** Put a note's questions into review now: each new card becomes due at `now`. */
export function queueNote(store: StudyStore, ids: readonly string[], now: Date): StudyStore {
  const cards = { ...store.cards };
  for (const id of ids) cards[id] ??= toStored(createEmptyCard(now));
  return { ...store, cards };
}

export function setRead(store: StudyStore, note: string, read: boolean, now: Date): StudyStore {
  const next = { ...store.read };
  if (read) next[note] = now.toISOString();
  else delete next[note];
  return { ...store, read: next };
}

/**
 * Keep only the cards of questions the site has now. A question whose text changed keeps its card
 * (the id did not change); a removed question's card is dropped and listed, so the reader can be told.
 */
export function reconcile(store: StudyStore, known: ReadonlySet<string>): { store: StudyStore; dropped: string[] } {
  const dropped = Object.keys(store.cards).filter((id) => !known.has(id));
  if (dropped.length === 0) return { store, dropped };
  const cards = Object.fromEntries(Object.entries(store.cards).filter(([id]) => known.has(id)));
  return { store: { ...store, cards }, dropped };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validCard(v: unknown): v is StoredCard {
  return (
    isObject(v) &&
    typeof v['due'] === 'string' &&
    !Number.isNaN(Date.parse(v['due'])) &&
    ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'].every(
      (k) => typeof v[k] === 'number' && Number.isFinite(v[k]),
    )
  );
}

/**
 * Read a stored or exported record (JSON text), from any version, into the current format. Throws
 * a RangeError with a plain message for text that is not a study record.
 */
export function parseStore(text: string): StudyStore {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RangeError('not a study record: the file is not JSON');
  }
  if (!isObject(data) || typeof data['version'] !== 'number')
    throw new RangeError('not a study record: it has no version');
  if (data['version'] > STORE_VERSION)
    throw new RangeError(`this study record is from a newer version of the site (format ${data['version']})`);
  const migrated = data['version'] === 1 ? migrateV1(data) : data;
  const cards: Record<string, StoredCard> = {};
  for (const [id, card] of Object.entries(isObject(migrated['cards']) ? migrated['cards'] : {}))
    if (/^[a-z0-9-]+\/[a-z0-9-]+#[a-z0-9-]+$/.test(id) && validCard(card)) cards[id] = card;
  const read: Record<string, string> = {};
  for (const [note, when] of Object.entries(isObject(migrated['read']) ? migrated['read'] : {}))
    if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(note) && typeof when === 'string' && !Number.isNaN(Date.parse(when)))
      read[note] = when;
  return { version: STORE_VERSION, cards, read };
}

/**
 * Version 1 kept one card per language (`en/recall/word2vec/why-skip-gram`) and the read notes as a
 * list. A question reviewed in both languages becomes one card: the one reviewed last wins.
 */
function migrateV1(data: Record<string, unknown>): Record<string, unknown> {
  const cards: Record<string, StoredCard> = {};
  for (const [key, card] of Object.entries(isObject(data['cards']) ? data['cards'] : {})) {
    const m = /^[a-z-]+\/([a-z0-9-]+\/[a-z0-9-]+)\/([a-z0-9-]+)$/.exec(key);
    if (!m || !validCard(card)) continue;
    const id = cardId(m[1]!, m[2]!);
    const last = (c: StoredCard | undefined) => Date.parse(c?.last_review ?? '1970-01-01');
    if (!cards[id] || last(card) > last(cards[id])) cards[id] = card;
  }
  const read: Record<string, string> = {};
  const when = typeof data['savedAt'] === 'string' ? data['savedAt'] : new Date(0).toISOString();
  if (Array.isArray(data['read'])) for (const note of data['read']) if (typeof note === 'string') read[note] = when;
  return { version: STORE_VERSION, cards, read };
}

/** The record as a file to save (and import elsewhere). */
export const exportStore = (store: StudyStore, now: Date): string =>
  `${JSON.stringify({ ...store, exportedAt: now.toISOString() }, null, 2)}\n`;

/**
 * Merge an imported record into the reader's: for each card the more recently reviewed state wins;
 * read marks are united.
 */
export function mergeStores(mine: StudyStore, theirs: StudyStore): StudyStore {
  const cards = { ...mine.cards };
  const last = (c: StoredCard | undefined) => Date.parse(c?.last_review ?? c?.due ?? '1970-01-01');
  for (const [id, card] of Object.entries(theirs.cards))
    if (!cards[id] || last(card) > last(cards[id])) cards[id] = card;
  return { version: STORE_VERSION, cards, read: { ...theirs.read, ...mine.read } };
}

/** What the site script shows on every page: notes read, and notes with cards due now. */
export interface StudySummary {
  read: string[];
  due: string[];
  /** When the summary was computed; due marks older than a day are recomputed on the review page. */
  at: string;
}

export function summarize(store: StudyStore, now: Date): StudySummary {
  const due = new Set<string>();
  for (const id of Object.keys(store.cards)) if (isDue(store, id, now)) due.add(noteOfCard(id));
  return { read: Object.keys(store.read).sort(), due: [...due].sort(), at: now.toISOString() };
}
