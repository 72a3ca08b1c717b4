import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../model/json-schema.js';
import { compactCode } from '../syntax.js';
import { emitZod } from './index.js';
import { evaluateZod } from '../../../test/support/evaluate-zod.js';

const build = evaluateZod;
/** The emitted tree as compact source, to compare with the expected code. */
const emitCode = (input: Parameters<typeof emitZod>[0]): string => compactCode(emitZod(input));
const zodOf = (schema: JsonSchema, strictRoot = false): z.ZodType => build(emitZod({ schema, strictRoot }));
const accepts = (schema: JsonSchema, value: unknown): boolean => zodOf(schema).safeParse(value).success;

describe('emitZod: strings', () => {
  it('maps bounds and pattern', () => {
    const schema: JsonSchema = { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' };
    expect(emitCode({ schema })).toBe('z.string().min(2).max(4).check(specPattern("^[a-z]+$"))');
    expect(accepts(schema, 'abc')).toBe(true);
    expect(accepts(schema, 'a')).toBe(false);
    expect(accepts(schema, 'ABC')).toBe(false);
  });

  it('enforces a pattern that would backtrack exponentially, and skips those RE2 cannot run', () => {
    const nested: JsonSchema = { type: 'string', pattern: '^(a+)+$' };
    expect(accepts(nested, 'aaaa')).toBe(true);
    // 2^64 steps for a backtracking engine; RE2 answers at once.
    expect(accepts(nested, `${'a'.repeat(64)}!`)).toBe(false);
    expect(emitCode({ schema: { type: 'string', pattern: '^(?=.*[A-Z]).+$' } })).toBe('z.string()');
    expect(emitCode({ schema: { type: 'string', pattern: '^(a)\\1$' } })).toBe('z.string()');
  });

  it('skips a pattern that is not a valid Unicode regex', () => {
    expect(emitCode({ schema: { type: 'string', pattern: '[\\_a' } })).toBe('z.string()');
    expect(emitCode({ schema: { type: 'string', pattern: '\\_' } })).toBe('z.string()');
  });

  it.each([
    ['date-time', 'z.iso.datetime({ offset: true })', '2026-01-15T09:00:00+02:00', '2026-01-15'],
    ['date', 'z.iso.date()', '2026-01-15', '15/01/2026'],
    ['email', 'z.email()', 'a@b.co', 'not-mail'],
    ['uuid', 'z.guid()', '12345678-1234-1234-1234-123456789012', '1234'],
    ['uri', 'z.url()', 'https://example.com/x?y=1', 'not a url'],
    ['binary', 'z.string()', 'anything', 1],
  ])('format %s → %s', (format, code, good, bad) => {
    const schema: JsonSchema = { type: 'string', format };
    expect(emitCode({ schema })).toBe(code);
    expect(accepts(schema, good)).toBe(true);
    expect(accepts(schema, bad)).toBe(false);
  });
});

describe('emitZod: numbers', () => {
  it('keeps integers as .int() with bounds, int64 included', () => {
    const schema: JsonSchema = { type: 'integer', format: 'int64', minimum: 1, maximum: 100, multipleOf: 2 };
    expect(emitCode({ schema })).toBe('z.number().int().min(1).max(100).multipleOf(2)');
    expect(accepts(schema, 4)).toBe(true);
    expect(accepts(schema, 4.5)).toBe(false);
  });

  it('maps exclusive bounds', () => {
    const schema: JsonSchema = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 };
    expect(emitCode({ schema })).toBe('z.number().gt(0).lt(1)');
    expect(accepts(schema, 0)).toBe(false);
    expect(accepts(schema, 0.5)).toBe(true);
  });
});

describe('emitZod: enums, const, null and type arrays', () => {
  it.each<[JsonSchema, string]>([
    [{ type: 'string', enum: ['a', 'b'] }, 'z.enum(["a", "b"])'],
    [{ type: ['string', 'null'], enum: ['a', 'b', null] }, 'z.enum(["a", "b"]).nullable()'],
    [{ enum: [1, 2] }, 'z.union([z.literal(1), z.literal(2)])'],
    [{ enum: ['a', 1, true, null] }, 'z.union([z.literal("a"), z.literal(1), z.literal(true)]).nullable()'],
    [{ enum: ['only'] }, 'z.literal("only")'],
    [{ enum: [null] }, 'z.null()'],
    [{ const: 'x' }, 'z.literal("x")'],
    [{ type: 'null' }, 'z.null()'],
    [{ type: 'boolean' }, 'z.boolean()'],
    [{ type: ['string', 'null'], maxLength: 3 }, 'z.string().max(3).nullable()'],
    [{ type: ['string', 'integer'] }, 'z.union([z.string(), z.number().int()])'],
    [{ type: ['integer', 'number'] }, 'z.number()'],
    [{}, 'z.unknown()'],
    [{ type: 'object', enum: [{ a: 1 }] }, 'z.record(z.string(), z.unknown())'],
  ])('%j → %s', (schema, code) => {
    expect(emitCode({ schema })).toBe(code);
    expect(() => zodOf(schema)).not.toThrow();
  });

  it('mixed enums accept exactly their members', () => {
    const schema: JsonSchema = { enum: ['a', 1, true, null] };
    for (const value of ['a', 1, true, null]) expect(accepts(schema, value)).toBe(true);
    for (const value of ['1', 0, false, undefined]) expect(accepts(schema, value)).toBe(false);
  });
});

