/**
 * The real-world corpus (../shared/specs): every document with operations
 * gets an allowlist covering every operation (a sample of 100 across tags and
 * methods for large specs), is generated, type-checked with tsc, and its
 * tools are listed through a real MCP client. Print the pass-rate table with
 * `CORPUS_REPORT=1 npx vitest run test/corpus`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { CORPUS_DIR, corpusSpecs, SAMPLE_SIZE, SAMPLE_THRESHOLD } from './corpus.js';
import { runCorpus, type SpecResult } from './pipeline.js';

// The corpus lives beside the repository (CI has it); a clone on its own skips this suite, visibly.
const available = existsSync(CORPUS_DIR);
const specs = available ? corpusSpecs() : [];
let workDir: string;
let results: Map<string, SpecResult>;

beforeAll(async () => {
  if (!available) return;
  // The SDK client compiles each output schema with ajv, which logs every format it does not know (`snowflake`).
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  const started = Date.now();
  const list = await runCorpus({ specs, workDir });
  results = new Map(list.map((result) => [result.file, result]));
  if (process.env['CORPUS_REPORT']) printReport({ list, seconds: (Date.now() - started) / 1000 });
}, 900_000);

afterAll(async () => {
  vi.restoreAllMocks();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function printReport(input: { list: SpecResult[]; seconds: number }): void {
  const rows = input.list.map(
    (r) =>
      `| ${r.file} | ${r.attempted} | ${r.generated} | ${r.compiled} | ${r.listed} | ${r.sharedWithPrevious || ''} | ${r.problems.length} |`,
  );
  process.stdout.write(
    [
      `corpus: ${input.list.length} specs in ${input.seconds.toFixed(0)} s`,
      '| spec | attempted | generated | compiled | listed | shared with previous revision | problems |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

describe.skipIf(!available)(`real-world corpus (${CORPUS_DIR}): generate, type-check, list`, () => {
  it('has specs to check', () => expect(specs.length).toBeGreaterThan(20));
  for (const spec of specs) {
    it(spec.file, () => {
      const result = results.get(spec.file);
      expect(result?.problems, spec.file).toEqual([]);
      const expected = spec.operations > SAMPLE_THRESHOLD ? SAMPLE_SIZE : spec.operations;
      expect(result).toMatchObject({ attempted: expected, generated: expected, compiled: expected, listed: expected });
    });
  }
});
