/**
 * What only a real process shows, for the built CLI (bin/mcpgen.js, run by
 * `npm test` after `npm run build`): the exit status of each outcome (0
 * clean, 1 drift, 2 bad input), results on stdout and diagnostics on stderr
 * without a stack trace, and nothing written when the input is bad. The rest
 * of the CLI's behaviour is tested in-process (test/support/cli.ts); the error
 * cases here are compared with the same goldens as test/errors.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPGEN_VERSION } from '../src/version.js';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { runCliInProcess, runCliProcess } from './support/cli.js';

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');

let workDir = '';
beforeAll(async () => {
  expect(existsSync(path.join(REPO_ROOT, 'dist/cli/main.js')), 'run `npm run build` first').toBe(true);
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-cli-'));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('mcpgen as a process', () => {
  it('--version: the version on stdout, exit 0', async () => {
    const result = await runCliProcess({ args: ['--version'] });
    expect(result).toEqual({ code: 0, stdout: `${MCPGEN_VERSION}\n`, stderr: '' });
  });

  it('check of the committed example: exit 0, the verdict on stdout, nothing on stderr', async () => {
    const result = await runCliProcess({ args: ['check', '--allowlist', 'examples/company-api/mcpgen.yaml'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^mcpgen check: pass: /m);
    expect(result.stderr).toBe('');
  });

  it('check finding drift: exit 1, the report on stdout, the same as in-process', async () => {
    // An entry whose operation the spec no longer has: drift, found without generating anything.
    const dir = path.join(workDir, 'drift');
    await mkdir(dir);
    await copyFile(path.join(EXAMPLE, 'openapi.json'), path.join(dir, 'openapi.json'));
    const allowlist = readFileSync(path.join(EXAMPLE, 'mcpgen.yaml'), 'utf8');
    expect(allowlist).toContain('POST /orders/{orderId}/cancel');
    await writeFile(
      path.join(dir, 'mcpgen.yaml'),
      allowlist.replace('POST /orders/{orderId}/cancel', 'POST /orders/{orderId}/void'),
    );
    const args = ['check', '--spec', 'openapi.json', '--allowlist', 'mcpgen.yaml', '--out', 'generated'];
    const result = await runCliProcess({ cwd: dir, args });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('MCPGEN_DRIFT_');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(await runCliInProcess({ cwd: dir, args })).toEqual(result);
  });

  for (const name of ['unknown-operation', 'allowlist-yaml-syntax']) {
    it(`bad input (${name}): exit 2, the golden diagnostics on stderr, no stack trace, nothing written`, async () => {
      const out = path.join(workDir, `out-${name}`);
      const args = ['generate', '--allowlist', `test/fixtures/errors/${name}/allowlist.yaml`, '--out', out];
      const result = await runCliProcess({ args });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        readFileSync(path.join(REPO_ROOT, 'test/fixtures/errors', name, 'expected.txt'), 'utf8'),
      );
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(existsSync(out)).toBe(false);
      expect(await runCliInProcess({ args })).toEqual(result);
    });
  }

  it('a usage error: exit 2, a located diagnostic with a hint, no stack trace', async () => {
    const result = await runCliProcess({ args: ['generate', '--allowlist', 'x.yaml', '--frobnicate'] });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--frobnicate');
    expect(result.stderr).toContain('hint:');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
