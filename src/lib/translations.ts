/**
 * Translations and the English notes they translate: the checks the content layer makes on them,
 * and the record of which English version each translates (a git blob hash in `translatedFrom`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
