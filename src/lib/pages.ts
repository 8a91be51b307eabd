/**
 * What each kind of page needs, computed in one place so the routes stay a few lines: the static
 * paths of every page in every language that has notes, and the data of a note page.
 */
import { render } from 'astro:content';
import { DEFAULT_LANG, type Lang } from '../i18n/langs.ts';
import { langsWithNotes, loadChecks, loadNotes, type LocalNote } from './content.ts';
import type { TocEntry } from './markdown/rehype-headings.ts';
import { navTree, prevNext, relatedNotes } from './notes.ts';

/** The `lang` route parameter: absent for English (unprefixed URLs), 'zh' for Chinese. */
const langParam = (lang: Lang): string | undefined => (lang === DEFAULT_LANG ? undefined : lang);

/** One page per language: home, glossary, self-check, download. */
export async function langPaths() {
  const langs = await langsWithNotes();
  return langs.map((lang) => ({ params: { lang: langParam(lang) }, props: { lang, langs } }));
}

/** One page per section per language. */
export async function sectionPaths() {
  const langs = await langsWithNotes();
  const paths = [];
  for (const lang of langs) {
    for (const section of navTree(await loadNotes(lang), lang)) {
      paths.push({ params: { lang: langParam(lang), section: section.id }, props: { lang, langs, section } });
    }
  }
  return paths;
}

/** One page per note per language it is written in. */
export async function notePaths() {
  const langs = await langsWithNotes();
  const paths = [];
  for (const lang of langs) {
    for (const note of await loadNotes(lang)) {
      const [section, slug] = note.slug.split('/') as [string, string];
      paths.push({ params: { lang: langParam(lang), section, slug }, props: { lang, slug: note.slug } });
    }
  }
  return paths;
}

/** Languages in which the note `slug` exists. */
async function langsOf(slug: string): Promise<Lang[]> {
  const out: Lang[] = [];
  for (const lang of await langsWithNotes()) if ((await loadNotes(lang)).some((n) => n.slug === slug)) out.push(lang);
  return out;
}

async function headingsOf(note: LocalNote): Promise<TocEntry[]> {
  const { remarkPluginFrontmatter } = await render(note.entry);
  return (remarkPluginFrontmatter['toc'] ?? []) as TocEntry[];
}

/** Everything a note page shows. */
export async function notePage(lang: Lang, slug: string) {
  const notes = await loadNotes(lang);
  const note = notes.find((n) => n.slug === slug);
  if (!note) throw new Error(`notePage: no ${lang} note "${slug}"`);
  const { Content, remarkPluginFrontmatter } = await render(note.entry);
  const toc = (remarkPluginFrontmatter['toc'] ?? []) as TocEntry[];
  const checks = (await loadChecks(lang)).get(slug) ?? [];
  const langs = await langsOf(slug);
  const twinHeadings: Partial<Record<Lang, string[]>> = {};
  for (const other of langs) {
    if (other === lang) continue;
    const twin = (await loadNotes(other)).find((n) => n.slug === slug)!;
    twinHeadings[other] = (await headingsOf(twin)).map((h) => h.slug);
  }
  return {
    note,
    Content,
    toc,
    checks,
    hasMath: Boolean(remarkPluginFrontmatter['hasMath']) || checks.some((c) => c.hasMath),
    related: relatedNotes(notes, slug),
    ...prevNext(notes, slug),
    langs,
    twinHeadings,
  };
}
