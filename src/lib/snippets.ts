/**
 * Reading snippet modules for <Snippet>: the whole file or one `// #region name` of it.
 * The region markers themselves never reach the page. Every problem throws an error that names
 * the snippet, so a typo in a note fails the build instead of showing nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SNIPPETS_DIR = 'content/snippets';
export const SNIPPET_TESTS_DIR = 'tests/snippets';

const START = /^\s*\/\/ #region (\S+)\s*$/;
const END = /^\s*\/\/ #endregion\b.*$/;

/** Names of the regions a source declares, in order. */
export function listRegions(source: string): string[] {
  return source.split('\n').flatMap((line) => {
    const m = START.exec(line);
    return m ? [m[1]!] : [];
  });
}

/** Remove the common leading indentation of non-blank lines. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

const trimBlankLines = (text: string): string => text.replace(/^\s*\n/, '').replace(/\n\s*$/, '');

/**
 * The text of `region` in `source` (or the whole source without region markers when `region`
 * is undefined). `name` is used in error messages.
 */
export function extractRegion(source: string, name: string, region?: string): string {
  const lines = source.split('\n');
  if (region === undefined) return trimBlankLines(lines.filter((l) => !START.test(l) && !END.test(l)).join('\n'));
  const start = lines.findIndex((l) => START.exec(l)?.[1] === region);
  if (start < 0) {
    const known = listRegions(source);
    throw new Error(
      `Snippet "${name}" has no region "${region}" (regions: ${known.length ? known.join(', ') : 'none'})`,
    );
  }
  const body: string[] = [];
  let depth = 0;
  for (const line of lines.slice(start + 1)) {
    if (START.test(line)) depth++;
    else if (END.test(line)) {
      if (depth === 0) return dedent(trimBlankLines(body.join('\n')));
      depth--;
    } else body.push(line);
  }
  throw new Error(`Snippet "${name}": region "${region}" has no // #endregion`);
}

export interface SnippetSource {
  /** The code to show. */
  code: string;
  /** Path of the module, relative to the project root. */
  path: string;
  /** Path of its test file, relative to the project root. */
  testPath: string;
}

/** Read `content/snippets/<file>.ts` (or one region of it) and check it has a test file. */
export function readSnippet(file: string, region?: string, root = process.cwd()): SnippetSource {
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(file))
    throw new Error(`Snippet "${file}": file must look like "section/name" (no extension)`);
  const path = `${SNIPPETS_DIR}/${file}.ts`;
  const testPath = `${SNIPPET_TESTS_DIR}/${file}.test.ts`;
  if (!existsSync(join(root, path))) throw new Error(`Snippet "${file}": no file ${path}`);
  if (!existsSync(join(root, testPath))) throw new Error(`Snippet "${file}": ${path} has no test file ${testPath}`);
  const code = extractRegion(readFileSync(join(root, path), 'utf8'), file, region);
  return { code, path, testPath };
}
