/**
 * Evaluates a zod expression emitted by mcpgen the way a generated module
 * runs it: printed by the code printer, with `z` and the runtime's
 * `specPattern` in scope.
 */
import { z } from 'zod';
import { specPattern } from '../../runtime/src/pattern.js';
import { constant, type Expr } from '../../src/plan/syntax.js';
import { printDeclarations } from '../../src/render/code/print.js';

export function evaluateZod(code: string | Expr): z.ZodType {
  const source =
    typeof code === 'string'
      ? `return ${code};`
      : `${printDeclarations(constant({ name: 'schema', value: code, exported: false }))}\nreturn schema;`;
  return new Function('z', 'specPattern', source)(z, specPattern) as z.ZodType;
}
