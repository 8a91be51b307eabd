/**
 * Builds a test fixture through Astro's programmatic build(): the fixture folder is the project
 * root (its content/notes and content/images), while the site's own src/, public/ and
 * astro.config.mjs build it, exactly as `npm run build` builds the real notes.
 *
 *   node tests/support/build-fixture.ts <fixture> [base]
 *
 * Runs as its own process (Astro sets process-wide state), output in .tmp/fixtures/<fixture>/.
 */
import { build } from 'astro';
import { relative, resolve } from 'node:path';

// Run under vitest, this process inherits its import.meta.env mirror (BASE_URL=/, MODE=test...),
// which Vite would take over the build's own settings.
for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete process.env[key];

const [fixture, base] = process.argv.slice(2);
if (!fixture) throw new Error('usage: build-fixture.ts <fixture> [base]');
const out = resolve('.tmp/fixtures', fixture + (base ? '-base' : ''));
const root = resolve('tests/fixtures', fixture);
await build({
  root,
  // Astro resolves the config file from the root.
  configFile: relative(root, resolve('astro.config.mjs')),
  srcDir: resolve('src'),
  publicDir: resolve('public'),
  outDir: resolve(out, 'dist'),
  cacheDir: resolve(out, 'cache'),
  logLevel: 'error',
  ...(base ? { base } : {}),
});
