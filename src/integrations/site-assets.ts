/**
 * Files the pages load that Astro's own bundler does not make:
 *  - /_client/*.js: classic (IIFE) scripts bundled by esbuild from src/client and from the demos'
 *    *.client.ts files. Astro would emit ES modules, which browsers refuse to run from file://,
 *    and the offline copy of the site must work from disk.
 *  - /katex/: KaTeX's stylesheet and woff2 fonts, self-hosted, linked only by pages with math.
 * In dev they are served from memory; at build they are written into the output folder.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Output path (under /_client/) -> entry file. */
export function clientEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const f of readdirSync(join(root, 'src/client'))) {
    if (f.endsWith('.ts')) entries[f.replace(/\.ts$/, '.js')] = join(root, 'src/client', f);
  }
  for (const f of readdirSync(join(root, 'src/components/demos'))) {
    if (f.endsWith('.client.ts'))
      entries[`demos/${f.replace(/\.client\.ts$/, '.js')}`] = join(root, 'src/components/demos', f);
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

/** KaTeX's CSS pointing at woff2 only: every browser that runs the site reads woff2. */
export function katexFiles(): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>();
  const css = readFileSync(join(katexDir, 'dist/katex.min.css'), 'utf8').replace(
    /,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g,
    '',
  );
  if (/\.ttf\)|\.woff\)/.test(css)) throw new Error('site-assets: could not strip woff/ttf fonts from katex.min.css');
  files.set('katex.min.css', css);
  for (const f of readdirSync(join(katexDir, 'dist/fonts'))) {
    if (f.endsWith('.woff2')) files.set(`fonts/${f}`, readFileSync(join(katexDir, 'dist/fonts', f)));
  }
  return files;
}

export default function siteAssets(): AstroIntegration {
  return {
    name: 'recall-and-rank:site-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const url = (req.url ?? '').split('?')[0] ?? '';
          try {
            if (url.startsWith('/_client/')) {
              const entry = clientEntries()[url.slice('/_client/'.length)];
              if (!entry) return next();
              res.setHeader('Content-Type', 'text/javascript');
              return res.end(await bundleClient(entry));
            }
            if (url.startsWith('/katex/')) {
              const file = katexFiles().get(url.slice('/katex/'.length));
              if (file === undefined) return next();
              res.setHeader('Content-Type', url.endsWith('.css') ? 'text/css' : 'font/woff2');
              return res.end(file);
            }
          } catch (error) {
            return next(error);
          }
          return next();
        });
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        for (const [name, entry] of Object.entries(clientEntries())) {
          const target = join(out, '_client', name);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, await bundleClient(entry));
        }
        for (const [name, data] of katexFiles()) {
          const target = join(out, 'katex', name);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, data);
        }
      },
    },
  };
}
