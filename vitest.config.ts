import { defineConfig } from 'vitest/config';

/**
 * The suite in projects split by cost, each with its script:
 * - unit (`npm run test:unit`): the colocated tests of the generator and the
 *   runtime, in memory;
 * - golden (`npm run test:golden`): the generator, `check` and the CLI's
 *   `main` run in-process against committed output and error and drift goldens;
 * - e2e (`npm run test:e2e`, after a build): whatever starts a real server,
 *   a process (the built CLI included), tsc, Redis, a browser or an
 *   authorization server. A new file under test/ lands here unless GOLDEN
 *   lists it.
 * `npm test` runs these three after the static checks. The real-world corpus
 * (../shared/specs) is a project of its own, run as its own step:
 * `npm run test:corpus`.
 */
const GOLDEN = [
  'test/golden.test.ts',
  'test/errors.test.ts',
  'test/external-refs.test.ts',
  'test/generate-out.test.ts',
  'test/generate-warnings.test.ts',
  'test/user-owned-files.test.ts',
  'test/server-json.test.ts',
  'test/diagnostics-doc.test.ts',
  'test/bounded.test.ts',
  'test/bounded-inputs.test.ts',
  'test/check/drift-scenarios.test.ts',
  'test/check/guarantees.test.ts',
  'test/check/real-drift.test.ts',
];
const CORPUS = ['test/corpus/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most end-to-end files wait on servers and child processes: three at a time keep two cores busy
    // (vitest's default on two cores is one file at a time).
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'runtime/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'golden', include: GOLDEN } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: [...GOLDEN, ...CORPUS] } },
      { extends: true, test: { name: 'corpus', include: CORPUS } },
    ],
  },
});
