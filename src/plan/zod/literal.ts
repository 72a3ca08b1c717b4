/**
 * Source-code literals for values taken from an untrusted spec. Everything
 * the generator writes into TypeScript that came from the spec goes through
 * here, so no spec string can end a literal, a comment or a template, or
 * smuggle in a line terminator.
 */

const LINE_SEPARATOR = /\u2028/g;
const PARAGRAPH_SEPARATOR = /\u2029/g;
const CLOSING_TAG = /<\//g;
const MAX_DEPTH = 256;

/** A double-quoted JS string literal that evaluates to exactly `value`. */
export function stringLiteral(value: string): string {
  // JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates.
  return JSON.stringify(value)
    .replace(LINE_SEPARATOR, '\\u2028')
    .replace(PARAGRAPH_SEPARATOR, '\\u2029')
    .replace(CLOSING_TAG, '<\\/');
}

/**
 * A key for an object literal. `"__proto__": v` would set the prototype
 * instead of defining a property, so that one key is written computed.
 */
export function propertyKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : stringLiteral(name);
}

/**
 * A JS expression that evaluates to a fresh copy of the JSON value `value`.
 * Throws a TypeError for anything that is not JSON (undefined, NaN, functions, cycles).
 */
export function jsonLiteral(value: unknown): string {
  return literal({ value, depth: 0 });
}

function literal(input: { value: unknown; depth: number }): string {
  const { value, depth } = input;
  if (depth > MAX_DEPTH) throw new TypeError('jsonLiteral: value nested too deeply (cyclic?)');
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`jsonLiteral: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return stringLiteral(value);
  if (Array.isArray(value))
    return `[${value.map((item: unknown) => literal({ value: item, depth: depth + 1 })).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value).map(
      (key) => `${propertyKey(key)}: ${literal({ value: (value as Record<string, unknown>)[key], depth: depth + 1 })}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  throw new TypeError(`jsonLiteral: a ${typeof value} is not a JSON value`);
}
