/**
 * The CI recipe of examples/ci/mcpgen-check.yml, run locally: the example API
 * started on a loopback port, `mcpgen check` against its live OpenAPI URL with
 * `--format github`, as the workflow's step does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../../scripts/worked-example.js';
import { runCli } from '../support/drift.js';

const WORKFLOW = path.join(REPO_ROOT, 'examples/ci/mcpgen-check.yml');

interface Workflow {
  jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>;
}

describe('the CI recipe', () => {
  let api: RunningApi | undefined;

  beforeAll(async () => {
    api = await startCompanyApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('is a workflow that starts the example API, checks it with --fail-on breaking --format github, and reports SARIF and Markdown', () => {
    const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs.some((run) => run.includes('node examples/company-api/dist/main.js'))).toBe(true);
    const check = runs.find((run) => run.startsWith('npx mcpgen check'));
    expect(check).toBe(
      'npx mcpgen check --spec http://127.0.0.1:3000/documentation/json --allowlist examples/company-api/mcpgen.yaml --fail-on breaking --format github',
    );
    expect(runs.some((run) => run.includes('--format sarif > mcpgen-check.sarif'))).toBe(true);
    expect(runs.some((run) => run.includes('--format markdown > mcpgen-check.md'))).toBe(true);
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses ?? ''));
    expect(uses).toContain('github/codeql-action/upload-sarif@v3');
  });

  it('passes against the live example API: the committed server matches it', async () => {
    const result = await runCli({
      cwd: REPO_ROOT,
      args: [
        'check',
        '--spec',
        api!.specUrl,
        '--allowlist',
        'examples/company-api/mcpgen.yaml',
        '--fail-on',
        'breaking',
        '--format',
        'github',
      ],
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('::warning'))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^mcpgen check: pass: nothing fails --fail-on breaking: 0 breaking, 0 compatible/);
  });
});
