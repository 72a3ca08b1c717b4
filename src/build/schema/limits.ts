import type { NormalizeContext } from './context.js';
import { MAX_QUANTIFIER_BOUND, MAX_PATTERN_MIN_LENGTH, patternRisk } from './pattern-risk.js';
import type { RawSchema } from './raw.js';
import { compileSpecPattern } from './spec-pattern.js';

/**
 * Limits on what a normalized schema keeps, so that generation, the
 * `tools/list` entry and the sample values of the generated tests stay
 * small whatever the spec says. A keyword beyond them is left out and
 * reported (the API still enforces it).
 */
export const MAX_ENUM_VALUES = 1000;
/** Elements (array items, extra properties) the smallest valid value may have, multiplied through nesting. */
export const MAX_SAMPLE_ELEMENTS = 10_000;
/** Characters a string's smallest valid value may have, multiplied by the elements around it. */
export const MAX_SAMPLE_CHARACTERS = 100_000;

/** One keyword left out of a schema, reported by the tool builder with the place the spec writes it. */
export interface SchemaIssue {
  code: 'MCPGEN_SCHEMA_PATTERN_UNSUPPORTED' | 'MCPGEN_SCHEMA_LIMIT';
  /** The schema object holding the keyword. */
  raw: object;
  keyword: string;
  value: unknown;
  message: string;
}

/**
 * The pattern, unless the generated server could not run it in linear time
 * or it builds huge strings (then reported and left out, from `tools/list`
 * too: what clients are told is what the server checks).
 */
export function keptPattern(input: { raw: RawSchema; pattern: string; ctx: NormalizeContext }): string | undefined {
  const shown = JSON.stringify(input.pattern.length > 80 ? `${input.pattern.slice(0, 77)}...` : input.pattern);
  const leftOut = 'mcpgen leaves it out, so neither the generated server nor its tests check it (the API still does)';
  const report = (code: SchemaIssue['code'], why: string): undefined => {
    input.ctx.report({
      code,
      raw: input.raw,
      keyword: 'pattern',
      value: input.pattern,
      message: `pattern ${shown} ${why}; ${leftOut}`,
    });
    return undefined;
  };
  const risk = patternRisk(input.pattern);
  if (risk === undefined) {
    const compiled = compileSpecPattern(input.pattern);
    return compiled.ok ? input.pattern : report('MCPGEN_SCHEMA_PATTERN_UNSUPPORTED', compiled.reason);
  }
  switch (risk.kind) {
    case 'too-nested':
      return report('MCPGEN_SCHEMA_LIMIT', 'nests groups more than 100 deep');
    case 'huge-count':
      return report(
        'MCPGEN_SCHEMA_LIMIT',
        `repeats something ${risk.count} times (mcpgen keeps counts up to ${MAX_QUANTIFIER_BOUND})`,
      );
    case 'too-long':
      return report(
        'MCPGEN_SCHEMA_LIMIT',
        `matches nothing shorter than ${MAX_PATTERN_MIN_LENGTH.toLocaleString('en-US')} characters`,
      );
  }
}

/**
 * A minimum count (`minItems`, `minProperties`: `elements`) or length
 * (`minLength`: `characters`), unless the smallest valid value, times the
 * elements of the values around it, would be too large (then reported and left out).
 */
export function keptMinimum(input: {
  raw: RawSchema;
  keyword: 'minLength' | 'minItems' | 'minProperties';
  value: number | undefined;
  ctx: NormalizeContext;
}): number | undefined {
  const { value, ctx } = input;
  if (value === undefined) return undefined;
  const characters = input.keyword === 'minLength';
  const limit = characters ? MAX_SAMPLE_CHARACTERS : MAX_SAMPLE_ELEMENTS;
  if (value * ctx.repeat <= limit) return value;
  const around = ctx.repeat > 1 ? `, inside values that repeat ${ctx.repeat} times,` : '';
  ctx.report({
    code: 'MCPGEN_SCHEMA_LIMIT',
    raw: input.raw,
    keyword: input.keyword,
    value,
    message: `${input.keyword} ${value}${around} makes the smallest valid value larger than ${limit.toLocaleString('en-US')} ${
      characters ? 'characters' : 'elements'
    }; mcpgen leaves ${input.keyword} out (the API still checks it)`,
  });
  return undefined;
}

/** An enum of at most MAX_ENUM_VALUES values; a longer one is reported and left out. */
export function enumWithinLimit(input: { raw: RawSchema; values: unknown[]; ctx: NormalizeContext }): boolean {
  if (input.values.length <= MAX_ENUM_VALUES) return true;
  input.ctx.report({
    code: 'MCPGEN_SCHEMA_LIMIT',
    raw: input.raw,
    keyword: 'enum',
    value: input.values,
    message: `enum of ${input.values.length} values: mcpgen keeps enums of up to ${MAX_ENUM_VALUES} values and leaves this one out, so any value of its type is accepted (the API still checks it)`,
  });
  return false;
}
