import type { JsonSchema } from '../../model/json-schema.js';
import { checkedFormat, compilePattern } from './formats.js';
import { call, id, method, num, str, zod, type Expr } from '../syntax.js';

/**
 * A string: the zod format check when zod has one, then length bounds and the
 * pattern, checked by the runtime's `specPattern` (RE2, linear time; skipped
 * when it does not compile there). The file using it imports `specPattern`.
 */
/** The runtime function emitted code calls for patterns (runtime/src/pattern.ts). */
export const SPEC_PATTERN = 'specPattern';

export function emitString(schema: JsonSchema): Expr {
  let code = checkedFormat(schema.format)?.code() ?? zod('string');
  if (schema.minLength !== undefined && schema.minLength > 0) code = method(code, 'min', [num(schema.minLength)]);
  if (schema.maxLength !== undefined) code = method(code, 'max', [num(schema.maxLength)]);
  if (compilePattern(schema.pattern) !== undefined && schema.pattern !== undefined) {
    code = method(code, 'check', [call(id(SPEC_PATTERN), [str(schema.pattern)])]);
  }
  return code;
}

/** A number, `.int()` for integers (int64 included: beyond 2^53 JSON numbers are not exact anyway). */
export function emitNumber(input: { schema: JsonSchema; integer: boolean }): Expr {
  const { schema } = input;
  let code = input.integer ? method(zod('number'), 'int') : zod('number');
  if (schema.minimum !== undefined) code = method(code, 'min', [num(schema.minimum)]);
  if (schema.exclusiveMinimum !== undefined) code = method(code, 'gt', [num(schema.exclusiveMinimum)]);
  if (schema.maximum !== undefined) code = method(code, 'max', [num(schema.maximum)]);
  if (schema.exclusiveMaximum !== undefined) code = method(code, 'lt', [num(schema.exclusiveMaximum)]);
  if (schema.multipleOf !== undefined && schema.multipleOf > 0)
    code = method(code, 'multipleOf', [num(schema.multipleOf)]);
  return code;
}
