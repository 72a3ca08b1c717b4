/** Reading untrusted spec objects without touching their prototypes. */

export type RawSchema = Record<string, unknown>;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is RawSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]` only when it is an own property: `properties.constructor` must not find `Object`. */
export function own(obj: RawSchema, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Sets an own enumerable property; plain assignment of `__proto__` would
 * replace the prototype. Any other key of a plain object is assigned: the
 * same property, and several times faster than defining it (a profiled
 * hot spot on large specs).
 */
export function defineOwn<T>(input: { target: Record<string, T>; key: string; value: T }): void {
  if (input.key !== '__proto__') {
    input.target[input.key] = input.value;
    return;
  }
  Object.defineProperty(input.target, input.key, {
    value: input.value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function ownString(obj: RawSchema, key: string): string | undefined {
  const value = own(obj, key);
  return typeof value === 'string' ? value : undefined;
}

export function ownFiniteNumber(obj: RawSchema, key: string): number | undefined {
  const value = own(obj, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A count keyword (minLength, maxItems…): a non-negative integer. */
export function ownCount(obj: RawSchema, key: string): number | undefined {
  const value = ownFiniteNumber(obj, key);
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A non-empty array value, or undefined. */
export function ownNonEmptyArray(obj: RawSchema, key: string): unknown[] | undefined {
  const value = own(obj, key);
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}
