/**
 * The command line is checked before anything runs: unknown options (with a
 * did-you-mean), missing or repeated values and a missing allowlist are usage
 * errors (exit 2, MCPGEN_USAGE, no stack trace) and nothing is written.
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';

const EXAMPLE_SPEC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/company-api/openapi.json',
);
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const ALLOWLIST = [
  'spec: openapi.json',
  'out: generated',
  'server: { name: args-mcp, version: 1.0.0, env_prefix: ARGS }',
  'tools:',
  '  api_health: { operation: GET /health, risk: read }',
  '',
].join('\n');

function captured(): Output & { out: string[]; err: string[]; text(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    text: () => err.join('\n'),
    result: (text) => out.push(text),
    error: (text) => err.push(text),
    progress: () => undefined,
  };
}

let dir = '';
let previousCwd = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-args-'));
  await copyFile(EXAMPLE_SPEC, path.join(dir, 'openapi.json'));
  previousCwd = process.cwd();
  process.chdir(dir);
});
afterEach(async () => {
  process.chdir(previousCwd);
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const output = captured();
  const code = await main(argv, output);
  const stderr = output.text();
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr).not.toContain('MCPGEN_INTERNAL');
  return { code, stderr, stdout: output.out.join('\n') };
}

describe('command-line arguments are checked before anything runs', () => {
  it('refuses a mistyped option with a did-you-mean, and writes nothing (not even to the allowlist default out:)', async () => {
    await writeFile('custom.yaml', ALLOWLIST);
    const result = await run(['generate', '--allowlist', 'custom.yaml', '--ot', 'elsewhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error MCPGEN_USAGE: unknown option --ot for `mcpgen generate`\n  hint: Did you mean --out? Run `mcpgen generate --help` for its options.',
    );
    expect(readdirSync(dir).sort()).toEqual(['custom.yaml', 'openapi.json']);
  });

  it('names each unknown option of check and init too', async () => {
    const check = await run(['check', '--allowlist', 'x.yaml', '--stritc', '--formt', 'json']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('unknown option --stritc for `mcpgen check`\n  hint: Did you mean --strict?');
    expect(check.stderr).toContain('unknown option --formt for `mcpgen check`\n  hint: Did you mean --format?');
    const init = await run(['init', '--spec', 'openapi.json', '--froce']);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('Did you mean --force?');
    expect(existsSync('mcpgen.yaml')).toBe(false);
  });

  it('without --allowlist and without ./mcpgen.yaml: a usage error, not a crash on "undefined"', async () => {
    for (const command of ['generate', 'check']) {
      const result = await run([command]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'error MCPGEN_USAGE: no allowlist given: pass --allowlist <file> (there is no ./mcpgen.yaml to default to)',
      );
      expect(result.stderr).not.toContain('undefined');
    }
    expect(readdirSync(dir)).toEqual(['openapi.json']);
  });

  it('without --allowlist, reads ./mcpgen.yaml when it exists', async () => {
    await writeFile('mcpgen.yaml', ALLOWLIST);
    const result = await run(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'generated/mcpgen.manifest.json'))).toBe(true);
  });

  it('init without --spec is a usage error, not an internal one', async () => {
    const result = await run(['init']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error MCPGEN_USAGE: Missing required argument: spec');
    expect(existsSync('mcpgen.yaml')).toBe(false);
  });

  it('refuses a missing, empty or repeated value', async () => {
    await writeFile('custom.yaml', ALLOWLIST);
    const missing = await run(['generate', '--allowlist', 'custom.yaml', '--out']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error MCPGEN_USAGE: Not enough arguments following: out');
    const empty = await run(['generate', '--allowlist', 'custom.yaml', '--out=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error MCPGEN_USAGE: --out needs a value');
    const twice = await run(['generate', '--allowlist', 'custom.yaml', '--out', 'a', '--out', 'b']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('error MCPGEN_USAGE: --out is given 2 times; give it once');
    const badSwitch = await run(['check', '--allowlist', 'custom.yaml', '--strict=maybe']);
    expect(badSwitch.code).toBe(2);
    expect(badSwitch.stderr).toContain('--strict is a switch');
    expect(readdirSync(dir).sort()).toEqual(['custom.yaml', 'openapi.json']);
  });

  it('accepts options in camelCase, as yargs does', async () => {
    await writeFile('custom.yaml', ALLOWLIST);
    const result = await run(['generate', '--allowlist', 'custom.yaml', '--allowExternalRefs', '--out', 'camel']);
    expect(result.code, result.stderr).toBe(0);
  });
});
