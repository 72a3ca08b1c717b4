/**
 * Runs the official MCP conformance suites against a streamable HTTP MCP
 * server and judges the results against conformance/baseline.json.
 *
 *   const report = await runConformance({ url: 'http://127.0.0.1:3100/mcp', token });
 *   if (!report.ok) ...
 *
 * The server must already be listening on a loopback address. The suites talk
 * to it through a loopback proxy that adds `Authorization: Bearer <token>`
 * (see proxy.ts); the token never reaches the suites' processes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge, loadBaseline, type Baseline, type BaselineEntry, type Outcome } from './baseline.js';
import { startAuthProxy } from './proxy.js';
import { parseSuiteOutput, readResultDirs, type Check } from './results.js';
import { CONFORMANCE_DIR, runSuiteProcess, SUITES, suiteSpec, type SuiteId } from './suites.js';

export const DEFAULT_BASELINE = join(CONFORMANCE_DIR, 'baseline.json');

export interface RunConformanceOptions {
  /** The server's MCP endpoint, e.g. http://127.0.0.1:3100/mcp (loopback only). */
  url: string;
  /** Inbound bearer token the server accepts; omit for a server without auth. */
  token?: string;
  /** Which suites to run; both by default, 2025-11-25 first. */
  suites?: readonly SuiteId[];
  /** A baseline file path or a parsed baseline; conformance/baseline.json by default. */
  baseline?: string | Baseline;
  /** Per suite; the whole suite process is killed after it. Default 10 minutes. */
  timeoutMs?: number;
  /** Keep the suites' raw output (checks.json per scenario, stdout, stderr) in <outputDir>/<suite id>, replacing what is there. */
  outputDir?: string;
  /** Receives the suites' stdout and stderr as they run. */
  onOutput?: (suite: SuiteId, chunk: string) => void;
}

export interface CheckNote {
  id: string;
  status: string;
  message?: string;
}

export interface ScenarioReport {
  scenario: string;
  outcome: Outcome;
  /** Count of checks per status (SUCCESS, FAILURE, WARNING, SKIPPED, INFO). */
  statuses: Record<string, number>;
  /** Failing checks the baseline does not excuse. */
  unexpected: CheckNote[];
  /** Failing checks the baseline excuses. */
  excused: CheckNote[];
  /** Baseline entries for this scenario that passed. */
  stale: BaselineEntry[];
  /** The baseline's reason, when the scenario is excused as a whole. */
  reason?: string;
  /** The suite runs this scenario without scoring it (its own reason: extension, pending, ...). */
  notScored?: string;
  /** The scenario threw before writing its checks (the suite's message). */
  crashed?: string;
}

export interface SuiteReport {
  id: SuiteId;
  /** name@version of the suite package. */
  package: string;
  /** The suite's CLI arguments (the URL is the proxy's). */
  args: string[];
  exitCode: number | null;
  durationMs: number;
  /** A problem with the run itself (timeout, crash, unreadable output); no verdict can be trusted. */
  error?: string;
  scenarios: ScenarioReport[];
  passed: string[];
  failedUnexpectedly: string[];
  notApplicable: string[];
  /** Baseline entries that now pass: remove them. */
  staleBaseline: BaselineEntry[];
  /** Baseline entries naming a scenario this suite did not run. */
  unknownBaseline: BaselineEntry[];
}

export interface Report {
  target: string;
  /** The URL the suites were given. */
  proxyUrl: string;
  /** Requests the proxy forwarded, over all suites. */
  forwardedRequests: number;
  durationMs: number;
  suites: SuiteReport[];
  /** No suite error and no unexpected failure. Stale baseline entries do not clear it. */
  ok: boolean;
}

