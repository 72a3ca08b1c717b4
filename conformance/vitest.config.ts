// The conformance package's own unit tests (the proxy, results parsing, baseline judging).
// They need no server and no suite install: run `npm test` here, or
// `npx vitest run --config conformance/vitest.config.ts` from the repository root.
export default {
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
};
