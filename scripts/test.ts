/**
 * npm test: every check, in the order that fails fastest. Type check -> lint -> unit tests ->
 * build -> the PDF books -> checks over dist/ (incl. the author-error and base-path fixtures, built through Astro's
 * programmatic build) -> browser tests in Chromium.
 * Stops at the first failing step; ends with one line counting the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const node = process.execPath;
const vitestJson = (project: string) => `.tmp/vitest-${project}.json`;
const vitest = (project: string) => [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson(project)}`,
];

const steps: [string, string[]][] = [
  ['type check (astro check)', ['node_modules/astro/bin/astro.mjs', 'check']],
  ['lint (ESLint)', ['node_modules/eslint/bin/eslint.js', '.']],
  ['format (Prettier)', ['node_modules/prettier/bin/prettier.cjs', '--check', '.']],
  ['unit tests', vitest('unit')],
  ['build (astro build)', ['node_modules/astro/bin/astro.mjs', 'build']],
  ['book (npm run build:pdf)', ['scripts/pdf.ts']],
  ['site tests', vitest('site')],
  ['browser tests', vitest('e2e')],
];

mkdirSync('.tmp', { recursive: true });
const started = Date.now();
let passed = 0;
let failed = 0;
for (const [name, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(node, args, { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const json = args.find((a) => a.startsWith('--outputFile.json='))?.split('=')[1];
  if (json && existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
console.log(`\n✔ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
