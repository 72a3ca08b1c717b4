import type { JsonSchema, JsonSchemaType } from '../../model/json-schema.js';
import { isRecord, own, type RawSchema } from './raw.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * The types a spec schema allows, deduplicated in spec order, with `null`
 * appended for `nullable: true`. A missing type is inferred only from
 * structure (properties, additionalProperties → object; items → array).
 */
export function readTypes(raw: RawSchema): JsonSchemaType[] {
  const declared = own(raw, 'type');
  const listed = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : [];
  const types: JsonSchemaType[] = [];
  for (const type of listed) {
    if (typeof type === 'string' && KNOWN_TYPES.has(type) && !types.includes(type as JsonSchemaType)) {
      types.push(type as JsonSchemaType);
    }
  }
  if (types.length === 0) {
    if (isRecord(own(raw, 'properties')) || isRecord(own(raw, 'additionalProperties'))) types.push('object');
    else if (own(raw, 'items') !== undefined) types.push('array');
  }
  // A type-less nullable schema already accepts null; adding a `null` type would narrow it.
  if (isNullable(raw) && types.length > 0 && !types.includes('null')) types.push('null');
  return types;
}

/** OpenAPI 3.0 `nullable: true` (also honoured in 3.1 documents, where tools still emit it). */
export function isNullable(raw: RawSchema): boolean {
  return own(raw, 'nullable') === true;
}

/** `type` as stored: a single string, a list when several, absent when none. */
export function typeValue(types: readonly JsonSchemaType[]): JsonSchema['type'] {
  if (types.length === 0) return undefined;
  return types.length === 1 ? types[0] : [...types];
}

/** The schema's types as a list (empty when unconstrained). */
export function typeList(schema: JsonSchema): JsonSchemaType[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

const NULL_SCHEMA: JsonSchema = { type: 'null' };

/** Makes a normalized schema also accept null, in the most direct form available. */
export function makeNullable(schema: JsonSchema): JsonSchema {
  const types = typeList(schema);
  if (types.length > 0) {
    const result: JsonSchema = { ...schema, type: typeValue(types.includes('null') ? types : [...types, 'null']) };
    return withNullValue(result);
  }
  if (schema.enum !== undefined || schema.const !== undefined) return withNullValue(schema);
  if (schema.anyOf !== undefined && !schema.oneOf && !schema.allOf) {
    if (schema.anyOf.some((member) => member.type === 'null')) return schema;
    return { ...schema, anyOf: [...schema.anyOf, { ...NULL_SCHEMA }] };
  }
  if (!schema.oneOf && !schema.allOf) return schema; // unconstrained: null already valid
  const { description, title, default: dflt, examples, deprecated, ...inner } = schema;
  const wrapper: JsonSchema = { anyOf: [inner, { ...NULL_SCHEMA }] };
  if (title !== undefined) wrapper.title = title;
  if (description !== undefined) wrapper.description = description;
  if (dflt !== undefined) wrapper.default = dflt;
  if (examples !== undefined) wrapper.examples = examples;
  if (deprecated !== undefined) wrapper.deprecated = deprecated;
  return wrapper;
}

/** An `enum` or `const` would still exclude null after widening the type, so widen it too. */
function withNullValue(schema: JsonSchema): JsonSchema {
  if (schema.enum !== undefined && !schema.enum.includes(null)) return { ...schema, enum: [...schema.enum, null] };
  if (schema.const !== undefined && schema.const !== null) {
    const { const: value, ...rest } = schema;
    return { ...rest, enum: [value, null] };
  }
  return schema;
}
