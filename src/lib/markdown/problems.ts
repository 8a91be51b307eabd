/**
 * Problems an author can fix: a message, the place in the source file (line and column counted
 * from the top of the file, frontmatter included) and a hint. Every check of a note reports
 * through here, so the build, the dev overlay and `npm run check:notes` print the same words.
 *
 * Plugins report with `reportProblem(file, node, ...)`, which records a VFile message; the last
 * rehype plugin (`rehypeReportProblems`) hands a file's problems to whoever collects them (the
 * build, the note checker) or throws them as one AstroError, whose location opens the dev overlay
 * at the line.
 */
import { AstroError } from 'astro/errors';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { frontmatterOf } from './file-data.ts';

export interface Problem {
  /** Source file, relative to the project root. */
  file: string;
  /** 1-based line in the file; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when unknown. */
  column: number;
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** VFile messages made by these checks carry this `source`. */
export const PROBLEM_SOURCE = 'recall-and-rank';

/** Problems of every file, collected by the build instead of stopping at the first note. */
export interface ProblemCollector {
  add(problems: readonly Problem[]): void;
}

const COLLECTOR = Symbol.for('recall-and-rank:problem-collector');

/**
 * Install (or remove, with `undefined`) the collector that `rehypeReportProblems` hands problems
 * to. A global, because the build compiles notes in modules loaded separately from the
 * integration that installs it.
 */
export function setProblemCollector(collector: ProblemCollector | undefined): void {
  (globalThis as Record<symbol, unknown>)[COLLECTOR] = collector;
}

function problemCollector(): ProblemCollector | undefined {
  return (globalThis as Record<symbol, unknown>)[COLLECTOR] as ProblemCollector | undefined;
}

/** Record a problem at `node` (or at `place`) in `file`. */
export function reportProblem(
  file: VFile,
  at: Node | { line: number; column: number } | undefined,
  message: string,
  hint?: string,
): void {
  const place = at && 'type' in at ? at.position : at;
  const msg = file.message(message, { place: place ?? undefined, source: PROBLEM_SOURCE, ruleId: 'author' });
  if (hint) msg.note = hint;
}

/** Path relative to the project root, with forward slashes, for messages. */
export function displayPath(path: string | undefined, root = process.cwd()): string {
  if (!path) return '(unknown file)';
  const normal = path.replaceAll('\\', '/');
  const prefix = `${root.replaceAll('\\', '/').replace(/\/$/, '')}/`;
  return normal.startsWith(prefix) ? normal.slice(prefix.length) : normal;
}

/** The problems a file's checks recorded (its VFile messages from these checks and from rehype-katex). */
export function problemsOf(file: VFile): Problem[] {
  return file.messages
    .filter((m) => m.source === PROBLEM_SOURCE || m.source === 'rehype-katex')
    .map((m) => {
      // rehype-katex places a display formula's error on its <code>, which has no position of its
      // own; the nearest ancestor that has one (the <pre>) gives the line.
      const place =
        m.line !== undefined
          ? { line: m.line, column: m.column ?? 0 }
          : [...(m.ancestors ?? [])].reverse().find((a) => a.position)?.position?.start;
      const problem: Problem = {
        file: displayPath(file.path),
        line: place?.line ?? 0,
        column: place?.column ?? 0,
        message: m.source === 'rehype-katex' ? `TeX error: ${texMessage(m.cause)}` : m.reason,
      };
      const hint =
        m.source === 'rehype-katex'
          ? 'Fix the formula; KaTeX lists what it supports at https://katex.org/docs/supported.html'
          : m.note;
      if (hint) problem.hint = hint;
      return problem;
    });
}

/** KaTeX's parse error, shortened to what the author needs ("Expected '}' ... at position 9: \frac{1}{"). */
function texMessage(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/^KaTeX parse error: /, '');
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column || 1}` : p.file;
  return `${where}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`;
}

/** Sort by file, then position; one line of output per problem (plus its hint). */
export function formatProblems(problems: readonly Problem[]): string {
  return [...problems]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .map(formatProblem)
    .join('\n');
}

/**
 * One AstroError for a set of problems. Its `loc` (and `line`/`column`, which the MDX plugin
 * reads) is the first problem's place, so the dev overlay opens there; its message lists all.
 */
export function problemsError(problems: readonly Problem[]): AstroError {
  const first = problems[0]!;
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  const error = new AstroError(
    `Recall & Rank found ${count} to fix:\n${formatProblems(problems)}`,
    problems.length === 1 ? first.hint : 'Each problem above names its file, line and column, with a hint.',
  );
  Object.assign(error, {
    loc: { file: first.file, line: first.line || undefined, column: first.column || undefined },
    line: first.line || undefined,
    column: first.column || undefined,
  });
  return error;
}

/**
 * Frontmatter that marks a Markdown string embedded in a note's frontmatter (a self-check
 * answer): its problems go back to the caller, which knows where the string sits in the file.
 */
export const EMBEDDED_FRONTMATTER = '---\nembedded: true\n---\n';

/**
 * Last plugin of every render. Collected (build, checker) or thrown (dev server) — and always
 * left on `file.data.astro.frontmatter.problems`, which is how a caller of a renderer that
 * returns only HTML (self-check answers in the content layer) sees them.
 */
export function rehypeReportProblems() {
  return (_tree: unknown, file: VFile) => {
    const problems = problemsOf(file);
    const frontmatter = frontmatterOf(file);
    if (frontmatter) frontmatter['problems'] = problems;
    if (problems.length === 0 || !file.path || frontmatter?.['embedded']) return;
    const collector = problemCollector();
    if (collector) collector.add(problems);
    else throw problemsError(problems);
  };
}
