import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../model/json-schema.js';
import { conforms, emitZod, sampleValue } from './index.js';
import { stringForPattern } from './sample-pattern.js';
import { evaluateZod } from '../../../test/support/evaluate-zod.js';

const build = evaluateZod;

const SCHEMAS: Record<string, JsonSchema> = {
  plain: { type: 'string' },
  bounded: { type: 'string', minLength: 10, maxLength: 12 },
  short: { type: 'string', maxLength: 3 },
  dateTime: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  email: { type: 'string', format: 'email' },
  uuid: { type: 'string', format: 'uuid' },
  uri: { type: 'string', format: 'uri' },
  code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
  prefixed: { type: 'string', pattern: '^cus_[a-zA-Z0-9]{8,}$', maxLength: 20 },
  alternatives: { type: 'string', pattern: '^(?:red|green|blue)$' },
  phone: { type: 'string', pattern: '^\\+?[1-9]\\d{1,14}$' },
  integer: { type: 'integer' },
  limit: { type: 'integer', minimum: 1, maximum: 100 },
  negative: { type: 'integer', maximum: -5 },
  exclusive: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5 },
  step: { type: 'number', minimum: 7, multipleOf: 5 },
  fractionStep: { type: 'number', minimum: 0.15, multipleOf: 0.1 },
  boolean: { type: 'boolean' },
  nullOnly: { type: 'null' },
  nullableString: { type: ['string', 'null'], minLength: 2 },
  stringEnum: { type: 'string', enum: ['open', 'closed'] },
  mixedEnum: { enum: [null, 2, 'x'] },
  constant: { const: 'fixed' },
  withDefault: { type: 'integer', minimum: 1, default: 20 },
  badDefault: { type: 'integer', minimum: 1, default: 0 },
  withExample: { type: 'string', format: 'email', examples: ['not-an-email', 'ada@example.org'] },
  array: { type: 'array', items: { type: 'string' } },
  arrayMin: { type: 'array', items: { type: 'integer', minimum: 3 }, minItems: 3, maxItems: 4 },
  arrayZero: { type: 'array', items: { type: 'string' }, maxItems: 0 },
  object: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      note: { type: 'string', minLength: 100 },
      tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
      constructor: { type: 'string' as const },
    },
    required: ['id', 'tags', 'constructor'],
    additionalProperties: false,
  },
  dictionary: { type: 'object', additionalProperties: { type: 'integer', minimum: 5 }, minProperties: 2 },
  openObject: { type: 'object' },
  union: { oneOf: [{ type: 'null' }, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }] },
  intersection: {
    allOf: [
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] },
    ],
  },
  unknown: {},
};

describe('sampleValue', () => {
  it.each(Object.entries(SCHEMAS))('%s: the emitted zod accepts the sample', (_name, schema) => {
    const value = sampleValue(schema);
    const result = build(emitZod({ schema, strictRoot: true })).safeParse(value);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(conforms({ value, schema })).toBe(true);
  });

  it('is deterministic and prefers default, valid examples, enum, const', () => {
    expect(sampleValue(SCHEMAS.withDefault as JsonSchema)).toBe(20);
    expect(sampleValue(SCHEMAS.badDefault as JsonSchema)).toBe(1);
    expect(sampleValue(SCHEMAS.withExample as JsonSchema)).toBe('ada@example.org');
    expect(sampleValue(SCHEMAS.stringEnum as JsonSchema)).toBe('open');
    expect(sampleValue(SCHEMAS.constant as JsonSchema)).toBe('fixed');
    expect(sampleValue(SCHEMAS.dateTime as JsonSchema)).toBe('2026-01-15T09:00:00Z');
    expect(sampleValue(SCHEMAS.uuid as JsonSchema)).toBe('00000000-0000-4000-8000-000000000000');
    expect(sampleValue(SCHEMAS.object as JsonSchema)).toEqual({
      id: '00000000-0000-4000-8000-000000000000',
      tags: ['a'],
      constructor: 'example',
    });
    expect(JSON.stringify(sampleValue(SCHEMAS.object as JsonSchema))).toBe(
      JSON.stringify(sampleValue(SCHEMAS.object as JsonSchema)),
    );
  });

  it('respects bounds', () => {
    expect(sampleValue(SCHEMAS.limit as JsonSchema)).toBe(1);
    expect(sampleValue(SCHEMAS.negative as JsonSchema)).toBe(-5);
    expect(sampleValue(SCHEMAS.step as JsonSchema)).toBe(10);
    expect(sampleValue(SCHEMAS.arrayMin as JsonSchema)).toEqual([3, 3, 3]);
    expect(sampleValue(SCHEMAS.code as JsonSchema)).toBe('AAA-0000');
  });
});

describe('stringForPattern', () => {
  it.each([
    '^[a-z0-9-]+$',
    '^\\d{5}(-\\d{4})?$',
    '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
    '^#[0-9a-fA-F]{6}$',
    '^\\p{Lu}\\p{Ll}+$',
    '^[A-Z]{2}\\d{2}[A-Z0-9]{1,30}$',
    '^v\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$',
    'abc',
    '^\\u0041\\x42\\n?$',
  ])('builds a match for %s', (pattern) => {
    const value = stringForPattern({ pattern });
    expect(value).toBeDefined();
    expect(new RegExp(pattern, 'u').test(value as string)).toBe(true);
  });

  it('gives up on backreferences and invalid patterns', () => {
    expect(stringForPattern({ pattern: '^(a)\\1$' })).toBeUndefined();
    expect(stringForPattern({ pattern: '[' })).toBeUndefined();
  });

  it('stretches repetitions to meet minLength', () => {
    const value = stringForPattern({ pattern: '^[a-z]+$', minLength: 5, maxLength: 8 }) ?? '';
    expect(value).toMatch(/^[a-z]{5,8}$/);
  });
});
