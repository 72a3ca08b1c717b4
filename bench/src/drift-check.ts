import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAllowlist } from './allowlist.js';
import { runChecked, runMeasured } from './measure.js';
import { MCPGEN_BIN, MCPGEN_WORK_DIR, PEER_WORK_DIR, REPO_ROOT } from './paths.js';
import { runRounds } from './rounds.js';
import { listOperations, readSpec } from './spec-file.js';
import type { BenchSpec } from './specs.js';
import { summarize, type Summary } from './stats.js';

export interface DriftRow {
  tools: number;
  wallMs: Summary;
  rssMb: Summary;
}

export const DRIFT_TOOLS = 50;

/** True when this checkout's CLI has a `check` command (it landed separately from the bench). */
export async function checkCommandAvailable(): Promise<boolean> {
  const main = await readFile(path.join(REPO_ROOT, 'dist/cli/main.js'), 'utf8').catch(() => '');
  return /\.command\(\s*['"]check['"]/.test(main);
}

/**
 * `mcpgen check` of a clean project: 50 tools spread evenly over GitHub's 623
 * operations, generated once (not timed), then checked against the same spec.
 */
export async function benchDriftCheck(input: {
  github: BenchSpec;
  runs: number;
  log: (line: string) => void;
}): Promise<DriftRow> {
  const all = listOperations(await readSpec(input.github.specFile));
  const step = all.length / DRIFT_TOOLS;
  const operations = Array.from({ length: DRIFT_TOOLS }, (_, i) => all[Math.floor(i * step)]).filter(
    (op) => op !== undefined,
  );
  const allowlist = path.join(PEER_WORK_DIR, 'inputs', `github-${DRIFT_TOOLS}.mcpgen.yaml`);
  await writeAllowlist({ file: allowlist, serverName: 'github-50-mcp', envPrefix: 'GITHUB', operations });
  const out = path.join(MCPGEN_WORK_DIR, `github-${DRIFT_TOOLS}-mcpgen`);
  const common = ['--allowlist', allowlist, '--spec', input.github.specFile, '--out', out];
  await runChecked({ command: process.execPath, args: [MCPGEN_BIN, 'generate', ...common], timeoutMs: 600_000 });

  const results = await runRounds({
    contenders: {
      check: async () => {
        const run = await runMeasured({
          command: process.execPath,
          args: [MCPGEN_BIN, 'check', ...common],
          timeoutMs: 600_000,
        });
        // 0 is clean (information only); anything else means the bench measured a failure, not a check.
        if (run.code !== 0)
          throw new Error(`mcpgen check exited with ${run.code}:\n${(run.stdout + run.stderr).slice(0, 3000)}`);
        return run;
      },
    },
    runs: input.runs,
    onRun: ({ round, result }) =>
      input.log(
        `  check ${round < 0 ? 'warm-up' : `#${round + 1}`}: ${result.wallMs.toFixed(0)} ms, ${result.peakRssMb.toFixed(0)} MB`,
      ),
  });
  return {
    tools: operations.length,
    wallMs: summarize(results.check.map((r) => r.wallMs)),
    rssMb: summarize(results.check.map((r) => r.peakRssMb)),
  };
}
