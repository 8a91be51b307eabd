/** English UI strings: the shape every other language's dictionary must match (see ui.ts). */
export const en = {
  siteName: 'Recall & Rank',
  /** The name of this language, as a link to it reads in the other language's header. */
  languageName: 'English',
  /** Accessible name of the language switch that leads to this language. */
  readInThisLanguage: 'Read this page in English',
  skipToContent: 'Skip to content',
  listSeparator: ', ',
  /** Accessible name of a heading's permalink. */
  headingLink: (heading: string): string => `Link to the section “${heading}”`,
  /** Accessible name of a table's scrolling region. */
  tableRegion: (headers: string): string => `Table: ${headers}`,
  theme: {
    system: 'System',
    light: 'Light',
    dark: 'Dark',
    label: (state: string): string => `Colour theme: ${state}. Change theme`,
  },
  nav: { allNotes: 'All notes' },
  footer: {
    about:
      'Recall & Rank — notes on recommender systems. Every snippet on these pages is unit-tested; every figure is computed from it. ',
    offline: 'Read offline',
  },
  search: {
    button: 'Search',
    title: 'Search the notes',
    inputLabel: 'Search terms',
    placeholder: 'Search the notes…',
    sectionLabel: 'Section',
    allSections: 'All sections',
    close: 'Close',
    results: 'Results',
    /** Read by the search script; {q} is the query, {n} a count. */
    script: {
      loading: 'Loading the search index…',
      failed: 'Search could not load. Check your connection and try again.',
      none: 'No results for “{q}”.',
      one: '1 page matches “{q}”.',
      many: '{n} pages match “{q}”.',
      keys: 'Use the arrow keys to move through them.',
      more: 'Show more results',
      /** A misspelt query searched as corrected. */
      corrected: 'Showing results for “{s}” (no close match for “{q}”).',
      /** While the full-text index loads, matches from titles and key terms are shown. */
      quick: '{n} quick matches from titles and terms; full-text results follow.',
    },
  },
  note: {
    onThisPage: 'On this page',
    keyTerms: 'Key terms with their Chinese names',
    sources: 'Sources',
    related: 'Related notes',
    tags: 'Tags',
    source: 'Source',
    pager: 'Previous and next notes',
    previous: 'Previous',
    next: 'Next',
  },
  snippet: {
    testedIn: 'unit-tested in',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Copy failed',
    copyLabel: (what: string): string => `Copy ${what} code`,
  },
  callout: { note: 'Note', tip: 'Tip', warning: 'Warning' },
  demo: {
    /** Under a demo's title, until its script runs. */
    staticNote: "This is the demo's starting state, computed at build time; it becomes interactive with JavaScript.",
    /** Shown over the results while an input is invalid. */
    stale: 'Out of date: fix the marked input to update.',
    results: 'Demo results (table)',
  },
  home: {
    description:
      'A study reference for recommender systems: recall, ranking, evaluation, training practice, deep-learning fundamentals and bandits, with tested code.',
    lede: 'Study notes for the recommender-systems engineer: how candidates are recalled, how they are ranked, how the result is measured, and the deep-learning and bandit fundamentals underneath — each formula derived, each snippet unit-tested, each figure computed from that same code.',
    pipeline: 'The pipeline',
    pipelineIntro:
      'A recommender cannot score millions of items with its best model for every request. It narrows them in stages, each stage a more expensive model over fewer candidates:',
    sections: 'Sections',
    noteCount: (n: number): string => `${n} ${n === 1 ? 'note' : 'notes'}`,
    howTo: 'How to use it',
    howToSearch: 'Press / or Ctrl+K to search, in English or Chinese.',
    howToSelfCheckBefore: 'Every note ends with self-check questions; the ',
    howToSelfCheckAfter: ' page gathers them all.',
    howToReview: ': spaced review of those questions as cards, with your progress kept in this browser.',
    howToGlossary: ' pairs each English term with its Chinese name.',
    howToOffline: ': the whole site in one zip, search included.',
  },
  selfCheck: {
    title: 'Self-check',
    description: 'Every self-check question of every note in one place, answers collapsed, grouped by section.',
    lede: (questions: number, notes: number): string =>
      `${questions} questions from ${notes} notes. Answer each in your head before you open it.`,
  },
  glossary: {
    title: 'Glossary',
    description: 'Every key term of the notes with its Chinese name, a one-line definition and the notes that use it.',
    lede: (n: number): string => `${n} terms, English and Chinese, each linked to the notes that use it.`,
    filterLabel: 'Filter terms',
    filterPlaceholder: 'e.g. softmax or 召回',
    letters: 'Terms by letter',
    usedIn: 'In:',
    countTemplate: '{n} terms shown',
  },
  download: {
    title: 'Read offline',
    description:
      'Download the whole site as one zip and read it from disk, with formulas, figures, demos and search working offline.',
    lede: 'The whole site in one zip: every note in English and Chinese, every formula, figure and demo, and the search, working from disk.',
    button: (file: string): string => `Download ${file}`,
    howTo: 'How to use it',
    steps: [
      'Unzip it anywhere.',
      'Open index.html in your browser (double-click it, or drag it into a window).',
      'Everything works without a network: links, math, code, figures, the theme and language switches, demos and search.',
    ],
    note: 'The offline copy is built from the same sources as this site, at the same time.',
    /** Shown instead of the size in the offline copy itself. */
    inOfflineCopy: '(you are reading it)',
  },
  review: {
    title: 'Review',
    description:
      'Spaced review of every self-check question: answer, reveal, grade, and each card comes back when you are about to forget it.',
    lede: 'Every self-check question as a card. Answer it in your head, reveal the answer, and grade yourself: the cards you know come back later, the ones you miss come back soon (FSRS scheduling). Your progress stays in this browser.',
    needsScript: 'Review needs JavaScript: it keeps your schedule in this browser.',
    filters: 'Which cards',
    section: 'Section',
    note: 'Note',
    allSections: 'All sections',
    allNotes: 'All notes',
    show: 'Show',
    dueAndNew: 'Due and new',
    dueOnly: 'Only due',
    newOnly: 'Only new',
    /** {due}, {fresh}: counts. */
    counts: '{due} due, {fresh} new in this selection.',
    start: 'Start',
    reveal: 'Show answer',
    gradeLabel: 'How well did you know it?',
    again: 'Again',
    hard: 'Hard',
    good: 'Good',
    easy: 'Easy',
    /** {when}: when the card comes back with this grade. */
    nextAt: 'next: {when}',
    openNote: 'On its note',
    /** {n}: reviewed in this session; {next}: date of the next due card. */
    done: 'Session done: {n} cards reviewed.',
    nothing: 'Nothing to review in this selection.',
    nextDue: 'The next card is due {when}.',
    noneScheduled: 'No card of this selection is scheduled yet.',
    dropped: '{n} cards of questions that no longer exist were removed from your record.',
    yourData: 'Your study record',
    dataNote:
      'It is stored in this browser only and sent nowhere. Export it to a file to keep it or move it to another machine, and import that file there.',
    export: 'Export to a file',
    import: 'Import a file',
    imported: 'Imported: {n} cards.',
    importFailed: 'Could not import: {reason}',
    noStorage: 'This browser does not let the site store anything: your progress will last for this visit only.',
    progressNote: 'Study progress',
    markRead: 'Mark as read',
    read: 'Read',
    sendToReview: 'Review these questions',
    /** {n}: questions queued. */
    queued: '{n} questions of this note are due for review.',
    openReview: 'Open the review',
    sectionProgress: '{read} of {total} read',
    dueMark: 'due for review',
    readMark: 'read',
  },
  book: {
    title: 'The book',
    contents: 'Contents',
    /** On the download page, above the links to the PDFs (shown once they are built). */
    heading: 'The whole site as a book (PDF)',
    intro:
      'Every note in reading order with its figures, code and self-check answers, for reading on paper or a tablet.',
  },
  notFound: {
    title: 'Page not found',
    description: 'This page does not exist; search the notes or start from the home page.',
    lede: 'There is no page at this address.',
    tryBefore: 'Try the search (press /), the ',
    home: 'home page',
    or: ' or the ',
    tryAfter: '.',
  },
};
