/**
 * The CLI run two ways. In-process: `main` from src/cli, the function
 * bin/mcpgen.js runs, with the given working directory and environment, its
 * stdout and stderr captured as a piped process would write them (no colour,
 * no progress line); no Node start-up and no module loading per run. As a
 * process: the built bin/mcpgen.js, for what only a process shows (its exit
 * status, what reaches the real stderr); test/cli-process.test.ts holds those.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  /** The working directory, as for a process started there (default: the repository root). */
  cwd?: string;
  args: string[];
  /** Set for this run only, on top of the test process's environment (plus NO_COLOR=1, as for a process). */
  env?: Record<string, string>;
}

const run = promisify(execFile);
const MCPGEN_BIN = path.join(REPO_ROOT, 'bin/mcpgen.js');

/** The working directory and the environment belong to the whole process: one in-process run at a time. */
let turn: Promise<unknown> = Promise.resolve();

/** `mcpgen <args>` in this process; resolves with what a process would have exited with and written. */
export function runCliInProcess(input: CliRun): Promise<CliResult> {
  const result = turn.then(() => runNow(input));
  turn = result.catch(() => undefined);
  return result;
}

async function runNow(input: CliRun): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  // As processOutput() behaves when stdout and stderr are pipes: no colour, no transient progress line.
  const output: Output = {
    color: false,
    result: (text) => stdout.push(`${text}\n`),
    error: (text) => stderr.push(`${text}\n`),
    progress: () => undefined,
  };
  const env = { NO_COLOR: '1', ...input.env };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const cwd = process.cwd();
  // Vitest's default `forks` pool runs each file in a child process, where chdir is allowed (not in worker threads).
  process.chdir(input.cwd ?? REPO_ROOT);
  Object.assign(process.env, env);
  try {
    const code = await main(input.args, output);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.chdir(cwd);
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** `node bin/mcpgen.js <args>` as a real process (needs `npm run build`). */
export async function runCliProcess(input: CliRun): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MCPGEN_BIN, ...input.args], {
      cwd: input.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...input.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}
