import { defineConfig } from 'vitest/config';

// Three projects, run in this order by scripts/test.ts:
//  unit  - snippets and src/lib, pure and fast, need nothing built;
//  site  - checks over the built dist/ (run after `npm run build`);
//  e2e   - a real Chromium driving the built site and the offline zip.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/snippets/**/*.test.ts', 'tests/lib/**/*.test.ts'],
          // The statistical tests run thousands of seeded simulations: on a busy two-core machine
          // one can take far longer than Vitest's default 5 s without anything being wrong.
          testTimeout: 60_000,
        },
      },
      { test: { name: 'site', include: ['tests/site/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
