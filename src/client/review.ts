/**
 * The review page: every self-check question as a card, scheduled by FSRS (ts-fsrs), the record
 * in this browser (src/lib/study/). Loaded by the review page only.
 */
import { loadStore, saveStore } from '../lib/study/browser.ts';
import {
  exportStore,
  grade,
  GRADES,
  isDue,
  isNew,
  mergeStores,
  parseStore,
  preview,
  reconcile,
  type GradeName,
  type StudyStore,
} from '../lib/study/store.ts';

const root = document.querySelector<HTMLElement>('[data-review]');
if (root) start(root);

function start(page: HTMLElement): void {
  const lang = page.dataset['lang'] === 'zh' ? 'zh-CN' : 'en';
  const strings = JSON.parse(page.dataset['strings'] ?? '{}') as Record<string, string>;
  const say = (key: string, vars: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const $ = <T extends Element>(selector: string) => page.querySelector<T>(selector)!;
  const form = $<HTMLFormElement>('[data-review-filters]');
  const notice = $('[data-review-notice]');
  const counts = $('[data-review-counts]');
  const card = $<HTMLElement>('[data-review-card]');
  const done = $<HTMLElement>('[data-review-done]');
  const answer = $<HTMLElement>('[data-card-answer]');
  const grades = $<HTMLElement>('[data-card-grades]');
  const reveal = $<HTMLButtonElement>('[data-reveal]');
  const cards = [
    ...$<HTMLTemplateElement>('template[data-cards]').content.querySelectorAll<HTMLElement>('[data-card]'),
  ];

  const when = (date: Date) => {
    const days = (date.getTime() - Date.now()) / 86_400_000;
    if (days < 1) return date.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
    return date.toLocaleDateString(lang, { month: 'short', day: 'numeric', year: days > 300 ? 'numeric' : undefined });
  };

  const loaded = loadStore();
  let store = loaded.store;
  if (!loaded.available) notice.textContent = say('noStorage');
  // Cards of questions that no longer exist are dropped, and the reader told.
  const reconciled = reconcile(store, new Set(cards.map((c) => c.dataset['card']!)));
  if (reconciled.dropped.length) {
    store = reconciled.store;
    saveStore(store);
    notice.textContent = say('dropped', { n: reconciled.dropped.length });
  }
  const save = (next: StudyStore) => {
    store = next;
    saveStore(store);
  };

  const selected = () => {
    const data = new FormData(form);
    const section = String(data.get('section') ?? '');
    const note = String(data.get('note') ?? '');
    return cards.filter((c) => (!section || c.dataset['section'] === section) && (!note || c.dataset['note'] === note));
  };
  const queueOf = (list: HTMLElement[], now: Date) => {
    const show = String(new FormData(form).get('show') ?? 'both');
    const due = list.filter((c) => isDue(store, c.dataset['card']!, now));
    const fresh = list.filter((c) => isNew(store, c.dataset['card']!));
    return show === 'due' ? due : show === 'new' ? fresh : [...due, ...fresh];
  };
  const updateCounts = () => {
    const list = selected();
    const now = new Date();
    counts.textContent = say('counts', {
      due: list.filter((c) => isDue(store, c.dataset['card']!, now)).length,
      fresh: list.filter((c) => isNew(store, c.dataset['card']!)).length,
    });
  };
  // Choosing a note narrows the section to it; choosing a section clears a note outside it.
  const noteSelect = form.elements.namedItem('note') as HTMLSelectElement;
  const sectionSelect = form.elements.namedItem('section') as HTMLSelectElement;
  const pickNote = () => {
    if (noteSelect.value) sectionSelect.value = noteSelect.selectedOptions[0]?.dataset['section'] ?? '';
  };
  form.addEventListener('change', (event) => {
    if (event.target === noteSelect) pickNote();
    if (event.target === sectionSelect && noteSelect.selectedOptions[0]?.dataset['section'] !== sectionSelect.value)
      noteSelect.value = '';
    updateCounts();
  });

  let queue: HTMLElement[] = [];
  let reviewed: GradeName[] = [];
  let current: HTMLElement | undefined;

  const showCard = () => {
    current = queue.shift();
    if (!current) return finish();
    const id = current.dataset['card']!;
    const link = $<HTMLAnchorElement>('[data-card-link]');
    link.href = current.dataset['href']!;
    link.textContent = `${current.dataset['title']} · ${say('openNote')}`;
    $('[data-card-section]').textContent = current.dataset['sectionTitle'] ?? '';
    $('[data-card-question]').innerHTML = current.querySelector('.q')!.innerHTML;
    answer.innerHTML = current.querySelector('.a')!.innerHTML;
    answer.hidden = true;
    grades.hidden = true;
    reveal.hidden = false;
    const next = preview(store, id, new Date());
    for (const button of grades.querySelectorAll<HTMLButtonElement>('[data-grade]'))
      button.querySelector('[data-grade-next]')!.textContent = say('nextAt', {
        when: when(next[button.dataset['grade'] as GradeName]),
      });
    card.hidden = false;
    done.hidden = true;
    reveal.focus();
  };

  const finish = () => {
    card.hidden = true;
    const now = new Date();
    const upcoming = selected()
      .map((c) => store.cards[c.dataset['card']!]?.due)
      .filter((d): d is string => d !== undefined)
      .map((d) => new Date(d))
      .filter((d) => d > now)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const tally = GRADES.map((g) => `${say(g)} ${reviewed.filter((r) => r === g).length}`).join(' · ');
    done.innerHTML = '';
    const lines = [
      reviewed.length ? `${say('done', { n: reviewed.length })} ${tally}` : say('nothing'),
      upcoming ? say('nextDue', { when: when(upcoming) }) : say('noneScheduled'),
    ];
    for (const line of lines) done.append(Object.assign(document.createElement('p'), { textContent: line }));
    done.hidden = false;
    updateCounts();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    queue = queueOf(selected(), new Date());
    reviewed = [];
    showCard();
  });
  reveal.addEventListener('click', () => {
    answer.hidden = false;
    grades.hidden = false;
    reveal.hidden = true;
    grades.querySelector<HTMLButtonElement>('[data-grade="good"]')?.focus();
  });
  grades.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-grade]');
    if (!button || !current) return;
    const name = button.dataset['grade'] as GradeName;
    save(grade(store, current.dataset['card']!, name, new Date()));
    reviewed.push(name);
    // "Again" brings the card back within this session.
    if (name === 'again') queue.push(current);
    showCard();
  });

  $('[data-export]').addEventListener('click', () => {
    const blob = new Blob([exportStore(store, new Date())], { type: 'application/json' });
    const a = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(blob),
      download: `recall-and-rank-study-${new Date().toISOString().slice(0, 10)}.json`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $<HTMLInputElement>('[data-import]').addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const imported = parseStore(await file.text());
      const { store: known, dropped } = reconcile(imported, new Set(cards.map((c) => c.dataset['card']!)));
      save(mergeStores(store, known));
      notice.textContent = `${say('imported', { n: Object.keys(known.cards).length })}${
        dropped.length ? ` ${say('dropped', { n: dropped.length })}` : ''
      }`;
    } catch (error) {
      notice.textContent = say('importFailed', { reason: (error as Error).message });
    }
    updateCounts();
  });

  // Arriving from a note (?note=recall/word2vec): that note's cards, due first.
  const fromNote = new URLSearchParams(location.search).get('note');
  if (fromNote && cards.some((c) => c.dataset['note'] === fromNote)) {
    noteSelect.value = fromNote;
    pickNote();
  }
  updateCounts();
}

export {};
