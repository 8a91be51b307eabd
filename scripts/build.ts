/**
 * npm run build: astro build -> checks of the output (links, fragments, math, metadata) ->
 * Pagefind index -> offline package. Any problem stops the build with the file that has it.
 *
 * RR_CONTENT_DIR / RR_OUT_DIR point it at other notes and another output folder (the bad-input
 * fixtures use them); RR_SKIP_PACKAGE=1 stops after the checks.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { OFFLINE_ZIP } from '../src/lib/offline.ts';
import { checkSite } from '../src/lib/site-check.ts';
import { buildOffline, formatBytes } from './offline.ts';
import { readSite } from './site-files.ts';

const outDir = process.env['RR_OUT_DIR'] ?? 'dist';
const started = performance.now();
const step = (name: string) => console.log(`\n▶ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

function fail(message: string): never {
  console.error(`\n✖ build failed: ${message}`);
  process.exit(1);
}

step('astro build');
rmSync(outDir, { recursive: true, force: true });
// process.execPath, not the astro bin: its shebang would pick whatever node is first on PATH.
const astro = spawnSync(
  process.execPath,
  [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir],
  {
    stdio: 'inherit',
  },
);
if (astro.status !== 0) fail('astro build exited with an error (see above)');

step('checking the output');
const { pages, others } = readSite(outDir);
others.add(OFFLINE_ZIP); // written by the packaging step below
const problems = checkSite(pages, others);
if (problems.length > 0) fail(`${problems.length} problem(s) in the output:\n  ${problems.join('\n  ')}`);
console.log(`  ${pages.size} pages: links, fragments, math and metadata OK`);

if (process.env['RR_SKIP_PACKAGE'] === '1') process.exit(0);

step('search index (Pagefind)');
const { index, errors } = await pagefind.createIndex({});
if (!index || errors.length) fail(`pagefind: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: outDir });
if (added.errors.length) fail(`pagefind: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
if (written.errors.length) fail(`pagefind: ${written.errors.join('; ')}`);
await pagefind.close();
console.log(`  indexed ${added.page_count} pages`);

step('offline package');
const offline = buildOffline(outDir, join('.tmp', 'offline'));
console.log(`  ${offline.zipPath}: ${offline.files} files, ${formatBytes(offline.bytes)}`);

step('done');
