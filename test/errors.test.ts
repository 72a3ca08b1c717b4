/**
 * Error goldens: each `test/fixtures/errors/<case>/` holds an allowlist
 * (naming its spec), an optional `openapi.json`, and `expected.txt`, the exact
 * stderr of `mcpgen generate` run from the repository root. The CLI runs
 * in-process; test/cli-process.test.ts runs cases as a real process and
 * compares them with the same goldens.
 *
 * Update after an intended message change, then review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/errors
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { runCliInProcess } from './support/cli.js';
import { listProjectFiles } from './support/files.js';

const CASES_DIR = path.join(REPO_ROOT, 'test/fixtures/errors');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const CASE_FILES = new Set(['allowlist.yaml', 'openapi.json', 'expected.txt']);
const REQUIRED_CASES = [
  'allowlist-yaml-syntax',
  'bad-tool-name',
  'duplicate-operation',
  'external-ref-refused',
  'invalid-spec-schema',
  'not-openapi',
  'read-on-post',
  'unknown-operation',
  'unknown-param-override',
  'unknown-response-field',
  'unknown-risk',
  'unreachable-spec-url',
];
const runMcpgen = (args: string[]) => runCliInProcess({ args });
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

const cases = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(
    listProjectFiles(dir).map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')]),
  );
  return Object.fromEntries(entries);
}

function generateArgs(input: { name: string; out: string }): string[] {
  return ['generate', '--allowlist', `test/fixtures/errors/${input.name}/allowlist.yaml`, '--out', input.out];
}

describe('error goldens: test/fixtures/errors/<case>', () => {
  it('has every required case, and no orphaned or incomplete one', () => {
    expect(cases).toEqual(expect.arrayContaining(REQUIRED_CASES));
    for (const name of cases) {
      const files = readdirSync(path.join(CASES_DIR, name));
      expect(
        files.filter((file) => !CASE_FILES.has(file)),
        `${name}: files no case uses`,
      ).toEqual([]);
      expect(files, `${name}: a case needs allowlist.yaml`).toContain('allowlist.yaml');
      if (!UPDATE) expect(files, `${name}: no expected.txt (run UPDATE_GOLDEN=1)`).toContain('expected.txt');
    }
  });

  describe.concurrent('each case: exact stderr, exit 2, no stack trace, --out untouched', () => {
    for (const name of cases) {
      it(name, async () => {
        const caseDir = path.join(workDir, name);
        await mkdir(caseDir);
        const absent = path.join(caseDir, 'absent');
        const first = await runMcpgen(generateArgs({ name, out: absent }));
        expect(first.code, first.stderr).toBe(2);
        expect(first.stdout).toBe('');
        expect(first.stderr).not.toMatch(STACK_FRAME);
        expect(readdirSync(caseDir), 'nothing created next to --out either').toEqual([]);

        const present = path.join(caseDir, 'present');
        await mkdir(path.join(present, 'src'), { recursive: true });
        await writeFile(path.join(present, 'src/kept.ts'), 'export const kept = 1;\n');
        await writeFile(path.join(present, 'mcpgen.manifest.json'), '{ "files": { "src/kept.ts": "x" } }\n');
        const before = await snapshotTree(present);
        const second = await runMcpgen(generateArgs({ name, out: present }));
        expect(second.code).toBe(2);
        expect(second.stderr).toBe(first.stderr);
        expect(await snapshotTree(present)).toEqual(before);
        expect(readdirSync(caseDir)).toEqual(['present']);

        const expectedFile = path.join(CASES_DIR, name, 'expected.txt');
        if (UPDATE) await writeFile(expectedFile, first.stderr);
        expect(first.stderr, `${name}: update with UPDATE_GOLDEN=1 npx vitest run test/errors`).toBe(
          readFileSync(expectedFile, 'utf8'),
        );
      });
    }
  });

  it('--format json prints the same diagnostics as one versioned document on stdout', async () => {
    const out = path.join(workDir, 'json-out');
    const result = await runMcpgen([...generateArgs({ name: 'unknown-operation', out }), '--format', 'json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      version: number;
      diagnostics: Array<{ code: string; location: unknown }>;
    };
    expect(report.version).toBe(1);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_UNKNOWN_OPERATION', 'MCPGEN_UNKNOWN_OPERATION']);
    expect(report.diagnostics[0]?.location).toEqual({
      file: 'test/fixtures/errors/unknown-operation/allowlist.yaml',
      line: 8,
      column: 16,
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('generate --format json on success', () => {
  it('prints the summary as one versioned document on stdout', async () => {
    const out = path.join(workDir, 'company-api-mcp');
    const result = await runMcpgen([
      'generate',
      '--allowlist',
      'examples/company-api/mcpgen.yaml',
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      version: number;
      diagnostics: Array<{ code: string }>;
      summary: {
        files: number;
        written: string[];
        removed: string[];
        toolsList: { tools: Array<{ name: string }>; totalBytes: number };
      };
    };
    expect(report.version).toBe(1);
    expect(report.diagnostics).toEqual([]);
    expect(report.summary.written).toHaveLength(report.summary.files);
    expect(report.summary.removed).toEqual([]);
    expect(report.summary.toolsList.tools.map((tool) => tool.name)).toContain('search_customers');
    expect(report.summary.toolsList.totalBytes).toBeGreaterThan(1000);
  });
});
