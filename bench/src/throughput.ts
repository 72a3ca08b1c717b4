import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
  /** The same client against an endpoint that answers at once (canned-mcp.ts): the most any server could reach. */
  ceiling: Summary;
  ceilingRatio: Summary;
  /**
   * The same server reached by a bare JSON-RPC client: one `fetch` POST per
   * call, answered with one JSON body, as cheap on the client side as the
   * direct request. What is left of the gap to direct is the server's own cost.
   */
  bare: Summary;
  bareRatio: Summary;
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

/**
 * One tools/call per request, as any HTTP client can send it to a stateless
 * server (2025 era: no initialize needed, one JSON answer), with the same
 * `fetch` and body parsing as the direct request.
 */
export function bareCall(url: string): () => Promise<void> {
  let id = 0;
  return async () => {
    id += 1;
    const response = await postToolCall(url, id);
    if (!response.ok) throw new Error(`tools/call over HTTP answered ${response.status}`);
    const message = (await response.json()) as { result?: { isError?: boolean }; error?: unknown };
    if (message.result === undefined || message.result.isError === true)
      throw new Error(`search_customers failed over HTTP: ${JSON.stringify(message).slice(0, 500)}`);
  };
}

/** One 2025-era `tools/call` of search_customers, POSTed with the bench's bearer token. */
function postToolCall(url: string, id: number): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${INBOUND_TOKEN}`,
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'search_customers', arguments: SEARCH_ARGS },
    }),
  });
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/;
const CANNED_MCP = fileURLToPath(new URL('./canned-mcp.ts', import.meta.url));

/** The `result` the server answers search_customers with, as sent (2025 era, one JSON body). */
async function rawResult(url: string): Promise<unknown> {
  const response = await postToolCall(url, 1);
  const text = await response.text();
  // An SSE answer carries the message on its last data line.
  const json = text.startsWith('{')
    ? text
    : (
        text
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .pop() ?? ''
      ).slice(6);
  return (JSON.parse(json) as { result: unknown }).result;
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
  let cannedClient: Client | undefined;
  let canned: ChildProcess | undefined;
  try {
    const url = await waitForLine({
      child,
      pattern: LISTENING,
      stream: 'stderr',
    });
    const connected = await connectThroughput(url);
    client = connected.client;
    const viaMcp = connected.call;
    canned = spawn(process.execPath, ['--import', 'tsx', CANNED_MCP], {
      env: { PATH: process.env['PATH'] ?? '', MCPGEN_CANNED_RESULT: JSON.stringify(await rawResult(url)) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ceiling = await connectThroughput(await waitForLine({ child: canned, pattern: LISTENING, stream: 'stderr' }));
    cannedClient = ceiling.client;
    const direct = directSearch(api);
    const measure = (call: () => Promise<void>) => () =>
      callsPerSecond({ total: input.callsPerRun, concurrency: input.concurrency, call });
    const results = await runRounds({
      contenders: {
        floor: measure(direct),
        mcpgen: measure(viaMcp),
        ceiling: measure(ceiling.call),
        bare: measure(bareCall(url)),
      },
      runs: input.runs,
    });
    return {
      concurrency: input.concurrency,
      callsPerRun: input.callsPerRun,
      floor: summarize(results.floor),
      mcpgen: summarize(results.mcpgen),
      ratio: pairRatios(results.mcpgen, results.floor),
      ceiling: summarize(results.ceiling),
      ceilingRatio: pairRatios(results.ceiling, results.floor),
      bare: summarize(results.bare),
      bareRatio: pairRatios(results.bare, results.floor),
    };
  } finally {
    await client?.close();
    await cannedClient?.close();
    await stop(child);
    if (canned) await stop(canned);
  }
}
