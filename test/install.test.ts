/**
 * mcpgen as a user gets it: `npm pack`, installed into a fresh project with
 * `npm i <tarball>` (one install from the registry), then `npx mcpgen`
 * generates the worked example there, byte for byte the committed one, and
 * `npx mcpgen check` finds it clean. The package is importable too.
 * Slow (a build, a pack and an install): generous timeouts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { listProjectFiles } from './support/files.js';

const run = promisify(execFile);
const GOLDEN = path.join(REPO_ROOT, 'examples/company-api-mcp');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let dir: string;
let project: string;
let packed: { filename: string; files: Array<{ path: string }> };

/** npm without the repository's own npm_* settings leaking in from `npm test`. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-install-'));
  // Packs the dist/ that `npm test` built before the tests. `prepare` (the build, as
  // for a publish) is skipped: it empties dist/ while other test files run the CLI from it.
  const { stdout } = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: REPO_ROOT,
    env: cleanEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  // Lifecycle scripts may print before the JSON document.
  packed = (JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as Array<typeof packed>)[0]!;
  project = path.join(dir, 'consumer');
  await mkdir(project);
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run(NPM, ['install', '--no-audit', '--no-fund', '--save-dev', path.join(dir, packed.filename)], {
    cwd: project,
    env: cleanEnv(),
  });
  await copyFile(path.join(REPO_ROOT, 'examples/company-api/openapi.json'), path.join(project, 'openapi.json'));
  const allowlist = await readFile(path.join(REPO_ROOT, 'examples/company-api/mcpgen.yaml'), 'utf8');
  await writeFile(path.join(project, 'mcpgen.yaml'), allowlist.replace(/^out: .*$/m, 'out: company-api-mcp'));
}, 900_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the CLI, the library, templates, runtime and the diagnostics reference, and no tests', () => {
    const files = packed.files.map((f) => f.path);
    for (const needed of ['bin/mcpgen.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'templates/project/README.md.hbs', 'runtime/src/main.ts', 'docs/diagnostics.md', 'README.md', 'package.json']) {
      expect(files, needed).toContain(needed);
    } // prettier-ignore
    expect(files.filter((f) => !f.startsWith('templates/') && /\.test\.|^test\/|^examples\//.test(f))).toEqual([]);
  });

  it('installs as itself and the types its declarations name: the bundle carries every other dependency', () => {
    const installed = readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed.sort()).toEqual(['mcpgen', 'openapi-types']);
  });

  it('npx mcpgen generate, in a project that installed the tarball, writes the committed example byte for byte', async () => {
    const { stdout } = await run(NPX, ['--no-install', 'mcpgen', 'generate'], { cwd: project, env: cleanEnv() });
    expect(stdout).toContain('Generated');
    const out = path.join(project, 'company-api-mcp');
    const files = listProjectFiles(out);
    expect(files).toEqual(listProjectFiles(GOLDEN));
    for (const file of files) {
      expect(await readFile(path.join(out, file), 'utf8'), file).toBe(await readFile(path.join(GOLDEN, file), 'utf8'));
    }
    const check = await run(NPX, ['--no-install', 'mcpgen', 'check'], { cwd: project, env: cleanEnv() });
    expect(check.stdout).toMatch(/no drift|clean|0 breaking/i);
  }, 300_000);

  it('imports as a library: generate, check and init', async () => {
    const script = [
      "import * as mcpgen from 'mcpgen';",
      "const names = ['generate', 'check', 'init', 'writeProject', 'formatDiagnostics'].filter((n) => typeof mcpgen[n] === 'function');",
      "const started = await mcpgen.init({ spec: 'openapi.json' });",
      "const generated = await mcpgen.generate({ allowlist: 'mcpgen.yaml' });",
      // The templates precompiled by the build render: Handlebars' compiler was never required.
      "const { createRequire } = await import('node:module');",
      "const compiler = Object.keys(createRequire(process.cwd() + '/').cache).filter((f) => /handlebars[\\\\/]dist[\\\\/]cjs[\\\\/]handlebars[\\\\/]compiler/.test(f));",
      'console.log(JSON.stringify({ names, version: mcpgen.MCPGEN_VERSION, init: started.content?.includes("GET /health"), files: generated.files?.length, compiler }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      env: cleanEnv(),
    });
    const result = JSON.parse(stdout) as {
      names: string[];
      version: string;
      init: boolean;
      files: number;
      compiler: string[];
    };
    expect(result.names).toEqual(['generate', 'check', 'init', 'writeProject', 'formatDiagnostics']);
    expect(result.version).toBe(JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    expect(result.init).toBe(true);
    expect(result.files).toBe(listProjectFiles(GOLDEN).length);
    expect(result.compiler).toEqual([]);
    expect(existsSync(path.join(project, 'node_modules/mcpgen/docs/diagnostics.md'))).toBe(true);
  }, 120_000);
});
