import { describe, expect, it } from 'vitest';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Allowlist, AllowlistTool } from '../model/allowlist.js';
import type { OperationRef } from '../model/operation.js';
import type { HttpMethod, Risk } from '../model/risk.js';
import { resolveOperations } from './resolve-operations.js';

const FILE = 'mcpgen.yaml';
const SPEC = 'openapi.json';

function op(method: HttpMethod, path: string, operationId?: string): OperationRef {
  return {
    method,
    path,
    ...(operationId === undefined ? {} : { operationId }),
    pointer: `/paths/${path.replace(/\//g, '~1')}/${method}`,
    deprecated: false,
    tags: [],
  };
}

const OPERATIONS: OperationRef[] = [
  op('get', '/customers', 'searchCustomers'),
  op('post', '/customers', 'createCustomer'),
  op('get', '/orders/{orderId}'),
  op('delete', '/orders/{orderId}'),
  op('post', '/orders'),
  op('get', '/products', 'list'),
  op('get', '/categories', 'list'),
];

/** Tool number n sits on line 2n+1 (key), its operation on the next line at column 16, its risk below at column 11. */
function tool(input: { n: number; name: string; operation: string; risk: Risk }): AllowlistTool {
  const line = 2 * input.n + 1;
  const where = (l: number, column: number): FileLocation => ({ file: FILE, line: l, column });
  return {
    name: input.name,
    operation: input.operation,
    risk: input.risk,
    openWorld: false,
    params: {},
    response: { strictness: 'lenient' },
    redact: [],
    location: where(line, 3),
    fieldLocations: { operation: where(line + 1, 16), risk: where(line + 2, 11) },
  };
}

function resolve(...tools: Array<[name: string, operation: string, risk: Risk]>) {
  const allowlist: Allowlist = {
    file: FILE,
    server: { name: 'company-api', version: '1.0.0', envPrefix: 'COMPANY_API' },
    tools: tools.map(([name, operation, risk], n) => tool({ n: n + 1, name, operation, risk })),
    resources: [],
  };
  const result = resolveOperations({ allowlist, operations: OPERATIONS, specLabel: SPEC });
  return {
    names: result.resolved.map(({ tool: t, operation }) => `${t.name} -> ${operation.method} ${operation.path}`),
    report: formatDiagnostics(result.diagnostics),
  };
}

describe('resolveOperations', () => {
  it('finds operations by operationId and by METHOD /path (any method case), in allowlist order', () => {
    expect(
      resolve(
        ['get_order', 'get /orders/{orderId}', 'read'],
        ['search_customers', 'searchCustomers', 'read'],
        ['create_order', 'POST /orders', 'medium'],
      ),
    ).toEqual({
      names: [
        'get_order -> get /orders/{orderId}',
        'search_customers -> get /customers',
        'create_order -> post /orders',
      ],
      report: '',
    });
  });

  it('suggests the same path with other parameter names for an unknown operation', () => {
    expect(resolve(['get_order', 'GET /orders/{id}', 'read']).report).toBe(
      `mcpgen.yaml:4:16: error MCPGEN_UNKNOWN_OPERATION: operation "GET /orders/{id}" of tool "get_order" is not in openapi.json
  hint: did you mean "GET /orders/{orderId}" or "DELETE /orders/{orderId}"?`,
    );
  });

  it('suggests the path without its trailing slash, and the same path with another method', () => {
    expect(resolve(['a', 'GET /customers/', 'read'], ['b', 'PUT /orders', 'low']).report).toBe(
      `mcpgen.yaml:4:16: error MCPGEN_UNKNOWN_OPERATION: operation "GET /customers/" of tool "a" is not in openapi.json
  hint: did you mean "GET /customers" or "POST /customers"?
mcpgen.yaml:6:16: error MCPGEN_UNKNOWN_OPERATION: operation "PUT /orders" of tool "b" is not in openapi.json
  hint: did you mean "POST /orders"?`,
    );
  });

  it('suggests close operationIds for a misspelled one', () => {
    expect(resolve(['a', 'searchCustomer', 'read']).report).toBe(
      `mcpgen.yaml:4:16: error MCPGEN_UNKNOWN_OPERATION: operation "searchCustomer" of tool "a" is not in openapi.json
  hint: did you mean "searchCustomers"?`,
    );
  });

  it('explains what to write when nothing is close', () => {
    expect(resolve(['a', 'refundPayment', 'high']).report).toBe(
      `mcpgen.yaml:4:16: error MCPGEN_UNKNOWN_OPERATION: operation "refundPayment" of tool "a" is not in openapi.json
  hint: write an operationId, or "METHOD /path" with the path exactly as in the spec; mcpgen init --spec openapi.json lists every operation`,
    );
  });

  it('rejects an operationId that several operations share', () => {
    expect(resolve(['a', 'list', 'read'])).toEqual({
      names: [],
      report: `mcpgen.yaml:4:16: error MCPGEN_AMBIGUOUS_OPERATION_ID: operationId "list" of tool "a" belongs to 2 operations in openapi.json: GET /categories, GET /products
  hint: name the operation by method and path instead: operation: GET /categories or operation: GET /products`,
    });
  });

  it('rejects a second tool for the same operation, however it is named', () => {
    expect(resolve(['search', 'searchCustomers', 'read'], ['find', 'GET /customers', 'read'])).toEqual({
      names: ['search -> get /customers'],
      report: `mcpgen.yaml:6:16: error MCPGEN_DUPLICATE_OPERATION: tool "find" names operation "GET /customers", which tool "search" already exposes
  hint: expose each operation through one tool only: remove "find" or merge it into "search" (on line 3)`,
    });
  });

  it('rejects risk read on a write method, at the risk value', () => {
    expect(
      resolve(
        ['create', 'createCustomer', 'read'],
        ['cancel', 'DELETE /orders/{orderId}', 'read'],
        ['order', 'POST /orders', 'low'],
      ).report,
    ).toBe(
      `mcpgen.yaml:5:11: error MCPGEN_READ_ON_WRITE_METHOD: tool "create" has risk "read" but "POST /customers" can change data
  hint: write risk: low (audit-logged), medium (confirmation) or high (human approval); POST, PUT, PATCH and DELETE are never "read"
mcpgen.yaml:7:11: error MCPGEN_READ_ON_WRITE_METHOD: tool "cancel" has risk "read" but "DELETE /orders/{orderId}" can change data
  hint: write risk: low (audit-logged), medium (confirmation) or high (human approval); POST, PUT, PATCH and DELETE are never "read"`,
    );
  });
});
