/**
 * The normalized JSON Schema (draft 2020-12 subset) every tool schema is
 * reduced to. It is both what `tools/list` sends and the single source the
 * zod code is generated from, so the two cannot disagree.
 *
 * Invariants the builder guarantees: no `$ref`, no `nullable` (nulls are
 * `type` arrays or an `anyOf` member), every array has `items`, `allOf` is
 * merged away wherever the parts are plain objects.
 */
export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonSchema {
  /** One type, or several when the value may also be `null` (OpenAPI 3.0 `nullable`, 3.1 type arrays). */
  type?: JsonSchemaType | JsonSchemaType[];
  title?: string;
  description?: string;
  default?: JsonValue;
  examples?: JsonValue[];
  deprecated?: boolean;
  enum?: JsonValue[];
  const?: JsonValue;
  /** Kept for strings: date-time, date, time, email, uuid, uri, hostname, ipv4, ipv6, byte, binary… */
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `false` for closed objects, a schema for dictionaries; absent means open. */
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
