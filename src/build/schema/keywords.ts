import type { JsonSchema, JsonSchemaType, JsonValue } from '../../model/json-schema.js';
import type { NormalizeContext } from './context.js';
import { toJsonValue } from './json-value.js';
import { enumWithinLimit, keptMinimum, keptPattern } from './limits.js';
import { own, ownCount, ownFiniteNumber, ownString, type RawSchema } from './raw.js';

/** Annotations that sit on a composition's outer schema and survive its collapse. */
export type Annotations = Pick<JsonSchema, 'title' | 'description' | 'default' | 'examples' | 'deprecated'>;

/** title, description, default, examples (a single 3.0 `example` becomes `examples`), deprecated. */
export function readAnnotations(raw: RawSchema): Annotations {
  const result: Annotations = {};
  const title = ownString(raw, 'title');
  if (title !== undefined) result.title = title;
  const description = ownString(raw, 'description');
  if (description !== undefined) result.description = description;
  if (own(raw, 'default') !== undefined) {
    const value = toJsonValue(own(raw, 'default'));
    if (value !== undefined) result.default = value;
  }
  const examples = readExamples(raw);
  if (examples.length > 0) result.examples = examples;
  if (own(raw, 'deprecated') === true) result.deprecated = true;
  return result;
}

function readExamples(raw: RawSchema): JsonValue[] {
  const listed = own(raw, 'examples');
  if (Array.isArray(listed)) {
    return listed.map((example) => toJsonValue(example)).filter((example) => example !== undefined);
  }
  if (own(raw, 'example') === undefined) return [];
  const single = toJsonValue(own(raw, 'example'));
  return single === undefined ? [] : [single];
}

/** Copies the defined annotations onto `target`, overriding what it has. */
export function applyAnnotations(input: { target: JsonSchema; annotations: Annotations }): JsonSchema {
  const result = { ...input.target };
  for (const key of ['title', 'description', 'default', 'examples', 'deprecated'] as const) {
    const value = input.annotations[key];
    if (value !== undefined) Object.assign(result, { [key]: value });
  }
  return result;
}

/** enum (JSON values, deduplicated; dropped when none is usable, or when there are too many) and const. */
export function readValueKeywords(input: {
  raw: RawSchema;
  ctx: NormalizeContext;
}): Pick<JsonSchema, 'enum' | 'const'> {
  const { raw } = input;
  const result: Pick<JsonSchema, 'enum' | 'const'> = {};
  const listed = own(raw, 'enum');
  if (Array.isArray(listed) && enumWithinLimit({ raw, values: listed, ctx: input.ctx })) {
    const values: JsonValue[] = [];
    // Keyed by canonical text: deduplicating by pairwise comparison took minutes on large enums.
    const seen = new Set<string>();
    for (const item of listed) {
      const value = toJsonValue(item);
      if (value === undefined) continue;
      const key = canonicalText(value);
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(value);
    }
    if (values.length > 0) result.enum = values;
  }
  if (own(raw, 'const') !== undefined) {
    const value = toJsonValue(own(raw, 'const'));
    if (value !== undefined) result.const = value;
  }
  return result;
}

/** JSON text with object keys sorted: equal for values `jsonEqual` finds equal. */
function canonicalText(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalText(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * format, and the string and number constraints relevant to `types` (all of
 * them when the schema is untyped). 3.0 boolean exclusive bounds become the
 * 3.1 numeric form.
 */
export function readScalarConstraints(input: {
  raw: RawSchema;
  types: readonly JsonSchemaType[];
  ctx: NormalizeContext;
}): JsonSchema {
  const { raw, types, ctx } = input;
  const result: JsonSchema = {};
  const format = ownString(raw, 'format');
  if (format !== undefined) result.format = format;
  const any = types.length === 0;
  if (any || types.includes('string')) {
    const minLength = keptMinimum({ raw, keyword: 'minLength', value: ownCount(raw, 'minLength'), ctx });
    if (minLength !== undefined) result.minLength = minLength;
    const maxLength = ownCount(raw, 'maxLength');
    if (maxLength !== undefined) result.maxLength = maxLength;
    const written = ownString(raw, 'pattern');
    const pattern = written === undefined ? undefined : keptPattern({ raw, pattern: written, ctx });
    if (pattern !== undefined) result.pattern = pattern;
  }
  if (any || types.includes('number') || types.includes('integer')) Object.assign(result, readNumberConstraints(raw));
  return result;
}

function readNumberConstraints(raw: RawSchema): JsonSchema {
  const result: JsonSchema = {};
  const minimum = ownFiniteNumber(raw, 'minimum');
  const maximum = ownFiniteNumber(raw, 'maximum');
  const exclusiveMin = own(raw, 'exclusiveMinimum');
  const exclusiveMax = own(raw, 'exclusiveMaximum');
  if (minimum !== undefined) {
    if (exclusiveMin === true) result.exclusiveMinimum = minimum;
    else result.minimum = minimum;
  }
  if (maximum !== undefined) {
    if (exclusiveMax === true) result.exclusiveMaximum = maximum;
    else result.maximum = maximum;
  }
  const numericMin = ownFiniteNumber(raw, 'exclusiveMinimum');
  if (numericMin !== undefined) result.exclusiveMinimum = numericMin;
  const numericMax = ownFiniteNumber(raw, 'exclusiveMaximum');
  if (numericMax !== undefined) result.exclusiveMaximum = numericMax;
  const multipleOf = ownFiniteNumber(raw, 'multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) result.multipleOf = multipleOf;
  return result;
}
