/**
 * Real drift from ../shared/specs: a project generated from the older revision
 * of a Discord or Stripe spec, checked by the real CLI against the newer one.
 * Skipped when ../shared/specs is absent (a clone of this repository alone).
 * Update the goldens with: UPDATE_GOLDEN=1 npx vitest run test/check
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTextReport } from '../../src/check/format-text.js';
import type { CheckReport } from '../../src/check/report.js';
import { planInit } from '../../src/init/plan-init.js';
import { renderInit } from '../../src/init/render-init.js';
import { loadSpec } from '../../src/load/spec.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import {
  enableEntries,
  expectGolden,
  generateInto,
  makeWorkspace,
  removeWorkspace,
  runCli,
  SHARED_SPECS,
  stableReportText,
  UPDATE_GOLDEN,
  type RealDriftScenario,
} from '../support/drift.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/drift-real');
const SCENARIOS = readdirSync(FIXTURES).sort();

describe.skipIf(!existsSync(SHARED_SPECS))('real drift between revisions of public specs', () => {
  let workspace = '';

  beforeAll(async () => {
    workspace = await makeWorkspace();
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  for (const name of SCENARIOS) {
    it.concurrent(
      name,
      async () => {
        const fixture = path.join(FIXTURES, name);
        const scenario = (
          (await import(pathToFileURL(path.join(fixture, 'scenario.ts')).href)) as { default: RealDriftScenario }
        ).default;
        const dir = path.join(workspace, name);
        await mkdir(dir);
        const ext = path.extname(scenario.base);
        const base = path.join(dir, `base${ext}`);
        await copyFile(path.join(SHARED_SPECS, scenario.base), base);
        await copyFile(path.join(SHARED_SPECS, scenario.revision), path.join(dir, `openapi${ext}`));
        const allowlist = path.join(dir, 'mcpgen.yaml');
        if (scenario.allowlist === 'file') await copyFile(path.join(fixture, 'mcpgen.yaml'), allowlist);
        else
          await writeFile(allowlist, await starterAllowlist({ spec: base, enable: scenario.allowlist.initEnabling }));
        await generateInto({ allowlist, spec: base, out: path.join(dir, 'generated') });

        const args = [
          'check',
          '--spec',
          `openapi${ext}`,
          '--allowlist',
          'mcpgen.yaml',
          '--out',
          'generated',
          '--format',
          'json',
          ...(scenario.args ?? []),
        ];
        const result = await runCli({ cwd: dir, args });
        expect(result.code, `${scenario.description}\n${result.stderr}`).toBe(scenario.exitCode);
        const report = JSON.parse(result.stdout) as CheckReport;
        expectGolden({ file: path.join(fixture, 'expected.json'), actual: stableReportText(result.stdout) });
        expectGolden({
          file: path.join(fixture, 'expected.txt'),
          actual: `${formatTextReport({ report, color: false })}\n`,
        });
      },
      180_000,
    );
  }

  it('has no orphaned or missing golden files', () => {
    const problems: string[] = [];
    for (const name of SCENARIOS) {
      const files = readdirSync(path.join(FIXTURES, name));
      const allowed = ['expected.json', 'expected.txt', 'scenario.ts', 'mcpgen.yaml'];
      for (const file of files) if (!allowed.includes(file)) problems.push(`${name}/${file}: orphaned`);
      for (const file of ['expected.json', 'expected.txt', 'scenario.ts']) {
        if (!UPDATE_GOLDEN && !files.includes(file)) problems.push(`${name}/${file}: missing`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** `mcpgen init` of the base revision with some entries enabled, as an engineer would curate it. */
async function starterAllowlist(input: { spec: string; enable: string[] }): Promise<string> {
  const loaded = await loadSpec({ spec: input.spec });
  if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
  const plan = planInit({ spec: loaded.spec, specRef: path.basename(input.spec) });
  const text = renderInit({ plan, specLabel: path.basename(input.spec), file: 'mcpgen.yaml' });
  return enableEntries({ text, operations: input.enable });
}
