import { describe, expect, it } from 'vitest';
import { normalizeSchema } from './index.js';

const normalize = (schema: unknown, direction: 'input' | 'output' = 'input') =>
  normalizeSchema({ schema, direction, openapiVersion: '3.0' });

describe('normalizeSchema: objects', () => {
  it('infers object from properties and keeps spec order, required filtered in spec order', () => {
    const result = normalize({
      properties: { z: { type: 'string' }, a: { type: 'string' }, m: { type: 'string' } },
      required: ['m', 'ghost', 'z', 'm'],
    });
    expect(Object.keys(result.properties ?? {})).toEqual(['z', 'a', 'm']);
    expect(result).toMatchObject({ type: 'object', required: ['m', 'z'] });
  });

  it('turns additionalProperties schemas into dictionaries and drops `true`', () => {
    expect(normalize({ type: 'object', additionalProperties: { type: 'integer' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'integer' },
    });
    expect(normalize({ type: 'object', additionalProperties: true })).toEqual({ type: 'object' });
    expect(normalize({ type: 'object', additionalProperties: {} })).toEqual({ type: 'object' });
    expect(normalize({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    });
  });

  it('removes readOnly properties from input and writeOnly ones from output', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string', readOnly: true },
        password: { type: 'string', writeOnly: true },
        name: { type: 'string' },
      },
      required: ['id', 'password', 'name'],
    };
    expect(normalize(schema, 'input')).toEqual({
      type: 'object',
      properties: { password: { type: 'string' }, name: { type: 'string' } },
      required: ['password', 'name'],
    });
    expect(normalize(schema, 'output')).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
  });

  it('keeps non-identifier and reserved property names as own properties', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"constructor":{"type":"string"},"__proto__":{"type":"integer"},"a-b":{"type":"boolean"},"1x":{"type":"number"},"toString":{"type":"string"}},"required":["__proto__","constructor","hasOwnProperty"]}',
    ) as unknown;
    const result = normalize(schema);
    const properties = result.properties ?? {};
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['constructor', '__proto__', 'a-b', '1x', 'toString']);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({ type: 'integer' });
    expect(result.required).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(JSON.stringify(result)).toContain('"__proto__":{"type":"integer"}');
  });

  it('does not read inherited names as properties', () => {
    expect(normalize({ type: 'object', required: ['constructor', 'toString'] })).toEqual({ type: 'object' });
  });
});
