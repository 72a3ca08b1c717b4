/**
 * Runs the whole corpus with both cores busy: two child processes generate
 * (see prepare.ts), and as their projects are written, batches of them are
 * type-checked by tsc (one program per batch pays the type libraries once)
 * and listed through a real MCP client, also in child processes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { SAMPLE_SIZE, type CorpusSpec } from './corpus.js';
import { compiledEntry, listTools, typeCheck } from './harness.js';
import { familyOf, type Prepared } from './prepare.js';

/** Per spec: the pass rate the suite asserts on and reports. */
export interface SpecResult {
  file: string;
  attempted: number;
  generated: number;
  compiled: number;
  listed: number;
  /** Revisions: tools identical to the previous revision's (compiled and listed there). */
  sharedWithPrevious: number;
  problems: string[];
}

const WORKER = path.join(REPO_ROOT, 'test/corpus/prepare-worker.ts');
const WORKERS = 2;
/** A batch is type-checked once it holds this many tools. */
const BATCH_TOOLS = 250;
const TSC_CONCURRENCY = 2;
const LIST_CONCURRENCY = 2;

interface Checked {
  compileErrors: string[];
  compiled: boolean;
  listed: Set<string>;
  problems: string[];
}

class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

export async function runCorpus(input: { specs: CorpusSpec[]; workDir: string }): Promise<SpecResult[]> {
  const { workDir } = input;
  const tsc = new Limiter(TSC_CONCURRENCY);
  const lister = new Limiter(LIST_CONCURRENCY);
  const prepared = new Map<string, Prepared>();
  const checked = new Map<string, Checked>();
  const pending: Array<Promise<void>> = [];
  let batch: Prepared[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const members = batch;
    batch = [];
    pending.push(checkAndList({ workDir, group: `batch${pending.length + 1}`, members, tsc, lister, checked }));
  };
  const onPrepared = (item: Prepared): void => {
    prepared.set(item.file, item);
    if (item.own.length === 0 || item.problems.length > 0) return;
    batch.push(item);
    if (batch.reduce((sum, member) => sum + member.own.length, 0) >= BATCH_TOOLS) flush();
  };
  const failures = await Promise.all(shard(input.specs).map((specs) => runWorker({ specs, workDir, onPrepared })));
  flush();
  await Promise.all(pending);
  const workerProblem = failures.filter((text) => text !== '').join('\n');
  return input.specs.map((spec) => {
    const item = prepared.get(spec.file);
    if (!item) return failed({ file: spec.file, problem: `not prepared${workerProblem ? `: ${workerProblem}` : ''}` });
    return summarize({ item, prepared, checked });
  });
}

/** Families (revisions stay together, oldest first) spread over the workers by weight; small specs first in each. */
function shard(specs: CorpusSpec[]): CorpusSpec[][] {
  const families = new Map<string, CorpusSpec[]>();
  for (const spec of [...specs].sort((a, b) => compare(a.file, b.file))) {
    families.set(familyOf(spec.file), [...(families.get(familyOf(spec.file)) ?? []), spec]);
  }
  const weight = (members: CorpusSpec[]) =>
    members.reduce((sum, spec) => sum + Math.min(spec.operations, SAMPLE_SIZE) + 10, 0);
  const shards = Array.from({ length: WORKERS }, () => ({ weight: 0, families: [] as CorpusSpec[][] }));
  for (const members of [...families.values()].sort((a, b) => weight(b) - weight(a))) {
    const lightest = shards.reduce((min, candidate) => (candidate.weight < min.weight ? candidate : min));
    lightest.families.push(members);
    lightest.weight += weight(members);
  }
  return shards.map((item) => item.families.sort((a, b) => weight(a) - weight(b)).flat());
}

/** Resolves with the worker's stderr when it fails, '' otherwise. */
async function runWorker(input: {
  specs: CorpusSpec[];
  workDir: string;
  onPrepared: (item: Prepared) => void;
}): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WORKER, JSON.stringify({ specs: input.specs, workDir: input.workDir })],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString('utf8')}`.slice(-4000);
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line.startsWith('{')) input.onPrepared(JSON.parse(line) as Prepared);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  trace(`generation worker done (${input.specs.length} specs)`);
  return code === 0 ? '' : `generation worker exited with ${code}: ${stderr}`;
}

async function checkAndList(input: {
  workDir: string;
  group: string;
  members: Prepared[];
  tsc: Limiter;
  lister: Limiter;
  checked: Map<string, Checked>;
}): Promise<void> {
  const { workDir, group, members } = input;
  const errors = await input.tsc.run(async () => {
    const started = Date.now();
    const result = await typeCheck({ workDir, group, projects: members.map((member) => member.name) });
    trace(
      `${group}: ${members.length} projects, ${members.reduce((sum, m) => sum + m.own.length, 0)} tools, tsc ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    return result;
  });
  await Promise.all(
    members.map(async (member) => {
      const compileErrors = errors.get(member.name) ?? [];
      const result: Checked = { compileErrors, compiled: compileErrors.length === 0, listed: new Set(), problems: [] };
      input.checked.set(member.file, result);
      if (!result.compiled) return;
      try {
        const tools = await input.lister.run(() => listTools(compiledEntry({ workDir, group, project: member.name })));
        result.listed = new Set(tools.map((tool) => tool.name));
        const unexpected = [...result.listed].filter((tool) => !member.own.includes(tool));
        if (unexpected.length > 0)
          result.problems.push(`tools/list has tools the allowlist does not name: ${unexpected.join(', ')}`);
      } catch (error) {
        result.problems.push(`tools/list failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

function failed(input: { file: string; problem: string }): SpecResult {
  return {
    file: input.file,
    attempted: 0,
    generated: 0,
    compiled: 0,
    listed: 0,
    sharedWithPrevious: 0,
    problems: [input.problem],
  };
}

/** Whether a tool compiled and was listed, following shared tools back through earlier revisions. */
function toolStatus(input: {
  file: string;
  tool: string;
  prepared: Map<string, Prepared>;
  checked: Map<string, Checked>;
}): {
  compiled: boolean;
  listed: boolean;
} {
  const item = input.prepared.get(input.file);
  if (!item) return { compiled: false, listed: false };
  if (item.own.includes(input.tool)) {
    const result = input.checked.get(input.file);
    return { compiled: result?.compiled ?? false, listed: result?.listed.has(input.tool) ?? false };
  }
  return item.previous ? toolStatus({ ...input, file: item.previous }) : { compiled: false, listed: false };
}

function summarize(input: {
  item: Prepared;
  prepared: Map<string, Prepared>;
  checked: Map<string, Checked>;
}): SpecResult {
  const { item } = input;
  const statuses = item.expectedTools.map((tool) =>
    toolStatus({ file: item.file, tool, prepared: input.prepared, checked: input.checked }),
  );
  const result = input.checked.get(item.file);
  return {
    file: item.file,
    attempted: item.attempted,
    generated: item.generated,
    compiled: statuses.filter((status) => status.compiled).length,
    listed: statuses.filter((status) => status.listed).length,
    sharedWithPrevious: item.shared.length,
    problems: [...item.problems, ...(result?.compileErrors.slice(0, 10) ?? []), ...(result?.problems ?? [])],
  };
}

const STARTED = Date.now();

/** Progress lines for `CORPUS_REPORT=1`, to see where the time goes. */
function trace(text: string): void {
  if (process.env['CORPUS_REPORT'])
    process.stdout.write(`[corpus ${((Date.now() - STARTED) / 1000).toFixed(0)} s] ${text}\n`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
