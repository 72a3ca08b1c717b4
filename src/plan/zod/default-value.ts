import type { JsonSchema, JsonValue } from '../../model/json-schema.js';
import { conforms } from './conforms.js';

const MAX_DEPTH = 64;

/**
 * The default to emit for `schema`, or undefined when it has none or it is
 * invalid (zod 4 returns a default without parsing it, so an invalid one
 * would reach the API unchecked). Object defaults are completed with the
 * defaults of their absent properties: zod will not fill those in either,
 * and the output type promises them.
 */
export function usableDefault(schema: JsonSchema): JsonValue | undefined {
  return usable({ schema, depth: 0 });
}

function usable(input: { schema: JsonSchema; depth: number }): JsonValue | undefined {
  const { schema, depth } = input;
  if (schema.default === undefined || depth > MAX_DEPTH) return undefined;
  const completed = complete({ value: schema.default, schema, depth });
  return conforms({ value: completed, schema, closedObjects: true }) ? completed : undefined;
}

function complete(input: { value: JsonValue; schema: JsonSchema; depth: number }): JsonValue {
  const { value, schema, depth } = input;
  const items = schema.items;
  if (Array.isArray(value)) {
    return items === undefined
      ? value
      : value.map((item) => complete({ value: item, schema: items, depth: depth + 1 }));
  }
  const properties = schema.properties;
  if (value === null || typeof value !== 'object' || properties === undefined) return value;
  const result: { [key: string]: JsonValue } = {};
  const define = (key: string, next: JsonValue): void => {
    Object.defineProperty(result, key, { value: next, enumerable: true, writable: true, configurable: true });
  };
  for (const key of Object.keys(value)) {
    const child = value[key] as JsonValue;
    define(
      key,
      Object.hasOwn(properties, key)
        ? complete({ value: child, schema: properties[key] as JsonSchema, depth: depth + 1 })
        : child,
    );
  }
  for (const name of Object.keys(properties)) {
    if (Object.hasOwn(value, name)) continue;
    const inner = usable({ schema: properties[name] as JsonSchema, depth: depth + 1 });
    if (inner !== undefined) define(name, inner);
  }
  return result;
}
