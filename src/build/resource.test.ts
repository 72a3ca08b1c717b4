import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import { loadAllowlist } from '../load/allowlist.js';
import { loadSpec, type LoadedSpec } from '../load/spec.js';
import { buildServerModel } from './server-model.js';

const SPEC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../examples/company-api/openapi.json');
const FILE = 'mcpgen.yaml';
let spec: LoadedSpec;

beforeAll(async () => {
  const loaded = await loadSpec({ spec: SPEC });
  if (!loaded.spec) throw new Error(formatDiagnostics(loaded.diagnostics));
  spec = loaded.spec;
});

/** Line 1 `server`, lines 2-3 one tool, line 4 `resources:`, resources from line 5. */
function build(...lines: string[]) {
  const text = [
    'server: { name: company-api, version: 1.0.0, env_prefix: COMPANY_API }',
    'tools:',
    '  health: { operation: GET /health, risk: read }',
    'resources:',
    ...lines,
    '',
  ].join('\n');
  const loaded = loadAllowlist({ file: FILE, text });
  if (!loaded.allowlist) throw new Error(formatDiagnostics(loaded.diagnostics));
  const built = buildServerModel({ spec, allowlist: loaded.allowlist });
  const errors = built.diagnostics.filter((d) => d.severity === 'error');
  return { model: built.model, report: formatDiagnostics(errors) };
}

describe('building resources', () => {
  it('builds a fixed resource and a template: path parameters from the URI, fixed values only, kept fields', () => {
    const { model, report } = build(
      '  catalogue:',
      '    operation: GET /products',
      '    uri: company://products',
      '    params: { activeOnly: { value: true } }',
      '    response: { fields: [items.id, items.price] }',
      '  customer: { operation: getCustomer, uri: "company://customers/{customerId}", redact: [customerId] }',
    );
    expect(report).toBe('');
    const [catalogue, customer] = model?.resources ?? [];
    expect(catalogue).toMatchObject({
      name: 'catalogue',
      uri: 'company://products',
      variables: [],
      title: 'List products',
      mimeType: 'application/json',
      method: 'get',
      path: '/products',
      security: [['apiKey']],
      output: { fields: ['items.id', 'items.price'] },
    });
    // `category` is optional and unfixed: a resource never sends it.
    expect(catalogue?.params.map((p) => [p.wireName, p.in, p.fixedValue])).toEqual([['activeOnly', 'query', true]]);
    expect(customer).toMatchObject({
      uri: 'company://customers/{customerId}',
      variables: ['customerId'],
      redact: ['customerId'],
    });
    expect(customer?.params.map((p) => [p.argName, p.in])).toEqual([['customerId', 'path']]);
  });

  it('reports an unknown operation with a "did you mean"', () => {
    expect(build('  c: { operation: "GET /customer/{customerId}", uri: "company://c/{customerId}" }').report).toBe(
      `mcpgen.yaml:5:19: error MCPGEN_UNKNOWN_OPERATION: operation "GET /customer/{customerId}" of resource "c" is not in ${spec.label}
  hint: did you mean "GET /customers/{customerId}" or "GET /customers/{customerId}/orders"?`,
    );
  });

  it('refuses a write method, pointing at the GET of the same path', () => {
    expect(build('  c: { operation: "DELETE /customers/{customerId}", uri: "company://c/{customerId}" }').report).toBe(
      `mcpgen.yaml:5:19: error MCPGEN_RESOURCE_NOT_GET: resource "c" names "DELETE /customers/{customerId}", but only GET operations can be resources: reading must change nothing
  hint: did you mean operation: GET /customers/{customerId}? Expose "DELETE /customers/{customerId}" as a tool with a risk level instead.`,
    );
  });

  it.each([
    ['company://customers', 'the URI lacks {customerId}', '{customerId}'],
    [
      '"company://customers/{id}"',
      'the URI lacks {customerId}; {id} is not a path parameter of GET /customers/{customerId}',
      '{customerId}',
    ],
  ])('reports template variables that are not the path parameters (%s)', (uri, problem, expected) => {
    expect(build(`  c: { operation: getCustomer, uri: ${uri} }`).report).toBe(
      `mcpgen.yaml:5:37: error MCPGEN_RESOURCE_TEMPLATE_MISMATCH: resource "c": ${problem}
  hint: the URI needs exactly the operation's path parameters: ${expected}`,
    );
  });

  it('reports a template for an operation without path parameters', () => {
    expect(build('  p: { operation: GET /products, uri: "company://products/{category}" }').report).toBe(
      `mcpgen.yaml:5:39: error MCPGEN_RESOURCE_TEMPLATE_MISMATCH: resource "p": {category} is not a path parameter of GET /products
  hint: the URI needs exactly the operation's path parameters: a fixed URI without {variables}`,
    );
  });

  it('reports a fixed path parameter and an unknown fixed parameter, each at its entry', () => {
    expect(
      build(
        '  c:',
        '    operation: getCustomer',
        '    uri: "company://customers/{customerId}"',
        '    params: { customerId: { value: cus_001 }, tenant: { value: acme } }',
      ).report,
    ).toBe(
      `mcpgen.yaml:8:47: error MCPGEN_UNKNOWN_PARAM: resource "c" has no parameter "tenant"
  hint: Check the name. Its parameters are: customerId.
mcpgen.yaml:8:15: error MCPGEN_RESOURCE_PARAM_NOT_FIXED: resource "c" fixes the path parameter "customerId", which the URI gives
  hint: remove params.customerId: the value comes from {customerId} in the URI`,
    );
  });

  it('reports unknown response fields and redacted names that are no URI variable', () => {
    const { report } = build(
      '  c:',
      '    operation: getCustomer',
      '    uri: "company://customers/{customerId}"',
      '    response: { fields: [id, nickname] }',
      '    redact: [email]',
    );
    expect(report).toContain('error MCPGEN_UNKNOWN_RESPONSE_FIELD');
    expect(report).toContain(
      'mcpgen.yaml:9:5: error MCPGEN_UNKNOWN_REDACT_FIELD: resource "c" redacts "email", which is not a variable of its URI',
    );
  });

  it('skips a disabled resource, even one that no longer resolves', () => {
    const { model, report } = build('  gone: { operation: GET /nothing, uri: "company://x", enabled: false }');
    expect(report).toBe('');
    expect(model?.resources).toEqual([]);
  });
});
