import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import { loadAllowlist } from './allowlist.js';

const FILE = 'mcpgen.yaml';

/** Line 1 `server`, lines 2-3 one tool, line 4 `resources:`, resources from line 5. */
function withResources(...lines: string[]): string {
  return [
    'server: { name: company-api, version: 1.0.0, env_prefix: COMPANY_API }',
    'tools:',
    '  health: { operation: GET /health, risk: read }',
    'resources:',
    ...lines,
    '',
  ].join('\n');
}

function report(text: string): string {
  return formatDiagnostics(loadAllowlist({ file: FILE, text }).diagnostics);
}

const at = (line: number, column: number) => ({ file: FILE, line, column });

describe('loadAllowlist: resources', () => {
  it('reads a resource and a template with every field and its locations', () => {
    const result = loadAllowlist({
      file: FILE,
      text: withResources(
        '  catalogue:',
        '    operation: GET /products',
        '    uri: company://products',
        '    title: Catalogue',
        '    description: Every product.',
        '    mime_type: application/json',
        '    params: { activeOnly: { value: true } }',
        '    response: { fields: [items.id], max_bytes: 5000 }',
        '    rate_limit: { requests: 5, per_seconds: 60 }',
        '  customer:',
        '    operation: getCustomer',
        '    uri: "company://customers/{customerId}"',
        '    redact: [customerId]',
        '    enabled: false',
      ),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.allowlist?.resources).toEqual([
      {
        name: 'catalogue',
        operation: 'GET /products',
        uri: 'company://products',
        title: 'Catalogue',
        description: 'Every product.',
        mimeType: 'application/json',
        params: { activeOnly: { value: true, location: at(11, 15) } },
        response: { fields: ['items.id'], maxBytes: 5000, strictness: 'lenient' },
        redact: [],
        rateLimit: { requests: 5, perSeconds: 60 },
        location: at(5, 3),
        fieldLocations: expect.objectContaining({
          operation: at(6, 16),
          uri: at(7, 10),
          'response.fields': at(12, 17),
        }),
      },
      {
        name: 'customer',
        operation: 'getCustomer',
        uri: 'company://customers/{customerId}',
        enabled: false,
        params: {},
        response: { strictness: 'lenient' },
        redact: ['customerId'],
        location: at(14, 3),
        fieldLocations: expect.objectContaining({ uri: at(16, 10) }),
      },
    ]);
  });

  it('treats an absent or empty resources section as no resources', () => {
    const empty = loadAllowlist({ file: FILE, text: withResources() });
    expect(empty.diagnostics).toEqual([]);
    expect(empty.allowlist?.resources).toEqual([]);
  });

  it('reports unknown keys with a "did you mean", and argument-like parameter overrides', () => {
    expect(
      report(
        withResources(
          '  catalogue:',
          '    operation: GET /products',
          '    uri: company://products',
          '    mimetype: text/plain',
          '    params: { category: { default: hardware } }',
          '    response: { output: strict }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:8:5: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "mimetype" in "resources.catalogue"
  hint: did you mean "mime_type"?
mcpgen.yaml:9:15: error MCPGEN_ALLOWLIST_MISSING_KEY: "resources.catalogue.params.category" has no "value"
  hint: a resource takes no arguments: write category: { value: ... } to always send that value, or remove the entry
mcpgen.yaml:9:27: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "default" in "resources.catalogue.params.category"
  hint: remove it; the keys allowed here are value
mcpgen.yaml:10:17: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "output" in "resources.catalogue.response"
  hint: remove it; the keys allowed here are fields, max_bytes`,
    );
  });

  it('requires an operation and a URI', () => {
    expect(report(withResources('  catalogue: { title: Catalogue }'))).toBe(
      `mcpgen.yaml:5:3: error MCPGEN_ALLOWLIST_MISSING_KEY: "resources.catalogue" is missing the required key "operation"
  hint: add operation: GET /customers (an operationId, or "METHOD /path" as in the spec)
mcpgen.yaml:5:3: error MCPGEN_ALLOWLIST_MISSING_KEY: "resources.catalogue" is missing the required key "uri"
  hint: add uri: "company://products" (or a template such as "company://customers/{customerId}")`,
    );
  });

  it.each([
    ['products', 'has no URI scheme: "products"'],
    ['"company://customers/{+customerId}"', 'has the expression "{+customerId}", which is not a plain variable'],
    ['"company://customers/{customerId"', 'has an unbalanced "{" or "}": "company://customers/{customerId"'],
    ['"company://a/{x}{y}"', 'has two variables next to each other, so a URI could be read in more than one way'],
    ['"company://a/{x}/{x}"', 'uses the variable "x" twice'],
    ['"company://my products"', 'holds a space or a character URIs do not allow: "company://my products"'],
  ])('refuses the URI %s at its value', (uri, problem) => {
    const text = report(withResources('  r:', '    operation: GET /products', `    uri: ${uri}`));
    expect(text.split('\n')[0]).toBe(
      `mcpgen.yaml:7:10: error MCPGEN_INVALID_RESOURCE_URI: "resources.r.uri" ${problem}`,
    );
  });

  it('reports duplicate URIs (and templates of one shape) at the second URI, and a resource listed twice', () => {
    expect(
      report(
        withResources(
          '  a: { operation: GET /products, uri: "company://products" }',
          '  b: { operation: GET /products, uri: "company://products" }',
          '  c: { operation: getCustomer, uri: "company://customers/{customerId}" }',
          '  d: { operation: getCustomer, uri: "company://customers/{id}" }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:6:39: error MCPGEN_DUPLICATE_RESOURCE_URI: resource "b" has the URI "company://products" of resource "a"
  hint: give each resource its own URI; "a" is on line 5
mcpgen.yaml:8:37: error MCPGEN_DUPLICATE_RESOURCE_URI: resource "d" matches the same URIs as resource "c" ("company://customers/{id}" and "company://customers/{customerId}")
  hint: give each resource its own URI; "c" is on line 7`,
    );
    expect(
      report(
        withResources(
          '  a: { operation: GET /products, uri: "company://products" }',
          '  a: { operation: GET /products, uri: "company://other" }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:6:3: error MCPGEN_ALLOWLIST_DUPLICATE_RESOURCE: resource "a" is listed twice
  hint: rename or remove one of the two; the first is on line 5`,
    );
  });

  it('refuses a resource name that is not a plain identifier', () => {
    expect(report(withResources('  "the catalogue": { operation: GET /products, uri: "company://products" }'))).toBe(
      `mcpgen.yaml:5:3: error MCPGEN_INVALID_RESOURCE_NAME: resource name "the catalogue" is not a plain identifier
  hint: start with a letter and use only letters, digits, "_", "-" and ".", at most 64 characters, e.g. product_catalogue`,
    );
  });
});
