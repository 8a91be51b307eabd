/**
 * Translations and the English notes they translate: the checks the content layer makes on them,
 * and the record of which English version each translates (a git blob hash in `translatedFrom`).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrossNoteProblem } from './notes.ts';

/** Git's blob hash of a file's bytes (what `git hash-object <file>` prints). */
export function gitBlobHash(content: Buffer | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * Rules for translations (`<lang>/<section>/<slug>` entries): the English note exists, and the
 * self-check questions have the English note's ids in the same order (a reader's review history
 * is keyed by them). With `complete`, every English note must have its translation in every
 * language that has any.
 */
export function translationProblems(
  entries: readonly { id: string; filePath: string; data: Record<string, unknown> }[],
  root: string,
  complete = false,
): CrossNoteProblem[] {
  const problems: CrossNoteProblem[] = [];
  const englishDir = join(root, 'content/notes/en');
  const englishIds = (slug: string): string[] | undefined => {
    const path = join(englishDir, `${slug}.mdx`);
    if (!existsSync(path)) return undefined;
    const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
    return [...yaml.matchAll(/^ {2}- id: (\S+)\s*$/gm)].map((m) => m[1]!);
  };
  const langs = new Set<string>();
  const have = new Set(entries.map((e) => e.id));
  for (const entry of entries) {
    const [lang, ...rest] = entry.id.split('/');
    langs.add(lang!);
    const slug = rest.join('/');
    const ids = englishIds(slug);
    if (!ids) {
      problems.push({
        filePath: entry.filePath,
        path: [],
        message: `translates content/notes/en/${slug}.mdx, which does not exist`,
      });
      continue;
    }
    const own = ((entry.data['checks'] ?? []) as { id: string }[]).map((c) => c.id);
    if (own.join(' ') !== ids.join(' '))
      problems.push({
        filePath: entry.filePath,
        path: ['checks'],
        message: `self-check ids must be the English note's, in order: ${ids.join(', ')} (found ${own.join(', ')})`,
      });
  }
  if (complete) {
    for (const lang of langs)
      for (const f of readdirSync(englishDir, { recursive: true }) as string[]) {
        const slug = f.replaceAll('\\', '/').replace(/\.mdx$/, '');
        if (f.endsWith('.mdx') && !have.has(`${lang}/${slug}`))
          problems.push({
            filePath: `content/notes/en/${slug}.mdx`,
            path: ['title'],
            message: `has no ${lang} translation (content/notes/${lang}/${slug}.mdx)`,
          });
      }
  }
  return problems;
}

export interface TranslationStatus {
  /** The translation, relative to the project root. */
  file: string;
  /** The English note it translates. */
  english: string;
  /** The English version it records (`translatedFrom`), and the English file's version now. */
  recorded: string | undefined;
  current: string | undefined;
  state: 'current' | 'stale' | 'orphan';
}

/** Every translation under `root`/content/notes/<lang>/ and whether it translates the English note as it is now. */
export function translationStatus(root: string): TranslationStatus[] {
  const notes = join(root, 'content/notes');
  const out: TranslationStatus[] = [];
  for (const lang of readdirSync(notes)
    .filter((d) => d !== 'en')
    .sort()) {
    for (const f of (readdirSync(join(notes, lang), { recursive: true }) as string[]).sort()) {
      if (!f.endsWith('.mdx')) continue;
      const rel = f.replaceAll('\\', '/');
      const file = `content/notes/${lang}/${rel}`;
      const english = `content/notes/en/${rel}`;
      const text = readFileSync(join(root, file), 'utf8');
      const recorded = /^translatedFrom:\s*['"]?([0-9a-f]{40})/m.exec(text)?.[1];
      const current = existsSync(join(root, english)) ? gitBlobHash(readFileSync(join(root, english))) : undefined;
      const state = current === undefined ? 'orphan' : recorded === current ? 'current' : 'stale';
      out.push({ file, english, recorded, current, state });
    }
  }
  return out;
}

/**
 * The English note's diff since the version a translation records (from git's object store,
 * where every committed version of the note is), or a line saying why there is none.
 */
export function englishDiff(recorded: string | undefined, english: string, cwd = process.cwd()): string {
  if (!recorded) return '  (the translation records no English version)';
  const old = spawnSync('git', ['cat-file', '-p', recorded], { encoding: 'utf8', cwd });
  if (old.status !== 0) return `  (the English version ${recorded} is not in this repository's history)`;
  const dir = mkdtempSync(join(tmpdir(), 'rr-translation-'));
  writeFileSync(join(dir, 'translated'), old.stdout);
  const diff = spawnSync('git', ['diff', '--no-index', '--no-color', join(dir, 'translated'), join(cwd, english)], {
    encoding: 'utf8',
  });
  // Drop git's four header lines (paths of a temporary file).
  return diff.stdout.split('\n').slice(4).join('\n');
}
