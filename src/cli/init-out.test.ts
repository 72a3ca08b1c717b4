/** `mcpgen init --out` naming a directory, or a path under a file, is bad input (exit 2), not an internal error. */
import { readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
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

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-init-out-'));
  await copyFile(EXAMPLE_SPEC, path.join(dir, 'openapi.json'));
  await mkdir(path.join(dir, 'folder'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function init(out: string): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const output: Output = { result: () => undefined, error: (t) => err.push(t), progress: () => undefined };
  const code = await main(['init', '--spec', path.join(dir, 'openapi.json'), '--out', out, '--force'], output);
  return { code, stderr: err.join('\n') };
}

describe('mcpgen init --out', () => {
  it('refuses a directory, even with --force', async () => {
    const out = path.join(dir, 'folder');
    const result = await init(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${out}:1:1: error MCPGEN_INIT_OUT_INVALID: ${out} is a directory; mcpgen init writes a file\n  hint: Pass --out the path of the allowlist file to write, e.g. --out mcpgen.yaml.`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a path under a file', async () => {
    const out = path.join(dir, 'openapi.json/mcpgen.yaml');
    const result = await init(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error MCPGEN_INIT_OUT_INVALID: cannot create ${out}: ${path.join(dir, 'openapi.json')} is not a directory`,
    );
    expect(readdirSync(dir).sort()).toEqual(['folder', 'openapi.json']);
  });
});
