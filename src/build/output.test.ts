import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { JsonSchema } from '../model/json-schema.js';
import { buildOutput } from './output.js';

const customer: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
  required: ['id', 'name', 'email'],
};
const page: JsonSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: customer }, total: { type: 'integer' } },
  required: ['items', 'total'],
};

describe('tool output', () => {
  it('keeps an object response as it is', () => {
    expect(buildOutput({ schema: page }).output).toEqual({ schema: page });
  });

  it('wraps arrays under items and scalars under value', () => {
    const list = buildOutput({ schema: { type: 'array', items: customer } }).output;
    expect(list.wrapKey).toBe('items');
    expect(list.schema).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: customer } },
      required: ['items'],
    });
    expect(buildOutput({ schema: { type: 'string' } }).output.wrapKey).toBe('value');
  });

  it('keeps only the listed fields, reaching into arrays with dot paths', () => {
    const { output, diagnostics } = buildOutput({ schema: page, fields: ['items.id', 'items.name', 'total'] });
    expect(diagnostics).toEqual([]);
    expect(output.fields).toEqual(['items.id', 'items.name', 'total']);
    expect(output.schema).toEqual({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: 'string' } },
            required: ['id', 'name'],
          },
        },
        total: { type: 'integer' },
      },
      required: ['items', 'total'],
    });
  });

  it('reports an unknown field with what is available', () => {
    const location = { file: 'mcpgen.yaml', line: 9, column: 15 };
    const { diagnostics } = buildOutput({ schema: page, fields: ['items.emial'], fieldsLocation: location });
    expect(formatDiagnostics(diagnostics)).toBe(
      'mcpgen.yaml:9:15: error MCPGEN_UNKNOWN_RESPONSE_FIELD: response field "items.emial" does not exist in the response schema\n' +
        '  hint: Did you mean "email"? Available here: id, name, email.',
    );
  });
});
