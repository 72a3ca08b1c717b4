import type { JsonValue } from '../../model/json-schema.js';
import { array, bool, method, num, str, zod, type Expr } from '../syntax.js';
import { isPrimitive, type Primitive } from './schema-types.js';

/** `z.literal` for a primitive const; undefined (fall back to the type) for objects and arrays. */
export function emitConst(value: JsonValue | undefined): Expr | undefined {
  if (value === undefined || !isPrimitive(value)) return undefined;
  return literalOf(value);
}

/**
 * An enum: `z.enum` when every value is a string, a union of literals when
 * mixed, `.nullable()` for a null member. Undefined (fall back to the type)
 * when a value is an object or array, which zod literals cannot express.
 */
export function emitEnum(values: readonly JsonValue[] | undefined): Expr | undefined {
  if (values === undefined || !values.every(isPrimitive)) return undefined;
  const nonNull = values.filter((value): value is Exclude<Primitive, null> => value !== null);
  const nullable = nonNull.length < values.length;
  let code: Expr;
  if (nonNull.length === 0) return zod(nullable ? 'null' : 'never');
  if (nonNull.length === 1) code = literalOf(nonNull[0] as Primitive);
  else if (nonNull.every((value) => typeof value === 'string'))
    code = zod('enum', [array((nonNull as string[]).map(str))]);
  else code = zod('union', [array(nonNull.map(literalOf))]);
  return nullable ? method(code, 'nullable') : code;
}

function literalOf(value: Primitive): Expr {
  if (value === null) return zod('null');
  const literal = typeof value === 'string' ? str(value) : typeof value === 'number' ? num(value) : bool(value);
  return zod('literal', [literal]);
}
