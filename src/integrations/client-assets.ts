/**
 * Files the pages load that Astro's own bundler does not make (served from memory by the dev
 * server, written into the output by the build; see recall-and-rank.ts):
 *  - /_client/*.js: classic (IIFE) scripts bundled by esbuild from src/client and from the demos'
 *    *.client.ts files. Astro would emit ES modules, which browsers refuse to run from file://,
 *    and the offline copy of the site must work from disk.
 *  - /katex/: KaTeX's stylesheet and woff2 fonts, self-hosted, linked only by pages with math.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Output path (under /_client/) -> entry file. */
export function clientEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const f of readdirSync(join(root, 'src/client'))) {
    // Declaration files (globals.d.ts) hold types only.
    if (f.endsWith('.ts') && !f.endsWith('.d.ts')) entries[f.replace(/\.ts$/, '.js')] = join(root, 'src/client', f);
  }
  for (const f of readdirSync(join(root, 'src/components/mdx/demos'))) {
    if (f.endsWith('.client.ts'))
      entries[`demos/${f.replace(/\.client\.ts$/, '.js')}`] = join(root, 'src/components/mdx/demos', f);
  }
  return entries;
}

export async function bundleClient(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

const katexDir = dirname(createRequire(import.meta.url).resolve('katex/package.json'));

/**
 * KaTeX's CSS pointing at woff2 only (every browser that runs the site reads woff2), with
 * `font-display: swap` instead of KaTeX's `block`: on a slow network a formula shows at once in a
 * fallback font instead of staying blank until its fonts arrive.
 */
export function katexFiles(): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>();
  const css = readFileSync(join(katexDir, 'dist/katex.min.css'), 'utf8')
    .replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '')
    .replaceAll('font-display:block', 'font-display:swap');
  if (/\.ttf\)|\.woff\)/.test(css)) throw new Error('client-assets: could not strip woff/ttf fonts from katex.min.css');
  if (/font-display:block/.test(css)) throw new Error('client-assets: KaTeX fonts still use font-display: block');
  files.set('katex.min.css', css);
  for (const f of readdirSync(join(katexDir, 'dist/fonts'))) {
    if (f.endsWith('.woff2')) files.set(`fonts/${f}`, readFileSync(join(katexDir, 'dist/fonts', f)));
  }
  return files;
}
