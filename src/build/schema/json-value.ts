import type { JsonValue } from '../../model/json-schema.js';
import { defineOwn, isRecord } from './raw.js';

const MAX_JSON_DEPTH = 64;

/**
 * A detached copy of `value` when it is plain JSON (finite numbers, no
 * undefined, functions, dates or cycles), otherwise undefined.
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  return copy({ value, seen: new Set(), depth: 0 });
}

function copy(input: { value: unknown; seen: Set<object>; depth: number }): JsonValue | undefined {
  const { value, seen, depth } = input;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object' || seen.has(value) || depth > MAX_JSON_DEPTH) return undefined;
  if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items: JsonValue[] = [];
      for (const item of value) {
        const copied = copy({ value: item, seen, depth: depth + 1 });
        if (copied === undefined) return undefined;
        items.push(copied);
      }
      return items;
    }
    const result: Record<string, JsonValue> = {};
    for (const key of Object.keys(value)) {
      const copied = copy({ value: (value as Record<string, unknown>)[key], seen, depth: depth + 1 });
      if (copied === undefined) return undefined;
      defineOwn({ target: result, key, value: copied });
    }
    return result;
  } finally {
    seen.delete(value);
  }
}

function isPlainObject(value: object): boolean {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Structural equality of two JSON values (object key order ignored). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => jsonEqual(x, b[i] as JsonValue))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key] as JsonValue, b[key] as JsonValue));
}
