/**
 * The official MCP conformance suites (2025-11-25 and 2026-07-28) in server
 * mode against the generated example over streamable HTTP, with default
 * settings. The suites live in `conformance/`, a package of its own (they need
 * Node 22, which it brings as the `node` package); this test installs it when
 * it is missing. `conformance/baseline.json` lists the scenarios that do not
 * apply to a tools-only server, and why.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../conformance/src/run.js';
import { REPO_ROOT } from '../scripts/worked-example.js';

const run = promisify(execFile);
const TOKEN = 'conformance-inbound-token-0123456789';
const CONFORMANCE_DIR = path.join(REPO_ROOT, 'conformance');

let workDir: string;
let server: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  if (!existsSync(path.join(CONFORMANCE_DIR, 'node_modules/conformance-2026'))) {
    await run('npm', ['--prefix', CONFORMANCE_DIR, 'ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT });
  }
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  const project = path.join(REPO_ROOT, 'examples/company-api-mcp');
  await run(process.execPath, [
    path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(project, 'tsconfig.json'),
    '--outDir',
    path.join(workDir, 'dist'),
  ]);
  // Default settings: no extra allowed origins or hosts. No tool is called, so no API is needed behind it.
  server = spawn(process.execPath, [path.join(workDir, 'dist/src/index.js'), '--http'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      COMPANY_API_BASE_URL: 'http://127.0.0.1:9',
      COMPANY_API_KEY: 'conformance-api-key',
      COMPANY_API_HTTP_PORT: '0',
      COMPANY_API_HTTP_TOKENS: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    server?.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    server?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}, 600_000);

afterAll(async () => {
  server?.kill();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('official MCP conformance suites against the generated example over HTTP', () => {
  it('passes every scenario that applies to a tools-only server, in both protocol eras', async () => {
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
