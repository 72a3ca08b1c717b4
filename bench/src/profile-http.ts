/**
 * Profiles the generated company server under the throughput section's load:
 * the server runs with `--cpu-prof`, 64 calls of search_customers stay in
 * flight over streamable HTTP, then the profile is summarized.
 *
 *   tsx bench/src/profile-http.ts [--calls 4000] [--client sdk|bare] [--top 30] [--filter text]
 *
 * Run `npm run bench` (or BENCH_ONLY=throughput) once first: it generates and
 * builds the project this reads (.scratch/bench/company-mcpgen).
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCompanyApi, stop, waitForLine } from './company-api.js';
import { directSearch } from './latency.js';
import { loadProfiles, renderSummary, summarizeProfile } from './profile.js';
import { MCPGEN_WORK_DIR } from './paths.js';
import { bareCall, connectThroughput, callsPerSecond, INBOUND_TOKEN } from './throughput.js';

/** The server has no signal handler of its own: exiting on SIGTERM lets V8 write the profile. */
const EXIT_ON_SIGTERM = `data:text/javascript,process.on('SIGTERM',()=>process.exit(0))`;

/** User plus system CPU time of a process so far (Linux /proc), in ms. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  // Fields after the command name (which may hold spaces, so split after its closing paren).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '4000' },
      /** Measure CPU time per call only, without the profiler's overhead. */
      'no-profile': { type: 'boolean', default: false },
      top: { type: 'string', default: '30' },
      /** `sdk`: the MCP SDK client; `bare`: one fetch POST per call (see bareCall). */
      client: { type: 'string', default: 'sdk' },
      filter: { type: 'string' },
    },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-http-profile-'));
  // The project's own bundle is minified; this one keeps names, so the profile reads.
  const project = path.join(MCPGEN_WORK_DIR, 'company-mcpgen');
  const serverFile = path.join(project, 'dist/server.profile.js');
  await build({
    entryPoints: [path.join(project, 'src/index.ts')],
    outfile: serverFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['redis', 'jose', 'prom-client'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const api = await startCompanyApi();
  const child = spawn(
    process.execPath,
    [
      ...(values['no-profile'] ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', EXIT_ON_SIGTERM]),
      serverFile,
      '--http',
    ],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        COMPANY_API_BASE_URL: api.baseUrl,
        COMPANY_API_KEY: api.apiKey,
        COMPANY_API_HTTP_PORT: '0',
        COMPANY_API_HTTP_TOKENS: INBOUND_TOKEN,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  try {
    const url = await waitForLine({
      child,
      pattern: /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/,
      stream: 'stderr',
    });
    const { client, call: sdkCall } = await connectThroughput(url);
    const call = values.client === 'bare' ? bareCall(url) : sdkCall;
    // Warm up (JIT, connection pools) before counting.
    await callsPerSecond({ total: 500, concurrency: 64, call });
    const total = Number(values.calls);
    const before = { server: cpuMs(child.pid), api: cpuMs(api.pid), client: process.cpuUsage() };
    const rate = await callsPerSecond({ total, concurrency: 64, call });
    const client0 = process.cpuUsage(before.client);
    const perCall = (ms: number) => `${((ms * 1000) / total).toFixed(0)} µs`;
    process.stderr.write(
      [
        `${rate.toFixed(0)} calls/s${values['no-profile'] ? '' : ' while profiling'}`,
        `CPU per call: server ${perCall(cpuMs(child.pid) - before.server)}, API ${perCall(cpuMs(api.pid) - before.api)}, client ${perCall((client0.user + client0.system) / 1000)}`,
        '',
      ].join('\n'),
    );
    await client.close();
    // The floor, for comparison: the same request made directly.
    const direct = directSearch(api);
    await callsPerSecond({ total: 500, concurrency: 64, call: direct });
    const apiBefore = cpuMs(api.pid);
    const clientBefore = process.cpuUsage();
    const directRate = await callsPerSecond({ total, concurrency: 64, call: direct });
    const clientDirect = process.cpuUsage(clientBefore);
    process.stderr.write(
      `direct: ${directRate.toFixed(0)} calls/s; CPU per call: API ${perCall(cpuMs(api.pid) - apiBefore)}, client ${perCall((clientDirect.user + clientDirect.system) / 1000)}\n`,
    );
  } finally {
    await stop(child);
    await api.close();
  }
  if (values['no-profile']) return;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  process.stderr.write(`profile: ${files.map((f) => path.join(dir, f)).join(', ')}\n`);
  for (const profile of await loadProfiles(dir))
    process.stdout.write(`${renderSummary(summarizeProfile(profile), Number(values.top), values.filter)}\n`);
}

await main();
