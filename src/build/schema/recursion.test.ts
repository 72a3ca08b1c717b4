import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../model/json-schema.js';
import { DEFAULT_MAX_BYTES, normalizeSchema, TRUNCATED_NOTE } from './index.js';

const normalize = (schema: unknown, budget?: { maxDepth?: number; maxNodes?: number; maxBytes?: number }) =>
  normalizeSchema({ schema, direction: 'input', openapiVersion: '3.0', budget });

type Raw = Record<string, unknown>;

function depthOf(schema: JsonSchema): number {
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
  ];
  return children.length === 0 ? 0 : 1 + Math.max(...children.map(depthOf));
}

describe('normalizeSchema: bounded recursion', () => {
  it('cuts a 200-schema chain at the depth budget and stays small', () => {
    const chain: Raw[] = Array.from({ length: 200 }, (_, i) => ({
      type: 'object',
      description: `Schema${i}`,
      properties: { id: { type: 'string' } },
      required: ['id'],
    }));
    chain.forEach((schema, i) => {
      if (i < 199) (schema.properties as Raw).next = chain[i + 1];
    });
    const result = normalize(chain[0]);
    const size = JSON.stringify(result).length;
    expect(size).toBeLessThan(4096);
    expect(depthOf(result)).toBe(7);
    let node: JsonSchema | undefined = result;
    for (let i = 0; i < 7; i++) node = node?.properties?.next;
    expect(node).toEqual({ type: 'object', description: `Schema7 ${TRUNCATED_NOTE}` });
  });

  it('bounds a self-recursive tree (node.children.items === node)', () => {
    const node: Raw = { type: 'object', description: 'A tree node', properties: { name: { type: 'string' } } };
    (node.properties as Raw).children = { type: 'array', items: node };
    const result = normalize(node);
    expect(JSON.stringify(result).length).toBeLessThan(4096);
    expect(result.properties?.children).toEqual({
      type: 'array',
      items: { type: 'object', description: `A tree node ${TRUNCATED_NOTE}` },
    });
  });

  it('bounds a mutually recursive pair', () => {
    const a: Raw = { type: 'object', properties: {} };
    const b: Raw = { type: 'object', description: 'B', properties: { a } };
    (a.properties as Raw).b = b;
    const result = normalize(a);
    expect(JSON.stringify(result).length).toBeLessThan(4096);
    expect(result).toEqual({
      type: 'object',
      properties: {
        b: { type: 'object', description: 'B', properties: { a: { type: 'object', description: TRUNCATED_NOTE } } },
      },
    });
  });

  it('bounds recursion through allOf, anyOf and additionalProperties', () => {
    const node: Raw = { allOf: [{ type: 'object', properties: { id: { type: 'integer' } } }] };
    (node.allOf as Raw[]).push({ properties: { parent: node, map: { additionalProperties: node } } });
    const union: Raw = { anyOf: [{ type: 'string' }] };
    (union.anyOf as unknown[]).push(union, { type: 'array', items: union });
    expect(() => normalize(node)).not.toThrow();
    expect(() => normalize(union)).not.toThrow();
    expect(JSON.stringify(normalize(node)).length).toBeLessThan(4096);
    expect(JSON.stringify(normalize(union)).length).toBeLessThan(4096);
    const selfAllOf: Raw = { properties: { x: { type: 'string' } } };
    selfAllOf.allOf = [selfAllOf];
    expect(() => normalize(selfAllOf)).not.toThrow();
  });

  it('applies the node budget to wide reuse', () => {
    const leaf = { type: 'object', properties: { v: { type: 'string' } } };
    let level: Raw = leaf;
    for (let i = 0; i < 5; i++) {
      const properties: Raw = {};
      for (let j = 0; j < 10; j++) properties[`p${j}`] = level;
      level = { type: 'object', properties };
    }
    const result = normalize(level, { maxNodes: 50 });
    const text = JSON.stringify(result);
    expect(text).toContain(TRUNCATED_NOTE);
    expect((text.match(/"type"/g) ?? []).length).toBeLessThan(200);
  });

  it('stays fast and bounded on a wide graph reused at every level', () => {
    let level: Raw = { type: 'object', properties: { v: { type: 'string' } } };
    for (let i = 0; i < 8; i++) {
      const properties: Raw = {};
      for (let j = 0; j < 10; j++) properties[`p${j}`] = level;
      level = { type: 'object', properties };
    }
    const started = performance.now();
    const text = JSON.stringify(normalize(level));
    expect(performance.now() - started).toBeLessThan(2000);
    const expanded = (text.match(/"properties"/g) ?? []).length;
    expect(expanded).toBeLessThanOrEqual(2000);
    expect(text).toContain(TRUNCATED_NOTE);
  });

  it('caps the size of a root with long descriptions (Stripe-like reuse), not only its node count', () => {
    const described = (i: number) => ({
      type: 'string',
      description: `Field ${i}: ${'a long explanation of this field. '.repeat(6)}`,
    });
    let level: Raw = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, described(i)])),
    };
    for (let i = 0; i < 4; i++) {
      const properties: Raw = {};
      for (let j = 0; j < 30; j++) properties[`p${j}`] = j % 2 === 0 ? level : described(j);
      level = { type: 'object', description: `Level ${i}`, properties };
    }
    const unbudgeted = JSON.stringify(normalize(level, { maxBytes: Number.POSITIVE_INFINITY })).length;
    expect(unbudgeted).toBeGreaterThan(300_000);
    // Objects already admitted keep their plain properties whole, so the root may exceed the budget by those.
    expect(JSON.stringify(normalize(level)).length).toBeLessThan(4 * DEFAULT_MAX_BYTES);
    expect(JSON.stringify(normalize(level, { maxBytes: 2000 })).length).toBeLessThan(4 * DEFAULT_MAX_BYTES);
    expect(JSON.stringify(normalize(level))).toContain(TRUNCATED_NOTE);
  });

  it('honours a custom depth budget', () => {
    const deep = {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' } } } } },
      },
    };
    expect(normalize(deep, { maxDepth: 1 })).toEqual({
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'object', description: TRUNCATED_NOTE } } } },
    });
  });

  it('is deterministic and does not share structure with the input', () => {
    const shared = { type: 'string', enum: ['a'], default: 'a' };
    const schema = { type: 'object', properties: { x: shared, y: shared } };
    const first = JSON.stringify(normalize(schema));
    expect(JSON.stringify(normalize(schema))).toBe(first);
    const result = normalize(schema);
    (result.properties?.x?.enum as unknown[]).push('b');
    expect(shared.enum).toEqual(['a']);
  });
});
