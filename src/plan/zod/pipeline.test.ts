import { describe, expect, it } from 'vitest';
import { normalizeSchema } from '../../build/schema/index.js';
import { compactCode } from '../syntax.js';
import { emitZod, sampleValue } from './index.js';
import { evaluateZod } from '../../../test/support/evaluate-zod.js';

const build = evaluateZod;

type Raw = Record<string, unknown>;

/** What swagger-parser hands over for a small but awkward 3.0 spec: shared and cyclic objects. */
function dereferencedOrder(): Raw {
  const money = {
    type: 'object',
    properties: {
      amount: { type: 'integer', format: 'int64', minimum: 0 },
      currency: { type: 'string', enum: ['EUR', 'USD'], default: 'EUR' },
    },
    required: ['amount'],
  };
  const category: Raw = { type: 'object', description: 'A category', properties: { name: { type: 'string' } } };
  (category.properties as Raw).parent = { allOf: [category], nullable: true };
  const card = {
    title: 'Card',
    type: 'object',
    properties: { method: { type: 'string' }, last4: { type: 'string', pattern: '^\\d{4}$' } },
    required: ['last4'],
  };
  const transfer = {
    title: 'Transfer',
    type: 'object',
    properties: { method: { type: 'string' }, iban: { type: 'string', minLength: 15 } },
    required: ['iban'],
  };
  return {
    type: 'object',
    required: ['customerId', 'lines', 'payment'],
    properties: {
      id: { type: 'string', format: 'uuid', readOnly: true },
      customerId: { type: 'string', format: 'uuid', description: 'Customer "id" */' },
      note: { type: 'string', nullable: true, maxLength: 500, 'x-internal': true },
      deliverOn: { type: 'string', format: 'date' },
      lines: {
        type: 'array',
        minItems: 1,
        items: {
          allOf: [
            {
              type: 'object',
              properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1, default: 1 } },
              required: ['sku'],
            },
            { properties: { price: money } },
          ],
        },
      },
      payment: {
        oneOf: [card, transfer],
        discriminator: {
          propertyName: 'method',
          mapping: { card: '#/components/schemas/Card', transfer: '#/components/schemas/Transfer' },
        },
      },
      category,
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
      total: money,
      priority: { type: 'integer', enum: [1, 2, 3], nullable: true },
    },
  };
}

describe('normalizeSchema → emitZod → sampleValue', () => {
  it('produces zod that accepts the sample and rejects unknown arguments', () => {
    const schema = normalizeSchema({ schema: dereferencedOrder(), direction: 'input', openapiVersion: '3.0' });
    const tree = emitZod({ schema, strictRoot: true });
    const zod = build(tree);
    const code = compactCode(tree);
    const sample = sampleValue(schema);
    expect(zod.safeParse(sample).error?.issues ?? []).toEqual([]);
    expect(sample).toMatchObject({ payment: { method: 'card', last4: '0000' }, lines: [{ sku: 'example' }] });
    expect(zod.safeParse({ ...(sample as Raw), id: '00000000-0000-4000-8000-000000000000' }).success).toBe(false);
    expect(zod.parse(sample)).toMatchObject({ lines: [{ quantity: 1 }] });
    expect(zod.safeParse({ ...(sample as Raw), note: null, priority: null }).success).toBe(true);
    expect(zod.safeParse({ ...(sample as Raw), payment: { method: 'cash', last4: '1234' } }).success).toBe(false);
    expect(code).toContain('"customerId": z.guid()');
    expect(code).not.toContain('Customer');
    expect(code).not.toContain('x-internal');
  });
});
