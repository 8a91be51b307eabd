/** Globals shared by the classic scripts of src/client. */
import type { QuickDoc } from '../lib/search-quick.ts';

type Lang = 'en' | 'zh';

declare global {
  interface Window {
    /** Set by progress.js once loaded: the site script hands it the study control clicked. */
    RRProgress?: { handle(button: HTMLButtonElement): void };
    /** Set by search.js once loaded; the site script starts it and runs searches through it. */
    RRSearch?: { warm(): void; run(): void };
    /** The quick index of each language (pagefind/<lang>/rr-quick.js). */
    RRQuick?: Partial<Record<Lang, QuickDoc[]>>;
    /** In the offline copy: Pagefind's module as a classic script (_client/pagefind-engine.js), one module per call. */
    RRPagefindEngine?: () => { createInstance(o: { basePath: string }): unknown };
    /** In the offline copy: each language's index files, base64 (pagefind/<lang>/rr-offline.js). */
    RRPagefindFiles?: Partial<Record<Lang, Record<string, string>>>;
  }
}
