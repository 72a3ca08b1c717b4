/**
 * `mcpgen check` as a CI job runs it: the real CLI, its three formats, the
 * step summary, colour only on a terminal, and exit 2 for bad input.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/report.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { generateInto, makeWorkspace, removeWorkspace, runCli } from '../support/drift.js';
import { sarifValidator } from './sarif-schema.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');
const CHECK = ['check', '--spec', 'openapi.json', '--allowlist', 'mcpgen.yaml', '--out', 'generated'];

describe('mcpgen check (CLI)', () => {
  let workspace = '';

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await copyFile(path.join(EXAMPLE, 'openapi.json'), path.join(workspace, 'openapi.json'));
    await copyFile(path.join(EXAMPLE, 'mcpgen.yaml'), path.join(workspace, 'mcpgen.yaml'));
    await generateInto({
      allowlist: path.join(workspace, 'mcpgen.yaml'),
      spec: path.join(workspace, 'openapi.json'),
      out: path.join(workspace, 'generated'),
    });
    // The same edit as the file-edited scenario, so the text output can be compared with its golden.
    await appendFile(path.join(workspace, 'generated/src/tools/list-products.ts'), '// tweaked by hand\n');
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  it('finds no drift in the committed example (what `npm run check:example` runs in CI)', async () => {
    const result = await runCli({ cwd: REPO_ROOT, args: ['check', '--allowlist', 'examples/company-api/mcpgen.yaml'] });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^mcpgen check: pass: nothing fails --fail-on breaking: 0 breaking, 0 compatible/m);
  });

  it('prints the text report to stdout, exactly as the golden, and exits 1 on drift', async () => {
    const result = await runCli({ cwd: workspace, args: CHECK });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/drift/file-edited/expected.txt'), 'utf8'),
    );
  });

  it('prints a versioned JSON report with a fingerprint per finding', async () => {
    const result = await runCli({ cwd: workspace, args: [...CHECK, '--format', 'json'] });
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.version).toBe(2);
    expect(report.inputs.failOn).toBe('breaking');
    expect(report.findings.every((f) => ['breaking', 'compatible', 'info'].includes(f.class))).toBe(true);
    expect(report.findings.every((f) => /^[0-9a-f]{64}$/.test(f.fingerprint))).toBe(true);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
    // Stable across runs and machines: the scenario goldens pin them.
    expect(report.findings[0]?.fingerprint).toBe(
      (
        JSON.parse(
          readFileSync(path.join(REPO_ROOT, 'test/fixtures/drift/file-edited/expected.json'), 'utf8'),
        ) as CheckReport
      ).findings[0]?.fingerprint,
    );
  });

  it('prints workflow annotations and appends a Markdown table to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(workspace, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const result = await runCli({
      cwd: workspace,
      args: [...CHECK, '--format', 'github'],
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace },
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=generated\/src\/tools\/list-products\.ts,line=1,col=1,title=MCPGEN_DRIFT_FILE_EDITED \(breaking\)::/,
    );
    expect(
      lines.filter((line) =>
        line.startsWith('::notice file=mcpgen.yaml,line=14,col=1,title=MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST (info)'),
      ),
      // 12 operations: 7 tools and GET /customers/{customerId}, which the "customer" resource reads, are reviewed.
    ).toHaveLength(4);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^# earlier step\n### mcpgen check: fail: 1 finding at --fail-on breaking\n/);
    expect(markdown).toContain('| `MCPGEN_DRIFT_FILE_EDITED` |');
  });

  it('counts information as drift under --strict', async () => {
    const clean = path.join(workspace, 'clean');
    await mkdir(clean);
    await copyFile(path.join(workspace, 'openapi.json'), path.join(clean, 'openapi.json'));
    await copyFile(path.join(workspace, 'mcpgen.yaml'), path.join(clean, 'mcpgen.yaml'));
    await generateInto({
      allowlist: path.join(clean, 'mcpgen.yaml'),
      spec: path.join(clean, 'openapi.json'),
      out: path.join(clean, 'generated'),
    });
    expect((await runCli({ cwd: clean, args: CHECK })).code).toBe(0);
    const strict = await runCli({ cwd: clean, args: [...CHECK, '--strict'] });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('error info MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST');
    // --fail-on info fails on the same information without --strict.
    expect((await runCli({ cwd: clean, args: [...CHECK, '--fail-on', 'info'] })).code).toBe(1);
    expect((await runCli({ cwd: clean, args: [...CHECK, '--fail-on', 'compatible'] })).code).toBe(0);
  });

  it('prints the report as a Markdown PR comment, a table per class with breaking first', async () => {
    const result = await runCli({ cwd: workspace, args: [...CHECK, '--format', 'markdown'] });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/drift/file-edited/expected.md'), 'utf8').trimEnd() + '\n',
    );
  });

  it('prints SARIF 2.1.0 that the official schema accepts, results on the files and allowlist lines', async () => {
    const validate = sarifValidator();
    // The validator is not a formality: it rejects a document that is not SARIF 2.1.0.
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    const result = await runCli({
      cwd: workspace,
      args: [...CHECK, '--format', 'sarif'],
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const [edited, ...rest] = sarif.runs[0]!.results;
    expect(edited).toMatchObject({ ruleId: 'MCPGEN_DRIFT_FILE_EDITED', level: 'error' });
    expect(edited!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('generated/src/tools/list-products.ts');
    expect(
      rest.map((r) => [
        r.level,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toContainEqual(['note', 'mcpgen.yaml', 14]);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('colours the report on a terminal, unless NO_COLOR is set', async () => {
    const run = promisify(execFile);
    // An entry that no longer resolves: drift found without the slow regeneration.
    const quick = path.join(workspace, 'quick');
    await mkdir(quick);
    await copyFile(path.join(workspace, 'openapi.json'), path.join(quick, 'openapi.json'));
    const allowlist = readFileSync(path.join(workspace, 'mcpgen.yaml'), 'utf8').replace(
      'POST /orders/{orderId}/cancel',
      'POST /orders/{orderId}/void',
    );
    await writeFile(path.join(quick, 'mcpgen.yaml'), allowlist);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO_ROOT, 'bin/mcpgen.js'))} ${CHECK.join(' ')}`;
    const onTty = async (env: NodeJS.ProcessEnv) => {
      try {
        return (await run('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: quick, env })).stdout;
      } catch (error) {
        return (error as { stdout?: string }).stdout ?? '';
      }
    };
    const colourful: NodeJS.ProcessEnv = { ...process.env };
    delete colourful['NO_COLOR'];
    expect(await onTty(colourful)).toContain('\u001b[31merror\u001b[0m');
    expect(await onTty({ ...colourful, NO_COLOR: '1' })).not.toContain('\u001b[31m');
    expect((await runCli({ cwd: quick, args: CHECK })).stdout).not.toContain('\u001b[');
  });

  describe('bad input exits 2 with located diagnostics on stderr', () => {
    it('a missing allowlist', async () => {
      const result = await runCli({
        cwd: workspace,
        args: ['check', '--spec', 'openapi.json', '--allowlist', 'nope.yaml', '--out', 'generated'],
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('nope.yaml:1:1: error MCPGEN_ALLOWLIST_UNREADABLE');
    });

    it('an invalid allowlist, also as JSON for machines', async () => {
      await writeFile(
        path.join(workspace, 'broken.yaml'),
        'server: { name: x, version: 1.0.0, env_prefix: X }\ntools:\n  t: { operation: GET /health, risk: maybe }\n',
      );
      const result = await runCli({
        cwd: workspace,
        args: [
          'check',
          '--spec',
          'openapi.json',
          '--allowlist',
          'broken.yaml',
          '--out',
          'generated',
          '--format',
          'json',
        ],
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('broken.yaml:3:38: error MCPGEN_UNKNOWN_RISK');
      expect(JSON.parse(result.stdout)).toMatchObject({
        version: 2,
        summary: { result: 'bad-input', exitCode: 2 },
        findings: [],
      });
      const sarif = await runCli({
        cwd: workspace,
        args: [
          'check',
          '--spec',
          'openapi.json',
          '--allowlist',
          'broken.yaml',
          '--out',
          'generated',
          '--format',
          'sarif',
        ],
      });
      expect(sarif.code).toBe(2);
      const validate = sarifValidator();
      const document = JSON.parse(sarif.stdout) as unknown;
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
      expect(document).toMatchObject({
        runs: [
          {
            results: [
              {
                ruleId: 'MCPGEN_UNKNOWN_RISK',
                level: 'error',
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: 'broken.yaml' },
                      region: { startLine: 3, startColumn: 38 },
                    },
                  },
                ],
              },
            ],
          },
        ],
      });
    });

    it('an unreadable spec, and --out naming a file', async () => {
      expect(
        (
          await runCli({
            cwd: workspace,
            args: ['check', '--spec', 'missing.json', '--allowlist', 'mcpgen.yaml', '--out', 'generated'],
          })
        ).code,
      ).toBe(2);
      const notDir = await runCli({
        cwd: workspace,
        args: ['check', '--spec', 'openapi.json', '--allowlist', 'mcpgen.yaml', '--out', 'openapi.json'],
      });
      expect(notDir.code).toBe(2);
      expect(notDir.stderr).toContain('MCPGEN_OUT_NOT_DIRECTORY');
    });

    it('an unknown --fail-on class', async () => {
      const result = await runCli({ cwd: workspace, args: [...CHECK, '--fail-on', 'warning'] });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Invalid values');
    });

    it('an unknown --format', async () => {
      const result = await runCli({ cwd: workspace, args: [...CHECK, '--format', 'xml'] });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Invalid values');
    });
  });
});
