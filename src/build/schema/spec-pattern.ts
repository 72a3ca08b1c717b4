import { RE2JS } from 're2js';

/** A compiled spec pattern: true when it matches somewhere in the value (JSON Schema `pattern` is not anchored). */
export interface CompiledPattern {
  test(value: string): boolean;
}

export type PatternCompilation = { ok: true; pattern: CompiledPattern } | { ok: false; reason: string };

/**
 * A spec's `pattern` compiled the way the generated server runs it: with RE2
 * (re2js), whose matching time is linear in the input, so that no argument
 * and no API response can pin the CPU (`^(a+)+$` on "aaaa…!" takes a
 * backtracking engine longer than the age of the universe). The pattern must
 * also be a valid ECMA-262 Unicode regex, because `tools/list` hands it to
 * clients that check it with their own engine. Lookarounds and
 * backreferences need backtracking, so RE2 refuses them: such a pattern is
 * not kept.
 */
export function compileSpecPattern(pattern: string): PatternCompilation {
  // Large specs repeat the same few patterns thousands of times, and RE2 compiles ~100x slower than RegExp.
  let compiled = CACHE.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    CACHE.set(pattern, compiled);
  }
  return compiled;
}

const CACHE = new Map<string, PatternCompilation>();

function compile(pattern: string): PatternCompilation {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return { ok: false, reason: 'is not a valid ECMA-262 regular expression in Unicode mode' };
  }
  try {
    return { ok: true, pattern: RE2JS.compile(RE2JS.translateRegExp(pattern)) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return {
      ok: false,
      reason: `cannot run in linear time (${detail}): lookarounds and backreferences need a backtracking engine`,
    };
  }
}
