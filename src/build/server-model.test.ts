import { describe, expect, it } from 'vitest';
import type { OpenAPIV3 } from 'openapi-types';
import type { Allowlist, AllowlistTool } from '../model/allowlist.js';
import type { LoadedSpec } from '../load/spec.js';
import { listOperations } from '../load/spec.js';
import { buildServerModel } from './server-model.js';

const document: OpenAPIV3.Document = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '2.0.0' },
  servers: [{ url: 'https://{region}.shop.example/v1', variables: { region: { default: 'eu' } } }],
  security: [{ key: [] }, { bearer: [] }],
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'query', name: 'api_key' },
      bearer: { type: 'http', scheme: 'bearer' },
    },
  },
  paths: {
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      put: {
        operationId: 'updateItem',
        summary: 'Update an item',
        deprecated: true,
        parameters: [
          { name: 'api_key', in: 'query', schema: { type: 'string' } },
          { name: 'Content-Type', in: 'header', schema: { type: 'string' } },
          { name: 'tenant', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'dryRun', in: 'query', schema: { type: 'boolean' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'name'],
                properties: {
                  id: { type: 'string', readOnly: true },
                  name: { type: 'string' },
                  price: { type: 'number', nullable: true },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
  },
};

const spec: LoadedSpec = { label: 'shop.json', openapiVersion: '3.0', document, operations: listOperations(document) };
const at = { file: 'mcpgen.yaml', line: 1, column: 1 };

function allowlist(tool: Partial<AllowlistTool>): Allowlist {
  return {
    file: 'mcpgen.yaml',
    server: { name: 'shop-mcp', version: '1.0.0', envPrefix: 'SHOP' },
    tools: [
      {
        name: 'update_item',
        operation: 'updateItem',
        risk: 'medium',
        openWorld: false,
        params: {},
        response: { strictness: 'lenient' },
        redact: [],
        location: at,
        fieldLocations: {},
        ...tool,
      },
    ],
    resources: [],
  };
}

describe('building the server model from a spec and an allowlist', () => {
  it('maps parameters, body fields, credentials and output', () => {
    const { model, diagnostics } = buildServerModel({
      spec,
      allowlist: allowlist({
        params: { tenant: { value: 'acme', location: at }, dryRun: { default: true, location: at } },
      }),
    });
    expect(diagnostics).toEqual([]);
    const tool = model?.tools[0];
    // The API key parameter is a credential (from env), Content-Type is set by the server, `tenant` is fixed.
    expect(tool?.params.map((p) => [p.argName, p.in, p.wireName])).toEqual([
      ['id', 'path', 'id'],
      ['tenant', 'query', 'tenant'],
      ['dryRun', 'query', 'dryRun'],
      ['name', 'body', 'name'],
      ['price', 'body', 'price'],
    ]);
    expect(tool?.inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        dryRun: { type: 'boolean', default: true },
        name: { type: 'string' },
        price: { type: ['number', 'null'] },
        confirmation_token: expect.objectContaining({ type: 'string' }),
      },
      required: ['id', 'name'],
      additionalProperties: false,
    });
    expect(tool?.params.find((p) => p.argName === 'tenant')?.fixedValue).toBe('acme');
    expect(tool?.output).toMatchObject({ wrapKey: 'items' });
    expect(tool?.deprecated).toBe(true);
    expect(tool?.annotations).toEqual({
      title: 'Update an item',
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(tool?.security).toEqual([['key'], ['bearer']]);
    expect(model?.auth).toEqual([
      { name: 'bearer', kind: 'bearer', envVars: ['SHOP_TOKEN'] },
      { name: 'key', kind: 'apiKey', in: 'query', paramName: 'api_key', envVars: ['SHOP_KEY'] },
    ]);
    expect(model?.defaultBaseUrl).toBe('https://eu.shop.example/v1');
  });

  it('reports an unknown parameter override with a suggestion', () => {
    const { model, diagnostics } = buildServerModel({
      spec,
      allowlist: allowlist({ params: { tennant: { value: 'x', location: at } } }),
    });
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'MCPGEN_UNKNOWN_PARAM',
        'tool "update_item" has no parameter "tennant"',
        'Did you mean "tenant"? Its parameters are: id, tenant, dryRun, name, price.',
      ],
    ]);
  });
});
