import type { JsonSchema } from '../../model/json-schema.js';
import { emitAllOf, emitUnion } from './composition.js';
import { usableDefault } from './default-value.js';
import { jsonLiteral, stringLiteral } from './literal.js';
import { emitArray, emitObject } from './object.js';
import { emitNumber, emitString } from './scalars.js';
import { schemaTypes } from './schema-types.js';
import { emitConst, emitEnum } from './values.js';

/** Zod source for one schema, and whether it carries a default (which already makes a key optional). */
export interface Emitted {
  code: string;
  hasDefault: boolean;
}

/**
 * A zod 4 expression (for a file that does `import { z } from 'zod'`)
 * validating exactly what `schema` allows. The root object is
 * `z.strictObject` when `strictRoot` (unknown tool arguments rejected);
 * nested objects strip unknown keys unless closed by the schema.
 */
export function emitZod(input: { schema: JsonSchema; strictRoot?: boolean }): string {
  return emitSchema({ schema: input.schema, strictRoot: input.strictRoot === true }).code;
}

/** The schema with its description and (when valid) its default applied. */
export function emitSchema(input: { schema: JsonSchema; strictRoot?: boolean }): Emitted {
  const { schema } = input;
  let code = emitBase(input);
  if (schema.description !== undefined) code += `.describe(${stringLiteral(schema.description)})`;
  const value = usableDefault(schema);
  if (value !== undefined) code += `.default(${jsonLiteral(value)})`;
  return { code, hasDefault: value !== undefined };
}

const child = (schema: JsonSchema): Emitted => emitSchema({ schema });

function emitBase(input: { schema: JsonSchema; strictRoot?: boolean }): string {
  const { schema } = input;
  const composed = emitComposition(schema);
  if (composed === undefined) return emitTyped(input);
  const rest = withoutComposition(schema);
  return isUnconstrained(rest) ? composed : `z.intersection(${emitTyped({ ...input, schema: rest })}, ${composed})`;
}

function emitComposition(schema: JsonSchema): string | undefined {
  const parts: string[] = [];
  if (schema.allOf !== undefined && schema.allOf.length > 0)
    parts.push(emitAllOf({ members: schema.allOf, emit: child }));
  for (const members of [schema.anyOf, schema.oneOf]) {
    if (members !== undefined && members.length > 0) parts.push(emitUnion({ members, emit: child }));
  }
  if (parts.length === 0) return undefined;
  return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
}

/** The schema by its const, enum or type(s); a `null` among several types becomes `.nullable()`. */
function emitTyped(input: { schema: JsonSchema; strictRoot?: boolean }): string {
  const { schema } = input;
  const byValue = emitConst(schema.const) ?? emitEnum(schema.enum);
  if (byValue !== undefined) return byValue;
  const types = schemaTypes(schema);
  if (types.length === 0) return 'z.unknown()';
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
        return 'z.boolean()';
      case 'object':
        return emitObject({ schema, strict: input.strictRoot === true, emit: child });
      case 'array':
        return emitArray({ schema, emit: child });
      default:
        return 'z.null()';
    }
  });
  const [first] = codes;
  if (first === undefined) return 'z.null()';
  const base = codes.length === 1 ? first : `z.union([${codes.join(', ')}])`;
  return nullable ? `${base}.nullable()` : base;
}

function withoutComposition(schema: JsonSchema): JsonSchema {
  const { allOf: _allOf, anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  return rest;
}

const ANNOTATIONS: ReadonlySet<string> = new Set(['title', 'description', 'default', 'examples', 'deprecated']);

function isUnconstrained(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key));
}
