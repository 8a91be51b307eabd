/** Reads a built site folder into the shapes src/lib/site-check.ts expects. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function readSite(dir: string): { pages: Map<string, string>; others: Set<string> } {
  const pages = new Map<string, string>();
  const others = new Set<string>();
  for (const f of listFiles(dir)) {
    if (f.endsWith('.html')) pages.set(f, readFileSync(join(dir, f), 'utf8'));
    else others.add(f);
  }
  return { pages, others };
}
