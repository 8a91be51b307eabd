/**
 * The site's own Astro integration: everything after Astro has rendered the pages, in Astro's
 * hooks, so `astro build` is the whole build (as Starlight runs its search index in its own):
 *
 *  1. problems: while notes load and compile, every author problem of every note is collected;
 *     the build then fails once, listing them all at file:line:column (the dev server instead
 *     shows each in its overlay at the line);
 *  2. client scripts and KaTeX assets (client-assets.ts), served from memory in dev;
 *  3. checks of the output: every internal link and #fragment, no KaTeX error, lang, title and
 *     description on every page, nothing loaded from another origin (src/lib/site-check.ts);
 *  4. the search indexes, one Pagefind bundle per language (search-index.ts);
 *  5. the offline package (offline.ts).
 */
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFigureRenders } from '../lib/figure-registry.ts';
import { setHighlightsAhead } from '../lib/highlight.ts';
import { problemsError, setProblemCollector, type Problem } from '../lib/markdown/problems.ts';
import { setLinkBase } from '../lib/markdown/site-links.ts';
import { OFFLINE_ZIP } from '../lib/site-assets.ts';
import { checkSite } from '../lib/site-check.ts';
import { readSite } from '../lib/site-files.ts';
import { bundleClient, clientEntries, katexFiles } from './client-assets.ts';
import { renderFiguresAhead } from './figure-workers.ts';
import { highlightSnippetsAhead } from './snippet-highlights.ts';
import { formatBytes, startOffline } from './offline.ts';
import { startSearchIndexes, type SearchIndexing } from './search-index.ts';

async function writeAssets(out: string): Promise<void> {
  const files: (readonly [string, string | Buffer | Promise<string>])[] = [
    ...Object.entries(clientEntries()).map(([name, entry]) => [`_client/${name}`, bundleClient(entry)] as const),
    ...[...katexFiles()].map(([name, data]) => [`katex/${name}`, data] as const),
  ];
  await Promise.all(
    files.map(async ([name, data]) => {
      const target = join(out, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await data);
    }),
  );
}

export default function recallAndRank(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  let command: 'dev' | 'build' | 'preview' | 'sync' = 'build';
  const problems: Problem[] = [];
  return {
    name: 'recall-and-rank',
    hooks: {
      'astro:config:done': ({ config }) => {
        // The figures' simulations run in worker threads while the notes load and Vite compiles the
        // pages, and so does the syntax highlighting of the snippets the notes show. Figures and
        // snippets live with the site's code (process.cwd()), which a fixture build shares.
        if (command === 'build') {
          setFigureRenders(renderFiguresAhead(process.cwd()));
          setHighlightsAhead(highlightSnippetsAhead(fileURLToPath(config.root), process.cwd()));
        }
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        site = config.site;
        setLinkBase(base);
      },
      'astro:config:setup': ({ command: current }) => {
        command = current;
        // Installed before the content layer loads the notes, so their problems are collected too.
        problems.length = 0;
        if (command === 'build') setProblemCollector({ add: (found) => problems.push(...found) });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const url = (req.url ?? '').split('?')[0]!.replace(base, '/');
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
      'astro:build:done': async ({ dir, logger }) => {
        setProblemCollector(undefined);
        setFigureRenders(undefined);
        setHighlightsAhead(undefined);
        if (problems.length) throw problemsError(problems);
        const out = fileURLToPath(dir);
        const started = performance.now();
        const step = (name: string) => logger.info(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

        await writeAssets(out);
        step('client scripts and KaTeX assets written');

        // From here the offline package's pages are compressed in a worker and Pagefind indexes the
        // pages in its own process, while this thread checks the site; the search bundles, once
        // written, are added to the package.
        const offline = startOffline(out, base);
        let search: SearchIndexing | undefined;
        try {
          search = await startSearchIndexes(out);
          const { pages, others } = readSite(out);
          others.add(OFFLINE_ZIP); // written below
          const siteProblems = checkSite(pages, others, base, site);
          if (siteProblems.length)
            throw new AstroError(
              `${siteProblems.length} problem(s) in the built site:\n  ${siteProblems.join('\n  ')}`,
              'Each line names the page and, for a note, the file it is built from.',
            );
          step(`${pages.size} pages checked: links, fragments, math and metadata`);

          const bundles = await search.finish(pages);
          step(`search indexes: ${bundles.map((b) => `${b.lang} ${b.pages} pages`).join(', ')}`);

          const zipped = await offline.finish(bundles);
          step(`offline package: ${zipped.files} files, ${formatBytes(zipped.bytes)}`);
        } catch (error) {
          await Promise.all([offline.cancel(), search?.cancel()]);
          throw error;
        }
      },
    },
  };
}
