/**
 * Profiles the cold start the cold-start section measures: the generated
 * company server, bundled without minification (so that the profile names
 * functions) but otherwise as its own scripts/bundle.mjs bundles it, spawned
 * with `--cpu-prof` and driven over stdio by a bare JSON-RPC client
 * (initialize, initialized, one `tools/call` of the health tool), then exited
 * when the call is answered. Prints the time each run took and the summary of
 * the last profile.
 *
 *   tsx bench/src/profile-cold.ts [--runs 5] [--top 40] [--filter text]
 *
 * Run `npm run bench` (or BENCH_ONLY=cold) once first: it generates and builds
 * the project this reads (.scratch/bench/company-mcpgen).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startCompanyApi, type RunningApi } from './company-api.js';
import { runChecked } from './measure.js';
import { MCPGEN_WORK_DIR } from './paths.js';
import { loadProfiles, renderSummary, summarizeProfile } from './profile.js';

const PROJECT = path.join(MCPGEN_WORK_DIR, 'company-mcpgen');

/** The project's own bundle script with minification off, writing to dist-profile/. */
async function bundleReadable(): Promise<string> {
  const script = await readFile(path.join(PROJECT, 'scripts/bundle.mjs'), 'utf8');
  const readable = script.replace('minify: true', 'minify: false').replace("outdir: 'dist'", "outdir: 'dist-profile'");
  if (readable === script)
    throw new Error('scripts/bundle.mjs no longer sets minify and outdir as this script expects');
  const file = path.join(PROJECT, 'scripts/bundle-profile.mjs');
  await writeFile(file, readable);
  try {
    await runChecked({ command: process.execPath, args: [file], cwd: PROJECT, timeoutMs: 120_000 });
  } finally {
    await rm(file, { force: true });
  }
  return path.join(PROJECT, 'dist-profile/server.js');
}

/** Spawn to the `tools/call` answer, in ms; the process writes its profile into `dir` as it exits. */
function profiledStart(input: { serverFile: string; api: RunningApi; dir: string }): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${input.dir}`, input.serverFile], {
    env: {
      PATH: process.env['PATH'] ?? '',
      COMPANY_API_BASE_URL: input.api.baseUrl,
      COMPANY_API_KEY: input.api.apiKey,
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
  return new Promise((resolve, reject) => {
    let buffered = '';
    let answeredAt: number | undefined;
    child.once('error', reject);
    child.once('exit', (code) =>
      answeredAt === undefined ? reject(new Error(`server exited with ${code}`)) : resolve(answeredAt),
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const message = JSON.parse(buffered.slice(0, end)) as {
          id?: number;
          error?: unknown;
          result?: { isError?: boolean };
        };
        buffered = buffered.slice(end + 1);
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'api_health', arguments: {} } });
        } else if (message.id === 2) {
          answeredAt = performance.now() - started;
          if (message.error !== undefined || message.result?.isError === true)
            reject(new Error(`the call failed: ${JSON.stringify(message)}`));
          // Closing stdin ends the server, which then writes its profile.
          child.stdin.end();
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'profile-cold', version: '1' } },
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      top: { type: 'string', default: '40' },
      filter: { type: 'string' },
    },
  });
  const serverFile = await bundleReadable();
  const api = await startCompanyApi();
  try {
    const times: number[] = [];
    let dir = '';
    for (let run = 0; run < Number(values.runs); run += 1) {
      dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-cold-profile-'));
      times.push(await profiledStart({ serverFile, api, dir }));
    }
    process.stderr.write(
      `spawn → tools/call answered (profiling): ${times.map((ms) => ms.toFixed(0)).join(', ')} ms\n`,
    );
    process.stderr.write(`last profile: ${dir}\n`);
    for (const profile of await loadProfiles(dir))
      process.stdout.write(`${renderSummary(summarizeProfile(profile), Number(values.top), values.filter)}\n`);
  } finally {
    await api.close();
  }
}

await main();
