/**
 * The checks a note goes through before anything is typeset, shared by the content layer (which
 * runs them for every note in `astro dev` and `astro build`) and by `npm run check:notes`, so
 * both print the same problems at the same places:
 *
 * - its frontmatter against the schema (src/lib/schema.ts), at the line of the bad value;
 * - its body: MDX syntax, then the author checks of remark-author-checks.ts, with positions
 *   counted from the top of the file.
 *
 * Formulas are typeset once, later, by rehype-katex in the real render; a TeX error is reported
 * from there (see problems.ts).
 */
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { z } from 'astro/zod';
import { readFrontmatter, validateFrontmatter, type Frontmatter } from './frontmatter.ts';
import { remarkPlugins } from './markdown/processor.ts';
import { pathToFileURL } from 'node:url';
import { fillMath } from './markdown/math-html.ts';
import { displayPath, EMBEDDED_FRONTMATTER, problemsOf, type Problem } from './markdown/problems.ts';

const remarkPhase = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkPlugins);

/** Hints for the MDX syntax errors authors meet most, keyed by a piece of the parser's message. */
const SYNTAX_HINTS: [RegExp, string][] = [
  [/before attribute value/, 'Quote attribute values in JSX: <div align="center">.'],
  [/closing tag for `<(\w+)>`/, 'MDX is JSX: close every tag, e.g. <br /> instead of <br>.'],
  [/before name, expected a character that can start a name/, 'Write &lt; for a literal < in prose.'],
  [/Could not parse expression|Unexpected end of file in expression/, 'Write \\{ and \\} for literal braces.'],
];

function syntaxProblem(file: string, error: unknown): Problem {
  const e = error as { reason?: string; message?: string; line?: number; column?: number };
  let message = e.reason ?? e.message ?? String(error);
  // Some parser messages carry their place in the text, "(31:1-31:5)", instead of on the error.
  const at = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(message);
  if (at) message = message.slice(0, at.index);
  const line = e.line ?? (at ? Number(at[1]) : 0);
  const column = e.column ?? (at ? Number(at[2]) : 0);
  const hint =
    SYNTAX_HINTS.find(([re]) => re.test(message))?.[1] ??
    'MDX is JSX: close every tag (<br />), quote attribute values, and write &lt; and \\{ for a literal < or {.';
  return { file, line, column, message: `MDX syntax: ${message}`, hint };
}

/** Parse the body and run the author checks; problems are positioned in the whole file. */
export async function checkBody(absPath: string, fm: Frontmatter): Promise<Problem[]> {
  const file = new VFile({ path: absPath, value: fm.body });
  try {
    await remarkPhase.run(remarkPhase.parse(file), file);
  } catch (error) {
    return [syntaxProblem(displayPath(absPath), error)];
  }
  return problemsOf(file);
}

export interface CheckedNote<T> {
  data?: T;
  frontmatter: Frontmatter;
  problems: Problem[];
}

/** Every check of one note file that needs no typesetting. */
export async function checkNote<S extends z.ZodType>(
  absPath: string,
  text: string,
  schema: S,
): Promise<CheckedNote<z.infer<S>>> {
  const file = displayPath(absPath);
  const frontmatter = readFrontmatter(file, text);
  const { data, problems } = validateFrontmatter(file, frontmatter, schema);
  const bodyProblems = await checkBody(absPath, frontmatter);
  const out: CheckedNote<z.infer<S>> = { frontmatter, problems: [...problems, ...bodyProblems] };
  if (data !== undefined) out.data = data;
  return out;
}

/** Renders one Markdown string of a note's frontmatter with the site's processor. */
export type RenderEmbedded = (
  markdown: string,
  fileURL: URL,
) => Promise<{ html: string; frontmatter: Record<string, unknown> }>;

export interface RenderedCheck {
  id: string;
  index: number;
  question: string;
  questionHtml: string;
  answerHtml: string;
  hasMath: boolean;
}

/**
 * Render a note's self-check questions and answers with the site's processor (`render`: the
 * content layer's `renderMarkdown`, or the same processor's renderer in the note checker), and
 * put each problem at its line in the file. Malformed checks are skipped: the schema check
 * reports them.
 */
export async function renderChecks(
  absPath: string,
  fm: Frontmatter,
  render: RenderEmbedded,
): Promise<{ checks: RenderedCheck[]; problems: Problem[] }> {
  const file = displayPath(absPath);
  const raw = fm.data?.['checks'];
  const problems: Problem[] = [];
  const checks: RenderedCheck[] = [];
  if (!Array.isArray(raw)) return { checks, problems };
  for (const [index, check] of (raw as { id?: unknown; q?: unknown; a?: unknown }[]).entries()) {
    if (typeof check?.id !== 'string' || typeof check.q !== 'string' || typeof check.a !== 'string') continue;
    const parts = await Promise.all(
      (['q', 'a'] as const).map(async (key) => {
        // The file URL gives the language (links, labels); the embedded marker keeps problems here,
        // where their place in the file is known. The marker leaves one blank line before the text.
        const { html, frontmatter } = await render(
          EMBEDDED_FRONTMATTER + (check[key] as string),
          pathToFileURL(absPath),
        );
        for (const p of (frontmatter['problems'] ?? []) as Problem[])
          problems.push({ ...p, file, ...fm.mapInner(['checks', index, key], Math.max(1, p.line - 1), p.column || 1) });
        // The formulas come back apart from the HTML (src/lib/markdown/math-html.ts).
        return { html: fillMath(html, frontmatter['math']), hasMath: Boolean(frontmatter['hasMath']) };
      }),
    );
    const [q, a] = parts as [{ html: string; hasMath: boolean }, { html: string; hasMath: boolean }];
    checks.push({
      id: check.id,
      index,
      question: check.q,
      questionHtml: q.html.replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1'),
      answerHtml: a.html,
      hasMath: q.hasMath || a.hasMath,
    });
  }
  return { checks, problems };
}
