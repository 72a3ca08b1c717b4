import { performance } from 'node:perf_hooks';
import { connectStdio, measureToolsList, type ToolsListSize } from './mcp-client.js';
import { runRounds } from './rounds.js';
import { serverCommand, type System } from './servers.js';
import type { BenchSpec } from './specs.js';
import { pairRatios, summarize, type Summary } from './stats.js';

export interface ColdStartRow {
  system: System;
  ms: Summary;
  /** mcpgen over this system, pair by pair (1 for mcpgen itself). */
  mcpgenRatio: Summary;
}

/**
 * Process spawn to the arrival of the first complete `tools/list` response
 * (the initialize handshake included), taken before the client parses it.
 */
export async function timeToFirstToolsList(input: { system: System; spec: BenchSpec }): Promise<{ ms: number; size: ToolsListSize }> {
  const started = performance.now();
  const connection = await connectStdio(serverCommand(input));
  try {
    const size = await measureToolsList(connection);
    return { ms: size.firstResponseAt - started, size };
  } finally {
    await connection.close();
  }
}

export async function benchColdStart(input: { spec: BenchSpec; runs: number; log: (line: string) => void }): Promise<ColdStartRow[]> {
  const time = (system: System) => async () => (await timeToFirstToolsList({ system, spec: input.spec })).ms;
  const results = await runRounds({
    contenders: { mcpgen: time('mcpgen'), generator: time('generator'), proxy: time('proxy') },
    runs: input.runs,
    onRun: ({ round, contender, result }) => input.log(`  cold start ${contender} ${round < 0 ? 'warm-up' : `#${round + 1}`}: ${result.toFixed(0)} ms`),
  });
  const systems: System[] = ['mcpgen', 'generator', 'proxy'];
  return systems.map((system) => ({
    system,
    ms: summarize(results[system]),
    mcpgenRatio: pairRatios(results.mcpgen, results[system]),
  }));
}
