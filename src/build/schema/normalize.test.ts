import { describe, expect, it } from 'vitest';
import { normalizeSchema } from './index.js';

const input = (schema: unknown, openapiVersion: '3.0' | '3.1' = '3.0') =>
  normalizeSchema({ schema, direction: 'input', openapiVersion });

describe('normalizeSchema: keywords outside the subset', () => {
  it('drops xml, externalDocs, x-* and discriminator-less noise, converts example', () => {
    expect(
      input({
        type: 'string',
        xml: { name: 'n' },
        externalDocs: { url: 'https://x' },
        'x-internal': true,
        example: 'abc',
        readOnly: false,
        not: { type: 'number' },
      }),
    ).toEqual({ type: 'string', examples: ['abc'] });
  });

  it('keeps 3.1 examples, drops non-JSON examples', () => {
    expect(input({ type: 'number', examples: [1, Number.NaN, 2] }, '3.1')).toEqual({
      type: 'number',
      examples: [1, 2],
    });
    expect(input({ type: 'string', example: new Date(0) })).toEqual({ type: 'string' });
  });
});

describe('normalizeSchema: nullable and type arrays', () => {
  it('turns 3.0 nullable into a type array', () => {
    expect(input({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
  });

  it('adds null to a nullable enum', () => {
    expect(input({ type: 'string', enum: ['a', 'b'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
  });

  it('wraps a nullable composition in anyOf with null, outer description on the wrapper', () => {
    const a = { type: 'object', properties: { a: { type: 'string' } } };
    const b = { type: 'object', properties: { b: { type: 'string' } } };
    expect(input({ oneOf: [a, b], nullable: true, description: 'either' })).toEqual({
      anyOf: [
        {
          oneOf: [
            { type: 'object', properties: { a: { type: 'string' } } },
            { type: 'object', properties: { b: { type: 'string' } } },
          ],
        },
        { type: 'null' },
      ],
      description: 'either',
    });
  });

  it('keeps a nullable single-element allOf as the element plus null', () => {
    const ref = { type: 'object', properties: { id: { type: 'string' } } };
    expect(input({ allOf: [ref], nullable: true })).toEqual({
      type: ['object', 'null'],
      properties: { id: { type: 'string' } },
    });
  });

  it('dedupes 3.1 type arrays in stable order and drops unknown types', () => {
    expect(input({ type: ['null', 'string', 'null', 'bogus', 'integer'] }, '3.1')).toEqual({
      type: ['null', 'string', 'integer'],
    });
  });

  it('accepts a type array in a 3.0 document', () => {
    expect(input({ type: ['string', 'null'] })).toEqual({ type: ['string', 'null'] });
  });

  it('leaves a type-less nullable schema unconstrained', () => {
    expect(input({ nullable: true, description: 'x' })).toEqual({ description: 'x' });
  });
});

describe('normalizeSchema: numbers, integers and formats', () => {
  it('converts 3.0 boolean exclusive bounds to the numeric form', () => {
    expect(input({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false })).toEqual(
      {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 10,
      },
    );
  });

  it('keeps integers and their formats', () => {
    expect(input({ type: 'integer', format: 'int64', minimum: 1, multipleOf: 0 })).toEqual({
      type: 'integer',
      format: 'int64',
      minimum: 1,
    });
  });

  it('keeps string formats, known or not, and drops constraints of other types', () => {
    for (const format of ['date-time', 'date', 'email', 'uuid', 'uri', 'binary', 'byte', 'made-up']) {
      expect(input({ type: 'string', format, minimum: 3, maxLength: 9 })).toEqual({
        type: 'string',
        format,
        maxLength: 9,
      });
    }
  });

  it('drops invalid counts', () => {
    expect(input({ type: 'string', minLength: -1, maxLength: 2.5 })).toEqual({ type: 'string' });
  });
});

describe('normalizeSchema: enums and const', () => {
  it('keeps enums of every JSON type, deduplicated', () => {
    expect(input({ enum: ['a', 1, true, null, 'a', { k: 1 }] })).toEqual({ enum: ['a', 1, true, null, { k: 1 }] });
  });

  it('turns a nullable const into an enum with null', () => {
    expect(input({ type: 'string', const: 'x', nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['x', null],
    });
  });
});

describe('normalizeSchema: arrays', () => {
  it('gives every array items', () => {
    expect(input({ type: 'array' })).toEqual({ type: 'array', items: {} });
    expect(input({ type: ['array', 'null'] }, '3.1')).toEqual({ type: ['array', 'null'], items: {} });
  });

  it('takes the first element of a tuple-style items', () => {
    expect(input({ type: 'array', items: [{ type: 'string' }, { type: 'number' }] })).toEqual({
      type: 'array',
      items: { type: 'string' },
    });
    expect(input({ type: 'array', items: [] })).toEqual({ type: 'array', items: {} });
  });

  it('infers array from items and keeps item bounds', () => {
    expect(input({ items: { type: 'integer' }, minItems: 1, maxItems: 3, uniqueItems: true })).toEqual({
      type: 'array',
      items: { type: 'integer' },
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
    });
  });
});

describe('normalizeSchema: weird input never throws', () => {
  it.each([true, false, null, undefined, 42, 'string', [], [{ type: 'string' }]])('%s becomes {}', (schema) => {
    expect(input(schema)).toEqual({});
  });

  it('handles boolean subschemas', () => {
    expect(input({ type: 'object', properties: { a: true, b: false }, additionalProperties: true })).toEqual({
      type: 'object',
      properties: { a: {} },
    });
    expect(input({ type: 'array', items: false })).toEqual({ type: 'array', items: {} });
  });

  it('ignores garbage keyword values', () => {
    expect(
      input({ type: 42, properties: 'nope', required: 'a', enum: 'x', description: 7, allOf: 'x', anyOf: [] }),
    ).toEqual({});
  });
});

describe('normalizeSchema: OpenAPI 3.1 documents', () => {
  it('still honours a stray nullable, which tools keep emitting', () => {
    expect(input({ type: 'integer', nullable: true }, '3.1')).toEqual({ type: ['integer', 'null'] });
  });
});
