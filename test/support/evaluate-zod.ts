/**
 * Evaluates a zod expression emitted by mcpgen the way a generated module
 * runs it: with `z` and the runtime's `specPattern` in scope.
 */
import { z } from 'zod';
import { specPattern } from '../../runtime/src/pattern.js';

export function evaluateZod(code: string): z.ZodType {
  return new Function('z', 'specPattern', `return ${code};`)(z, specPattern) as z.ZodType;
}
