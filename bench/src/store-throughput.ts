/**
 * Read-call throughput over streamable HTTP with each shared store: the same
 * compiled server started twice, once with this process's memory and once
 * with a real Redis (the Debian `redis-server`, started here on a loopback
 * port, persisting nothing). Read calls never consult the store (only gated
 * and rate-limited calls do), so this measures what a Redis-backed
 * deployment costs the calls that dominate an agent's traffic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { stop, waitForLine, type RunningApi } from './company-api.js';
import { SEARCH_ARGS } from './latency.js';
import { benchClient } from './mcp-client.js';
import { runRounds } from './rounds.js';
import { mcpgenServerFile } from './servers.js';
import type { BenchSpec } from './specs.js';
import { pairRatios, summarize, type Summary } from './stats.js';

export interface StoreThroughputRow {
  concurrency: number;
  callsPerRun: number;
  memory: Summary;
  redis: Summary;
  /** Redis calls/s over memory calls/s, pair by pair. */
  ratio: Summary;
}

const INBOUND_TOKEN = 'bench-inbound-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-bench-redis-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await waitForLine({ child, pattern: /(Ready to accept connections)/, stream: 'stdout' });
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function connect(input: {
  spec: BenchSpec;
  api: RunningApi;
  redisUrl?: string;
}): Promise<{ client: Client; child: ChildProcess }> {
  const { spec, api } = input;
  const child = spawn(process.execPath, [mcpgenServerFile(spec), '--http'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      [`${spec.envPrefix}_BASE_URL`]: api.baseUrl,
      [`${spec.envPrefix}_KEY`]: api.apiKey,
      [`${spec.envPrefix}_HTTP_PORT`]: '0',
      [`${spec.envPrefix}_HTTP_TOKENS`]: `bench:${INBOUND_TOKEN}`,
      ...(input.redisUrl ? { [`${spec.envPrefix}_REDIS_URL`]: input.redisUrl } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await waitForLine({ child, pattern: /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/, stream: 'stderr' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${INBOUND_TOKEN}` } },
    // As in throughput.ts: one shared AbortSignal would pile up listeners over thousands of calls.
    fetch: (resource, init) => fetch(resource, { ...init, signal: null }),
  });
  const client = benchClient();
  await client.connect(transport);
  return { client, child };
}

async function callsPerSecond(input: {
  total: number;
  concurrency: number;
  call: () => Promise<void>;
}): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (started < input.total) {
        started += 1;
        await input.call();
      }
    }),
  );
  return (input.total * 1000) / (performance.now() - t0);
}

export async function benchStoreThroughput(input: {
  spec: BenchSpec;
  api: RunningApi;
  runs: number;
  concurrency: number;
  callsPerRun: number;
}): Promise<StoreThroughputRow> {
  const redis = await startRedis();
  const servers: Array<{ client: Client; child: ChildProcess }> = [];
  try {
    const memory = await connect({ spec: input.spec, api: input.api });
    servers.push(memory);
    const shared = await connect({ spec: input.spec, api: input.api, redisUrl: redis.url });
    servers.push(shared);
    const measure = (client: Client) => () =>
      callsPerSecond({
        total: input.callsPerRun,
        concurrency: input.concurrency,
        call: async () => {
          const result = await client.callTool({ name: 'search_customers', arguments: SEARCH_ARGS });
          if (result.isError)
            throw new Error(`search_customers failed: ${JSON.stringify(result.content).slice(0, 500)}`);
        },
      });
    const results = await runRounds({
      contenders: { memory: measure(memory.client), redis: measure(shared.client) },
      runs: input.runs,
    });
    return {
      concurrency: input.concurrency,
      callsPerRun: input.callsPerRun,
      memory: summarize(results.memory),
      redis: summarize(results.redis),
      ratio: pairRatios(results.redis, results.memory),
    };
  } finally {
    for (const server of servers) {
      await server.client.close();
      await stop(server.child);
    }
    await redis.close();
  }
}

/** The section's own Markdown table, printed after the main one. */
export function renderStoreThroughput(row: StoreThroughputRow): string {
  const fmt = (s: Summary) => `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
  return [
    `### Read-call throughput over streamable HTTP by shared store (search_customers, ${row.concurrency} in flight, ${row.callsPerRun} calls per run)`,
    '',
    `| store | calls/s, median (min–max of ${row.memory.runs} runs) |`,
    '|---|---|',
    `| memory (one process) | ${fmt(row.memory)} |`,
    `| Redis (${'`'}REDIS_URL${'`'} set) | ${fmt(row.redis)} |`,
    '',
    `Redis over memory, pair by pair: median ${row.ratio.median.toFixed(2)}× (${row.ratio.min.toFixed(2)}–${row.ratio.max.toFixed(2)}). Read calls do not consult the store; gated and rate-limited calls add one Redis round trip each.`,
    '',
  ].join('\n');
}
