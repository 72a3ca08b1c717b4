/**
 * What `generate` may do to --out: it never overwrites a file it did not
 * generate (unless --take-over), never leaves --out half-written, and never
 * writes or deletes outside it, symbolic links resolved. Every refusal is
 * exit 2 with `path:line:col: error CODE: message` and a hint, and --out
 * (and whatever lies outside it) is byte for byte as it was.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Output } from '../src/cli/output.js';
import { NODE_WRITE_OPS, type WriteOps } from '../src/emit/commit-write.js';
import { writeProject } from '../src/emit/write-project.js';
import { REPO_ROOT } from '../scripts/worked-example.js';

const SPEC = path.join(REPO_ROOT, 'examples/company-api/openapi.json');
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

let dir = '';
let allowlist = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-out-'));
  allowlist = path.join(dir, 'mcpgen.yaml');
  await writeFile(
    allowlist,
    [
      `spec: ${JSON.stringify(SPEC)}`,
      'server: { name: out-mcp, version: 1.0.0, env_prefix: OUT }',
      'tools:',
      '  api_health: { operation: GET /health, risk: read }',
      '',
    ].join('\n'),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function generate(out: string, ...extra: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const outLines: string[] = [];
  const output: Output = { result: (t) => outLines.push(t), error: (t) => err.push(t), progress: () => undefined };
  const code = await main(['generate', '--allowlist', allowlist, '--out', out, ...extra], output);
  const stderr = err.join('\n');
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr).not.toContain('MCPGEN_INTERNAL');
  return { code, stderr, stdout: outLines.join('\n') };
}

/** Every entry under `root` as it is on disk: file contents, symbolic link targets (never followed), directories. */
function tree(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      const relative = path.relative(root, full);
      const info = lstatSync(full);
      if (info.isSymbolicLink()) result[relative] = `-> ${readlinkSync(full)}`;
      else if (info.isDirectory()) {
        result[`${relative}/`] = 'dir';
        walk(full);
      } else result[relative] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return result;
}

async function userProject(out: string): Promise<void> {
  await mkdir(path.join(out, 'src'), { recursive: true });
  await writeFile(path.join(out, 'package.json'), '{ "name": "my-own-project" }\n');
  await writeFile(path.join(out, 'README.md'), '# Mine\n');
  await writeFile(path.join(out, 'src/index.ts'), 'console.log("mine");\n');
}

