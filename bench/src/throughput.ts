import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { stop, waitForLine, type RunningApi } from './company-api.js';
import { directSearch, SEARCH_ARGS } from './latency.js';
import { benchClient } from './mcp-client.js';
import { runRounds } from './rounds.js';
import { mcpgenServerFile } from './servers.js';
import type { BenchSpec } from './specs.js';
import { pairRatios, summarize, type Summary } from './stats.js';

export interface ThroughputRow {
  concurrency: number;
  callsPerRun: number;
  floor: Summary;
  mcpgen: Summary;
  /** mcpgen calls/s over direct calls/s, pair by pair. */
  ratio: Summary;
}

export const INBOUND_TOKEN = 'bench-inbound-token-0123456789';

/** Runs `total` calls with at most `concurrency` in flight; resolves to calls per second. */
export async function callsPerSecond(input: {
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

/** A bench client on the server's MCP endpoint, and one search_customers call through it. */
export async function connectThroughput(url: string): Promise<{ client: Client; call: () => Promise<void> }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${INBOUND_TOKEN}` } },
    // The transport passes one AbortSignal to every fetch, and undici only drops its
    // listener when the request is garbage-collected: thousands of calls pile up
    // listeners (and warnings) in the client. The bench never aborts, so send none.
    fetch: (input, init) => fetch(input, { ...init, signal: null }),
  });
  const client = benchClient();
  await client.connect(transport);
  const call = async () => {
    const result = await client.callTool({ name: 'search_customers', arguments: SEARCH_ARGS });
    if (result.isError)
      throw new Error(`search_customers failed over HTTP: ${JSON.stringify(result.content).slice(0, 500)}`);
  };
  return { client, call };
}

export async function benchThroughput(input: {
  spec: BenchSpec;
  api: RunningApi;
  runs: number;
  concurrency: number;
  callsPerRun: number;
}): Promise<ThroughputRow> {
  const { spec, api } = input;
  const child = spawn(process.execPath, [mcpgenServerFile(spec), '--http'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      [`${spec.envPrefix}_BASE_URL`]: api.baseUrl,
      [`${spec.envPrefix}_KEY`]: api.apiKey,
      [`${spec.envPrefix}_HTTP_PORT`]: '0',
      [`${spec.envPrefix}_HTTP_TOKENS`]: INBOUND_TOKEN,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let client: Client | undefined;
  try {
    const url = await waitForLine({
      child,
      pattern: /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/,
      stream: 'stderr',
    });
    const connected = await connectThroughput(url);
    client = connected.client;
    const viaMcp = connected.call;
    const direct = directSearch(api);
    const measure = (call: () => Promise<void>) => () =>
      callsPerSecond({ total: input.callsPerRun, concurrency: input.concurrency, call });
    const results = await runRounds({
      contenders: { floor: measure(direct), mcpgen: measure(viaMcp) },
      runs: input.runs,
    });
    return {
      concurrency: input.concurrency,
      callsPerRun: input.callsPerRun,
      floor: summarize(results.floor),
      mcpgen: summarize(results.mcpgen),
      ratio: pairRatios(results.mcpgen, results.floor),
    };
  } finally {
    await client?.close();
    await stop(child);
  }
}
