/**
 * `mcpgen init`: a starter allowlist listing every operation, disabled, that
 * becomes a compiling project once its entries are enabled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerModel } from '../src/build/server-model.js';
import { loadAllowlist } from '../src/load/allowlist.js';
import { loadSpec } from '../src/load/spec.js';
import { planInit } from '../src/init/plan-init.js';
import { renderInit } from '../src/init/render-init.js';
import { compileProject, REPO_ROOT } from '../scripts/worked-example.js';
import { makeWorkspace, removeWorkspace, runCli, SHARED_SPECS } from './support/drift.js';

const EXAMPLE_SPEC = path.join(REPO_ROOT, 'examples/company-api/openapi.json');
const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function enableAll(text: string): string {
  return text.replace(/^ {4}enabled: false\n/gm, '');
}

describe('mcpgen init', () => {
  let workspace = '';

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await copyFile(EXAMPLE_SPEC, path.join(workspace, 'openapi.json'));
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  it('lists every operation disabled, grouped by tag, with suggested names, risks and draft descriptions', async () => {
    const result = await runCli({ cwd: workspace, args: ['init', '--spec', 'openapi.json'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote mcpgen.yaml: 12 operations in 4 groups, all disabled.');
    const text = readFileSync(path.join(workspace, 'mcpgen.yaml'), 'utf8');
    expect(text).toContain(
      'spec: openapi.json\nout: company-api-mcp\nserver:\n  name: company-api-mcp\n  version: 0.1.0\n  env_prefix: COMPANY_API\ntools:\n  # ── customers: Customer records ──\n',
    );
    expect(text).toContain(
      [
        '  cancel_order:',
        '    enabled: false',
        '    operation: POST /orders/{orderId}/cancel',
        '    risk: low',
        '    description: Cancel an order # draft from the spec: rewrite for the model',
      ].join('\n'),
    );
    // As written, nothing is exposed: generate refuses it.
    expect(loadAllowlist({ file: 'mcpgen.yaml', text }).diagnostics.map((d) => d.code)).toEqual([
      'MCPGEN_ALLOWLIST_NO_TOOLS',
    ]);
    const { allowlist, diagnostics } = loadAllowlist({ file: 'mcpgen.yaml', text: enableAll(text) });
    expect(diagnostics).toEqual([]);
    const tools = allowlist?.tools ?? [];
    expect(tools.map((t) => t.operation).sort()).toEqual(
      (await loadSpec({ spec: EXAMPLE_SPEC })).spec?.operations
        .map((op) => `${op.method.toUpperCase()} ${op.path}`)
        .sort(),
    );
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    expect(tools.every((t) => TOOL_NAME.test(t.name) && t.name.length <= 48)).toBe(true);
    expect(Object.fromEntries(tools.map((t) => [t.operation, t.risk]))).toMatchObject({
      'GET /customers': 'read',
      'POST /customers': 'low',
      'PATCH /customers/{customerId}': 'medium',
      'DELETE /customers/{customerId}': 'high',
    });
  });

  it('refuses to overwrite an existing file without --force', async () => {
    const file = path.join(workspace, 'curated.yaml');
    await writeFile(file, '# curated by hand\n');
    const refused = await runCli({ cwd: workspace, args: ['init', '--spec', 'openapi.json', '--out', 'curated.yaml'] });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('curated.yaml:1:1: error MCPGEN_INIT_FILE_EXISTS: curated.yaml already exists');
    expect(await readFile(file, 'utf8')).toBe('# curated by hand\n');
    const forced = await runCli({
      cwd: workspace,
      args: ['init', '--spec', 'openapi.json', '--out', 'curated.yaml', '--force'],
    });
    expect(forced.code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('enabled: false');
  });

  it('exits 2 on a spec it cannot read', async () => {
    const result = await runCli({ cwd: workspace, args: ['init', '--spec', 'missing.json', '--out', 'other.yaml'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MCPGEN_SPEC_UNREADABLE');
    expect(existsSync(path.join(workspace, 'other.yaml'))).toBe(false);
  });

  it('with every entry enabled, generates a project that compiles, and that check finds clean', async () => {
    await runCli({ cwd: workspace, args: ['init', '--spec', 'openapi.json', '--out', 'all.yaml'] });
    await writeFile(
      path.join(workspace, 'all.yaml'),
      enableAll(await readFile(path.join(workspace, 'all.yaml'), 'utf8')),
    );
    const generated = await runCli({ cwd: workspace, args: ['generate', '--allowlist', 'all.yaml'] });
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toContain('tools/list: 12 tools');
    await compileProject(path.join(workspace, 'company-api-mcp'));
    const check = await runCli({ cwd: workspace, args: ['check', '--allowlist', 'all.yaml', '--format', 'json'] });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      summary: { breaking: 0, compatible: 0, info: 0, result: 'pass' },
      findings: [],
    });
  }, 180_000);

  it.skipIf(!existsSync(SHARED_SPECS))(
    'gives all 233 Discord operations valid, unique names that build',
    async () => {
      const loaded = await loadSpec({
        spec: path.join(SHARED_SPECS, 'discord__discord-api-spec/openapi.2026-05-23.09c232e.json'),
      });
      const spec = loaded.spec!;
      const text = enableAll(
        renderInit({
          plan: planInit({ spec, specRef: 'openapi.json' }),
          specLabel: 'openapi.json',
          file: 'mcpgen.yaml',
        }),
      );
      const { allowlist, diagnostics } = loadAllowlist({ file: 'mcpgen.yaml', text });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(allowlist?.tools).toHaveLength(233);
      const built = buildServerModel({ spec, allowlist: allowlist! });
      expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    },
    120_000,
  );
});
