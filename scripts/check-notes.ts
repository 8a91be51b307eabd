/**
 * npm run check:notes [files...]: every check the build makes on notes, without building the
 * site, in a few seconds. It runs the same code as the build — the content layer's checks
 * (src/lib/note-checks.ts), the cross-note rules, and the site's one Markdown processor for
 * self-check answers and note bodies (src/lib/markdown/processor.ts) — so it prints the same
 * problems, at the same file:line:column, all at once. Exits 1 when there is any.
 *
 *   npm run check:notes                                      every note, both languages
 *   npm run check:notes -- content/notes/zh/recall/dssm.mdx  just these
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { existsSync, globSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DEFAULT_LANG } from '../src/i18n/langs.ts';
import { readFrontmatter } from '../src/lib/frontmatter.ts';
import { markdownProcessor, markdownSettings } from '../src/lib/markdown/processor.ts';
import { displayPath, formatProblems, setProblemCollector, type Problem } from '../src/lib/markdown/problems.ts';
import { checkNote, renderChecks, type RenderEmbedded } from '../src/lib/note-checks.ts';
import { crossNoteProblems, type NoteEntry } from '../src/lib/notes.ts';
import { noteSchema, translationSchema, type NoteData } from '../src/lib/schema.ts';
import { translationProblems } from '../src/lib/translations.ts';

const asked = process.argv.slice(2);
const problems: Problem[] = [];
for (const f of asked.filter((f) => !existsSync(f)))
  problems.push({ file: f, line: 0, column: 0, message: 'no such file' });
// The notes folder of the files asked about (the project's, or a test fixture's): the cross-note
// rules look at every note in it.
const NOTES = /^(.*?content\/notes)\//.exec(asked.find((f) => existsSync(f)) ?? '')?.[1] ?? 'content/notes';
const all = globSync(`${NOTES}/*/**/*.mdx`).sort();
const files = asked.length ? asked.filter((f) => existsSync(f)) : all;

const langOf = (file: string) => relative(NOTES, file).split('/')[0]!;
const slugOf = (file: string) =>
  relative(NOTES, file)
    .split('/')
    .slice(1)
    .join('/')
    .replace(/\.mdx$/, '');

// 1. What the content layer checks, for every note (cross-note rules need them all).
const checked = new Map<string, Awaited<ReturnType<typeof checkNote>>>();
for (const file of all) {
  const schema = langOf(file) === DEFAULT_LANG ? noteSchema : translationSchema;
  checked.set(file, await checkNote(resolve(file), readFileSync(file, 'utf8'), schema));
}
const english: NoteEntry[] = [];
const rejected = new Set<string>();
const translations: { id: string; filePath: string; data: Record<string, unknown> }[] = [];
for (const [file, result] of checked) {
  if (!result.data || result.problems.length) {
    if (langOf(file) === DEFAULT_LANG) rejected.add(slugOf(file));
    if (!result.data) continue;
  }
  if (langOf(file) === DEFAULT_LANG)
    english.push({ slug: slugOf(file), filePath: file, data: result.data as NoteData });
  else
    translations.push({
      id: `${langOf(file)}/${slugOf(file)}`,
      filePath: file,
      data: result.data as Record<string, unknown>,
    });
}
const fieldProblems = [
  ...crossNoteProblems(english, rejected),
  ...translationProblems(translations, resolve(NOTES, '../..')),
];
const wanted = new Set(files.map((f) => displayPath(resolve(f))));
for (const [file, result] of checked) if (wanted.has(displayPath(resolve(file)))) problems.push(...result.problems);
for (const p of fieldProblems) {
  if (!wanted.has(displayPath(resolve(p.filePath)))) continue;
  const fm = readFrontmatter(displayPath(resolve(p.filePath)), readFileSync(p.filePath, 'utf8'));
  problems.push({ file: displayPath(resolve(p.filePath)), ...fm.positionOf(p.path), message: p.message });
}

// 2. What the render checks: self-check answers and bodies through the site's processor.
const renderer = await markdownProcessor.createRenderer(markdownSettings);
const render: RenderEmbedded = async (markdown, fileURL) => {
  const { code, metadata } = await renderer.render(parseFrontmatter(markdown).content, {
    fileURL,
    frontmatter: parseFrontmatter(markdown).frontmatter,
  });
  return { html: code, frontmatter: metadata.frontmatter };
};
const mdx = await markdownProcessor.createMdxRenderer!(markdownSettings, { optimize: false });
setProblemCollector({ add: (found) => problems.push(...found) });
for (const file of files) {
  const abs = resolve(file);
  const fm = readFrontmatter(displayPath(abs), readFileSync(file, 'utf8'));
  // As in the build: every note's self-check questions and answers are rendered (the checks
  // loader reads them all), but only a note the content layer accepts has its body compiled.
  problems.push(...(await renderChecks(abs, fm, render)).problems);
  if (checked.get(file)?.problems.length !== 0) continue;
  const { content, frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'), { frontmatter: 'empty-with-spaces' });
  try {
    await mdx.process(content, abs, frontmatter);
  } catch (error) {
    const e = error as { message: string; line?: number; column?: number };
    problems.push({ file: displayPath(abs), line: e.line ?? 0, column: e.column ?? 0, message: e.message });
  }
}
setProblemCollector(undefined);

if (problems.length) {
  console.error(formatProblems(problems));
  console.error(`\n✖ ${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} note(s)`);
  process.exit(1);
}
console.log(`✓ ${files.length} note(s): frontmatter, Markdown, math, links, snippets and figures OK`);
