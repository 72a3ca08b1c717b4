import type { JsonSchema } from '../../model/json-schema.js';
import { array, jsonValue, method, zod, type Expr } from '../syntax.js';
import { emitAllOf, emitUnion } from './composition.js';
import { usableDefault } from './default-value.js';
import { emitArray, emitObject } from './object.js';
import { emitNumber, emitString } from './scalars.js';
import { schemaTypes } from './schema-types.js';
import { emitConst, emitEnum } from './values.js';

/** Zod syntax for one schema, and whether it carries a default (which already makes a key optional). */
export interface Emitted {
  code: Expr;
  hasDefault: boolean;
}

/** Where a sub-schema sits in its parent: a property, an array's items, a dictionary's values, a composition member. */
export type Place = { property: string } | { role: 'item' | 'value' | 'option' };

/**
 * Writes a sub-schema's own code: what validates it, without the default and
 * optionality its parent adds. Inline by default; the sharing pass
 * (shared.ts) answers with the name of a shared constant instead.
 */
export type EmitSub = (schema: JsonSchema, place: Place) => Expr;

/** A sub-schema as its parent writes it: its own code, then its default. */
export type EmitChild = (schema: JsonSchema, place: Place) => Emitted;

/**
 * A zod 4 expression (for a file that does `import * as z from 'zod'`)
 * validating exactly what `schema` allows. The root object is
 * `z.strictObject` when `strictRoot` (unknown tool arguments rejected);
 * nested objects strip unknown keys unless closed by the schema.
 *
 * Descriptions, titles and examples are not written: zod only validates here.
 * What a tool's schemas mean is in its `tools/list` entry (tools/listings.ts)
 * and in the manifest, and nothing at runtime reads zod metadata.
 */
export function emitZod(input: { schema: JsonSchema; strictRoot?: boolean; sub?: EmitSub }): Expr {
  const base = emitBase({ schema: input.schema, strictRoot: input.strictRoot === true, sub: input.sub ?? inline });
  return withDefault(input.schema, base).code;
}

/** `base` (the code of `schema`) with the schema's default applied, when it has a valid one. */
export function withDefault(schema: JsonSchema, base: Expr): Emitted {
  const value = usableDefault(schema);
  if (value === undefined) return { code: base, hasDefault: false };
  return { code: method(base, 'default', [jsonValue(value)]), hasDefault: true };
}

/** The schema's own code (no default), its sub-schemas written by `sub`. */
export function emitBase(input: { schema: JsonSchema; strictRoot?: boolean; sub: EmitSub }): Expr {
  const { schema, sub } = input;
  const emit: EmitChild = (child, place) => withDefault(child, sub(child, place));
  const composed = emitComposition(schema, emit);
  const typed = { schema, strict: input.strictRoot === true, emit };
  if (composed === undefined) return emitTyped(typed);
  const rest = withoutComposition(schema);
  return isUnconstrained(rest) ? composed : zod('intersection', [emitTyped({ ...typed, schema: rest }), composed]);
}

const inline: EmitSub = (schema) => emitBase({ schema, sub: inline });

function emitComposition(schema: JsonSchema, emit: EmitChild): Expr | undefined {
  const parts: Expr[] = [];
  if (schema.allOf !== undefined && schema.allOf.length > 0) parts.push(emitAllOf({ members: schema.allOf, emit }));
  for (const members of [schema.anyOf, schema.oneOf]) {
    if (members !== undefined && members.length > 0) parts.push(emitUnion({ members, emit }));
  }
  if (parts.length === 0) return undefined;
  return parts.reduce((left, right) => zod('intersection', [left, right]));
}

/** The schema by its const, enum or type(s); a `null` among several types becomes `.nullable()`. */
function emitTyped(input: { schema: JsonSchema; strict: boolean; emit: EmitChild }): Expr {
  const { schema, emit } = input;
  const byValue = emitConst(schema.const) ?? emitEnum(schema.enum);
  if (byValue !== undefined) return byValue;
  const types = schemaTypes(schema);
  if (types.length === 0) return zod('unknown');
  const nullable = types.includes('null');
  // integer is a subset of number: the wider type alone says the same.
  const kinds = types.filter((type) => type !== 'null' && !(type === 'integer' && types.includes('number')));
  const codes = kinds.map((type) => {
    switch (type) {
      case 'string':
        return emitString(schema);
      case 'number':
      case 'integer':
        return emitNumber({ schema, integer: type === 'integer' });
      case 'boolean':
        return zod('boolean');
      case 'object':
        return emitObject({ schema, strict: input.strict, emit });
      case 'array':
        return emitArray({ schema, emit });
      default:
        return zod('null');
    }
  });
  const [first] = codes;
  if (first === undefined) return zod('null');
  const base = codes.length === 1 ? first : zod('union', [array(codes)]);
  return nullable ? method(base, 'nullable') : base;
}

function withoutComposition(schema: JsonSchema): JsonSchema {
  const { allOf: _allOf, anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  return rest;
}

const ANNOTATIONS: ReadonlySet<string> = new Set(['title', 'description', 'default', 'examples', 'deprecated']);

function isUnconstrained(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key));
}
