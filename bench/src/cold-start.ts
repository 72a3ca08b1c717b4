import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { RunningApi } from './company-api.js';
import { connectStdio, measureToolsList, type Connection, type ToolsListSize } from './mcp-client.js';
import { runRounds } from './rounds.js';
import { serverCommand, type System, type Upstream } from './servers.js';
import type { BenchSpec } from './specs.js';
import { pairRatios, summarize, type Summary } from './stats.js';

export interface ColdStartRow {
  system: System;
  /** Spawn → first `tools/list` response. */
  toolsList: Summary;
  /** Spawn → first `tools/call` response (no `tools/list` before it). */
  toolsCall: Summary;
  /** mcpgen over this system, pair by pair (1 for mcpgen itself). */
  toolsListRatio: Summary;
  toolsCallRatio: Summary;
}

/** The read tool called: `GET /health` on the live example API, named as each system names it. */
export const HEALTH_TOOL: Record<System, string> = {
  mcpgen: 'api_health',
  generator: 'getHealth',
  proxy: 'get-health',
};

const ANY_RESULT = z.object({ isError: z.boolean().optional() }).passthrough();

/**
 * Process spawn to the arrival of the first complete `tools/list` response
 * (the initialize handshake included), taken before the client parses it.
 */
export async function timeToFirstToolsList(input: {
  system: System;
  spec: BenchSpec;
  upstream?: Upstream;
}): Promise<{ ms: number; size: ToolsListSize }> {
  const started = performance.now();
  const connection = await connectStdio(serverCommand(input));
  try {
    const size = await measureToolsList(connection);
    return { ms: size.firstResponseAt - started, size };
  } finally {
    await connection.close();
  }
}

/**
 * Process spawn to the arrival of the first `tools/call` response: spawn,
 * initialize, initialized, then straight away a call of the health tool
 * (which makes a real request to the example API), taken before the client
 * parses the response. A failed call (isError) fails the bench.
 */
export async function timeToFirstToolsCall(input: {
  system: System;
  spec: BenchSpec;
  upstream: Upstream;
}): Promise<number> {
  const started = performance.now();
  const connection: Connection = await connectStdio(serverCommand(input));
  try {
    connection.rawResults.length = 0;
    const name = HEALTH_TOOL[input.system];
    const result = await connection.client.request(
      { method: 'tools/call', params: { name, arguments: {} } },
      ANY_RESULT,
    );
    const arrived = connection.rawResults.at(-1)?.at ?? Number.NaN;
    if (result.isError) throw new Error(`${input.system}: ${name} failed: ${JSON.stringify(result).slice(0, 500)}`);
    return arrived - started;
  } finally {
    await connection.close();
  }
}

/** The floor: spawn to exit of `node -e 0`, the least any Node server can take on this machine right now. */
export function timeBareNode(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - started));
  });
}

export interface ColdStart {
  rows: ColdStartRow[];
  /** Spawn to exit of `node -e 0`, measured in the same rounds. */
  bareNode: Summary;
}

export async function benchColdStart(input: {
  spec: BenchSpec;
  api: RunningApi;
  runs: number;
  log: (line: string) => void;
}): Promise<ColdStart> {
  const { spec, api } = input;
  const list = (system: System) => async () => (await timeToFirstToolsList({ system, spec, upstream: api })).ms;
  const call = (system: System) => () => timeToFirstToolsCall({ system, spec, upstream: api });
  const results = await runRounds({
    contenders: {
      'mcpgen list': list('mcpgen'),
      'generator list': list('generator'),
      'proxy list': list('proxy'),
      'mcpgen call': call('mcpgen'),
      'generator call': call('generator'),
      'proxy call': call('proxy'),
      'node -e 0': timeBareNode,
    },
    runs: input.runs,
    onRun: ({ round, contender, result }) =>
      input.log(`  cold start ${contender} ${round < 0 ? 'warm-up' : `#${round + 1}`}: ${result.toFixed(0)} ms`),
  });
  const systems: System[] = ['mcpgen', 'generator', 'proxy'];
  const rows = systems.map((system) => ({
    system,
    toolsList: summarize(results[`${system} list`]),
    toolsCall: summarize(results[`${system} call`]),
    toolsListRatio: pairRatios(results['mcpgen list'], results[`${system} list`]),
    toolsCallRatio: pairRatios(results['mcpgen call'], results[`${system} call`]),
  }));
  return { rows, bareNode: summarize(results['node -e 0']) };
}
