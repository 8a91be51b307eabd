/**
 * Checks of a note's Markdown that catch what would otherwise publish silently wrong or fail far
 * from the line at fault. Each problem is reported at its node (see problems.ts) and the node is
 * made harmless, so one run can report every problem of every note:
 *
 * - braces in prose, which MDX runs as JavaScript (`{1, 2, 3}` would publish "3");
 * - inline math that is really prose between two dollar amounts ("$20 per view and $30");
 * - table cells cut in two by a `|` inside math, and header cells without words (empty, or math
 *   only: KaTeX's visible math is hidden from screen readers, which read header cells to name
 *   each column);
 * - components: unknown names, a `<Snippet>` file or region that does not exist, a `<Figure>`
 *   without its module;
 * - images: alt text required, the file must exist next to the note (it is bundled, so it works
 *   offline and under a base path);
 * - links to other pages of the site: the page must exist, and the URL ends with a slash;
 * - the two private-use characters the build uses to mark where a formula goes (math-html.ts): in
 *   a note, one next to a number would be replaced by a formula.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Image, Link, Parent, Root, RootContent, Table } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { SECTION_IDS } from '../sections.ts';
import { readSnippet } from '../snippets.ts';
import { hasMathPlaceholder } from './math-html.ts';
import { displayPath, reportProblem } from './problems.ts';

type JsxNode = MdxJsxFlowElement | MdxJsxTextElement;

/** Components a note may use: the generic ones and every demo (by file name). */
export function noteComponents(root = process.cwd()): string[] {
  const demos = readdirSync(join(root, 'src/components/mdx/demos'))
    .filter((f) => f.endsWith('Demo.astro'))
    .map((f) => f.replace(/\.astro$/, ''));
  return ['Snippet', 'Figure', 'Callout', ...demos];
}

function attr(node: JsxNode, name: string): string | undefined {
  for (const a of node.attributes) {
    if (a.type === 'mdxJsxAttribute' && a.name === name && typeof a.value === 'string') return a.value;
  }
  return undefined;
}

/** `content/notes/<lang>/` of a note file, or undefined for Markdown that is not a note. */
function notesRootOf(path: string | undefined): { notes: string; lang: string } | undefined {
  const m = path ? /^(.*[\\/]content[\\/]notes[\\/])([a-z-]+)[\\/]/.exec(resolve(path)) : null;
  return m ? { notes: m[1]!, lang: m[2]! } : undefined;
}

const SITE_PAGES = new Set(['', 'glossary', 'self-check', 'download', 'review', ...SECTION_IDS]);

/** A site page (`/recall/word2vec/`, `/glossary/`) exists for this link? Returns the problem, if any. */
export function internalLinkProblem(url: string, notesDir: string): string | undefined {
  const path = url.split('#')[0]!;
  if (!path.endsWith('/')) return `link ${url} should end with a slash (/recall/word2vec/)`;
  const inner = path.replace(/^\/|\/$/g, '').replace(/^zh(?:\/|$)/, '');
  if (SITE_PAGES.has(inner)) return undefined;
  if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(inner) && existsSync(join(notesDir, `${inner}.mdx`))) return undefined;
  return `link ${url} points at no page of the site`;
}

/** Inline math that reads like prose: "$20 per view and $30" parsed as the formula "20 per view and ". */
export function looksLikeDollarProse(tex: string): boolean {
  if (/^\s|\s$/.test(tex)) return true;
  if (/^\d[\d,.]*\s+[A-Za-z]{2,}/.test(tex)) return true;
  // Three plain words in a row (not TeX commands) are prose, not math.
  return /(?:^|[^\\A-Za-z])[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}(?:$|[^A-Za-z])/.test(
    tex.replace(/\\[a-zA-Z]+\{[^}]*\}/g, ''),
  );
}

/** Unescaped dollar signs in a piece of Markdown source. */
const dollarCount = (text: string): number => (text.match(/(?<!\\)\$/g) ?? []).length;

/** Does this node hold words outside math (text, or inline code)? */
const hasWords = (node: RootContent): boolean =>
  (node.type === 'text' && node.value.trim() !== '') ||
  node.type === 'inlineCode' ||
  ('children' in node && (node.children as RootContent[]).some(hasWords));

function checkTable(table: Table, file: VFile): void {
  const source = String(file.value);
  for (const cell of table.children[0]?.children ?? [])
    if (!cell.children.some(hasWords))
      reportProblem(
        file,
        cell,
        cell.children.length ? 'this table header cell is math only' : 'this table header cell is empty',
        'A header cell names its column for screen readers, which do not read the typeset math: give it words ("left sum $G_L$", "aspect").',
      );
  for (const row of table.children) {
    for (const cell of row.children) {
      const start = cell.position?.start.offset;
      const end = cell.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      if (dollarCount(source.slice(start, end)) % 2 === 1) {
        reportProblem(
          file,
          cell,
          'this table cell has an unmatched $: a | inside math ends the cell there',
          'Inside a table, write \\vert or \\mid instead of | in math: $P(A \\mid B)$.',
        );
        break;
      }
    }
  }
}

const replaceWithText = (parent: Parent, index: number, value: string) => {
  parent.children[index] = { type: 'text', value } as RootContent;
};

export interface AuthorChecksOptions {
  /** Project root (snippets, figures and components are looked up there). Default: the working directory. */
  root?: string;
}

