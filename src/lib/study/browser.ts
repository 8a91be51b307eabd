/**
 * The study record in localStorage: read it, save it, and keep the small summary the site script
 * shows on every page up to date. Storage can be unavailable (blocked, private modes): the record
 * then lives for the visit, and `available` says so.
 */
import { emptyStore, parseStore, STORE_KEY, SUMMARY_KEY, summarize, type StudyStore } from './store.ts';

export function loadStore(): { store: StudyStore; available: boolean; error?: string } {
  try {
    const text = localStorage.getItem(STORE_KEY);
    if (text === null) return { store: emptyStore(), available: true };
    return { store: parseStore(text), available: true };
  } catch (error) {
    try {
      // An unreadable record is kept aside, not overwritten by the next save.
      const text = localStorage.getItem(STORE_KEY);
      if (text !== null) localStorage.setItem(`${STORE_KEY}-unreadable`, text);
      return { store: emptyStore(), available: true, error: (error as Error).message };
    } catch {
      return { store: emptyStore(), available: false };
    }
  }
}

export function saveStore(store: StudyStore, now = new Date()): boolean {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(store));
    localStorage.setItem(SUMMARY_KEY, JSON.stringify(summarize(store, now)));
    return true;
  } catch {
    return false;
  }
}
