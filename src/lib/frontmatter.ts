/**
 * A note's frontmatter with positions: parse the YAML block, validate it with a zod schema, and
 * turn every problem into file:line:column counted from the top of the file (the `---` line is
 * line 1), pointing at the value that is wrong.
 */
import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'astro/zod';
import type { Problem } from './markdown/problems.ts';

export interface Frontmatter {
  /** The parsed YAML (undefined when it does not parse). */
  data: Record<string, unknown> | undefined;
  /** Body text with the frontmatter replaced by blank lines, so positions in it are file positions. */
  body: string;
  /** Line and column of the value at `path` (or of its nearest parent that exists). */
  positionOf(path: readonly PropertyKey[]): { line: number; column: number };
  /**
   * Where line `line`, column `column` of the Markdown string at `path` (a self-check answer) is
   * in the file: block scalars (`a: |`) start on the next line, indented; quoted and plain
   * scalars sit on the key's line.
   */
  mapInner(path: readonly PropertyKey[], line: number, column: number): { line: number; column: number };
  problems: Problem[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export function readFrontmatter(file: string, text: string): Frontmatter {
  const match = FRONTMATTER.exec(text);
  if (!match) {
    return {
      data: undefined,
      body: text,
      positionOf: () => ({ line: 1, column: 1 }),
      mapInner: () => ({ line: 1, column: 1 }),
      problems: [
        {
          file,
          line: 1,
          column: 1,
          message: 'no frontmatter block',
          hint: 'A note starts with --- on the first line, its YAML frontmatter, and --- on a line of its own.',
        },
      ],
    };
  }
  const yaml = match[1]!;
  const lines = new LineCounter();
  const doc: Document = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  // Line 1 of the YAML is line 2 of the file.
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: line + 1, column: col };
  };
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    ...at(e.pos[0]),
    message: `frontmatter: ${e.message.split('\n')[0]}`,
    hint: 'The frontmatter is YAML: quote text that contains ": " or starts with a special character.',
  }));
  const positionOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return at(range[0]);
    }
    return { line: 1, column: 1 };
  };
  const mapInner = (path: readonly PropertyKey[], line: number, column: number) => {
    const node = doc.getIn(path as unknown[], true);
    if (!isScalar(node) || !node.range) return positionOf(path);
    const start = at(node.range[0]);
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const firstLine = yaml.split('\n')[start.line - 1] ?? '';
      const indent = /^ */.exec(firstLine)![0].length;
      return { line: start.line + line, column: indent + column };
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return { line: start.line + line - 1, column: start.column + column - 1 + quoted };
  };
  const body = text.slice(0, match[0].length).replace(/[^\n]/g, ' ') + text.slice(match[0].length);
  const data = problems.length ? undefined : (doc.toJS() as Record<string, unknown> | undefined);
  return { data: data ?? undefined, body, positionOf, mapInner, problems };
}

/** Validate `fm.data` with `schema`; each issue becomes a problem at the value it concerns. */
export function validateFrontmatter<S extends z.ZodType>(
  file: string,
  fm: Frontmatter,
  schema: S,
): { data?: z.infer<S>; problems: Problem[] } {
  if (fm.problems.length) return { problems: fm.problems };
  const result = schema.safeParse(fm.data ?? {});
  if (result.success) return { data: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => ({
      file,
      ...fm.positionOf(issue.path),
      message: `frontmatter ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      hint: 'The fields and their rules are documented in src/lib/schema.ts.',
    })),
  };
}
