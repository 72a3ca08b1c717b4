/**
 * The official MCP conformance suites (2025-11-25 and 2026-07-28) in server
 * mode against the generated example over streamable HTTP, with default
 * settings. The suites live in `conformance/`, a package of its own (they need
 * Node 22, which it brings as the `node` package); this test installs it when
 * it is missing. `conformance/baseline.json` lists the scenarios that do not
 * apply to the generated server, and why.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../conformance/src/run.js';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { compileExample, startHttpExample } from './support/example-server.js';

const run = promisify(execFile);
const TOKEN = 'conformance-inbound-token-0123456789';
const CONFORMANCE_DIR = path.join(REPO_ROOT, 'conformance');

let api: RunningApi | undefined;
let workDir: string;
let server: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  if (!existsSync(path.join(CONFORMANCE_DIR, 'node_modules/conformance-2026'))) {
    await run('npm', ['--prefix', CONFORMANCE_DIR, 'ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT });
  }
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  // Default settings: no extra allowed origins or hosts. No tool is called, but the suites read the
  // example's resources (resources/read caching hints), so the live example API is behind it.
  api = await startCompanyApi('conformance-api-key');
  const started = await startHttpExample({
    entry: await compileExample(workDir),
    env: {
      COMPANY_API_BASE_URL: api.baseUrl,
      COMPANY_API_KEY: api.apiKey,
      COMPANY_API_HTTP_TOKENS: TOKEN,
    },
  });
  server = started.child;
  url = started.url;
}, 600_000);

afterAll(async () => {
  server?.kill();
  await api?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('official MCP conformance suites against the generated example over HTTP', () => {
  it('passes every scenario that applies to the generated server (tools and resources), in both protocol eras', async () => {
    const report = await runConformance({ url, token: TOKEN });
    const summary = report.suites.map(
      (suite) =>
        `${suite.id} (${suite.package}): ${suite.passed.length} passed, ${suite.failedUnexpectedly.length} failed unexpectedly, ${suite.notApplicable.length} not applicable, ${suite.staleBaseline.length} stale baseline entries`,
    );
    console.log(summary.join('\n'));
    expect(report.suites.map((suite) => suite.error)).toEqual([undefined, undefined]);
    expect(report.suites.flatMap((suite) => suite.failedUnexpectedly.map((name) => `${suite.id} ${name}`))).toEqual([]);
    expect(report.suites.flatMap((suite) => suite.staleBaseline)).toEqual([]);
    expect(report.ok).toBe(true);
    for (const suite of report.suites) expect(suite.passed).toContain('dns-rebinding-protection');
  }, 600_000);
});
