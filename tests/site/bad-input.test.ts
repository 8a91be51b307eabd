/**
 * Bad input fails the build loudly and names the file at fault. Each fixture under
 * tests/fixtures/<case>/ is a one-note site with one deliberate defect, built for real.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function build(fixture: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/build.ts'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      RR_CONTENT_DIR: `tests/fixtures/${fixture}`,
      RR_OUT_DIR: `.tmp/fixtures/${fixture}/dist`,
      RR_CACHE_DIR: `.tmp/fixtures/${fixture}/cache`,
      RR_SKIP_PACKAGE: '1',
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const file = (fixture: string) => `tests/fixtures/${fixture}/en/recall/fixture.mdx`;

describe('the build rejects bad input and names the file', () => {
  it('malformed frontmatter (a year that is not a number)', () => {
    const { status, output } = build('bad-frontmatter');
    expect(status).toBe(1);
    expect(output).toContain(file('bad-frontmatter'));
    expect(output).toMatch(/sources\.0\.year.*Expected type `"number"`/);
  });

  it('an unknown snippet file, with the line that uses it', () => {
    const { status, output } = build('unknown-snippet');
    expect(status).toBe(1);
    expect(output).toContain(
      `${file('unknown-snippet')}:28: Snippet "recall/no-such-module": no file content/snippets/recall/no-such-module.ts`,
    );
  });

  it('an unknown snippet region, listing the regions that exist', () => {
    const { status, output } = build('unknown-region');
    expect(status).toBe(1);
    expect(output).toContain(
      `${file('unknown-region')}:28: Snippet "recall/alias" has no region "no-such-region" (regions: build, draw)`,
    );
  });

  it('bad TeX, with line, column and formula', () => {
    const { status, output } = build('bad-tex');
    expect(status).toBe(1);
    expect(output).toContain(`TeX error in `);
    expect(output).toContain(`${file('bad-tex')}:26:16`);
    expect(output).toContain('formula: \\frac{1}{');
  });

  it('a broken internal link, naming the page and its source note', () => {
    const { status, output } = build('broken-link');
    expect(status).toBe(1);
    expect(output).toContain(
      `recall/fixture/index.html (from ${file('broken-link')}): broken link /recall/no-such-note/ (no recall/no-such-note/index.html)`,
    );
  });
});
