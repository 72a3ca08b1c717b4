/**
 * `npm run bench`: mcpgen and its peers side by side, in one run.
 *
 *   tsx bench/src/run.ts [--runs N] [--only generation,tools,latency,throughput,cold,drift,store] [--specs company,github,stripe,synthetic]
 *
 * `BENCH_ONLY=cold-start,latency` in the environment does what `--only` does
 * (for `npm run bench`, which passes no arguments through its `&&` chain).
 * Aliases: `calls` = latency,throughput; `cold-start` = cold.
 *
 * Prints a Markdown table and, for a full run (every section, at least 5
 * runs), writes bench/results.md.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchColdStart } from './cold-start.js';
import { startCompanyApi } from './company-api.js';
import { benchDriftCheck, checkCommandAvailable } from './drift-check.js';
import { benchGeneration, runMcpgenGenerate, runPeerGenerate } from './generation.js';
import { benchLatency } from './latency.js';
import { RESULTS_FILE } from './paths.js';
import { attempt, describeMachine, type BenchResults } from './results.js';
import { buildProject } from './servers.js';
import { prepareSpecs, type BenchSpec } from './specs.js';
import { renderResults } from './table.js';
import { benchStoreThroughput, renderStoreThroughput } from './store-throughput.js';
import { benchThroughput } from './throughput.js';
import { benchToolsList } from './tools-list.js';

const SECTIONS = ['generation', 'tools', 'latency', 'throughput', 'cold', 'drift', 'store'] as const;
type Section = (typeof SECTIONS)[number];
const ALIASES: Record<string, Section[]> = { calls: ['latency', 'throughput'], 'cold-start': ['cold'] };
const MIN_RUNS = 5;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(MIN_RUNS) },
      only: { type: 'string' },
      specs: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  const picked = values.only ?? process.env['BENCH_ONLY'];
  const only = picked
    ? picked
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .flatMap((s) => ALIASES[s] ?? [s as Section])
    : [...SECTIONS];
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown section(s): ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  return { runs, only: new Set(only), specs: values.specs ? new Set(values.specs.split(',')) : undefined };
}

/** The projects the running-server sections need: mcpgen's and the generator's, compiled once. */
async function ensureBuilt(spec: BenchSpec, generated: Set<string>): Promise<void> {
  if (!generated.has(spec.id)) {
    await runMcpgenGenerate(spec);
    await runPeerGenerate(spec);
  }
  log(`  compiling ${spec.id} projects (tsc --noCheck)…`);
  await buildProject({ system: 'mcpgen', dir: spec.mcpgenOut });
  await buildProject({ system: 'generator', dir: spec.peerOut });
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = Date.now();
  const loadStart = os.loadavg();
  if (opts.runs < MIN_RUNS)
    log(
      `warning: --runs ${opts.runs} is below the ${MIN_RUNS} runs the published table needs; bench/results.md is not written`,
    );
  log('preparing specs and allowlists…');
  const specs = (await prepareSpecs()).filter((spec) => !opts.specs || opts.specs.has(spec.id));
  const company = specs.find((spec) => spec.id === 'company');
  const github = specs.find((spec) => spec.id === 'github');
  const generated = new Set<string>();

  const results: BenchResults = {
    machine: describeMachine({ loadStart, startedAt }),
    runs: opts.runs,
    generation: [],
    toolsList: [],
    latency: { ok: false, error: 'not run' },
    throughput: { ok: false, error: 'not run' },
    coldStart: { ok: false, error: 'not run' },
    drift: { ok: false, error: 'not run' },
  };

  if (opts.only.has('generation')) {
    for (const spec of specs) {
      log(`generation: ${spec.label}`);
      const outcome = await attempt(() => benchGeneration({ spec, runs: opts.runs, log }));
      if (outcome.ok) generated.add(spec.id);
      results.generation.push({ ...outcome, spec: spec.label });
    }
  }

  const onCompany = ['latency', 'throughput', 'cold', 'store'].some((s) => opts.only.has(s as Section));
  const needsBuild = opts.only.has('tools') ? specs : onCompany ? specs.filter((s) => s.id === 'company') : [];
  let storeTable = '';
  const built = new Set<string>();
  for (const spec of needsBuild) {
    const outcome = await attempt(() => ensureBuilt(spec, generated));
    if (outcome.ok) built.add(spec.id);
    else results.toolsList.push({ ok: false, error: `build failed: ${outcome.error}`, spec: spec.label });
  }

  if (opts.only.has('tools')) {
    for (const spec of specs.filter((s) => built.has(s.id))) {
      log(`tools/list: ${spec.label}`);
      results.toolsList.push({ ...(await attempt(() => benchToolsList(spec))), spec: spec.label });
    }
  }

  if (company && built.has('company') && onCompany) {
    const api = await startCompanyApi();
    try {
      if (opts.only.has('latency')) {
        log('call latency: search_customers…');
        results.latency = await attempt(() =>
          benchLatency({ spec: company, api, runs: opts.runs, callsPerRun: 400, warmupCalls: 100 }),
        );
      }
      if (opts.only.has('throughput')) {
        log('throughput: 64 concurrent calls over streamable HTTP…');
        results.throughput = await attempt(() =>
          benchThroughput({ spec: company, api, runs: opts.runs, concurrency: 64, callsPerRun: 2_000 }),
        );
      }
      if (opts.only.has('store')) {
        log('store: read-call throughput over streamable HTTP, memory vs Redis…');
        const outcome = await attempt(() =>
          benchStoreThroughput({ spec: company, api, runs: opts.runs, concurrency: 64, callsPerRun: 2_000 }),
        );
        storeTable = outcome.ok ? renderStoreThroughput(outcome.value) : `Store throughput: error: ${outcome.error}\n`;
      }
      if (opts.only.has('cold')) {
        log('cold start…');
        results.coldStart = await attempt(() => benchColdStart({ spec: company, api, runs: opts.runs, log }));
      }
    } finally {
      await api.close();
    }
  }

  if (opts.only.has('drift') && github) {
    if (await checkCommandAvailable()) {
      log('drift check…');
      results.drift = await attempt(() => benchDriftCheck({ github, runs: opts.runs, log }));
    } else {
      results.drift = undefined;
    }
  }

  results.machine = describeMachine({ loadStart, startedAt });
  const table = renderResults(results) + (storeTable ? `\n${storeTable}` : '');
  process.stdout.write(`${table}\n`);
  const full = opts.runs >= MIN_RUNS && SECTIONS.every((s) => opts.only.has(s)) && !opts.specs;
  if (full) {
    await writeFile(RESULTS_FILE, `${table}\n`);
    log(`wrote ${RESULTS_FILE}`);
  }
}

await main();
