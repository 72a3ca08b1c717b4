import { RE2JS } from 're2js';
import { z } from 'zod';

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
      compiled ??= RE2JS.compile(RE2JS.translateRegExp(source));
      return compiled.test(value);
    },
    { error: `must match the pattern ${source}` },
  );
}
