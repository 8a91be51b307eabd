/**
 * A note's study controls: mark it read, send its self-check questions to review. Loaded by the
 * site script on the first click of one of them (plain readers never load it).
 */
import { loadStore, saveStore } from '../lib/study/browser.ts';
import { cardId, queueNote, setRead } from '../lib/study/store.ts';

function handle(button: HTMLButtonElement): void {
  const controls = button.closest<HTMLElement>('[data-study-controls]');
  if (!controls) return;
  const note = controls.dataset['note']!;
  const strings = JSON.parse(controls.dataset['strings'] ?? '{}') as Record<string, string>;
  const status = controls.querySelector('[data-progress-status]')!;
  const { store } = loadStore();
  const now = new Date();
  if (button.dataset['progress'] === 'read') {
    const read = button.getAttribute('aria-pressed') !== 'true';
    saveStore(setRead(store, note, read, now), now);
    button.setAttribute('aria-pressed', String(read));
    document.querySelector(`.sidebar a[data-note="${note}"]`)?.classList.toggle('is-read', read);
  } else {
    const ids = [...document.querySelectorAll<HTMLElement>('[data-check]')].map((d) =>
      cardId(note, d.dataset['check']!.split('/').pop()!),
    );
    saveStore(queueNote(store, ids, now), now);
    status.textContent = '';
    status.append(
      `${(strings['queued'] ?? '').replace('{n}', String(ids.length))} `,
      Object.assign(document.createElement('a'), {
        href: `${controls.dataset['reviewUrl']}?note=${encodeURIComponent(note)}`,
        textContent: strings['openReview'] ?? '',
      }),
    );
    document.querySelector(`.sidebar a[data-note="${note}"]`)?.classList.add('is-due');
  }
}

window.RRProgress = { handle };
