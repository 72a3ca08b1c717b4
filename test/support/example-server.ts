/**
 * The committed example server compiled (once for all test files, see
 * build-cache.ts) into a test's work folder, and started over streamable HTTP
 * as a real process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { cachedBuild } from './build-cache.js';

const run = promisify(execFile);

/**
 * tsc's output for the committed example in `<workDir>/dist`; returns the entry point. `workDir` is inside the
 * repo, so dependencies resolve from its install. The compile itself runs once per content of the example.
 */
export async function compileExample(workDir: string): Promise<string> {
  const project = path.join(REPO_ROOT, 'examples/company-api-mcp');
  const built = await cachedBuild({
    name: 'company-api-mcp',
    inputs: [project],
    build: async (outDir) => {
      const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
      await run(process.execPath, [
        tsc,
        '-p',
        path.join(project, 'tsconfig.json'),
        '--outDir',
        path.join(outDir, 'dist'),
      ]);
    },
  });
  await cp(path.join(built, 'dist'), path.join(workDir, 'dist'), { recursive: true });
  return path.join(workDir, 'dist/src/index.js');
}

export interface HttpExample {
  child: ChildProcess;
  /** The MCP endpoint, as the server logged it. */
  url: string;
  stderr: string[];
}

/** Starts the entry with `--http` on an ephemeral port; resolves once it logs its URL. */
export async function startHttpExample(input: { entry: string; env: Record<string, string> }): Promise<HttpExample> {
  const child = spawn(process.execPath, [input.entry, '--http'], {
    env: { PATH: process.env['PATH'] ?? '', COMPANY_API_HTTP_PORT: '0', ...input.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr.join(''));
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('')}`)));
  });
  return { child, url, stderr };
}
