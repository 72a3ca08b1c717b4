import { createRequire as requireFrom } from 'node:module';
import type { RE2JS } from 're2js';
import * as z from 'zod';

const load = requireFrom(import.meta.url);
/** re2js (150 kB) is loaded by the first pattern check, not at start: most calls of most servers run none. */
let engine: typeof RE2JS | undefined;

/**
 * The zod check for a spec's `pattern`, run by RE2 (re2js): matching time is
 * linear in the input, so no argument and no API response can pin the CPU
 * the way `^(a+)+$` does a backtracking engine. mcpgen keeps only patterns
 * that compile here and are valid ECMA-262, and translates the ECMA-262
 * syntax the same way at generation time. Compiled on first use: a tool
 * never called costs nothing at start.
 */
export function specPattern(source: string): z.core.$ZodCheck<string> {
  let compiled: RE2JS | undefined;
  return z.refine<string>(
    (value) => {
      engine ??= (load('re2js') as typeof import('re2js')).RE2JS;
      compiled ??= engine.compile(engine.translateRegExp(source));
      return compiled.test(value);
    },
    { error: `must match the pattern ${source}` },
  );
}
