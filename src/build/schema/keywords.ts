import type { JsonSchema, JsonSchemaType, JsonValue } from '../../model/json-schema.js';
import { jsonEqual, toJsonValue } from './json-value.js';
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

/** enum (JSON values, deduplicated; dropped when none is usable) and const. */
export function readValueKeywords(raw: RawSchema): Pick<JsonSchema, 'enum' | 'const'> {
  const result: Pick<JsonSchema, 'enum' | 'const'> = {};
  const listed = own(raw, 'enum');
  if (Array.isArray(listed)) {
    const values: JsonValue[] = [];
    for (const item of listed) {
      const value = toJsonValue(item);
      if (value !== undefined && !values.some((seen) => jsonEqual(seen, value))) values.push(value);
    }
    if (values.length > 0) result.enum = values;
  }
  if (own(raw, 'const') !== undefined) {
    const value = toJsonValue(own(raw, 'const'));
    if (value !== undefined) result.const = value;
  }
  return result;
}

/**
 * format, and the string and number constraints relevant to `types` (all of
 * them when the schema is untyped). 3.0 boolean exclusive bounds become the
 * 3.1 numeric form.
 */
export function readScalarConstraints(input: { raw: RawSchema; types: readonly JsonSchemaType[] }): JsonSchema {
  const { raw, types } = input;
  const result: JsonSchema = {};
  const format = ownString(raw, 'format');
  if (format !== undefined) result.format = format;
  const any = types.length === 0;
  if (any || types.includes('string')) {
    const minLength = ownCount(raw, 'minLength');
    if (minLength !== undefined) result.minLength = minLength;
    const maxLength = ownCount(raw, 'maxLength');
    if (maxLength !== undefined) result.maxLength = maxLength;
    const pattern = ownString(raw, 'pattern');
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
