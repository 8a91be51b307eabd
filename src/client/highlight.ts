/**
 * Marks the words of a search on the page it opened (the search adds ?highlight=<query> to its
 * result links), and brings the first one into view when the link did not name a section.
 * Loaded by the site script only on such a visit. Formulas and code are left alone.
 */
const query = new URLSearchParams(location.search).get('highlight') ?? '';
const words = (query.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9][a-z0-9+#-]+/g) ?? []).sort(
  (a, b) => b.length - a.length,
);
const root = document.querySelector('[data-pagefind-body]');

if (words.length && root) {
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('.katex, pre, code, script, style, mark, [data-pagefind-ignore]')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let first: HTMLElement | undefined;
  for (const node of nodes) {
    const text = node.data;
    const parts: (string | HTMLElement)[] = [];
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = m[0];
      parts.push(text.slice(last, m.index), mark);
      last = m.index + m[0].length;
      first ??= mark;
    }
    if (parts.length) node.replaceWith(...parts, text.slice(last));
  }
  if (first && !location.hash) first.scrollIntoView({ block: 'center' });
}

export {};