export function remarkAuthorChecks(options: AuthorChecksOptions = {}) {
  const root = options.root ?? process.cwd();
  const known = new Set(noteComponents(root));
  return (tree: Root, file: VFile) => {
    const where = notesRootOf(file.path);
    checkReservedCharacters(file);
    visit(tree, (node, index, parent) => {
      switch (node.type) {
        case 'mdxTextExpression':
        case 'mdxFlowExpression': {
          // A comment {/* ... */} is the one expression a note may hold.
          if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) return;
          reportProblem(
            file,
            node,
            `braces in prose run as JavaScript in MDX: {${node.value}} would not appear as written`,
            'Write \\{ and \\} for literal braces, or put a set in math: $\\{1, 2, 3\\}$.',
          );
          if (parent && index !== undefined) replaceWithText(parent, index, `{${node.value}}`);
          return;
        }
        case 'inlineMath':
          if (looksLikeDollarProse(node.value))
            reportProblem(
              file,
              node,
              `"$${node.value}$" reads like prose between two dollar signs, not a formula`,
              'For an amount of money write "USD 20" or "20 dollars", or escape the sign as \\$20.',
            );
          return;
        case 'table':
          checkTable(node, file);
          return;
        case 'image':
          checkImage(node, file);
          return;
        case 'link':
          if (where) checkLink(node, file, join(where.notes, where.lang));
          return;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          checkComponent(node, file, known, root);
          return;
        default:
          return;
      }
    });
  };
}

/**
 * Report each character the build reserves for formula placeholders (U+E000, U+E001) at its line.
 * The source is read as a whole, so text, code, math and attributes are all covered. A note's
 * frontmatter reaches this pass blanked with spaces (offsets kept); its self-check questions and
 * answers are checked by their own render (`renderChecks`), which maps each place into the file.
 */
function checkReservedCharacters(file: VFile): void {
  const source = String(file.value);
  if (!hasMathPlaceholder(source)) return;
  for (const match of source.matchAll(/[\uE000\uE001]/g)) {
    const before = source.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index - before.lastIndexOf('\n');
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase();
    reportProblem(
      file,
      { line, column },
      `the private-use character U+${code} is reserved by the build (it marks where a formula goes)`,
      'Delete it: it shows as nothing or as a box in most fonts.',
    );
  }
}

function checkLink(node: Link, file: VFile, notesDir: string): void {
  if (!node.url.startsWith('/') || node.url.startsWith('//')) return;
  const problem = internalLinkProblem(node.url, notesDir);
  if (problem)
    reportProblem(
      file,
      node,
      problem,
      'Link notes as /<section>/<slug>/ (with #heading-id for a section); the language and base path are added for you.',
    );
}

function checkImage(node: Image, file: VFile): void {
  if (!node.alt?.trim())
    reportProblem(
      file,
      node,
      `image ${node.url} has no alt text`,
      'Describe what the image shows for readers who cannot see it: ![A funnel narrowing from millions of items to ten](./funnel.png)',
    );
  if (/^[a-z]+:|^\/\//i.test(node.url)) {
    reportProblem(
      file,
      node,
      `image ${node.url} is loaded from another site`,
      'The site works offline: put the file in content/images/ and link it relatively.',
    );
    return;
  }
  if (!file.path) return;
  const target = resolve(dirname(file.path), decodeURI(node.url.split(/[?#]/)[0]!));
  if (!existsSync(target))
    reportProblem(
      file,
      node,
      `image ${node.url} does not exist (looked for ${displayPath(target)})`,
      'Images live in content/images/ and are linked relative to the note: ![alt](../../../images/name.png).',
    );
}

function checkComponent(node: JsxNode, file: VFile, known: ReadonlySet<string>, root: string): void {
  const name = node.name;
  if (!name || !/^[A-Z]/.test(name)) {
    if (name === 'img')
      reportProblem(file, node, '<img> in a note', 'Use Markdown image syntax, ![alt](../../../images/name.png).');
    return;
  }
  if (!known.has(name)) {
    reportProblem(file, node, `unknown component <${name}>`, `Notes can use: ${[...known].join(', ')}.`);
    return;
  }
  if (name === 'Snippet') {
    const snippet = attr(node, 'file');
    if (!snippet) {
      reportProblem(
        file,
        node,
        '<Snippet> needs a file="section/name" attribute',
        'e.g. <Snippet file="recall/alias" />',
      );
      return;
    }
    try {
      readSnippet(snippet, attr(node, 'region'), root);
    } catch (error) {
      reportProblem(
        file,
        node,
        (error as Error).message,
        'Snippets are content/snippets/<section>/<name>.ts with // #region name … // #endregion markers, and a test in tests/snippets/.',
      );
      neutralise(node);
    }
  } else if (name === 'Figure') {
    const figure = attr(node, 'name');
    if (!figure) reportProblem(file, node, '<Figure> needs a name attribute', 'e.g. <Figure name="auc-roc" />');
    else if (!existsSync(join(root, 'src/figures', `${figure}.ts`))) {
      reportProblem(
        file,
        node,
        `no figure "${figure}" (expected src/figures/${figure}.ts)`,
        'A figure is a module in src/figures/ that default-exports defineFigure({...}).',
      );
      neutralise(node);
    }
  }
}

/** A component whose props are wrong becomes a Callout saying so, so the rest of the build can go on. */
function neutralise(node: JsxNode): void {
  node.name = 'Callout';
  node.attributes = [{ type: 'mdxJsxAttribute', name: 'type', value: 'warning' }];
  node.children = [];
}
