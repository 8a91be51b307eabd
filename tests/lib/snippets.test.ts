import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedent, extractRegion, listRegions, readSnippet } from '../../src/lib/snippets.ts';

const source = `import x from 'y';

// #region outer
export function f() {
  // #region inner
  return 1;
  // #endregion
}
// #endregion

// #region tail
  const indented = 2;
    const deeper = 3;
// #endregion
`;

describe('extractRegion', () => {
  it('returns one region without its markers, nested markers removed', () => {
    expect(extractRegion(source, 's', 'outer')).toBe('export function f() {\n  return 1;\n}');
    expect(extractRegion(source, 's', 'inner')).toBe('return 1;');
  });
  it('dedents a region', () => {
    expect(extractRegion(source, 's', 'tail')).toBe('const indented = 2;\n  const deeper = 3;');
  });
  it('returns the whole file without any marker when no region is asked', () => {
    const whole = extractRegion(source, 's');
    expect(whole).not.toMatch(/#region|#endregion/);
    expect(whole.startsWith("import x from 'y';")).toBe(true);
  });
  it('names the snippet and the regions it has when a region is missing', () => {
    expect(() => extractRegion(source, 'evaluation/auc', 'nope')).toThrow(
      'Snippet "evaluation/auc" has no region "nope" (regions: outer, inner, tail)',
    );
  });
  it('rejects an unterminated region', () => {
    expect(() => extractRegion('// #region a\nx', 's', 'a')).toThrow(/region "a" has no \/\/ #endregion/);
  });
  it('lists regions and dedents', () => {
    expect(listRegions(source)).toEqual(['outer', 'inner', 'tail']);
    expect(dedent('    a\n      b\n\n    c')).toBe('a\n  b\n\nc');
  });
});

describe('readSnippet', () => {
  const root = mkdtempSync(join(tmpdir(), 'rr-snippets-'));
  mkdirSync(join(root, 'content/snippets/demo'), { recursive: true });
  mkdirSync(join(root, 'tests/snippets/demo'), { recursive: true });
  writeFileSync(join(root, 'content/snippets/demo/tested.ts'), '// #region r\nexport const a = 1;\n// #endregion\n');
  writeFileSync(join(root, 'tests/snippets/demo/tested.test.ts'), '');
  writeFileSync(join(root, 'content/snippets/demo/untested.ts'), 'export const b = 2;\n');

  it('reads a region and names the test that covers it', () => {
    expect(readSnippet('demo/tested', 'r', root)).toEqual({
      code: 'export const a = 1;',
      path: 'content/snippets/demo/tested.ts',
      testPath: 'tests/snippets/demo/tested.test.ts',
    });
  });
  it('fails on a missing file, a module without a test, and a malformed name', () => {
    expect(() => readSnippet('demo/missing', undefined, root)).toThrow(
      'Snippet "demo/missing": no file content/snippets/demo/missing.ts',
    );
    expect(() => readSnippet('demo/untested', undefined, root)).toThrow(
      /has no test file tests\/snippets\/demo\/untested.test.ts/,
    );
    expect(() => readSnippet('demo/x.ts', undefined, root)).toThrow(/must look like "section\/name"/);
  });
});