export async function runConformance(options: RunConformanceOptions): Promise<Report> {
  const started = performance.now();
  const baseline =
    typeof options.baseline === 'object' ? options.baseline : loadBaseline(options.baseline ?? DEFAULT_BASELINE);
  const proxy = await startAuthProxy({
    target: options.url,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  try {
    await assertListening(options.url);
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const suites: SuiteReport[] = [];
  try {
    for (const id of options.suites ?? SUITES.map((suite) => suite.id)) {
      suites.push(
        await runSuite({
          suite: id,
          url: proxy.url,
          baseline: baseline[id],
          timeoutMs: options.timeoutMs ?? 600_000,
          ...(options.outputDir === undefined ? {} : { outputDir: join(options.outputDir, id) }),
          ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
        }),
      );
    }
  } finally {
    await proxy.close();
  }
  return {
    target: options.url,
    proxyUrl: proxy.url,
    forwardedRequests: proxy.forwarded,
    durationMs: performance.now() - started,
    suites,
    ok: suites.every((suite) => suite.error === undefined && suite.failedUnexpectedly.length === 0),
  };
}

/** Runs one suite against `url` as given (no proxy) and judges it against its baseline entries. */
export async function runSuite(input: {
  suite: SuiteId;
  url: string;
  baseline: readonly BaselineEntry[];
  timeoutMs: number;
  outputDir?: string;
  onOutput?: (suite: SuiteId, chunk: string) => void;
}): Promise<SuiteReport> {
  const spec = suiteSpec(input.suite);
  const workDir = mkdtempSync(join(tmpdir(), `mcp-conformance-${spec.id}-`));
  const resultsDir = input.outputDir ?? join(workDir, 'results');
  // A kept output directory is this suite's own (<outputDir>/<suite id>): start it empty, so no
  // checks.json of an earlier run is read as this run's.
  if (input.outputDir !== undefined) rmSync(input.outputDir, { recursive: true, force: true });
  const args = ['server', '--url', input.url, ...spec.serverArgs, '-o', resultsDir];
  try {
    const run = await runSuiteProcess({
      spec,
      args,
      cwd: workDir,
      timeoutMs: input.timeoutMs,
      ...(input.onOutput === undefined ? {} : { onOutput: (chunk: string) => input.onOutput?.(spec.id, chunk) }),
    });
    if (input.outputDir !== undefined) {
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, 'stdout.txt'), run.stdout);
      writeFileSync(join(resultsDir, 'stderr.txt'), run.stderr);
    }
    const output = parseSuiteOutput(run.stdout, run.stderr);
    const checksByScenario = readResultDirs(resultsDir);
    let error: string | undefined;
    if (run.timedOut) error = `suite did not finish within ${input.timeoutMs} ms and was killed`;
    else if (run.exitCode !== 0 && run.exitCode !== 1)
      error = `suite exited with ${run.exitCode ?? run.signal}: ${lastLines(run.stderr || run.stdout)}`;
    else if (output.summary.length === 0) error = `suite printed no summary: ${lastLines(run.stderr || run.stdout)}`;

    const scenarios: ScenarioReport[] = [];
    for (const line of output.summary) {
      let checks = checksByScenario.get(line.scenario);
      const crashed =
        checks === undefined ? (output.crashed.get(line.scenario) ?? 'the scenario wrote no checks.json') : undefined;
      if (checks === undefined) {
        checks = [{ id: line.scenario, status: 'FAILURE', errorMessage: `Failed to run scenario: ${crashed}` }];
      }
      const entries = input.baseline.filter((entry) => entry.scenario === line.scenario);
      const verdict = judge(checks, entries);
      const notScored = output.notScored.get(line.scenario);
      scenarios.push({
        scenario: line.scenario,
        outcome: verdict.outcome,
        statuses: countStatuses(checks),
        unexpected: verdict.unexpected.map(note),
        excused: verdict.excused.map(note),
        stale: verdict.stale,
        ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
        ...(notScored === undefined ? {} : { notScored }),
        ...(crashed === undefined ? {} : { crashed }),
      });
    }
    const ran = new Set(scenarios.map((scenario) => scenario.scenario));
    return {
      id: spec.id,
      package: `${spec.packageName}@${spec.version}`,
      args: args.slice(0, -2),
      exitCode: run.exitCode,
      durationMs: run.durationMs,
      ...(error === undefined ? {} : { error }),
      scenarios,
      passed: scenarios.filter((s) => s.outcome === 'passed').map((s) => s.scenario),
      failedUnexpectedly: scenarios.filter((s) => s.outcome === 'failed').map((s) => s.scenario),
      notApplicable: scenarios.filter((s) => s.outcome === 'not-applicable').map((s) => s.scenario),
      staleBaseline: scenarios.flatMap((s) => s.stale),
      unknownBaseline: input.baseline.filter((entry) => !ran.has(entry.scenario)),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Fails fast, with a clear message, when nothing listens at the target (every scenario would fail otherwise). */
function assertListening(url: string): Promise<void> {
  const target = new URL(url);
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 80) });
    socket.setTimeout(5_000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`conformance: no answer from ${target.host} within 5 s`));
    });
    socket.once('error', (error) =>
      reject(new Error(`conformance: nothing is listening at ${url} (${error.message})`)),
    );
  });
}

function note(check: Check): CheckNote {
  return {
    id: check.id,
    status: check.status,
    ...(check.errorMessage === undefined ? {} : { message: check.errorMessage }),
  };
}

function countStatuses(checks: readonly Check[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const check of checks) counts[check.status] = (counts[check.status] ?? 0) + 1;
  return counts;
}

function lastLines(text: string, count = 5): string {
  return text.trim().split('\n').slice(-count).join('\n');
}
