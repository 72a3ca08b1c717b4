import { describe, expect, it } from 'vitest';
import { decodeContracts, encodeContracts } from './manifest-schemas.js';
import { MIN_SHARED_BYTES } from './shared-schemas.js';

type Json = Record<string, unknown>;

/** An object schema large enough to be shared (over MIN_SHARED_BYTES as JSON). */
const customer: Json = {
  type: 'object',
  title: 'Customer',
  description: 'A customer of the company, as every endpoint that returns one describes it.',
  properties: {
    id: { type: 'string', description: 'Customer id, e.g. cus_001.' },
    email: { type: 'string', format: 'email', description: 'Primary email address.' },
    // Data that looks like a reference: a property name and values, never read as one.
    $ref: { type: 'string', default: '#/schemas/customer', examples: [{ $ref: '#/schemas/customer' }] },
    ['__proto__']: { type: 'string', enum: [{ $ref: '#/schemas/nowhere' }] },
  },
  required: ['id', 'email'],
};

function tool(input: { output?: Json; params?: Json[]; properties?: Json }): Json {
  return {
    operation: 'GET /x',
    risk: 'read',
    params: input.params ?? [],
    inputSchema: { type: 'object', properties: input.properties ?? {}, additionalProperties: false },
    ...(input.output ? { outputSchema: input.output } : {}),
    security: [],
  };
}

/** JSON text keeps key order and `__proto__` keys: what a round trip must give back. */
const text = (value: unknown) => JSON.stringify(value);

describe('manifest schemas: each repeated schema written once', () => {
  const limit = { type: 'integer', minimum: 1, maximum: 100, description: 'Maximum number of items.' };
  const tools = {
    get_customer: tool({
      output: structuredClone(customer),
      params: [{ name: 'limit', in: 'query', arg: 'limit', required: false, schema: limit }],
      properties: { limit },
    }),
    list_customers: tool({
      output: { type: 'object', properties: { items: { type: 'array', items: structuredClone(customer) } } },
      // The parameter's schema is not the input property (a fixed value, say): it is kept.
      params: [{ name: 'X-Tenant', in: 'header', arg: 'tenant', required: true, schema: { type: 'string' } }],
    }),
  };
  const resources = { customer: { operation: 'GET /c', params: [], outputSchema: structuredClone(customer) } };
  const encoded = encodeContracts({ tools, resources });

  it('shares a schema used in several places, whole schemas included, named after its title', () => {
    expect(Object.keys(encoded.schemas)).toEqual(['customer']);
    expect(encoded.tools['get_customer']?.['outputSchema']).toEqual({ $ref: '#/schemas/customer' });
    expect(text(encoded.tools['list_customers']?.['outputSchema'])).toBe(
      text({ type: 'object', properties: { items: { type: 'array', items: { $ref: '#/schemas/customer' } } } }),
    );
    expect(encoded.resources['customer']?.['outputSchema']).toEqual({ $ref: '#/schemas/customer' });
    expect(text(encoded.schemas['customer'])).toBe(text(customer));
  });

  it("leaves out a parameter's schema only when it is the input property of its argument", () => {
    expect(encoded.tools['get_customer']?.['params']).toEqual([
      { name: 'limit', in: 'query', arg: 'limit', required: false },
    ]);
    expect(encoded.tools['list_customers']?.['params']).toEqual([
      { name: 'X-Tenant', in: 'header', arg: 'tenant', required: true, schema: { type: 'string' } },
    ]);
  });

  it('decodes to exactly the contracts it was given, key order and hostile names included', () => {
    const decodedTools = decodeContracts({ contracts: encoded.tools, schemas: encoded.schemas });
    const decodedResources = decodeContracts({ contracts: encoded.resources, schemas: encoded.schemas });
    expect(text(decodedTools)).toBe(text(tools));
    expect(text(decodedResources)).toBe(text(resources));
  });

  it('keeps a small repeated schema inline: a reference would save little', () => {
    const small = { type: 'string', format: 'email' };
    expect(JSON.stringify(small).length).toBeLessThan(MIN_SHARED_BYTES);
    const result = encodeContracts({
      tools: { a: tool({ output: small }), b: tool({ output: { ...small } }) },
      resources: {},
    });
    expect(result.schemas).toEqual({});
    expect(result.tools['b']?.['outputSchema']).toEqual(small);
  });

  it('says what is wrong with a reference it cannot resolve', () => {
    const withRef = (ref: string) => ({ t: tool({ output: { $ref: ref } }) });
    expect(decodeContracts({ contracts: withRef('#/schemas/missing'), schemas: {} })).toBe(
      '"t" refers to "#/schemas/missing", which "schemas" does not hold',
    );
    expect(
      decodeContracts({
        contracts: withRef('#/schemas/loop'),
        schemas: { loop: { items: { $ref: '#/schemas/loop' } } },
      }),
    ).toBe('"schemas" entry "loop" refers to itself');
    expect(decodeContracts({ contracts: withRef('#/schemas/a'), schemas: [] })).toBe(
      '"schemas" is not a map of schemas',
    );
    const noSchema = { t: tool({ params: [{ name: 'q', in: 'query', arg: 'q', required: false }] }) };
    expect(decodeContracts({ contracts: noSchema, schemas: {} })).toBe(
      '"t" has parameter "q" without a schema, and its inputSchema has no such property',
    );
  });

  it('refuses a schema holding `$ref`: normalized schemas never do, so a reference is unambiguous', () => {
    expect(() =>
      encodeContracts({ tools: { t: tool({ output: { $ref: '#/components/schemas/X' } }) }, resources: {} }),
    ).toThrow('holds `$ref`');
  });
});
