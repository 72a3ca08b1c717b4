import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../model/json-schema.js';
// A test may look downstream: what counts is the code the printer writes.
import { printDeclarations } from '../../render/code/print.js';
import { constant } from '../syntax.js';
import { emitZod } from './index.js';
import { evaluateZod } from '../../../test/support/evaluate-zod.js';

const HOSTILE = [
  '*/ globalThis.pwned = 1; /*',
  '`${globalThis.pwned = 2}`',
  '${x}',
  'a\u2028b\u2029c',
  '</script><script>globalThis.pwned = 3</script>',
  '" + (globalThis.pwned = 4) + "',
  "' + (globalThis.pwned = 5) + '",
  'back\\slash\\',
  'multi\nline\r\n',
  'nul\u0000',
  '__proto__',
  'constructor',
  // U+2E2F is a letter (Lm) that no identifier may hold: a bare key with it is a syntax error.
  '\u2e2f',
  'a\u2e2f',
];

const build = evaluateZod;
/** The schema under the default and prototype-shadowing wrappers. */
const unwrap = (schema: z.ZodType): z.ZodType => {
  if (schema instanceof z.ZodPipe) return unwrap(schema.out as z.ZodType);
  if (schema instanceof z.ZodDefault) return unwrap(schema.unwrap() as z.ZodType);
  return schema;
};
const pwned = (): unknown => (globalThis as Record<string, unknown>).pwned;

describe('emitZod: hostile strings from the spec', () => {
  it('keeps keys, enum values and defaults intact and inert, and writes no description', () => {
    const properties: Record<string, JsonSchema> = {};
    HOSTILE.forEach((text, index) => {
      Object.defineProperty(properties, text, {
        value: { type: 'string', description: text, enum: [text, `${index}`], default: text },
        enumerable: true,
      });
    });
    const schema: JsonSchema = { type: 'object', description: HOSTILE.join(' | '), properties, required: [] };
    const tree = emitZod({ schema, strictRoot: true });
    const code = printDeclarations(constant({ name: 'schema', value: tree }));
    expect(code).not.toMatch(/[\u2028\u2029\r\u0000]/);
    expect(code).not.toContain('.describe(');
    const built = build(tree) as z.ZodObject;
    expect(pwned()).toBeUndefined();
    expect(Object.keys(built.shape)).toEqual(HOSTILE);
    for (const text of HOSTILE.filter((key) => key !== '__proto__')) {
      const field = unwrap(built.shape[text] as z.ZodType) as z.ZodEnum;
      expect(field.options).toContain(text);
    }
    const parsed = built.parse({}) as Record<string, unknown>;
    expect(parsed.constructor).toBe('constructor');
    expect(parsed['*/ globalThis.pwned = 1; /*']).toBe('*/ globalThis.pwned = 1; /*');
  });

  it('keeps a hostile pattern as data', () => {
    const pattern = '^\\*/`\\$\\{x\\}</script>"\'\\\\$';
    const code = emitZod({ schema: { type: 'string', pattern } });
    const built = build(code);
    expect(built.safeParse('*/`${x}</script>"\'\\').success).toBe(true);
    expect(built.safeParse('other').success).toBe(false);
    expect(pwned()).toBeUndefined();
  });

  it('keeps hostile object defaults as own data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"*/":"`${x}`"}') as Record<string, string>;
    const schema: JsonSchema = { type: 'object', additionalProperties: { type: ['object', 'string'] }, default: value };
    const built = build(emitZod({ schema }));
    const parsed = built.parse(undefined) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', '*/']);
    expect(parsed['*/']).toBe('`${x}`');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
