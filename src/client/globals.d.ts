/** Globals shared by the classic scripts of src/client. */
import type { OfflineDoc } from '../lib/offline-search.ts';

declare global {
  interface Window {
    /** Set by search.js once loaded; the site script opens the dialog through it. */
    RRSearch?: { open(): void };
    /** Set by offline-search.js in the offline copy. */
    RR_OFFLINE_INDEX?: OfflineDoc[];
  }
}
