/**
 * conformance CLI: runs the official MCP conformance suites against a running
 * server and prints a table per suite.
 *
 *   CONFORMANCE_TOKEN=<inbound token> npx tsx conformance/src/cli.ts --url http://127.0.0.1:3100/mcp
 *
 * Exit codes: 0 every scenario passed or is not applicable per the baseline;
 * 1 a scenario failed unexpectedly (or, with --strict, a baseline entry is
 * stale); 2 bad usage, or a suite could not be run or read.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { formatReport } from './format.js';
import { DEFAULT_BASELINE, runConformance, type Report } from './run.js';
import { listScenarios, SUITES, suiteSpec, type SuiteId } from './suites.js';

const USAGE = `Usage: tsx conformance/src/cli.ts --url <mcp url> [options]

Runs the official MCP conformance suites (2025-11-25 via @modelcontextprotocol/conformance@0.1.16,
2026-07-28 via @modelcontextprotocol/conformance@0.2.0-alpha.12 --requirements 2026-07-28) against a
running streamable HTTP server on a loopback address, through a proxy that adds the bearer token.

Options:
  --url <url>            the server's MCP endpoint, e.g. http://127.0.0.1:3100/mcp
  --token-env <name>     environment variable holding the inbound bearer token (default CONFORMANCE_TOKEN;
                         no Authorization header is added when it is unset)
  --suite <id>           2025-11-25 or 2026-07-28 (repeatable; default both)
  --baseline <file>      default conformance/baseline.json
  --json <file>          also write the full report as JSON
  --output-dir <dir>     keep the suites' raw output (checks.json per scenario, stdout, stderr)
  --timeout <ms>         per suite (default 600000)
  --strict               stale baseline entries (scenarios that now pass) fail the run too
  --verbose              stream the suites' own output to stderr
  --list                 print each suite's server scenarios and exit
  -h, --help`;

function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string' },
        'token-env': { type: 'string', default: 'CONFORMANCE_TOKEN' },
        suite: { type: 'string', multiple: true },
        baseline: { type: 'string', default: DEFAULT_BASELINE },
        json: { type: 'string' },
        'output-dir': { type: 'string' },
        timeout: { type: 'string', default: '600000' },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return Promise.resolve(2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  let suites: SuiteId[];
  try {
    suites = (values.suite ?? SUITES.map((suite) => suite.id)).map((id) => suiteSpec(id).id);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return Promise.resolve(2);
  }
  if (values.list) return list(suites);
  if (!values.url) {
    process.stderr.write(`--url is required\n\n${USAGE}\n`);
    return Promise.resolve(2);
  }
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    process.stderr.write(`--timeout must be a positive integer (ms)\n`);
    return Promise.resolve(2);
  }
  const token = process.env[values['token-env']];
  return run({
    url: values.url,
    ...(token === undefined || token === '' ? {} : { token }),
    suites,
    baseline: values.baseline,
    timeoutMs,
    strict: values.strict,
    verbose: values.verbose,
    ...(values.json === undefined ? {} : { json: values.json }),
    ...(values['output-dir'] === undefined ? {} : { outputDir: values['output-dir'] }),
  });
}

async function list(suites: SuiteId[]): Promise<number> {
  for (const id of suites) {
    const spec = suiteSpec(id);
    const names = await listScenarios(spec, tmpdir());
    const note = spec.listNote === undefined ? '' : ` (${spec.listNote})`;
    process.stdout.write(
      `${spec.id} (${spec.packageName}@${spec.version} ${['list', '--server', ...spec.listArgs].join(' ')}): ${names.length} scenarios${note}\n`,
    );
    for (const name of names) process.stdout.write(`  ${name}\n`);
  }
  return 0;
}

async function run(input: {
  url: string;
  token?: string;
  suites: SuiteId[];
  baseline: string;
  timeoutMs: number;
  strict: boolean;
  verbose: boolean;
  json?: string;
  outputDir?: string;
}): Promise<number> {
  let report: Report;
  try {
    report = await runConformance({
      url: input.url,
      ...(input.token === undefined ? {} : { token: input.token }),
      suites: input.suites,
      baseline: input.baseline,
      timeoutMs: input.timeoutMs,
      ...(input.outputDir === undefined ? {} : { outputDir: input.outputDir }),
      ...(input.verbose ? { onOutput: (_suite: SuiteId, chunk: string) => process.stderr.write(chunk) } : {}),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (input.json !== undefined) writeFileSync(input.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(formatReport(report));
  if (report.suites.some((suite) => suite.error !== undefined)) return 2;
  if (!report.ok) return 1;
  if (input.strict && report.suites.some((suite) => suite.staleBaseline.length > 0)) return 1;
  return 0;
}

// `| head` closing the pipe early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main();