describe('emitZod: objects', () => {
  const person: JsonSchema = {
    type: 'object',
    properties: { name: { type: 'string' }, age: { type: 'integer' } },
    required: ['name'],
  };

  it('uses z.object for nested, strictObject for the strict root, .optional() for optional keys', () => {
    expect(emitCode({ schema: person })).toBe('z.object({ "name": z.string(), "age": z.number().int().optional() })');
    expect(emitCode({ schema: person, strictRoot: true })).toBe(
      'z.strictObject({ "name": z.string(), "age": z.number().int().optional() })',
    );
    expect(zodOf(person).parse({ name: 'a', extra: 1 })).toEqual({ name: 'a' });
    expect(zodOf(person, true).safeParse({ name: 'a', extra: 1 }).success).toBe(false);
    const wrapper: JsonSchema = { type: 'object', properties: { p: person }, required: ['p'] };
    expect(emitCode({ schema: wrapper, strictRoot: true })).toContain('"p": z.object(');
  });

  it('closes objects with additionalProperties: false', () => {
    expect(emitCode({ schema: { ...person, additionalProperties: false } })).toMatch(/^z\.strictObject\(/);
    expect(emitCode({ schema: { type: 'object', additionalProperties: false } })).toBe('z.strictObject({})');
    expect(emitCode({ schema: { type: 'object' }, strictRoot: true })).toBe('z.strictObject({})');
  });

  it('maps dictionaries, catchall and open objects', () => {
    const dictionary: JsonSchema = { type: 'object', additionalProperties: { type: 'integer' } };
    expect(emitCode({ schema: dictionary })).toBe('z.record(z.string(), z.number().int())');
    expect(accepts(dictionary, { a: 1 })).toBe(true);
    expect(accepts(dictionary, { a: 'x' })).toBe(false);
    expect(emitCode({ schema: { ...person, additionalProperties: { type: 'boolean' } } })).toBe(
      'z.object({ "name": z.string(), "age": z.number().int().optional() }).catchall(z.boolean())',
    );
    expect(emitCode({ schema: { type: 'object' } })).toBe('z.record(z.string(), z.unknown())');
    expect(zodOf({ type: 'object' }).parse({ kept: 1 })).toEqual({ kept: 1 });
  });

  it('treats an absent key named like an Object.prototype method as absent', () => {
    const schema: JsonSchema = {
      type: 'object',
      // `as const`: TypeScript does not contextually type keys named like Object.prototype members.
      properties: {
        toString: { type: 'string' as const },
        valueOf: { type: 'integer' as const, default: 3 },
        name: { type: 'string' },
      },
      required: ['name'],
    };
    const built = zodOf(schema, true);
    expect(built.parse({ name: 'n' })).toEqual({ name: 'n', valueOf: 3 });
    expect(built.parse({ name: 'n', toString: 's' })).toMatchObject({ toString: 's' });
    expect(built.safeParse({ name: 'n', toString: 1 }).success).toBe(false);
    expect(z.toJSONSchema(built, { io: 'input' })).toMatchObject({
      properties: { toString: { type: 'string' } },
      required: ['name'],
    });
  });

  it('quotes non-identifier and reserved keys and computes __proto__', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"constructor":{"type":"string"},"__proto__":{"type":"string"},"a-b":{"type":"integer"},"1x":{"type":"boolean"}},"required":["constructor","__proto__","a-b","1x"]}',
    ) as JsonSchema;
    const code = emitCode({ schema });
    expect(code).toBe(
      'z.object({ "constructor": z.preprocess((value) => (typeof value === \'function\' ? undefined : value), z.string()).refine((value) => value !== undefined, { message: "Required" }), ["__proto__"]: z.string(), "a-b": z.number().int(), "1x": z.boolean() })',
    );
    const built = zodOf(schema) as z.ZodObject;
    expect(Object.keys(built.shape)).toEqual(['constructor', '__proto__', 'a-b', '1x']);
    expect(built.safeParse({ __proto__: 'p', 'a-b': 1, '1x': true }).success).toBe(false); // inherited constructor is no string
    // zod 4 skips a `__proto__` shape key when parsing; what matters is that nothing gets polluted.
    const parsed = built.parse(
      JSON.parse('{"constructor":"c","__proto__":{"polluted":1},"a-b":1,"1x":true}'),
    ) as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed).toEqual({ constructor: 'c', 'a-b': 1, '1x': true });
  });
});

