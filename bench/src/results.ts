import os from 'node:os';
import type { ColdStart } from './cold-start.js';
import type { DriftRow } from './drift-check.js';
import type { GenerationRow } from './generation.js';
import type { LatencyRow } from './latency.js';
import type { ThroughputRow } from './throughput.js';
import type { ToolsListRow } from './tools-list.js';

/** A section either measured or failed; a failure is reported in the table, never hidden. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  loadStart: number[];
  loadEnd: number[];
  date: string;
  durationS: number;
}

export interface BenchResults {
  machine: Machine;
  runs: number;
  generation: Array<Outcome<GenerationRow> & { spec: string }>;
  toolsList: Array<Outcome<ToolsListRow> & { spec: string }>;
  latency: Outcome<LatencyRow[]>;
  throughput: Outcome<ThroughputRow>;
  coldStart: Outcome<ColdStart>;
  /** Undefined when the CLI has no `check` command yet. */
  drift: Outcome<DriftRow> | undefined;
}

export function describeMachine(input: { loadStart: number[]; startedAt: number }): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadStart: input.loadStart,
    loadEnd: os.loadavg(),
    date: new Date(input.startedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    durationS: Math.round((Date.now() - input.startedAt) / 1000),
  };
}

export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