describe('generate never overwrites a file it did not generate', () => {
  it("refuses when --out holds the user's own package.json, README.md and src/index.ts, listing them, writing nothing", async () => {
    const out = path.join(dir, 'project');
    await userProject(out);
    const before = tree(out);
    const result = await generate(out);
    expect(result.code).toBe(2);
    const refused = [...result.stderr.matchAll(/^(.+):1:1: error MCPGEN_OUT_FILE_NOT_GENERATED: /gm)].map((m) =>
      path.relative(out, m[1]!),
    );
    expect(refused).toEqual(['README.md', 'package.json', 'src/index.ts']);
    expect(result.stderr).toContain(
      '(there is no mcpgen.manifest.json); generate would overwrite it\n  hint: Move it out of the output directory, or pass --take-over',
    );
    expect(tree(out)).toEqual(before);
  });

  it('takes them over with --take-over; they are generated files from then on', async () => {
    const out = path.join(dir, 'project');
    await userProject(out);
    const taken = await generate(out, '--take-over');
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toContain('3 taken over');
    expect(await readFile(path.join(out, 'package.json'), 'utf8')).toContain('"name": "out-mcp"');
    const again = await generate(out);
    expect(again.code, again.stderr).toBe(0);
  });

  it('regenerates over its own files, removes its stale ones, and leaves files it never wrote alone', async () => {
    const out = path.join(dir, 'project');
    expect((await generate(out)).code).toBe(0);
    const manifestPath = path.join(out, 'mcpgen.manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['src/tools/old-tool.ts'] = 'x';
    await writeFile(manifestPath, JSON.stringify(manifest));
    await writeFile(path.join(out, 'src/tools/old-tool.ts'), '// generated by an earlier run\n');
    await writeFile(path.join(out, 'src/package.json'), '// mine\n');
    await writeFile(path.join(out, 'package.json'), '{ "edited": "by hand, but a generated file" }\n');
    const result = await generate(out);
    expect(result.code, result.stderr).toBe(0);
    expect(tree(out)['src/tools/old-tool.ts']).toBeUndefined();
    expect(tree(out)['src/package.json']).toBe('// mine\n');
    expect(await readFile(path.join(out, 'package.json'), 'utf8')).toContain('"name": "out-mcp"');
  });

  it('writes a write-only-if-absent file when it is missing, and otherwise never touches, takes over or removes it', async () => {
    const out = path.join(dir, 'project');
    const files = [
      { path: 'mcpgen.manifest.json', content: '{ "files": { "a.ts": "x" } }\n' },
      { path: 'a.ts', content: 'export const a = 1;\n' },
      { path: 'src/extensions.ts', content: 'export {};\n', mode: 'if-absent' as const },
    ];
    const first = await writeProject({ outDir: out, files });
    expect(first.diagnostics).toEqual([]);
    expect(await readFile(path.join(out, 'src/extensions.ts'), 'utf8')).toBe('export {};\n');
    await writeFile(path.join(out, 'src/extensions.ts'), 'export const mine = true;\n');
    const second = await writeProject({ outDir: out, files, takeOver: true });
    expect(second.summary).toMatchObject({ kept: ['src/extensions.ts'], takenOver: [], written: [] });
    // An older manifest that recorded it does not make it stale: it is still one of the files generate knows.
    await writeFile(path.join(out, 'mcpgen.manifest.json'), '{ "files": { "a.ts": "x", "src/extensions.ts": "y" } }\n');
    const third = await writeProject({
      outDir: out,
      files: files.map((f) => (f.path === 'mcpgen.manifest.json' ? { ...f, content: '{}\n' } : f)),
    });
    expect(third.summary?.removed).toEqual([]);
    expect(await readFile(path.join(out, 'src/extensions.ts'), 'utf8')).toBe('export const mine = true;\n');
  });
});

describe('generate is atomic: any failure leaves --out exactly as it was', () => {
  for (const blocker of ['src', 'test']) {
    it(`refuses up front when --out/${blocker} is a file where a generated folder goes`, async () => {
      const out = path.join(dir, 'project');
      expect((await generate(out)).code).toBe(0);
      await rm(path.join(out, blocker), { recursive: true });
      await writeFile(path.join(out, blocker), 'a file in the way\n');
      await writeFile(path.join(out, 'README.md'), 'stale generated readme\n');
      const before = tree(out);
      const result = await generate(out);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(
          `^${path.join(out, blocker)}:1:1: error MCPGEN_OUT_PATH_CONFLICT: ${path.join(out, blocker)} is not a directory, but generate writes ${blocker}/\\S+ and \\d+ more there\\n  hint: `,
          'm',
        ),
      );
      expect(tree(out)).toEqual(before);
    });
  }

  it('undoes every step when the file system fails in the middle of the commit, for an existing and a new --out', async () => {
    const out = path.join(dir, 'project');
    const files = (version: number) => [
      {
        path: 'mcpgen.manifest.json',
        content: `{ "files": { "a.ts": "${version}", "b/c.ts": "${version}"${version === 1 ? ', "gone.ts": "1"' : ''} } }\n`,
      },
      { path: 'a.ts', content: `export const a = ${version};\n` },
      { path: 'b/c.ts', content: `export const c = ${version};\n` },
      ...(version === 1 ? [{ path: 'gone.ts', content: 'export {};\n' }] : []),
      ...(version === 2 ? [{ path: 'new/d/e.ts', content: 'export {};\n' }] : []),
    ];
    expect((await writeProject({ outDir: out, files: files(1) })).diagnostics).toEqual([]);
    await writeFile(path.join(out, 'mine.txt'), 'mine\n');
    const before = tree(out);
    for (let failAt = 1; failAt <= 8; failAt += 1) {
      const result = await writeProject({ outDir: out, files: files(2), ops: failingRename(failAt) });
      expect(
        result.diagnostics.map((d) => d.code),
        `rename #${failAt}`,
      ).toEqual(['MCPGEN_OUT_WRITE_FAILED']);
      expect(tree(out), `rename #${failAt}`).toEqual(before);
    }
    const fresh = path.join(dir, 'parent/fresh');
    const result = await writeProject({ outDir: fresh, files: files(2), ops: failingRename(1) });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_OUT_WRITE_FAILED']);
    expect(readdirSync(dir).sort()).toEqual(['mcpgen.yaml', 'project']);
  });
});

