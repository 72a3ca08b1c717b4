import { rm } from 'node:fs/promises';
import { runMeasured, type ProcessRun } from './measure.js';
import { MCPGEN_BIN, PEER_GENERATOR_BIN } from './paths.js';
import { runRounds } from './rounds.js';
import type { BenchSpec } from './specs.js';
import { pairRatios, summarize, type Summary } from './stats.js';

export interface GenerationRow {
  spec: BenchSpec;
  mcpgen: { wallMs: Summary; rssMb: Summary };
  generator: { wallMs: Summary; rssMb: Summary };
  /** mcpgen / openapi-mcp-generator wall time, pair by pair. */
  ratio: Summary;
}

/** `mcpgen generate` as a whole CLI process, from a clean output directory. */
export async function runMcpgenGenerate(spec: BenchSpec): Promise<ProcessRun> {
  await rm(spec.mcpgenOut, { recursive: true, force: true });
  const run = await runMeasured({
    command: process.execPath,
    args: [MCPGEN_BIN, 'generate', '--allowlist', spec.allowlistFile, '--spec', spec.specFile, '--out', spec.mcpgenOut],
    timeoutMs: 600_000,
  });
  if (run.code !== 0)
    throw new Error(`mcpgen generate failed on ${spec.label} (exit ${run.code}):\n${run.stderr.slice(0, 3000)}`);
  return run;
}

/** openapi-mcp-generator on the same operations, also from a clean directory. */
export async function runPeerGenerate(spec: BenchSpec): Promise<ProcessRun> {
  await rm(spec.peerOut, { recursive: true, force: true });
  const run = await runMeasured({
    command: process.execPath,
    args: [PEER_GENERATOR_BIN, '--input', spec.peerSpecFile, '--output', spec.peerOut, '--force'],
    timeoutMs: 600_000,
  });
  if (run.code !== 0)
    throw new Error(`openapi-mcp-generator failed on ${spec.label} (exit ${run.code}):\n${run.stderr.slice(0, 3000)}`);
  return run;
}

export async function benchGeneration(input: {
  spec: BenchSpec;
  runs: number;
  log: (line: string) => void;
}): Promise<GenerationRow> {
  const { spec } = input;
  const results = await runRounds({
    contenders: { mcpgen: () => runMcpgenGenerate(spec), generator: () => runPeerGenerate(spec) },
    runs: input.runs,
    onRun: ({ round, contender, result }) =>
      input.log(
        `  generate ${spec.id} ${contender} ${round < 0 ? 'warm-up' : `#${round + 1}`}: ${result.wallMs.toFixed(0)} ms, ${result.peakRssMb.toFixed(0)} MB`,
      ),
  });
  const side = (runs: ProcessRun[]) => ({
    wallMs: summarize(runs.map((r) => r.wallMs)),
    rssMb: summarize(runs.map((r) => r.peakRssMb)),
  });
  return {
    spec,
    mcpgen: side(results.mcpgen),
    generator: side(results.generator),
    ratio: pairRatios(
      results.mcpgen.map((r) => r.wallMs),
      results.generator.map((r) => r.wallMs),
    ),
  };
}
