import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// A test may look downstream: what counts is the code the printer writes.
import { printDeclarations } from '../render/code/print.js';
import { MIN_SHARED_BYTES, planListingsCode, schemaKeys, type ListingsCode } from './shared-schemas.js';
import { array, compactCode, constant } from './syntax.js';

/** Runs the planned code, printed as listings.ts has it, and returns the listings it builds. */
function evaluate(code: ListingsCode): unknown[] {
  const declarations = [
    ...code.shared.map((d) => constant({ name: d.name, value: d.body, exported: false })),
    constant({ name: 'LISTINGS', value: array(code.listings), exported: false }),
  ];
  return new Function(`${printDeclarations(declarations)}\nreturn LISTINGS;`)() as unknown[];
}

const address = {
  type: 'object',
  properties: {
    street: { type: 'string', maxLength: 200 },
    city: { type: 'string', maxLength: 100 },
    postcode: { type: 'string', pattern: '^[0-9]{5}$' },
    country: { type: 'string', enum: ['AE', 'FR', 'DE', 'GB', 'US'] },
  },
  required: ['street', 'city', 'country'],
};

function listing(name: string, outputSchema: object) {
  return {
    name,
    title: name,
    description: `Tool ${name}.`,
    inputSchema: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false },
    outputSchema,
    annotations: { title: name, readOnlyHint: true },
  };
}

describe('planListingsCode', () => {
  it('writes a sub-schema several listings carry once, and each listing still evaluates to its whole value', () => {
    const listings = [
      listing('get_customer', { type: 'object', properties: { billingAddress: address } }),
      listing('list_customers', {
        type: 'object',
        properties: { items: { type: 'array', items: { type: 'object', properties: { home: address } } } },
      }),
    ];
    expect(JSON.stringify(address).length).toBeGreaterThanOrEqual(MIN_SHARED_BYTES);
    const code = planListingsCode(listings);
    expect(code.shared.map((d) => d.name)).toEqual(['billingAddressSchema']);
    expect(code.listings.every((tree) => compactCode(tree).includes('billingAddressSchema'))).toBe(true);
    expect(evaluate(code)).toEqual(listings);
  });

  it('keeps small, single and root schemas inline', () => {
    const small = { type: 'object', properties: { id: { type: 'string' } } };
    const listings = [
      listing('a', { type: 'object', properties: { x: small, only: address } }),
      listing('b', { type: 'object', properties: { y: small } }),
    ];
    const code = planListingsCode(listings);
    // The identical input schemas of both are roots: each listing owns its own.
    expect(code.shared).toEqual([]);
    expect(evaluate(code)).toEqual(listings);
  });

  it('inlines a schema that repeats only inside one shared schema', () => {
    const wrapper = { type: 'object', properties: { first: address, second: { type: 'string' } } };
    const listings = [
      listing('a', { type: 'object', properties: { w: wrapper } }),
      listing('b', { type: 'object', properties: { w: wrapper } }),
    ];
    const code = planListingsCode(listings);
    expect(code.shared.map((d) => d.name)).toEqual(['wSchema']);
    expect(evaluate(code)).toEqual(listings);
  });

  it('declares a shared schema after the shared schemas it refers to', () => {
    const person = { type: 'object', properties: { home: address, work: address, name: { type: 'string' } } };
    const listings = [
      listing('a', { type: 'object', properties: { owner: person, shipTo: address } }),
      listing('b', { type: 'object', properties: { owner: person } }),
    ];
    const code = planListingsCode(listings);
    expect(code.shared.map((d) => d.name)).toEqual(['homeSchema', 'ownerSchema']);
    expect(evaluate(code)).toEqual(listings);
  });

  it('keeps hostile property names as data', () => {
    const hostile = JSON.parse(
      `{"type":"object","properties":{"__proto__":${JSON.stringify(address)},"a'b\`\${x}":{"type":"string","description":"${'x'.repeat(MIN_SHARED_BYTES)}"}}}`,
    ) as object;
    const listings = [listing('a', hostile), listing('b', { type: 'object', properties: { h: hostile } })];
    const [first] = evaluate(planListingsCode(listings)) as Array<{ outputSchema: { properties: object } }>;
    expect(Object.hasOwn(first!.outputSchema.properties, '__proto__')).toBe(true);
    expect(evaluate(planListingsCode(listings))).toEqual(listings);
  });
});

describe('schemaKeys', () => {
  const leaf = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('é', '日本', '😀', '\u0000', '\u2028', '"', '\\'),
  );
  const { schema } = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small' },
      fc.dictionary(fc.constantFrom('type', 'description', 'enum', 'default', 'é'), leaf, { maxKeys: 3 }),
      fc.record(
        {
          type: fc.constant('object'),
          properties: fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'ünï'), tie('schema'), { maxKeys: 3 }),
          additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({ type: fc.constant('array'), items: tie('schema'), maxItems: fc.nat() }),
      fc.record({ anyOf: fc.array(fc.oneof(tie('schema'), leaf), { maxLength: 3 }) }),
    ),
  }));

  it('gives equal keys exactly to schemas of equal JSON, with the JSON byte length', () => {
    fc.assert(
      fc.property(schema, schema, (a, b) => {
        const keyOf = schemaKeys();
        const [keyA, keyB] = [keyOf(a), keyOf(b)];
        expect(keyA === keyB).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(keyOf.bytes(keyA)).toBe(Buffer.byteLength(JSON.stringify(a)));
        expect(keyOf(structuredClone(b))).toBe(keyB);
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });
});
