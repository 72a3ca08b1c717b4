/**
 * The two official conformance suites, installed side by side in
 * conformance/node_modules under npm aliases, and how to run them.
 *
 * Both CLIs are run with the Node 22 binary of the `node` package in
 * conformance/node_modules (the suites need Node >= 22; the machine's node is
 * not used), each in server mode against one URL, writing one
 * `server-<scenario>-<timestamp>/checks.json` per scenario into an output
 * directory (`-o`). Their stdout ends with a `=== SUMMARY ===` listing every
 * scenario run, including those that threw before writing checks.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SuiteId = '2025-11-25' | '2026-07-28';

export interface SuiteSpec {
  id: SuiteId;
  /** Folder under conformance/node_modules (the npm alias). */
  alias: string;
  /** What the alias must resolve to. */
  packageName: string;
  version: string;
  /** Arguments after `server --url <url>`. */
  serverArgs: readonly string[];
  /** Arguments after `list --server`. */
  listArgs: readonly string[];
  /** What `list` does not say about what `server` runs. */
  listNote?: string;
}

export const SUITES: readonly SuiteSpec[] = [
  {
    id: '2025-11-25',
    alias: 'conformance-2025',
    packageName: '@modelcontextprotocol/conformance',
    version: '0.1.16',
    // The default "active" suite: every server scenario except the two marked pending
    // (json-schema-2020-12, server-sse-polling), all run at the 2025 (initialize) wire.
    serverArgs: [],
    listArgs: [],
    listNote: 'the default active suite runs all but the two pending ones, json-schema-2020-12 and server-sse-polling',
  },
  {
    id: '2026-07-28',
    alias: 'conformance-2026',
    packageName: '@modelcontextprotocol/conformance',
    version: '0.2.0-alpha.12',
    // Exactly what the 2026-07-28 revision requires (frozen), plus the scenarios it runs
    // but never scores (extensions, pending), all at the 2026-07-28 (stateless) wire.
    serverArgs: ['--requirements', '2026-07-28'],
    listArgs: ['--requirements', '2026-07-28'],
  },
];

export const CONFORMANCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(CONFORMANCE_DIR, 'node_modules');

export function suiteSpec(id: string): SuiteSpec {
  const spec = SUITES.find((suite) => suite.id === id);
  if (!spec) throw new Error(`unknown suite ${id}; expected one of ${SUITES.map((s) => s.id).join(', ')}`);
  return spec;
}

const INSTALL_HINT =
  'run `npm --prefix conformance ci` (without --ignore-scripts: the `node` package installs its binary in a preinstall script)';

/** The Node 22 binary the `node` package installed, checked to exist. */
export function nodeBinary(): string {
  const binary = join(NODE_MODULES, 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) throw new Error(`conformance: no Node binary at ${binary}; ${INSTALL_HINT}`);
  return binary;
}

/** The suite's CLI entry point, checked to be the pinned version. */
export function suiteEntry(spec: SuiteSpec): string {
  const dir = join(NODE_MODULES, spec.alias);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) throw new Error(`conformance: ${spec.alias} is not installed; ${INSTALL_HINT}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    name?: string;
    version?: string;
    bin?: Record<string, string>;
  };
  if (manifest.name !== spec.packageName || manifest.version !== spec.version) {
    throw new Error(
      `conformance: ${spec.alias} is ${manifest.name}@${manifest.version}, expected ${spec.packageName}@${spec.version}; ${INSTALL_HINT}`,
    );
  }
  return join(dir, manifest.bin?.conformance ?? 'dist/index.js');
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** Environment for the suite's process: the caller's, minus anything that would load code into it. */
function suiteEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  delete env.FORCE_COLOR;
  return env;
}

export function runSuiteProcess(input: {
  spec: SuiteSpec;
  args: readonly string[];
  cwd: string;
  timeoutMs: number;
  onOutput?: (chunk: string) => void;
}): Promise<ProcessResult> {
  const started = performance.now();
  const child = spawn(nodeBinary(), [suiteEntry(input.spec), ...input.args], {
    cwd: input.cwd,
    env: suiteEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    input.onOutput?.(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    input.onOutput?.(chunk);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, input.timeoutMs);
  return new Promise((resolvePromise, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, signal, stdout, stderr, durationMs: performance.now() - started, timedOut });
    });
  });
}

/** The server scenarios a suite runs, as its own `list` command prints them. */
export async function listScenarios(spec: SuiteSpec, cwd: string): Promise<string[]> {
  const result = await runSuiteProcess({ spec, args: ['list', '--server', ...spec.listArgs], cwd, timeoutMs: 60_000 });
  if (result.exitCode !== 0)
    throw new Error(`conformance ${spec.id}: list failed (exit ${result.exitCode}): ${result.stderr}`);
  return parseScenarioList(result.stdout);
}

/**
 * `list --server` output: `  - name [versions]` under "Server scenarios", and for a
 * requirement set also `    - name [server]` under "Run and reported, but never scored".
 */
export function parseScenarioList(stdout: string): string[] {
  const names: string[] = [];
  let section: 'server' | 'client' | 'not-scored' | undefined;
  for (const line of stdout.split('\n')) {
    if (/^Server scenarios/.test(line)) section = 'server';
    else if (/^Client scenarios/.test(line)) section = 'client';
    else if (/^Run and reported, but never scored/.test(line)) section = 'not-scored';
    const item = /^\s+- (\S+)(?: \[([^\]]*)\])?\s*$/.exec(line);
    if (!item) continue;
    if (section === 'server') names.push(item[1] as string);
    else if (section === 'not-scored' && item[2] === 'server') names.push(item[1] as string);
  }
  return names;
}
