import path from 'node:path';
import type { ServerCommand } from './mcp-client.js';
import { runChecked } from './measure.js';
import { BENCH_TSC, PEER_PROXY_BIN, ROOT_TSC } from './paths.js';
import type { BenchSpec } from './specs.js';

/** The three ways of serving a spec's operations that the bench compares. */
export type System = 'mcpgen' | 'generator' | 'proxy';

export const SYSTEM_LABELS: Record<System, string> = {
  mcpgen: 'mcpgen',
  generator: 'openapi-mcp-generator 4.0.1',
  proxy: '@ivotoby/openapi-mcp-server 1.16.1',
};

/** Nothing listens here: listing tools never calls the API. */
export const UNUSED_BASE_URL = 'http://127.0.0.1:9';

export interface Upstream {
  baseUrl: string;
  apiKey?: string;
}

/** The file a generated mcpgen project's `npm start` runs: the esbuild bundle of the whole server. */
export function mcpgenServerFile(spec: BenchSpec): string {
  return path.join(spec.mcpgenOut, 'dist/server.js');
}

/**
 * Builds a generated project the way its `npm run build` does, except that
 * tsc runs with `--noCheck` (it emits the same JavaScript): the bench
 * measures the running server, and a full check of a 600-tool project takes
 * minutes on this machine. For mcpgen that is `tsc` then `node
 * scripts/bundle.mjs` (esbuild, from src/index.ts into dist/server.js, which
 * is what `npm start` runs); the bundle does not read tsc's output.
 */
export async function buildProject(input: { system: 'mcpgen' | 'generator'; dir: string }): Promise<void> {
  const tsc = input.system === 'mcpgen' ? ROOT_TSC : BENCH_TSC;
  const args = [tsc, '-p', path.join(input.dir, 'tsconfig.json'), '--noCheck'];
  if (input.system === 'generator') args.push('--declaration', 'false', '--sourceMap', 'false');
  await runChecked({ command: process.execPath, args, cwd: input.dir, timeoutMs: 600_000 });
  if (input.system === 'mcpgen') {
    await runChecked({
      command: process.execPath,
      args: [path.join(input.dir, 'scripts/bundle.mjs')],
      cwd: input.dir,
      timeoutMs: 600_000,
    });
  }
}

export function serverCommand(input: {
  system: System;
  spec: BenchSpec;
  upstream?: Upstream;
  extraEnv?: Record<string, string>;
}): ServerCommand {
  const { spec, system } = input;
  const baseUrl = input.upstream?.baseUrl ?? UNUSED_BASE_URL;
  const apiKey = input.upstream?.apiKey;
  if (system === 'mcpgen') {
    return {
      command: process.execPath,
      args: [mcpgenServerFile(spec)],
      env: {
        [`${spec.envPrefix}_BASE_URL`]: baseUrl,
        ...(apiKey ? { [`${spec.envPrefix}_KEY`]: apiKey } : {}),
        ...input.extraEnv,
      },
    };
  }
  if (system === 'generator') {
    return {
      command: process.execPath,
      args: [path.join(spec.peerOut, 'build/index.js')],
      // The generated server reads the key from API_KEY_<SCHEME> (scheme "apiKey" in the company spec).
      env: { API_BASE_URL: baseUrl, ...(apiKey ? { API_KEY_APIKEY: apiKey } : {}), ...input.extraEnv },
      cwd: spec.peerOut,
    };
  }
  return {
    command: process.execPath,
    args: [PEER_PROXY_BIN],
    env: {
      API_BASE_URL: baseUrl,
      OPENAPI_SPEC_PATH: spec.peerSpecFile,
      VERBOSE: 'false',
      ...(apiKey ? { API_HEADERS: `X-API-Key:${apiKey}` } : {}),
      ...input.extraEnv,
    },
  };
}
