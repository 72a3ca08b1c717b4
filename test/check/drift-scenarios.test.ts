/**
 * The drift scenarios of test/fixtures/drift: each edits a copy of the company
 * example (spec, allowlist or generated project) after the project was
 * generated, runs the real `mcpgen check --format json`, and compares the exit
 * code and the report with the goldens in every format (JSON, text, GitHub
 * annotations, Markdown, SARIF), the SARIF validated against the SARIF 2.1.0
 * schema (test/check/fixtures/sarif).
 * Update the goldens with: UPDATE_GOLDEN=1 npx vitest run test/check
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGithubAnnotations } from '../../src/check/format-github.js';
import { formatMarkdownReport } from '../../src/check/format-markdown.js';
import { formatSarifReport } from '../../src/check/format-sarif.js';
import { formatTextReport } from '../../src/check/format-text.js';
import type { CheckReport } from '../../src/check/report.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import {
  expectGolden,
  generateInto,
  makeWorkspace,
  removeWorkspace,
  runCli,
  stableReportText,
  UPDATE_GOLDEN,
  type DriftScenario,
} from '../support/drift.js';
import { SpecEditor, type Json } from '../support/spec-mutations.js';
import { sarifValidator } from './sarif-schema.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/drift');
const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');
const FIXTURE_FILES = [
  'expected.github.txt',
  'expected.json',
  'expected.md',
  'expected.sarif.json',
  'expected.txt',
  'scenario.ts',
];
const validateSarif = sarifValidator();
const SCENARIOS = readdirSync(FIXTURES).sort();

describe('drift scenarios on the company example', () => {
  let workspace = '';
  let baseSpec: Json = {};
  let baseAllowlist = '';

  beforeAll(async () => {
    workspace = await makeWorkspace();
    const dir = path.join(workspace, 'baseline');
    await mkdir(dir);
    baseSpec = JSON.parse(readFileSync(path.join(EXAMPLE, 'openapi.json'), 'utf8')) as Json;
    baseAllowlist = readFileSync(path.join(EXAMPLE, 'mcpgen.yaml'), 'utf8');
    await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(baseSpec, null, 2));
    await writeFile(path.join(dir, 'mcpgen.yaml'), baseAllowlist);
    await generateInto({
      allowlist: path.join(dir, 'mcpgen.yaml'),
      spec: path.join(dir, 'openapi.json'),
      out: path.join(dir, 'generated'),
    });
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  for (const name of SCENARIOS) {
    it.concurrent(name, async () => {
      const fixture = path.join(FIXTURES, name);
      const scenario = (
        (await import(pathToFileURL(path.join(fixture, 'scenario.ts')).href)) as { default: DriftScenario }
      ).default;
      const dir = path.join(workspace, name);
      await mkdir(dir);
      const edited = structuredClone(baseSpec);
      scenario.editSpec?.(new SpecEditor(edited));
      const spec = scenario.replaceSpec?.(edited) ?? edited;
      await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(spec, null, 2));
      await writeFile(path.join(dir, 'mcpgen.yaml'), scenario.editAllowlist?.(baseAllowlist) ?? baseAllowlist);
      await cp(path.join(workspace, 'baseline/generated'), path.join(dir, 'generated'), { recursive: true });
      await scenario.editOut?.(dir);

      const args = [
        'check',
        '--spec',
        'openapi.json',
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
      expect(report.summary.exitCode).toBe(scenario.exitCode);
      if (scenario.sameOutput) {
        // check regenerates in memory and compares byte for byte: no file finding means identical output.
        expect(report.findings.filter((f) => f.category === 'files' || f.severity === 'error')).toEqual([]);
      }
      expectGolden({ file: path.join(fixture, 'expected.json'), actual: stableReportText(result.stdout) });
      expectGolden({
        file: path.join(fixture, 'expected.txt'),
        actual: `${formatTextReport({ report, color: false })}\n`,
      });
      // The workspace is the repository root of the scenario: report paths are already relative to it.
      const relativize = (file: string) => file;
      expectGolden({
        file: path.join(fixture, 'expected.github.txt'),
        actual: `${formatGithubAnnotations({ report, relativize })}\n`,
      });
      expectGolden({ file: path.join(fixture, 'expected.md'), actual: formatMarkdownReport(report) });
      const sarif = formatSarifReport({ report, relativize });
      expect(validateSarif(JSON.parse(sarif)), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
      expectGolden({ file: path.join(fixture, 'expected.sarif.json'), actual: `${sarif}\n` });
    });
  }

  it('has no orphaned or missing golden files', () => {
    const problems: string[] = [];
    for (const entry of readdirSync(FIXTURES, { withFileTypes: true })) {
      if (!entry.isDirectory()) {
        problems.push(`${entry.name}: not a scenario directory`);
        continue;
      }
      const files = readdirSync(path.join(FIXTURES, entry.name)).sort();
      for (const file of files) if (!FIXTURE_FILES.includes(file)) problems.push(`${entry.name}/${file}: orphaned`);
      for (const file of FIXTURE_FILES) {
        if (!UPDATE_GOLDEN && !existsSync(path.join(FIXTURES, entry.name, file)))
          problems.push(`${entry.name}/${file}: missing`);
      }
    }
    expect(problems).toEqual([]);
  });
});
