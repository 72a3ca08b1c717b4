import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../model/json-schema.js';
import { listedOutputSchema } from './listed-schema.js';

const ORDER: JsonSchema = {
  type: 'object',
  title: 'Order',
  description: 'A customer order.',
  properties: {
    // Fields named like annotations are data, not annotations.
    description: { type: 'string', description: 'Free text.', examples: ['two boxes'] },
    title: { type: ['string', 'null'], title: 'Title', default: null },
    status: { type: 'string', enum: ['pending', 'confirmed'], description: 'Order status.', deprecated: true },
    createdAt: { type: 'string', format: 'date-time', description: 'When it was placed.' },
    lines: {
      type: 'array',
      description: 'Ordered lines.',
      minItems: 1,
      items: {
        type: 'object',
        description: 'One line.',
        properties: { quantity: { type: 'integer', minimum: 1, description: 'Units.', default: 1 } },
        required: ['quantity'],
      },
    },
    tags: { type: 'object', description: 'Labels.', additionalProperties: { type: 'string', description: 'A label.' } },
    total: {
      description: 'An amount, or a note.',
      anyOf: [
        { type: 'number', description: 'Amount.' },
        { type: 'string', pattern: '^n/a$', title: 'Not available' },
      ],
    },
  },
  required: ['status', 'lines'],
};

describe('listedOutputSchema', () => {
  it('drops title, description, default, examples and deprecated at every level, and keeps every validation keyword', () => {
    expect(listedOutputSchema(ORDER)).toEqual({
      type: 'object',
      properties: {
        description: { type: 'string' },
        title: { type: ['string', 'null'] },
        status: { type: 'string', enum: ['pending', 'confirmed'] },
        createdAt: { type: 'string', format: 'date-time' },
        lines: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1 } }, required: ['quantity'] },
        },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        total: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^n/a$' }] },
      },
      required: ['status', 'lines'],
    });
  });

  it("accepts and rejects exactly what the full schema does, under the SDK client's Ajv settings", () => {
    // As @modelcontextprotocol/sdk and @modelcontextprotocol/client build their default validator.
    const ajv = new Ajv({ strict: false, validateFormats: true, validateSchema: false, allErrors: true });
    (addFormatsPlugin as unknown as (ajv: Ajv) => Ajv)(ajv);
    const full = ajv.compile(ORDER);
    const listed = ajv.compile(listedOutputSchema(ORDER));
    const valid = { status: 'pending', lines: [{ quantity: 2 }], createdAt: '2026-01-02T03:04:05Z', total: 'n/a' };
    const values: unknown[] = [
      valid,
      { ...valid, title: null, description: 'x', tags: { a: 'b' }, total: 12.5 },
      { ...valid, status: 'shipped' },
      { ...valid, lines: [] },
      { ...valid, lines: [{ quantity: 0 }] },
      { ...valid, createdAt: 'yesterday' },
      { ...valid, tags: { a: 1 } },
      { ...valid, total: 'unknown' },
      { lines: [{ quantity: 1 }] },
      'not an object',
    ];
    const verdicts = values.map((value) => [full(value), listed(value)]);
    expect(verdicts.map(([a]) => a)).toEqual([true, true, false, false, false, false, false, false, false, false]);
    for (const [a, b] of verdicts) expect(b).toBe(a);
  });

  it('leaves the schema it is given unchanged', () => {
    const before = JSON.stringify(ORDER);
    listedOutputSchema(ORDER);
    expect(JSON.stringify(ORDER)).toBe(before);
  });
});
