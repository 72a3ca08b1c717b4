import { z } from 'zod';
import type { JsonSchema, JsonSchemaType, JsonValue } from '../../model/json-schema.js';
import { checkedFormat, compilePattern } from './formats.js';
import { schemaTypes } from './schema-types.js';

const MAX_DEPTH = 128;

/**
 * Whether `value` is valid against `schema`, judged the way the emitted zod
 * judges it (same formats, patterns in Unicode mode, safe integers, unions
 * accepting any member). `closedObjects` also rejects keys an object does
 * not declare: a default carrying them would not type-check as a literal.
 */
export function conforms(input: { value: JsonValue; schema: JsonSchema; closedObjects?: boolean }): boolean {
  return check({ value: input.value, schema: input.schema, closed: input.closedObjects === true, depth: 0 });
}

interface Check {
  value: JsonValue;
  schema: JsonSchema;
  closed: boolean;
  depth: number;
}

function check(input: Check): boolean {
  const { value, schema } = input;
  if (input.depth > MAX_DEPTH) return false;
  const sub = (next: { value: JsonValue; schema: JsonSchema }): boolean =>
    check({ ...next, closed: input.closed, depth: input.depth + 1 });
  if (schema.allOf && !schema.allOf.every((member) => sub({ value, schema: member }))) return false;
  if (schema.anyOf && !schema.anyOf.some((member) => sub({ value, schema: member }))) return false;
  if (schema.oneOf && !schema.oneOf.some((member) => sub({ value, schema: member }))) return false;
  if (schema.const !== undefined && !sameValue(value, schema.const)) return false;
  if (schema.enum !== undefined && !schema.enum.some((option) => sameValue(value, option))) return false;
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.some((type) => hasType({ value, type }))) return false;
  if (typeof value === 'string') return checkString({ value, schema });
  if (typeof value === 'number') return checkNumber({ value, schema });
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    const items = schema.items;
    return items === undefined || value.every((item) => sub({ value: item, schema: items }));
  }
  if (value !== null && typeof value === 'object') return checkObject({ value, schema, closed: input.closed, sub });
  return true;
}

function hasType(input: { value: JsonValue; type: JsonSchemaType }): boolean {
  const { value, type } = input;
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
    case 'string':
      return typeof value === type;
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function checkString(input: { value: string; schema: JsonSchema }): boolean {
  const { value, schema } = input;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  const pattern = compilePattern(schema.pattern);
  if (pattern !== undefined && !pattern.test(value)) return false;
  const format = checkedFormat(schema.format);
  return format === undefined || format.check.safeParse(value).success;
}

/** Exported for the sampler, which searches for a number these bounds accept. */
export function checkNumber(input: { value: number; schema: JsonSchema }): boolean {
  const { value, schema } = input;
  if (schema.minimum !== undefined && value < schema.minimum) return false;
  if (schema.maximum !== undefined && value > schema.maximum) return false;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  // zod's own float-tolerant remainder, so the answer matches the emitted `.multipleOf()`.
  return schema.multipleOf === undefined || z.number().multipleOf(schema.multipleOf).safeParse(value).success;
}

function checkObject(input: {
  value: { [key: string]: JsonValue };
  schema: JsonSchema;
  closed: boolean;
  sub: (next: { value: JsonValue; schema: JsonSchema }) => boolean;
}): boolean {
  const { value, schema, sub } = input;
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(value, name)) return false;
  }
  const extra = schema.additionalProperties;
  for (const key of Object.keys(value)) {
    const child = value[key] as JsonValue;
    if (Object.hasOwn(properties, key)) {
      if (!sub({ value: child, schema: properties[key] as JsonSchema })) return false;
    } else if (typeof extra === 'object') {
      if (!sub({ value: child, schema: extra })) return false;
    } else if (extra === false || (input.closed && schema.properties !== undefined)) {
      return false;
    }
  }
  return true;
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameValue(
          (a as Record<string, JsonValue>)[key] as JsonValue,
          (b as Record<string, JsonValue>)[key] as JsonValue,
        ),
    )
  );
}
