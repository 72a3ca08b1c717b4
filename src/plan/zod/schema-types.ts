import type { JsonSchema, JsonSchemaType } from '../../model/json-schema.js';

/** The schema's `type` as a list (empty when the schema does not constrain it). */
export function schemaTypes(schema: JsonSchema): JsonSchemaType[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** A JSON value zod can take as a `z.literal`. */
export type Primitive = string | number | boolean | null;

export function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
