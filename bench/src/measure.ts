import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** One run of a whole CLI process. */
export interface ProcessRun {
  wallMs: number;
  /** Peak resident set size of the process, in MB (MiB). */
  peakRssMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunInput {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The process is killed after this long; a bench must never hang. */
  timeoutMs?: number;
}

/** GNU time reports the peak RSS of the process it ran ("%M", in KB) from the kernel's own accounting. */
const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion, measuring wall time (spawn to exit) and peak RSS. */
export async function runMeasured(input: RunInput): Promise<ProcessRun> {
  if (existsSync(GNU_TIME)) return runUnderTime(input);
  return runPollingRss(input);
}

async function runUnderTime(input: RunInput): Promise<ProcessRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-bench-time-'));
  const report = path.join(dir, 'rss');
  try {
    const run = await runProcess({
      ...input,
      command: GNU_TIME,
      args: ['-f', '%M', '-o', report, input.command, ...input.args],
    });
    const kb = Number((await readFile(report, 'utf8')).trim().split('\n').pop());
    return { ...run, peakRssMb: kb / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fallback without GNU time: VmHWM is the kernel's high-water mark of the RSS, so sampling it until exit loses little. */
async function runPollingRss(input: RunInput): Promise<ProcessRun> {
  let peakKb = 0;
  const run = await runProcess({
    ...input,
    onSpawn: (pid) => {
      const timer = setInterval(() => {
        readFile(`/proc/${pid}/status`, 'utf8').then(
          (status) => {
            const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
            if (match?.[1]) peakKb = Math.max(peakKb, Number(match[1]));
          },
          () => clearInterval(timer),
        );
      }, 5);
      return () => clearInterval(timer);
    },
  });
  return { ...run, peakRssMb: peakKb / 1024 };
}

function runProcess(
  input: RunInput & { onSpawn?: (pid: number) => () => void },
): Promise<Omit<ProcessRun, 'peakRssMb'>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(input.command, [...input.args], {
      cwd: input.cwd,
      env: input.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stop = child.pid !== undefined && input.onSpawn ? input.onSpawn(child.pid) : undefined;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), input.timeoutMs ?? 300_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      stop?.();
      reject(error);
    });
    child.once('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      stop?.();
      resolve({
        wallMs,
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Runs a command that must succeed (setup steps); throws with its output otherwise. */
export async function runChecked(input: RunInput): Promise<ProcessRun> {
  const run = await runMeasured(input);
  if (run.code !== 0) {
    throw new Error(
      `${path.basename(input.command)} ${input.args.join(' ')} exited with ${run.code}\n${run.stdout}\n${run.stderr}`.slice(
        0,
        4000,
      ),
    );
  }
  return run;
}
