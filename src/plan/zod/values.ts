import type { JsonValue } from '../../model/json-schema.js';
import { jsonLiteral } from './literal.js';
import { isPrimitive, type Primitive } from './schema-types.js';

/** `z.literal` for a primitive const; undefined (fall back to the type) for objects and arrays. */
export function emitConst(value: JsonValue | undefined): string | undefined {
  if (value === undefined || !isPrimitive(value)) return undefined;
  return literalOf(value);
}

/**
 * An enum: `z.enum` when every value is a string, a union of literals when
 * mixed, `.nullable()` for a null member. Undefined (fall back to the type)
 * when a value is an object or array, which zod literals cannot express.
 */
export function emitEnum(values: readonly JsonValue[] | undefined): string | undefined {
  if (values === undefined || !values.every(isPrimitive)) return undefined;
  const nonNull = values.filter((value): value is Exclude<Primitive, null> => value !== null);
  const nullable = nonNull.length < values.length;
  let code: string;
  if (nonNull.length === 0) return nullable ? 'z.null()' : 'z.never()';
  if (nonNull.length === 1) code = literalOf(nonNull[0] as Primitive);
  else if (nonNull.every((value) => typeof value === 'string')) code = `z.enum(${jsonLiteral(nonNull)})`;
  else code = `z.union([${nonNull.map(literalOf).join(', ')}])`;
  return nullable ? `${code}.nullable()` : code;
}

function literalOf(value: Primitive): string {
  return value === null ? 'z.null()' : `z.literal(${jsonLiteral(value)})`;
}