describe('generate never writes or deletes outside --out', () => {
  it('refuses to write through --out/src when it is a symbolic link to a directory outside', async () => {
    const out = path.join(dir, 'project');
    const outside = path.join(dir, 'outside');
    await mkdir(outside);
    await mkdir(out);
    await symlink(outside, path.join(out, 'src'));
    const result = await generate(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${path.join(out, 'src')}:1:1: error MCPGEN_OUT_OUTSIDE: ${path.join(out, 'src')} is a symbolic link to ${outside}, outside the output directory`,
    );
    expect(readdirSync(outside)).toEqual([]);
    expect(Object.keys(tree(out))).toEqual(['src']);
  });

  it('refuses to delete a stale file through a symbolic link leading outside, or a manifest path outside', async () => {
    const out = path.join(dir, 'project');
    expect((await generate(out)).code).toBe(0);
    const outside = path.join(dir, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'x'), 'precious\n');
    await symlink(outside, path.join(out, 'evil'));
    const manifestPath = path.join(out, 'mcpgen.manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['evil/x'] = 'x';
    manifest.files['../outside/x'] = 'x';
    await writeFile(manifestPath, JSON.stringify(manifest));
    const before = tree(dir);
    const result = await generate(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error MCPGEN_OUT_OUTSIDE: ${path.join(out, 'evil')} is a symbolic link to ${outside}, outside the output directory; generate would delete evil/x`,
    );
    expect(result.stderr).toContain(
      'error MCPGEN_OUT_OUTSIDE: mcpgen.manifest.json lists "../outside/x", which is not a path inside the output directory',
    );
    expect(tree(dir)).toEqual(before);
  });

  it('follows an --out that is itself a symbolic link to a directory, and a link inside --out to a directory inside it', async () => {
    const real = path.join(dir, 'real');
    await mkdir(path.join(real, 'shared'), { recursive: true });
    await symlink(real, path.join(dir, 'link'));
    const result = await generate(path.join(dir, 'link'));
    expect(result.code, result.stderr).toBe(0);
    expect(tree(real)['mcpgen.manifest.json']).toBeDefined();
    await rm(path.join(real, 'test'), { recursive: true });
    await symlink(path.join(real, 'shared'), path.join(real, 'test'));
    expect((await generate(path.join(dir, 'link'))).code).toBe(0);
    expect(readdirSync(path.join(real, 'shared')).length).toBeGreaterThan(0);
  });
});

/** The real file-system calls, except that rename number `failAt` fails. */
function failingRename(failAt: number): WriteOps {
  let renames = 0;
  return {
    ...NODE_WRITE_OPS,
    rename: async (from, to) => {
      renames += 1;
      if (renames === failAt)
        throw Object.assign(new Error(`EIO: injected failure, rename '${from}'`), { code: 'EIO' });
      await NODE_WRITE_OPS.rename(from, to);
    },
  };
}
