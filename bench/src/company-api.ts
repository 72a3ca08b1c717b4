import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import type { Upstream } from './servers.js';

export interface RunningApi extends Upstream {
  apiKey: string;
  /** The API's process, for reading its CPU time. */
  pid: number | undefined;
  close(): Promise<void>;
}

const API_KEY = 'bench-company-api-key';
const START_TIMEOUT_MS = 30_000;

/**
 * The example company API in its own process (built by `npm run build`), so
 * that its request handling does not share an event loop with the client
 * being measured.
 */
export async function startCompanyApi(): Promise<RunningApi> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'examples/company-api/dist/main.js')], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', COMPANY_API_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const baseUrl = await waitForLine({ child, pattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/, stream: 'stdout' });
  return { baseUrl, apiKey: API_KEY, pid: child.pid, close: () => stop(child) };
}

/** Resolves with the first capture of `pattern` in the child's output; rejects if the child exits or is too slow. */
export function waitForLine(input: {
  child: ChildProcess;
  pattern: RegExp;
  stream: 'stdout' | 'stderr';
}): Promise<string> {
  const { child } = input;
  const stream = input.stream === 'stdout' ? child.stdout : child.stderr;
  if (!stream) return Promise.reject(new Error(`${input.stream} is not piped`));
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(new Error(`no "${input.pattern.source}" within ${START_TIMEOUT_MS} ms: ${seen.slice(0, 2000)}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = input.pattern.exec(seen);
      if (match?.[1]) {
        cleanup();
        // Keep draining: a full pipe would block the child's writes.
        stream.resume();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`process exited with ${code}: ${seen.slice(0, 2000)}`));
    function cleanup() {
      clearTimeout(timer);
      stream?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    stream.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Stops a child we started, by its own handle; SIGKILL if it ignores SIGTERM. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
