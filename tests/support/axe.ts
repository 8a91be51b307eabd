/** axe-core run in a page of the browser tests: its violations, one line each (rule, help, where). */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

export async function audit(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe
      .run({ resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as Violation[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
