/** Names shared by the pages and the build steps of src/integrations. */
export const OFFLINE_ZIP = 'recall-and-rank-offline.zip';
/** Replaced in the built download page by the zip's real size once it exists. */
export const SIZE_PLACEHOLDER = 'size computed at build';

/** The KaTeX fonts nearly every formula uses: pages with math preload them (both exist in katex/dist/fonts). */
export const KATEX_PRELOAD_FONTS = ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2'];

/** The book (npm run build:pdf) of each language, at the site root. */
export const bookFile = (lang: string): string => `recall-and-rank-${lang}.pdf`;

/** What npm run build:pdf printed (per language: file, pages, bytes, formulas typeset), for the tests. */
export const BOOK_REPORT = '.tmp/book-report.json';