describe('emitZod: arrays and composition', () => {
  it('maps arrays with bounds', () => {
    const schema: JsonSchema = { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 };
    expect(emitCode({ schema })).toBe('z.array(z.string()).min(1).max(3)');
    expect(accepts(schema, [])).toBe(false);
  });

  it('maps anyOf/oneOf to unions, a null member to .nullable()', () => {
    expect(emitCode({ schema: { oneOf: [{ type: 'string' }, { type: 'integer' }] } })).toBe(
      'z.union([z.string(), z.number().int()])',
    );
    expect(
      emitCode({
        schema: {
          anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'null' }],
          description: 'd',
        },
      }),
    ).toBe('z.object({ "a": z.string().optional() }).nullable()');
  });

  it('maps unmerged allOf to chained intersections', () => {
    const schema: JsonSchema = { allOf: [{ type: 'string' }, { maxLength: 3 }, { minLength: 1 }] };
    expect(emitCode({ schema })).toBe('z.intersection(z.intersection(z.string(), z.unknown()), z.unknown())');
    expect(accepts(schema, 'ab')).toBe(true);
  });

  it('intersects typed keywords with a union next to them', () => {
    const schema: JsonSchema = { type: 'string', anyOf: [{ maxLength: 2 }, { const: 'long' }] };
    expect(emitCode({ schema })).toBe('z.intersection(z.string(), z.union([z.unknown(), z.literal("long")]))');
  });
});

describe('emitZod: descriptions and defaults', () => {
  it('writes no annotations: zod only validates, the listing and manifest describe', () => {
    const schema: JsonSchema = {
      type: 'object',
      title: 'Page',
      description: 'A page',
      examples: [{ size: 1 }],
      deprecated: true,
      properties: { size: { type: 'integer', title: 'Size', description: 'Page size', examples: [1] } },
    };
    expect(emitCode({ schema })).toBe('z.object({ "size": z.number().int().optional() })');
  });

  it('applies a valid default and drops .optional() for it', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size' } },
    };
    expect(emitCode({ schema })).toBe('z.object({ "limit": z.number().int().min(1).max(100).default(20) })');
    expect(zodOf(schema).parse({})).toEqual({ limit: 20 });
  });

  it('skips an invalid default', () => {
    const invalid: JsonSchema[] = [
      { type: 'integer', minimum: 1, default: 0 },
      { type: 'string', format: 'email', default: 'nope' },
      { type: 'string', enum: ['a'], default: 'b' },
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], default: {} },
      { type: 'object', properties: { a: { type: 'string' } }, default: { b: 1 } },
    ];
    for (const schema of invalid) {
      expect(emitCode({ schema })).not.toContain('.default(');
    }
    const parent: JsonSchema = { type: 'object', properties: { n: { type: 'integer', minimum: 1, default: 0 } } };
    expect(emitCode({ schema: parent })).toBe('z.object({ "n": z.number().int().min(1).optional() })');
  });

  it('completes an object default with the defaults of its absent properties', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        page: { type: 'integer', default: 1 },
        size: { type: 'integer' },
        sort: { type: 'string', default: 'bad', enum: ['asc'] },
      },
      default: { size: 10 },
    };
    expect(emitCode({ schema })).toContain('.default({ "size": 10, "page": 1 })');
    expect(zodOf(schema).parse(undefined)).toEqual({ size: 10, page: 1 });
  });

  it('writes structured and null defaults as literals', () => {
    const schema: JsonSchema = { type: ['array', 'null'], items: { type: 'string' }, default: ['a', 'b'] };
    expect(emitCode({ schema })).toBe('z.array(z.string()).nullable().default(["a", "b"])');
    expect(zodOf(schema).parse(undefined)).toEqual(['a', 'b']);
    expect(emitCode({ schema: { type: ['string', 'null'], default: null } })).toBe(
      'z.string().nullable().default(null)',
    );
  });
});
