/**
 * Property test: for random schemas and values, the emitted zod accepts
 * exactly what a reference JSON Schema validator (ajv) accepts. Formats are
 * left out of the random schemas: zod and ajv-formats draw their edges
 * differently (e.g. e-mail quoting), and formats have their own unit tests.
 * `multipleOf` is drawn from whole steps, and tiny non-zero numbers are left
 * out: zod's float-safe remainder scales by decimal places, so with a
 * fractional step it accepts some large or tiny values ajv rejects (e.g.
 * 45642189707157.96 as a multiple of 0.5). Known, and rare in real APIs.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JsonSchema, JsonValue } from '../../model/json-schema.js';
import { emitZod } from './emit.js';
import { sampleValue } from './sample-value.js';
import { evaluateZod } from '../../../test/support/evaluate-zod.js';

// ownProperties: without it ajv reads inherited members (`constructor`) as if they were present.
const ajv = new Ajv({ strict: false, ownProperties: true });

const KEYS = ['id', 'name', 'a-b', '1x', 'constructor', 'toString', 'items', 'value'];

const scalarSchema: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string' as const),
      minLength: fc.nat(3),
      maxLength: fc.integer({ min: 3, max: 8 }),
      pattern: fc.constantFrom('^[a-z]+$', '^x', '\\d'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('integer' as const, 'number' as const),
      minimum: fc.integer({ min: -5, max: 0 }),
      maximum: fc.integer({ min: 1, max: 10 }),
      multipleOf: fc.constantFrom(2, 3),
    },
    { requiredKeys: ['type'] },
  ),
  fc.constant<JsonSchema>({ type: 'boolean' }),
  fc.constant<JsonSchema>({ type: 'null' }),
  fc.constant<JsonSchema>({}),
  fc.record({
    enum: fc.uniqueArray(
      fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null)),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({ const: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean()) }),
);

const schemaArb: fc.Arbitrary<JsonSchema> = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarSchema,
    fc.record({
      type: fc.constant(['string', 'null'] as JsonSchema['type']),
      maxLength: fc.integer({ min: 1, max: 4 }),
    }),
    fc
      .record({
        properties: fc.dictionary(fc.constantFrom(...KEYS), tie('schema'), { maxKeys: 3 }),
        closed: fc.boolean(),
        requiredCount: fc.nat(3),
      })
      .map(({ properties, closed, requiredCount }): JsonSchema => ({
        type: 'object',
        properties,
        required: Object.keys(properties).slice(0, requiredCount),
        ...(closed ? { additionalProperties: false } : {}),
      })),
    fc.record({ type: fc.constant('object' as const), additionalProperties: tie('schema') }),
    fc.record(
      {
        type: fc.constant('array' as const),
        items: tie('schema'),
        minItems: fc.nat(2),
        maxItems: fc.integer({ min: 2, max: 4 }),
      },
      { requiredKeys: ['type', 'items'] },
    ),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 2, maxLength: 3 }) }),
  ),
})).schema;

/** Values near the schema (its sample, lightly mutated) and far from it (random JSON). */
function valuesFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const sample = sampleValue(schema);
  return fc.oneof(
    fc.constant(sample),
    fc
      .jsonValue({ maxDepth: 3 })
      .filter((value) => !JSON.stringify(value).includes('__proto__') && !hasExtremeNumber(value)),
    mutate(sample),
  );
}

function hasExtremeNumber(value: unknown): boolean {
  // Past 2^53 ajv's multipleOf goes wrong instead (it compares with parseInt of "1e+21").
  if (typeof value === 'number')
    return (value !== 0 && Math.abs(value) < 1e-9) || Math.abs(value) > Number.MAX_SAFE_INTEGER;
  if (Array.isArray(value)) return value.some(hasExtremeNumber);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExtremeNumber);
  return false;
}

function mutate(value: JsonValue): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) return fc.constantFrom([...value, ...value], [], value.slice(1), [null]);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return fc.oneof(
      fc.constant({ ...value, extra: 1 }),
      fc.constantFrom(...(keys.length > 0 ? keys : ['none'])).map((key) => {
        const copy: Record<string, unknown> = { ...value };
        delete copy[key];
        return copy;
      }),
      fc.constantFrom(...(keys.length > 0 ? keys : ['none'])).map((key) => ({ ...value, [key]: 'changed' })),
    );
  }
  return fc.constantFrom(value, 'text', 7, 2.5, -1, true, null, '');
}

function compile(schema: JsonSchema): z.ZodType {
  return evaluateZod(emitZod({ schema }));
}

describe('emitted zod agrees with ajv', () => {
  it('on random schemas and values', () => {
    fc.assert(
      fc.property(
        schemaArb.chain((schema) =>
          fc.tuple(fc.constant(schema), fc.array(valuesFor(schema), { minLength: 1, maxLength: 6 })),
        ),
        ([schema, values]) => {
          const validate = ajv.compile(schema);
          const zodSchema = compile(schema);
          for (const value of values) {
            const expected = validate(value) === true;
            const actual = zodSchema.safeParse(value).success;
            if (expected !== actual) {
              throw new Error(
                `disagree on ${JSON.stringify(value)} for ${JSON.stringify(schema)}: ajv ${expected}, zod ${actual}`,
              );
            }
          }
        },
      ),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('the sample value of every random schema is valid for both', () => {
    fc.assert(
      fc.property(schemaArb, (schema) => {
        const sample = sampleValue(schema);
        expect(ajv.validate(schema, sample)).toBe(true);
        expect(compile(schema).safeParse(sample).success).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
