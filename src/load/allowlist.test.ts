import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Allowlist } from '../model/allowlist.js';
import { loadAllowlist } from './allowlist.js';

const FILE = 'mcpgen.yaml';

function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A valid header: line 1 is `server`, line 2 is `tools:`, tools start on line 3. */
function withTools(...toolLines: string[]): string {
  return yaml('server: { name: company-api, version: 1.0.0, env_prefix: COMPANY_API }', 'tools:', ...toolLines);
}

function report(text: string): string {
  return formatDiagnostics(loadAllowlist({ file: FILE, text }).diagnostics);
}

const at = (line: number, column: number) => ({ file: FILE, line, column });

describe('loadAllowlist: a valid file', () => {
  it('reads every field of a full example, with locations', () => {
    const text = yaml(
      'spec: http://127.0.0.1:3000/documentation/json',
      'out: ../company-api-mcp',
      'server:',
      '  name: company-api',
      '  version: 1.0.0-beta.1',
      '  env_prefix: COMPANY_API',
      '  description: Company API for agents',
      'tools:',
      '  search_customers:',
      '    operation: GET /customers',
      '    risk: read',
      '    title: Search customers',
      '    description: >',
      '      Search customers by name or email.',
      '    open_world: true',
      '    params:',
      '      limit: { description: "How many to return", default: 10 }',
      '      tenant: { value: acme, description: Fixed tenant }',
      '    response:',
      '      fields: [id, name, email]',
      '      max_bytes: 20000',
      '      output: strict',
      '    redact: [email]',
      '  create_order:',
      '    operation: createOrder',
      '    risk: medium',
    );
    const expected: Allowlist = {
      file: FILE,
      spec: 'http://127.0.0.1:3000/documentation/json',
      out: '../company-api-mcp',
      server: {
        name: 'company-api',
        version: '1.0.0-beta.1',
        envPrefix: 'COMPANY_API',
        description: 'Company API for agents',
      },
      tools: [
        {
          name: 'search_customers',
          operation: 'GET /customers',
          risk: 'read',
          title: 'Search customers',
          description: 'Search customers by name or email.\n',
          openWorld: true,
          params: {
            limit: { description: 'How many to return', default: 10, location: at(17, 7) },
            tenant: { value: 'acme', description: 'Fixed tenant', location: at(18, 7) },
          },
          response: { fields: ['id', 'name', 'email'], maxBytes: 20000, strictness: 'strict' },
          redact: ['email'],
          location: at(9, 3),
          fieldLocations: {
            operation: at(10, 16),
            risk: at(11, 11),
            title: at(12, 12),
            description: at(13, 18),
            open_world: at(15, 17),
            params: at(16, 5),
            'params.limit': at(17, 7),
            'params.tenant': at(18, 7),
            response: at(19, 5),
            'response.fields': at(20, 7),
            'response.max_bytes': at(21, 18),
            'response.output': at(22, 15),
            redact: at(23, 5),
          },
        },
        {
          name: 'create_order',
          operation: 'createOrder',
          risk: 'medium',
          openWorld: false,
          params: {},
          response: { strictness: 'lenient' },
          redact: [],
          location: at(24, 3),
          fieldLocations: { operation: at(25, 16), risk: at(26, 11) },
        },
      ],
      resources: [],
    };
    expect(loadAllowlist({ file: FILE, text })).toEqual({ allowlist: expected, diagnostics: [] });
  });

  it('accepts a scoped package name, a hidden parameter with a description and a null default', () => {
    const result = loadAllowlist({
      file: FILE,
      text: yaml(
        'server: { name: "@acme/company-api", version: 1.2.3, env_prefix: ACME_2 }',
        'tools:',
        '  t: { operation: op, risk: high, params: { tenant: { value: { id: 1 }, description: fixed }, q: { default: null } } }',
      ),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.allowlist?.server.name).toBe('@acme/company-api');
    expect(result.allowlist?.tools[0]?.params).toEqual({
      tenant: { value: { id: 1 }, description: 'fixed', location: at(3, 45) },
      q: { default: null, location: at(3, 95) },
    });
  });
});

describe('loadAllowlist: YAML syntax', () => {
  it('reports the first syntax error at the parser position and stops there', () => {
    expect(
      report(withTools('  a: { operation: GET /orders/{id}, risk: read }', '  b: { operation: GET /x, risk: read }')),
    ).toBe(
      `mcpgen.yaml:3:31: error MCPGEN_ALLOWLIST_SYNTAX: invalid YAML: Unexpected flow-map-start at node end
  hint: fix the YAML here: indent with spaces, and quote values that contain ": ", " #" or braces, e.g. operation: "GET /orders/{orderId}"`,
    );
  });

  it('reports a repeated key outside tools as a syntax error and keeps checking', () => {
    expect(report(withTools('  a:', '    operation: x', '    risk: read', '    risk: low', '    title: 1'))).toBe(
      `mcpgen.yaml:6:5: error MCPGEN_ALLOWLIST_SYNTAX: key "risk" appears twice in the same mapping
  hint: keep one "risk:"; the first is at line 5, column 5
mcpgen.yaml:7:12: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.title" must be a string, got 1
  hint: put the value in quotes: title: "1"`,
    );
  });

  it('reports a tool listed twice as a duplicate tool', () => {
    expect(
      report(
        withTools(
          '  a: { operation: x, risk: read }',
          '  b: { operation: y, risk: read }',
          '  a: { operation: z, risk: low }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:5:3: error MCPGEN_ALLOWLIST_DUPLICATE_TOOL: tool "a" is listed twice
  hint: rename or remove one of the two; the first is on line 3`,
    );
  });
});

describe('loadAllowlist: shape', () => {
  it('reads approval_queue and high_risk_approval_queue as true/false, with file:line:col errors', () => {
    expect(
      report(
        yaml(
          'server: { name: a, version: 1.0.0, env_prefix: A, high_risk_approval_queue: yes }',
          'tools:',
          '  a: { operation: x, risk: high, approval_queue: 1 }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:1:77: error MCPGEN_ALLOWLIST_WRONG_TYPE: "server.high_risk_approval_queue" must be true or false, got "yes"
  hint: write high_risk_approval_queue: true or high_risk_approval_queue: false
mcpgen.yaml:3:50: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.approval_queue" must be true or false, got 1
  hint: write approval_queue: true or approval_queue: false`,
    );
  });

  it('reports an unknown key with a "did you mean"', () => {
    expect(report(withTools('  a:', '    operation: x', '    risk: read', '    descripton: Finds things'))).toBe(
      `mcpgen.yaml:6:5: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "descripton" in "tools.a"
  hint: did you mean "description"?`,
    );
  });

  it('lists the allowed keys when no key is close', () => {
    expect(
      report(
        yaml(
          'server: { name: a, version: 1.0.0, env_prefix: A, tags: [x] }',
          'tools:',
          '  a: { operation: x, risk: read }',
          'extra: 1',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:1:51: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "tags" in "server"
  hint: remove it; the keys allowed here are name, version, env_prefix, description, instructions, registry_name, remote_url, high_risk_approval_queue
mcpgen.yaml:4:1: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "extra" at the top level
  hint: remove it; the keys allowed here are spec, out, server, tools, resources`,
    );
  });

  it('reports values of the wrong type', () => {
    expect(
      report(
        withTools(
          '  a:',
          '    operation: x',
          '    risk: read',
          '    open_world: yes',
          '    params: [limit]',
          '    redact: email',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:6:17: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.open_world" must be true or false, got "yes"
  hint: write open_world: true or open_world: false
mcpgen.yaml:7:13: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.params" must be a mapping of keys, got a list
  hint: map each argument name to its override, e.g. params: { limit: { default: 10 } }
mcpgen.yaml:8:13: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.redact" must be a list of names, got "email"
  hint: write redact: [email, phone]`,
    );
  });

  it('points at the key when its value is empty', () => {
    expect(report(withTools('  a:', '  b: { operation: x, risk: read }'))).toBe(
      `mcpgen.yaml:3:3: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a" must be a mapping of keys, got an empty value
  hint: write the tool's keys indented under it, e.g. a: { operation: GET /customers, risk: read }`,
    );
  });

  it('reports a missing required key at the key of the mapping that lacks it', () => {
    expect(
      report(yaml('server:', '  name: company-api', '  env_prefix: COMPANY_API', 'tools:', '  a:', '    risk: read')),
    ).toBe(
      `mcpgen.yaml:1:1: error MCPGEN_ALLOWLIST_MISSING_KEY: "server" is missing the required key "version"
  hint: add version: 1.0.0
mcpgen.yaml:5:3: error MCPGEN_ALLOWLIST_MISSING_KEY: "tools.a" is missing the required key "operation"
  hint: add operation: GET /customers (an operationId, or "METHOD /path" as in the spec)`,
    );
  });

  it('reports a misspelled required key once, as the unknown key', () => {
    expect(report(withTools('  a:', '    operaton: GET /x', '    rsik: read'))).toBe(
      `mcpgen.yaml:4:5: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "operaton" in "tools.a"
  hint: did you mean "operation"?
mcpgen.yaml:5:5: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "rsik" in "tools.a"
  hint: did you mean "risk"?`,
    );
  });

  it('reports an empty tools mapping', () => {
    const expected = `mcpgen.yaml:2:1: error MCPGEN_ALLOWLIST_NO_TOOLS: the allowlist lists no tools, so the server would expose nothing
  hint: add at least one tool under "tools:", e.g. search_customers: { operation: GET /customers, risk: read } (mcpgen init lists every operation of the spec)`;
    expect(report(withTools().replace('tools:', 'tools: {}'))).toBe(expected);
    expect(report(withTools())).toBe(expected);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(report('# nothing yet\n')).toBe(
      `mcpgen.yaml:1:1: error MCPGEN_ALLOWLIST_WRONG_TYPE: the allowlist file is empty
  hint: write at least "server:" (name, version, env_prefix) and "tools:" (one entry per tool); mcpgen init writes a starter file`,
    );
    expect(report('- a\n- b\n')).toBe(
      `mcpgen.yaml:1:1: error MCPGEN_ALLOWLIST_WRONG_TYPE: the allowlist must be a mapping of keys, got a list
  hint: the file must be a mapping with "server:" and "tools:" at the top level`,
    );
  });
});

describe('loadAllowlist: tool names', () => {
  it('rejects a name clients do not accept, suggesting one they do', () => {
    const rule =
      'start with a letter and use only letters, digits, "_" and "-", at most 64 characters (what OpenAI, Gemini and Claude clients all accept)';
    expect(
      report(
        withTools('  search customers!: { operation: x, risk: read }', '  2fa.reset: { operation: y, risk: high }'),
      ),
    ).toBe(
      `mcpgen.yaml:3:3: error MCPGEN_INVALID_TOOL_NAME: tool name "search customers!" is not accepted by every MCP client
  hint: ${rule}, e.g. "search_customers"
mcpgen.yaml:4:3: error MCPGEN_INVALID_TOOL_NAME: tool name "2fa.reset" is not accepted by every MCP client
  hint: ${rule}, e.g. "tool_2fa_reset"`,
    );
  });

  it('warns above 48 characters but still returns the allowlist', () => {
    const name = `find_${'x'.repeat(44)}`;
    const result = loadAllowlist({ file: FILE, text: withTools(`  ${name}: { operation: x, risk: read }`) });
    expect(formatDiagnostics(result.diagnostics)).toBe(
      `mcpgen.yaml:3:3: warning MCPGEN_TOOL_NAME_TOO_LONG: tool name "${name}" is 49 characters long; clients prefix it with the server name and may cut it
  hint: shorten it to 48 characters or fewer`,
    );
    expect(result.allowlist?.tools[0]?.name).toBe(name);
  });
});

describe('loadAllowlist: risk', () => {
  const levels =
    'write risk: read, low, medium or high (read runs freely, low is audit-logged, medium needs confirmation, high needs human approval)';

  it('reports a missing risk at the tool, and an empty one at its key', () => {
    expect(report(withTools('  a:', '    operation: x', '  b:', '    operation: y', '    risk:'))).toBe(
      `mcpgen.yaml:3:3: error MCPGEN_MISSING_RISK: tool "a" has no risk level
  hint: ${levels}
mcpgen.yaml:7:5: error MCPGEN_MISSING_RISK: tool "b" has no risk level
  hint: ${levels}`,
    );
  });

  it('reports an unknown risk at its value', () => {
    expect(
      report(withTools('  a:', '    operation: x', '    risk: critical', '  b: { operation: y, risk: [read] }')),
    ).toBe(
      `mcpgen.yaml:5:11: error MCPGEN_UNKNOWN_RISK: unknown risk "critical" for tool "a"
  hint: ${levels}
mcpgen.yaml:6:28: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.b.risk" must be one of read, low, medium, high, got a list
  hint: ${levels}`,
    );
  });
});

describe('loadAllowlist: params, response, redact', () => {
  it('rejects a parameter with both value and default', () => {
    expect(
      report(
        withTools(
          '  a:',
          '    operation: x',
          '    risk: read',
          '    params:',
          '      tenant: { value: acme, default: other }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:7:17: error MCPGEN_PARAM_VALUE_AND_DEFAULT: parameter "tenant" has both "value" and "default"
  hint: keep "value" to hide the parameter and always send it, or "default" to let the model omit it; not both`,
    );
  });

  it('rejects a parameter override that is not a mapping, or not JSON', () => {
    expect(
      report(
        withTools(
          '  a:',
          '    operation: x',
          '    risk: read',
          '    params:',
          '      limit: 10',
          '      ratio: { default: .inf }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:7:14: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.a.params.limit" must be a mapping of keys, got 10
  hint: write limit: { default: ... } for a default, or limit: { value: ... } to hide it and always send that value
mcpgen.yaml:8:25: error MCPGEN_ALLOWLIST_INVALID_VALUE: "tools.a.params.ratio.default" is not a JSON value: .inf
  hint: use only strings, finite numbers, true/false, null, lists and mappings`,
    );
  });

  it('checks the response options', () => {
    const text = withTools(
      '  a:',
      '    operation: x',
      '    risk: read',
      '    response:',
      '      fields: []',
      '      max_bytes: 0',
      '      output: loose',
      '  b:',
      '    operation: y',
      '    risk: read',
      '    response: { fields: [id, id], max_bytes: lots, maxBytes: 1 }',
    );
    expect(report(text)).toBe(
      `mcpgen.yaml:7:15: error MCPGEN_ALLOWLIST_INVALID_VALUE: "tools.a.response.fields" is an empty list
  hint: list at least one name, e.g. fields: [id, name, email], or remove the key
mcpgen.yaml:8:18: error MCPGEN_ALLOWLIST_INVALID_VALUE: "tools.a.response.max_bytes" must be a whole number greater than 0, got 0
  hint: write a whole number greater than 0, e.g. max_bytes: 20000
mcpgen.yaml:9:15: error MCPGEN_ALLOWLIST_INVALID_VALUE: "tools.a.response.output" must be "lenient" or "strict", got "loose"
  hint: write output: lenient (return a response that drifts from the schema and log it) or output: strict (fail the call)
mcpgen.yaml:13:30: error MCPGEN_ALLOWLIST_INVALID_VALUE: "tools.b.response.fields" lists "id" twice
  hint: remove the repeated entry
mcpgen.yaml:13:46: error MCPGEN_ALLOWLIST_WRONG_TYPE: "tools.b.response.max_bytes" must be a number, got "lots"
  hint: write a whole number greater than 0, e.g. max_bytes: 20000
mcpgen.yaml:13:52: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "maxBytes" in "tools.b.response"
  hint: did you mean "max_bytes"?`,
    );
  });
});

describe('loadAllowlist: server', () => {
  it('rejects a server name that is not an npm package name', () => {
    expect(
      report(
        yaml(
          'server: { name: Company API, version: 1.0.0, env_prefix: COMPANY_API }',
          'tools: { a: { operation: x, risk: read } }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:1:17: error MCPGEN_INVALID_SERVER_NAME: server name "Company API" is not a valid npm package name
  hint: use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 214 characters (optionally @scope/name), e.g. name: company-api`,
    );
  });

  it('explains a version YAML reads as a number, and rejects other forms', () => {
    expect(
      report(yaml('server: { name: a, version: 1.0, env_prefix: A }', 'tools: { a: { operation: x, risk: read } }')),
    ).toBe(
      `mcpgen.yaml:1:29: error MCPGEN_INVALID_SERVER_VERSION: server version 1.0 is read by YAML as a number, not a version
  hint: quote it and give three parts: version: "1.0.0"`,
    );
    expect(
      report(yaml('server: { name: a, version: v1.0.0, env_prefix: A }', 'tools: { a: { operation: x, risk: read } }')),
    ).toBe(
      `mcpgen.yaml:1:29: error MCPGEN_INVALID_SERVER_VERSION: server version "v1.0.0" is not of the form MAJOR.MINOR.PATCH
  hint: write three numbers separated by dots, optionally with a pre-release suffix, e.g. version: 1.0.0 or version: 1.0.0-beta.1`,
    );
  });

  it('rejects an env prefix that is not upper-case', () => {
    expect(
      report(
        yaml(
          'server: { name: a, version: 1.0.0, env_prefix: company-api }',
          'tools: { a: { operation: x, risk: read } }',
        ),
      ),
    ).toBe(
      `mcpgen.yaml:1:48: error MCPGEN_INVALID_ENV_PREFIX: env_prefix "company-api" is not a valid environment variable prefix
  hint: use upper-case letters, digits and "_", starting with a letter, e.g. env_prefix: COMPANY_API`,
    );
  });
});

describe('loadAllowlist: many problems', () => {
  it('reports them all together, in file order, and returns no allowlist', () => {
    const result = loadAllowlist({
      file: FILE,
      text: yaml(
        'server:',
        '  name: company-api',
        '  version: 1',
        'tools:',
        '  search customers:',
        '    operation: GET /customers',
        '    risk: critical',
        '  create_order:',
        '    operation: POST /orders',
        '    titel: Create an order',
        '  create_order:',
        '    operation: POST /orders',
        '    risk: low',
      ),
    });
    expect(result.allowlist).toBeUndefined();
    expect(formatDiagnostics(result.diagnostics)).toBe(
      `mcpgen.yaml:1:1: error MCPGEN_ALLOWLIST_MISSING_KEY: "server" is missing the required key "env_prefix"
  hint: add env_prefix: COMPANY_API (the server reads COMPANY_API_BASE_URL, COMPANY_API_KEY, ...)
mcpgen.yaml:3:12: error MCPGEN_INVALID_SERVER_VERSION: server version 1 is read by YAML as a number, not a version
  hint: quote it and give three parts: version: "1.0.0"
mcpgen.yaml:5:3: error MCPGEN_INVALID_TOOL_NAME: tool name "search customers" is not accepted by every MCP client
  hint: start with a letter and use only letters, digits, "_" and "-", at most 64 characters (what OpenAI, Gemini and Claude clients all accept), e.g. "search_customers"
mcpgen.yaml:7:11: error MCPGEN_UNKNOWN_RISK: unknown risk "critical" for tool "search customers"
  hint: write risk: read, low, medium or high (read runs freely, low is audit-logged, medium needs confirmation, high needs human approval)
mcpgen.yaml:8:3: error MCPGEN_MISSING_RISK: tool "create_order" has no risk level
  hint: write risk: read, low, medium or high (read runs freely, low is audit-logged, medium needs confirmation, high needs human approval)
mcpgen.yaml:10:5: error MCPGEN_ALLOWLIST_UNKNOWN_KEY: unknown key "titel" in "tools.create_order"
  hint: did you mean "title"?
mcpgen.yaml:11:3: error MCPGEN_ALLOWLIST_DUPLICATE_TOOL: tool "create_order" is listed twice
  hint: rename or remove one of the two; the first is on line 8`,
    );
  });
});
