import { describe, expect, it } from 'vitest';
import { resolveOperations } from '../build/resolve-operations.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { OperationRef } from '../model/operation.js';
import { loadAllowlist } from './allowlist.js';

const FILE = 'mcpgen.yaml';
const HEADER = ['server: { name: company-api, version: 1.0.0, env_prefix: COMPANY_API }', 'tools:'];

function load(...toolLines: string[]) {
  return loadAllowlist({ file: FILE, text: `${[...HEADER, ...toolLines].join('\n')}\n` });
}

describe('allowlist: enabled', () => {
  it('reads `enabled: false` and leaves enabled entries without the key', () => {
    const { allowlist, diagnostics } = load(
      '  search_customers: { operation: GET /customers, risk: read }',
      '  delete_customer:',
      '    enabled: false',
      '    operation: DELETE /customers/{customerId}',
      '    risk: high',
    );
    expect(diagnostics).toEqual([]);
    expect(allowlist?.tools.map((t) => [t.name, t.enabled])).toEqual([
      ['search_customers', undefined],
      ['delete_customer', false],
    ]);
    expect(allowlist?.tools[1]?.fieldLocations['enabled']).toEqual({ file: FILE, line: 5, column: 14 });
  });

  it('rejects a value that is not a boolean', () => {
    const { diagnostics } = load('  search_customers: { operation: GET /customers, risk: read, enabled: "no" }');
    expect(formatDiagnostics(diagnostics)).toMatch(/^mcpgen\.yaml:3:\d+: error MCPGEN_ALLOWLIST_WRONG_TYPE/);
  });

  it('refuses an allowlist whose tools are all disabled: the server would expose nothing', () => {
    const { allowlist, diagnostics } = load(
      '  search_customers: { operation: GET /customers, risk: read, enabled: false }',
      '  create_customer: { operation: POST /customers, risk: low, enabled: false }',
    );
    expect(allowlist).toBeUndefined();
    expect(formatDiagnostics(diagnostics)).toContain(
      'mcpgen.yaml:2:1: error MCPGEN_ALLOWLIST_NO_TOOLS: all 2 tools are disabled (enabled: false), so the server would expose nothing',
    );
  });

  it('is skipped when operations are resolved, so a stale disabled entry never blocks generate', () => {
    const { allowlist } = load(
      '  search_customers: { operation: GET /customers, risk: read }',
      '  gone: { operation: DELETE /nowhere, risk: read, enabled: false }',
    );
    const operations: OperationRef[] = [
      { method: 'get', path: '/customers', pointer: '/paths/~1customers/get', deprecated: false, tags: [] },
    ];
    const result = resolveOperations({ allowlist: allowlist!, operations, specLabel: 'openapi.json' });
    expect(result.diagnostics).toEqual([]);
    expect(result.resolved.map((r) => r.tool.name)).toEqual(['search_customers']);
  });
});
