/**
 * Running drift scenarios: a baseline project generated into a temp dir
 * inside the repo (so generated code resolves the root node_modules), the
 * CLI's `mcpgen check` run against it in-process (see cli.ts), and report
 * goldens compared or, with UPDATE_GOLDEN=1, rewritten.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { writeProject } from '../../src/emit/write-project.js';
import { generate } from '../../src/generate.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { runCliInProcess, type CliResult } from './cli.js';
import type { Json, SpecEditor } from './spec-mutations.js';

/** `UPDATE_GOLDEN=1 npx vitest run test/check` rewrites the expected reports. */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/** The real-world specs of ../shared/specs (absent on a clean clone of this repo alone). */
export const SHARED_SPECS = path.resolve(REPO_ROOT, '../shared/specs');

/** A change to the company example and what `check` must say about it. */
export interface DriftScenario {
  description: string;
  /** 0 clean (information only), 1 drift, 2 bad input. */
  exitCode: 0 | 1 | 2;
  /** Extra `check` arguments, e.g. `--strict`. */
  args?: string[];
  editSpec?: (spec: SpecEditor) => void;
  /** For edits of the whole document, e.g. its key order. */
  replaceSpec?: (spec: Json) => Json;
  editAllowlist?: (text: string) => string;
  /** Edits the generated project (`generated/` under `dir`). */
  editOut?: (dir: string) => Promise<void>;
  /** A refactor: `generate` from the edited spec must give the baseline's bytes. */
  sameOutput?: boolean;
}

/** A pair of real spec revisions and the allowlist the project was generated with. */
export interface RealDriftScenario {
  description: string;
  exitCode: 0 | 1;
  args?: string[];
  /** Paths under ../shared/specs. */
  base: string;
  revision: string;
  /** `mcpgen.yaml` beside the scenario, or `mcpgen init` of the base with these entries enabled. */
  allowlist: 'file' | { initEnabling: string[] };
}

export async function makeWorkspace(): Promise<string> {
  return mkdtemp(path.join(REPO_ROOT, '.test-output-drift-'));
}

export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** `generate` in-process, written to `out`; fails the test on any error. */
export async function generateInto(input: { allowlist: string; spec: string; out: string }): Promise<void> {
  const result = await generate({ allowlist: input.allowlist, spec: input.spec });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, 'baseline generation').toEqual([]);
  expect((await writeProject({ outDir: input.out, files: result.files ?? [] })).diagnostics, 'baseline write').toEqual(
    [],
  );
}

/**
 * The CLI's `main` run in `cwd`, in-process: exit code, stdout and stderr as the process would give them.
 * What only a real process shows is tested in test/cli-process.test.ts.
 */
export function runCli(input: { cwd: string; args: string[]; env?: Record<string, string> }): Promise<CliResult> {
  return runCliInProcess(input);
}

/** What an engineer does to a starter allowlist: deletes the `enabled: false` line of the operations to expose. */
export function enableEntries(input: { text: string; operations: string[] }): string {
  let text = input.text;
  for (const operation of input.operations) {
    const escaped = operation.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const entry = new RegExp(`\\n {4}enabled: false\\n( {4}operation: ${escaped}(?: #[^\\n]*)?\\n)`);
    expect(entry.test(text), `starter allowlist lists ${operation}`).toBe(true);
    text = text.replace(entry, '\n$1');
  }
  return text;
}

/** The file count follows the templates (which change often): JSON goldens record the findings, not it. */
export function stableReportText(json: string): string {
  return json.replace(/("summary": \{[^}]*"files": )\d+/, '$1"<count>"');
}

/** Compares `actual` with the golden file, or writes it under UPDATE_GOLDEN=1. */
export function expectGolden(input: { file: string; actual: string }): void {
  if (UPDATE_GOLDEN || !existsSync(input.file)) {
    if (!UPDATE_GOLDEN)
      throw new Error(
        `missing golden ${path.relative(REPO_ROOT, input.file)}: run UPDATE_GOLDEN=1 npx vitest run test/check`,
      );
    writeFileSync(input.file, input.actual);
    return;
  }
  expect(
    input.actual,
    `${path.relative(REPO_ROOT, input.file)} (update with UPDATE_GOLDEN=1 npx vitest run test/check)`,
  ).toBe(readFileSync(input.file, 'utf8'));
}
