import type { JsonSchema, JsonSchemaType, JsonValue } from '../../model/json-schema.js';
import { conforms } from './conforms.js';
import { usableDefault } from './default-value.js';
import { sampleNumber, sampleString } from './sample-scalars.js';
import { schemaTypes } from './schema-types.js';

const MAX_DEPTH = 64;

/**
 * A deterministic value valid against `schema` (and so accepted by the zod
 * emitted for it), for generated contract tests: the default, else a valid
 * example, enum value or const, else one built from the type with only the
 * required properties, `minItems` (at least one) array items, and the first
 * member of a union.
 */
export function sampleValue(schema: JsonSchema): JsonValue {
  return sample({ schema, depth: 0 });
}

function sample(input: { schema: JsonSchema; depth: number }): JsonValue {
  const { schema, depth } = input;
  if (depth > MAX_DEPTH) return null;
  const valid = (value: JsonValue): boolean => conforms({ value, schema, closedObjects: true });
  const fallback = usableDefault(schema);
  if (fallback !== undefined) return fallback;
  const example = schema.examples?.find(valid);
  if (example !== undefined) return example;
  if (schema.enum !== undefined && schema.enum.length > 0)
    return schema.enum.find(valid) ?? (schema.enum[0] as JsonValue);
  if (schema.const !== undefined) return schema.const;
  const next = (child: JsonSchema): JsonValue => sample({ schema: child, depth: depth + 1 });
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined && union.length > 0) {
    // The first member that yields a valid value; null members last, as the least telling.
    const ordered = [
      ...union.filter((member) => member.type !== 'null'),
      ...union.filter((member) => member.type === 'null'),
    ];
    let first: JsonValue | undefined;
    for (const member of ordered) {
      const value = next(member);
      if (conforms({ value, schema: member, closedObjects: true })) return value;
      first ??= value;
    }
    return first ?? null;
  }
  if (schema.allOf !== undefined && schema.allOf.length > 0) return mergeSamples(schema.allOf.map(next));
  const types = schemaTypes(schema);
  const built = byType({ schema, type: types.find((candidate) => candidate !== 'null') ?? types[0], next });
  // Bounds no value of the type can meet (min above max) still leave null, when allowed.
  return types.includes('null') && !valid(built) ? null : built;
}

function byType(input: {
  schema: JsonSchema;
  type: JsonSchemaType | undefined;
  next: (child: JsonSchema) => JsonValue;
}): JsonValue {
  const { schema, next } = input;
  switch (input.type) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema);
    case 'number':
    case 'integer':
      return sampleNumber({ schema, integer: input.type === 'integer' });
    case 'array':
      return sampleArray({ schema, next });
    case 'object':
      return sampleObject({ schema, next });
    default:
      return {}; // unconstrained: anything goes, and APIs mostly take objects
  }
}

function sampleArray(input: { schema: JsonSchema; next: (child: JsonSchema) => JsonValue }): JsonValue[] {
  const { schema } = input;
  const count = Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? Infinity);
  if (count === 0) return [];
  const item = input.next(schema.items ?? {});
  return Array.from({ length: count }, () => item);
}

function sampleObject(input: { schema: JsonSchema; next: (child: JsonSchema) => JsonValue }): JsonValue {
  const { schema, next } = input;
  const result: { [key: string]: JsonValue } = {};
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const wanted = schema.minProperties ?? 0;
  const names = Object.keys(properties);
  // Required properties first; optional ones only to reach minProperties.
  const chosen = [...names.filter((name) => required.has(name)), ...names.filter((name) => !required.has(name))].slice(
    0,
    Math.max(required.size, wanted),
  );
  for (const name of names) {
    if (chosen.includes(name)) setOwn({ target: result, key: name, value: next(properties[name] as JsonSchema) });
  }
  const extra = schema.additionalProperties;
  for (let index = 1; Object.keys(result).length < wanted && extra !== false; index += 1) {
    setOwn({ target: result, key: `key${index}`, value: next(typeof extra === 'object' ? extra : {}) });
  }
  return result;
}

/** allOf parts' samples combined: objects merged key by key, otherwise the first. */
function mergeSamples(samples: JsonValue[]): JsonValue {
  const isObject = (value: JsonValue): value is { [key: string]: JsonValue } =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!samples.every(isObject)) return samples[0] ?? null;
  const result: { [key: string]: JsonValue } = {};
  for (const part of samples) {
    for (const key of Object.keys(part)) setOwn({ target: result, key, value: part[key] as JsonValue });
  }
  return result;
}

function setOwn(input: { target: { [key: string]: JsonValue }; key: string; value: JsonValue }): void {
  Object.defineProperty(input.target, input.key, {
    value: input.value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
