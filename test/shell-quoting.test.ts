/**
 * Spec text lands in shell commands a user pastes (the README's `claude mcp
 * add` line) and in `.env.example`, which users source: it must arrive there
 * as data, never as a command.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { runCliInProcess } from './support/cli.js';

const run = promisify(execFile);
const runMcpgen = (args: string[]) => runCliInProcess({ args });
const HOSTILE_URL = "http://127.0.0.1:9/$(touch$IFS$HOME/pwned)`touch$IFS$HOME/pwned2`'x";
let dir: string;
let out: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-shell-'));
  const spec = JSON.parse(await readFile(path.join(REPO_ROOT, 'examples/company-api/openapi.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  spec['servers'] = [{ url: HOSTILE_URL }];
  await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(spec));
  out = path.join(dir, 'server');
  const generated = await runMcpgen([
    'generate',
    '--spec',
    path.join(dir, 'openapi.json'),
    '--allowlist',
    EXAMPLE_ALLOWLIST,
    '--out',
    out,
  ]);
  if (generated.code !== 0) throw new Error(generated.stderr);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('spec values in shell contexts', () => {
  it("the README's claude mcp add line passes the spec's URL as one literal argument", async () => {
    const readme = await readFile(path.join(out, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('claude mcp add '));
    expect(line).toBeDefined();
    // The pasted line, with `claude` replaced by a printer of its arguments.
    const { stdout } = await run('sh', ['-c', `printf '%s\\n' ${line!.slice('claude '.length)}`], {
      env: { HOME: dir, PATH: process.env['PATH'] ?? '' },
    });
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned2'))).toBe(false);
    expect(stdout.split('\n')).toContain(`COMPANY_API_BASE_URL=${HOSTILE_URL}`);
  });

  it('.env.example can be sourced without running anything', async () => {
    const env = await readFile(path.join(out, '.env.example'), 'utf8');
    expect(env).toContain('COMPANY_API_BASE_URL=');
    await run(
      'sh',
      ['-c', `set -a; . ${JSON.stringify(path.join(out, '.env.example'))}; printf '%s' "$COMPANY_API_BASE_URL"`],
      {
        env: { HOME: dir, PATH: process.env['PATH'] ?? '' },
      },
    );
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned2'))).toBe(false);
  });
});
