import { describe, expect, it } from 'vitest';
import { normalizeSchema } from './index.js';

const normalize = (schema: unknown, direction: 'input' | 'output' = 'input') =>
  normalizeSchema({ schema, direction, openapiVersion: '3.0' });

const base = {
  type: 'object',
  description: 'Base',
  properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } },
  required: ['id', 'name'],
};

describe('normalizeSchema: allOf', () => {
  it('merges object parts: properties in order, required unioned, outer description wins', () => {
    const extended = { properties: { age: { type: 'integer' } }, required: ['age'], description: 'Part' };
    expect(normalize({ allOf: [base, extended], description: 'Outer' }, 'output')).toEqual({
      type: 'object',
      description: 'Outer',
      properties: { id: { type: 'string' }, name: { type: 'string' }, age: { type: 'integer' } },
      required: ['id', 'name', 'age'],
    });
  });

  it('uses the first part description when the outer has none, and applies direction filtering', () => {
    expect(normalize({ allOf: [base, { properties: { age: { type: 'integer' } } }] })).toEqual({
      type: 'object',
      description: 'Base',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
      required: ['name'],
    });
  });

  it('flattens nested allOf and merges a property defined twice', () => {
    const inner = { allOf: [base, { properties: { name: { maxLength: 5 } } }] };
    const result = normalize({ allOf: [inner, { type: 'object', properties: { extra: { type: 'boolean' } } }] });
    expect(result.properties?.name).toEqual({ allOf: [{ type: 'string' }, { maxLength: 5 }] });
    expect(Object.keys(result.properties ?? {})).toEqual(['name', 'extra']);
  });

  it('collapses a single-element allOf keeping the outer description', () => {
    expect(
      normalize({ allOf: [{ type: 'string', description: 'inner' }], description: 'outer', default: 'x' }),
    ).toEqual({
      type: 'string',
      description: 'outer',
      default: 'x',
    });
  });

  it('keeps allOf when parts are not all objects', () => {
    expect(normalize({ allOf: [{ type: 'string' }, { maxLength: 3 }] })).toEqual({
      allOf: [{ type: 'string' }, { maxLength: 3 }],
    });
  });

  it('closes the merged object when a part is closed', () => {
    expect(
      normalize({
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
          { properties: { b: { type: 'string' } } },
        ],
      }),
    ).toMatchObject({ additionalProperties: false, properties: { a: {}, b: {} } });
  });
});

describe('normalizeSchema: oneOf / anyOf', () => {
  it('keeps unions inside properties', () => {
    const result = normalize({
      type: 'object',
      properties: { id: { oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'id' } },
    });
    expect(result.properties?.id).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'id' });
  });

  it('collapses a single-member anyOf', () => {
    expect(normalize({ anyOf: [{ type: 'integer' }], description: 'n' })).toEqual({
      type: 'integer',
      description: 'n',
    });
  });

  it('folds shared keywords into every member', () => {
    expect(
      normalize({
        type: 'object',
        properties: { kind: { type: 'string' } },
        required: ['kind'],
        anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } }, required: ['b'] }],
      }),
    ).toEqual({
      anyOf: [
        { type: 'object', properties: { kind: { type: 'string' }, a: { type: 'string' } }, required: ['kind'] },
        { type: 'object', properties: { kind: { type: 'string' }, b: { type: 'string' } }, required: ['kind', 'b'] },
      ],
    });
  });
});

describe('normalizeSchema: discriminator', () => {
  const dog = { title: 'Dog', type: 'object', properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } };
  const cat = {
    title: 'Cat',
    type: 'object',
    properties: { kind: { type: 'string', enum: ['cat'] } },
    required: ['kind'],
  };

  it('drops the keyword, tags members from the mapping and keeps the tag required', () => {
    const result = normalize({
      oneOf: [dog, cat],
      discriminator: {
        propertyName: 'kind',
        mapping: { dog: '#/components/schemas/Dog', cat: '#/components/schemas/Cat' },
      },
    });
    expect(result).toEqual({
      oneOf: [
        {
          type: 'object',
          title: 'Dog',
          properties: { kind: { type: 'string', enum: ['dog'] }, barks: { type: 'boolean' } },
          required: ['kind'],
        },
        { type: 'object', title: 'Cat', properties: { kind: { type: 'string', enum: ['cat'] } }, required: ['kind'] },
      ],
    });
  });

  it('survives a discriminator without mapping or with garbage', () => {
    expect(normalize({ oneOf: [dog, cat], discriminator: 'kind' }).oneOf).toHaveLength(2);
    expect(normalize({ oneOf: [dog, cat], discriminator: { propertyName: 'kind' } }).oneOf?.[0]?.required).toEqual([
      'kind',
    ]);
  });
});
