/**
 * Finds Debian's Chromium for the browser tests. No browser is ever downloaded: the tests use
 * CHROME_PATH or /usr/bin/chromium. Without one they are skipped with a loud notice, unless
 * REQUIRE_E2E=1 (set by .ci/run), where a missing browser fails the run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (p): p is string => Boolean(p),
);

export const chromePath = CANDIDATES.find((p) => existsSync(p));

if (!chromePath) {
  const message = `No Chromium found (looked at ${CANDIDATES.join(', ')}). Install Debian's chromium or set CHROME_PATH.`;
  if (process.env['REQUIRE_E2E'] === '1') throw new Error(`REQUIRE_E2E=1: ${message}`);
  console.warn(`\n${'!'.repeat(72)}\n! BROWSER TESTS SKIPPED: ${message}\n${'!'.repeat(72)}\n`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath!,
    // The flags keep Chromium from phoning home on a machine without a network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
