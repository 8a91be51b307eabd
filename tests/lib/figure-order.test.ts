/**
 * The build's figure workers take the figures in the order the pages show them, so that page
 * generation seldom waits for one (src/integrations/figure-workers.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figureOrder } from '../../src/integrations/figure-workers.ts';

const root = mkdtempSync(join(tmpdir(), 'rr-figure-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function note(path: string, section: string, order: number, body: string) {
  const file = join(root, 'content/notes', path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `---\ntitle: T\nsection: ${section}\norder: ${order}\n---\n\n${body}\n`);
}

describe('figureOrder', () => {
  it('orders figures by the first note that shows them, in reading order', () => {
    // Recall comes after foundations (src/lib/sections.ts); within a section, by `order`.
    note('en/recall/b.mdx', 'recall', 2, '<Figure name="late" />\n<Figure name="shared" />');
    note('en/recall/a.mdx', 'recall', 1, 'Text.\n\n<Figure name="shared" />');
    note('en/foundations/c.mdx', 'foundations', 9, '<Figure  name="first" />');
    // A translation shows the same figures; it does not change the order.
    note('zh/recall/b.mdx', 'recall', 2, '<Figure name="late" />');
    expect(figureOrder(root, ['unused-b', 'late', 'unused-a', 'shared', 'first'])).toEqual([
      'first',
      'shared',
      'late',
      'unused-a',
      'unused-b',
    ]);
  });
});
