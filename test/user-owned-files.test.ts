/** `src/extensions.ts` is written once and then belongs to the user: never overwritten, hashed or reported. */
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { runCliInProcess } from './support/cli.js';

const SPEC = path.join(REPO_ROOT, 'examples/company-api/openapi.json');
let dir: string;
let out: string;
const runMcpgen = (args: string[]) => runCliInProcess({ args });
const generate = () => runMcpgen(['generate', '--spec', SPEC, '--allowlist', EXAMPLE_ALLOWLIST, '--out', out]);
const check = () => runMcpgen(['check', '--spec', SPEC, '--allowlist', EXAMPLE_ALLOWLIST, '--out', out]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-user-owned-'));
  out = path.join(dir, 'server');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('src/extensions.ts', () => {
  it('is written when absent, kept as the user edited it, and neither hashed nor reported by check', async () => {
    expect((await generate()).code).toBe(0);
    const file = path.join(out, 'src/extensions.ts');
    const written = await readFile(file, 'utf8');
    expect(written).toContain('export const extensions: Extensions');
    expect(written).not.toContain('Do not edit');
    const manifest = JSON.parse(await readFile(path.join(out, 'mcpgen.manifest.json'), 'utf8')) as {
      files: Record<string, string>;
    };
    expect(Object.keys(manifest.files)).not.toContain('src/extensions.ts');

    const edited = `${written}\n// the team's own hooks\n`;
    await writeFile(file, edited);
    expect((await generate()).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(edited);
    const checked = await check();
    expect(checked.code).toBe(0);
    expect(checked.stdout + checked.stderr).not.toContain('extensions.ts');

    await unlink(file);
    expect((await generate()).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(written);
  }, 60_000);
});
