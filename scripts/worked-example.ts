/**
 * The worked example's moving parts, shared by the README demo and the
 * end-to-end test: the company API on a loopback port, mcpgen run as a real
 * CLI process, the generated server compiled and started over stdio, and a
 * real MCP client talking to it.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../examples/company-api/src/app.js';

const run = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE_ALLOWLIST = path.join(REPO_ROOT, 'examples/company-api/mcpgen.yaml');
const MCPGEN_BIN = path.join(REPO_ROOT, 'bin/mcpgen.js');
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

export interface RunningApi {
  app: FastifyInstance;
  baseUrl: string;
  specUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Starts the company API on 127.0.0.1 with an ephemeral port. */
export async function startCompanyApi(apiKey = 'worked-example-key'): Promise<RunningApi> {
  const app = await buildApp({ apiKey });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return { app, baseUrl, specUrl: `${baseUrl}/documentation/json`, apiKey, close: () => app.close() };
}

/** Runs the real `mcpgen generate` CLI; resolves with its exit code and output. */
export async function runMcpgen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MCPGEN_BIN, ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

/** Compiles a generated project with the repo's TypeScript (its dependencies resolve from the root install). */
/** What the generated project's `npm run build` does: type-check with tsc, then bundle the server into one file. */
export async function compileProject(projectDir: string): Promise<void> {
  await run(process.execPath, [TSC, '-p', path.join(projectDir, 'tsconfig.json')], { cwd: projectDir });
  await run(process.execPath, [path.join(projectDir, 'scripts/bundle.mjs')], { cwd: projectDir });
}

/** Starts the compiled server as a child process over stdio and connects a real MCP client. */
export async function connectClient(input: {
  projectDir: string;
  env: Record<string, string>;
  name?: string;
}): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(input.projectDir, 'dist/server.js')],
    env: { PATH: process.env['PATH'] ?? '', ...input.env },
    stderr: 'pipe',
  });
  const client = new Client({ name: input.name ?? 'mcpgen-worked-example', version: '1.0.0' });
  await client.connect(transport);
  return client;
}
