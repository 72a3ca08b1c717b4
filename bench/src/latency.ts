import { performance } from 'node:perf_hooks';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { loadConfig } from '../../examples/company-api-mcp/src/runtime/config.js';
import { createRuntime, createServer } from '../../examples/company-api-mcp/src/runtime/server.js';
import { SETTINGS } from '../../examples/company-api-mcp/src/settings.js';
import { TOOLS } from '../../examples/company-api-mcp/src/tools/index.js';
import type { RunningApi } from './company-api.js';
import { ACCEPT_ALL_V2, connectStdio, type Connection } from './mcp-client.js';
import { serverCommand } from './servers.js';
import type { BenchSpec } from './specs.js';
import { percentile, summarize, type Summary } from './stats.js';

/** The call measured: a read tool with a query, as a model would make it. */
export const SEARCH_ARGS = { query: 'a', limit: 10 };

export type LatencyMode = 'floor' | 'inProcess' | 'stdio' | 'generatorStdio' | 'proxyStdio';

export const LATENCY_LABELS: Record<LatencyMode, string> = {
  floor: 'direct HTTP request (floor)',
  inProcess: 'mcpgen server, in-process (in-memory transport)',
  stdio: 'mcpgen server, stdio',
  generatorStdio: 'openapi-mcp-generator server, stdio',
  proxyStdio: '@ivotoby/openapi-mcp-server, stdio',
};

export interface LatencyRow {
  mode: LatencyMode;
  p50: Summary;
  p99: Summary;
  /** This mode's p50 minus the floor's p50 in the same run. */
  overheadP50: Summary;
  overheadP99: Summary;
}

/** The same HTTP request search_customers makes, with the same credential header. */
export function directSearch(api: RunningApi): () => Promise<void> {
  const url = `${api.baseUrl}/customers?query=${SEARCH_ARGS.query}&limit=${SEARCH_ARGS.limit}`;
  return async () => {
    const response = await fetch(url, { headers: { accept: 'application/json', 'x-api-key': api.apiKey } });
    if (!response.ok) throw new Error(`direct request answered ${response.status}`);
    await response.json();
  };
}

/** Both SDK generations' clients have callTool; the in-process one is v2, the stdio ones v1. */
type CallsTools = Pick<Client, 'callTool'> | Pick<ClientV2, 'callTool'>;

function toolCaller(client: CallsTools, name: string): () => Promise<void> {
  return async () => {
    const result = (await client.callTool({ name, arguments: SEARCH_ARGS })) as {
      isError?: boolean;
      content?: unknown;
    };
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 500)}`);
  };
}

/**
 * The committed generated server (examples/company-api-mcp) in this process,
 * built as its runtime builds it (real config loader, `createRuntime`, one
 * `createServer` per connection through `serveStdio`) and reached by an SDK v2
 * client over an in-memory pair, as test/support/company-mcp.ts does. The
 * client speaks the 2025 era (initialize handshake), like the stdio paths.
 * The audit sink and logger discard their lines (the JSON line is still
 * built) so that the bench output stays readable.
 */
async function connectInProcess(api: RunningApi): Promise<ClientV2> {
  const config = loadConfig({
    settings: SETTINGS,
    env: { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey },
    argv: [],
  });
  const discard = () => undefined;
  const runtime = createRuntime({
    settings: SETTINGS,
    config,
    audit: discard,
    logger: { info: discard, warn: discard, error: discard },
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  serveStdio(
    ({ era }) =>
      createServer({ runtime, tools: TOOLS, era, transport: 'stdio', principal: { name: 'stdio', scope: 'high' } }),
    {
      transport: serverTransport,
    },
  );
  const client = new ClientV2({ name: 'mcpgen-bench', version: '1.0.0' }, { jsonSchemaValidator: ACCEPT_ALL_V2 });
  await client.connect(clientTransport);
  return client;
}

export async function benchLatency(input: {
  spec: BenchSpec;
  api: RunningApi;
  runs: number;
  callsPerRun: number;
  warmupCalls: number;
}): Promise<LatencyRow[]> {
  const { spec, api } = input;
  const inProcess = await connectInProcess(api);
  const connections: Connection[] = [];
  const stdio = async (system: 'mcpgen' | 'generator' | 'proxy') => {
    const connection = await connectStdio(serverCommand({ system, spec, upstream: api }));
    connections.push(connection);
    return connection.client;
  };
  try {
    const callers: Record<LatencyMode, () => Promise<void>> = {
      floor: directSearch(api),
      inProcess: toolCaller(inProcess, 'search_customers'),
      stdio: toolCaller(await stdio('mcpgen'), 'search_customers'),
      generatorStdio: toolCaller(await stdio('generator'), 'searchCustomers'),
      proxyStdio: toolCaller(await stdio('proxy'), 'search-customers'),
    };
    const modes = Object.keys(callers) as LatencyMode[];
    for (let i = 0; i < input.warmupCalls; i += 1) for (const mode of modes) await callers[mode]();

    const perRun: Array<Record<LatencyMode, { p50: number; p99: number }>> = [];
    for (let run = 0; run < input.runs; run += 1) {
      const samples = Object.fromEntries(modes.map((m) => [m, [] as number[]])) as Record<LatencyMode, number[]>;
      // Call by call, rotating the order: every mode sees the same moments of machine noise.
      for (let i = 0; i < input.callsPerRun; i += 1) {
        for (let k = 0; k < modes.length; k += 1) {
          const mode = modes[(i + k) % modes.length] as LatencyMode;
          const started = performance.now();
          await callers[mode]();
          samples[mode].push(performance.now() - started);
        }
      }
      perRun.push(
        Object.fromEntries(
          modes.map((m) => {
            const sorted = samples[m].sort((a, b) => a - b);
            return [m, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
          }),
        ) as Record<LatencyMode, { p50: number; p99: number }>,
      );
    }
    return modes.map((mode) => ({
      mode,
      p50: summarize(perRun.map((r) => r[mode].p50)),
      p99: summarize(perRun.map((r) => r[mode].p99)),
      overheadP50: summarize(perRun.map((r) => r[mode].p50 - r.floor.p50)),
      overheadP99: summarize(perRun.map((r) => r[mode].p99 - r.floor.p99)),
    }));
  } finally {
    await inProcess.close();
    for (const connection of connections) await connection.close();
  }
}
