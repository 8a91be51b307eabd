/**
 * Checks notes without a full site build: frontmatter against the schema, MDX compilation with
 * the site's math pipeline (TeX errors fail), <Snippet>/<Figure> references, component names,
 * links to other notes, and the self-check answers' Markdown.
 *
 *   node scripts/check-notes.ts                 every note
 *   node scripts/check-notes.ts path/to/a.mdx   just these
 *
 * Links and related slugs to notes that do not exist yet are warnings (notes are written in
 * parallel); --strict makes them errors, as the full build does.
 */
import { compile } from '@mdx-js/mdx';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import remarkGfm from 'remark-gfm';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { renderMarkdown } from '../src/lib/markdown/render.ts';
import { rehypePlugins, remarkPlugins } from '../src/lib/markdown/pipeline.ts';
import { noteSchema } from '../src/lib/schema.ts';
import { listFiles } from './site-files.ts';

const NOTES = 'content/notes/en';
const demos = readdirSync('src/components/demos')
  .filter((f) => f.endsWith('Demo.astro'))
  .map((f) => f.replace(/\.astro$/, ''));
const known = new Set(['Snippet', 'Figure', 'Callout', ...demos]);
const slugs = new Set(
  listFiles(NOTES)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.replace(/\.mdx$/, '')),
);
const sitePages = new Set([
  '',
  'glossary',
  'self-check',
  'download',
  ...new Set([...slugs].map((s) => s.split('/')[0]!)),
]);

async function checkNote(path: string): Promise<string[]> {
  const problems: string[] = [];
  const text = readFileSync(path, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return [`${path}: no frontmatter block`];
  const data = noteSchema.safeParse(parseYaml(match[1]!));
  if (!data.success) {
    for (const issue of data.error.issues)
      problems.push(`${path}: frontmatter ${issue.path.join('.')}: ${issue.message}`);
  } else {
    const slug = relative(NOTES, path).replace(/\.mdx$/, '');
    if (slug.split('/')[0] !== data.data.section) problems.push(`${path}: section does not match the folder`);
    for (const rel of data.data.related)
      if (!slugs.has(rel)) problems.push(`${path}: related "${rel}" does not exist (yet)`);
    for (const [i, c] of data.data.checks.entries()) {
      for (const [key, md] of [
        ['q', c.q],
        ['a', c.a],
      ] as const) {
        try {
          await renderMarkdown(md, `${path} (checks[${i}].${key})`);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    }
  }
  try {
    const file = new VFile({ path, value: text.slice(match[0].length) });
    await compile(file, { remarkPlugins: [remarkGfm, ...remarkPlugins], rehypePlugins });
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
  }
  // A header cell that is only math has no text a screen reader's table navigation can use
  // (axe: empty-table-header); ask for a word beside the symbol.
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.startsWith('|') || !/^\|\s*:?-{3,}/.test(lines[i + 1] ?? '')) return;
    for (const cell of line
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim()))
      if (cell === '' || /^\$[^$]+\$$/.test(cell))
        problems.push(`${path}:${i + 1}: table header cell "${cell}" needs a word outside math`);
  });
  for (const m of text.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) {
    if (!known.has(m[1]!)) problems.push(`${path}: unknown component <${m[1]}> (known: ${[...known].join(', ')})`);
  }
  for (const m of text.matchAll(/\]\((\/[^)\s]*)\)/g)) {
    const url = m[1]!.split('#')[0]!;
    const inner = url.replace(/^\/|\/$/g, '');
    if (!url.endsWith('/')) problems.push(`${path}: link ${m[1]} should end with a slash`);
    else if (!slugs.has(inner) && !sitePages.has(inner)) problems.push(`${path}: link ${m[1]} points at no note (yet)`);
  }
  return problems;
}

const args = process.argv.slice(2).filter((a) => a !== '--strict');
const files = args.length
  ? args
  : listFiles(NOTES)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => join(NOTES, f));
const strict = process.argv.includes('--strict');
let total = 0;
for (const f of files.filter((a) => a !== '--strict')) {
  if (!existsSync(f)) {
    console.log(`✖ ${f}: no such file`);
    total++;
    continue;
  }
  const all = await checkNote(f);
  const pending = (p: string) => p.endsWith('(yet)');
  const problems = strict ? all : all.filter((p) => !pending(p));
  const warnings = strict ? [] : all.filter(pending);
  total += problems.length;
  console.log(problems.length ? `✖ ${f}\n  ${problems.join('\n  ')}` : `✓ ${f}`);
  if (warnings.length) console.log(`  warning: ${warnings.join('\n  warning: ')}`);
}
process.exit(total ? 1 : 0);
