/**
 * Author errors are caught at the right line, all at once, and the note checker agrees with the
 * build. The fixture tests/fixtures/author-errors holds one note per kind of error; it is built
 * for real through Astro's programmatic build() (tests/support/build-fixture.ts) and checked with
 * `npm run check:notes`.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const NOTES = 'tests/fixtures/author-errors/content/notes/en/recall';
const at = (note: string, line: number, column: number) => `${NOTES}/${note}.mdx:${line}:${column}: `;

/** Every problem of the fixture, as file:line:column and the start of its message. */
const EXPECTED: [string, string][] = [
  [at('braces', 29, 18), 'braces in prose run as JavaScript in MDX: {1, 2, 3}'],
  [at('braces', 31, 12), 'braces in prose run as JavaScript in MDX: {1/3}'],
  [at('reserved', 26, 42), 'the private-use character U+E000 is reserved by the build'], // in a self-check answer
  [at('reserved', 29, 9), 'the private-use character U+E000 is reserved by the build'],
  [at('reserved', 29, 11), 'the private-use character U+E001 is reserved by the build'],
  [at('unquoted', 31, 12), 'MDX syntax: Unexpected character `c` (U+0063) before attribute value'],
  [at('br', 31, 1), 'MDX syntax: Expected a closing tag for `<br>`'],
  [at('dollars', 29, 10), '"$20 per view and $" reads like prose'],
  [at('dollars', 33, 9), 'this table cell has an unmatched $'],
  [at('dollars', 35, 1), 'this table header cell is math only'],
  [at('dollars', 39, 1), 'this table header cell is empty'],
  [at('parts', 29, 1), 'Snippet "recall/no-such-module": no file content/snippets/recall/no-such-module.ts'],
  [at('parts', 31, 1), 'Snippet "recall/alias" has no region "no-such-region" (regions: build, draw)'],
  [at('parts', 33, 1), 'no figure "no-such-figure"'],
  [at('parts', 35, 1), 'unknown component <Foo>'],
  [at('images', 29, 1), 'image ../../../images/dot.svg has no alt text'],
  [at('images', 31, 1), 'image ../../../images/missing.png does not exist'],
  [at('images', 33, 1), 'image https://example.com/x.png is loaded from another site'],
  [at('links', 29, 5), 'link /recall/no-such-note/ points at no page of the site'],
  [at('links', 29, 49), 'link /recall/braces should end with a slash'],
  [at('tex', 25, 27), 'TeX error: '], // in a self-check answer, inside the frontmatter
  [at('tex', 33, 1), 'TeX error: '], // display math in the body
  [at('tex', 37, 12), 'TeX error: '], // inline math in the body
  [at('frontmatter', 2, 1), 'frontmatter description: '],
  [at('frontmatter', 14, 11), 'frontmatter sources.0.year: '],
  [at('related', 16, 11), 'related note "recall/no-such-note" does not exist'],
];

const HINTS = [
  'hint: Write \\{ and \\} for literal braces',
  'hint: Quote attribute values in JSX: <div align="center">.',
  'hint: MDX is JSX: close every tag, e.g. <br /> instead of <br>.',
  'hint: For an amount of money write "USD 20"',
  'hint: Inside a table, write \\vert or \\mid instead of |',
  'hint: A header cell names its column for screen readers',
  'hint: Fix the formula; KaTeX lists what it supports',
  'hint: Delete it: it shows as nothing or as a box in most fonts.',
];

/** The problem lines of a run's output, in order. */
const problemLines = (output: string) => [...new Set(output.split('\n').filter((l) => l.startsWith(`${NOTES}/`)))];

describe('author errors', () => {
  const build = run(['tests/support/build-fixture.ts', 'author-errors']);
  const check = run([
    'scripts/check-notes.ts',
    ...EXPECTED.map(([w]) => w.split(':')[0]!).filter((f, i, a) => a.indexOf(f) === i),
  ]);

  it('fail the build, every one reported at file:line:column with a hint, in one run', async () => {
    const { status, output } = await build;
    expect(status).toBe(1);
    expect(output).toContain(`Recall & Rank found ${EXPECTED.length} problems to fix`);
    for (const [where, message] of EXPECTED) expect(output).toContain(where + message);
    for (const hint of HINTS) expect(output).toContain(hint);
  });

  it('are reported by npm run check:notes with the same words at the same places', async () => {
    const [built, checked] = await Promise.all([build, check]);
    expect(checked.status).toBe(1);
    const lines = problemLines(checked.output);
    expect(lines).toHaveLength(EXPECTED.length);
    expect(lines).toEqual(problemLines(built.output));
  });
});
