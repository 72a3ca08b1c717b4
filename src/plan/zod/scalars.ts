import type { JsonSchema } from '../../model/json-schema.js';
import { checkedFormat, compilePattern } from './formats.js';
import { jsonLiteral, stringLiteral } from './literal.js';

/**
 * A string: the zod format check when zod has one, then length bounds and the
 * pattern, checked by the runtime's `specPattern` (RE2, linear time; skipped
 * when it does not compile there). The file using it imports `specPattern`.
 */
/** The runtime function emitted code calls for patterns (runtime/src/pattern.ts). */
export const SPEC_PATTERN = 'specPattern';

export function emitString(schema: JsonSchema): string {
  let code = checkedFormat(schema.format)?.code ?? 'z.string()';
  if (schema.minLength !== undefined && schema.minLength > 0) code += `.min(${jsonLiteral(schema.minLength)})`;
  if (schema.maxLength !== undefined) code += `.max(${jsonLiteral(schema.maxLength)})`;
  if (compilePattern(schema.pattern) !== undefined && schema.pattern !== undefined) {
    code += `.check(${SPEC_PATTERN}(${stringLiteral(schema.pattern)}))`;
  }
  return code;
}

/** A number, `.int()` for integers (int64 included: beyond 2^53 JSON numbers are not exact anyway). */
export function emitNumber(input: { schema: JsonSchema; integer: boolean }): string {
  const { schema } = input;
  let code = input.integer ? 'z.number().int()' : 'z.number()';
  if (schema.minimum !== undefined) code += `.min(${jsonLiteral(schema.minimum)})`;
  if (schema.exclusiveMinimum !== undefined) code += `.gt(${jsonLiteral(schema.exclusiveMinimum)})`;
  if (schema.maximum !== undefined) code += `.max(${jsonLiteral(schema.maximum)})`;
  if (schema.exclusiveMaximum !== undefined) code += `.lt(${jsonLiteral(schema.exclusiveMaximum)})`;
  if (schema.multipleOf !== undefined && schema.multipleOf > 0)
    code += `.multipleOf(${jsonLiteral(schema.multipleOf)})`;
  return code;
}
