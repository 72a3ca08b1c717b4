import { describe, expect, it } from 'vitest';
import { loadAllowlist } from '../load/allowlist.js';
import { listOperations, type LoadedSpec, type OpenApiDocument } from '../load/spec.js';
import { planInit } from './plan-init.js';
import { renderInit } from './render-init.js';

const document = {
  openapi: '3.0.3',
  info: { title: 'Shop API', version: '1' },
  paths: {
    '/items': {
      get: { summary: 'List items', responses: { '200': { description: 'ok' } } },
      post: { summary: 'Add an item', responses: { '201': { description: 'ok' } } },
    },
    '/items/{itemId}': { get: { summary: 'Get an item', responses: { '200': { description: 'ok' } } } },
    '/search': {
      get: {
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/odd/{a b}': { get: { responses: { '200': { description: 'ok' } } } },
  },
} as unknown as OpenApiDocument;
const spec: LoadedSpec = { label: 'shop.json', openapiVersion: '3.0', document, operations: listOperations(document) };

describe('init: resources', () => {
  it('offers each GET operation that can be a resource, disabled, with a URI from its path', () => {
    const plan = planInit({ spec, specRef: 'shop.json' });
    // POST is no resource; a required query parameter needs a value init cannot guess; "{a b}" is no URI variable.
    expect(plan.resources).toEqual([
      { name: 'list_items', operation: 'GET /items', uri: 'shop-api://items', description: 'List items' },
      {
        name: 'get_item',
        operation: 'GET /items/{itemId}',
        uri: 'shop-api://items/{itemId}',
        description: 'Get an item',
      },
    ]);
    const text = renderInit({ plan, specLabel: 'shop.json', file: 'mcpgen.yaml' });
    expect(text).toContain(
      [
        'resources:',
        '  list_items:',
        '    enabled: false',
        '    operation: GET /items',
        '    uri: shop-api://items',
        '    description: List items # draft from the spec: rewrite for the model',
      ].join('\n'),
    );
    // Read back: every entry disabled, nothing exposed, yet every URI valid.
    const enabledOneTool = text.replace('  list_items:\n    enabled: false\n', '  list_items:\n');
    const loaded = loadAllowlist({ file: 'mcpgen.yaml', text: enabledOneTool });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.allowlist?.resources.map((r) => [r.name, r.enabled])).toEqual([
      ['list_items', false],
      ['get_item', false],
    ]);
  });
});
