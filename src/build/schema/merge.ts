import { defineOwn, isRecord, own, type RawSchema } from './raw.js';

const COMPOSITION_KEYS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf']);
/** Keywords that describe a schema rather than constrain it, applied to the outermost result. */
const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'default',
  'example',
  'examples',
  'deprecated',
  'nullable',
  'readOnly',
  'writeOnly',
  'discriminator',
  'xml',
  'externalDocs',
]);
/** Keywords that make an untyped schema something other than an object. */
const NON_OBJECT_KEYS: readonly string[] = [
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'enum',
  'const',
];

/**
 * The constraining keywords of `raw` without its composition keywords, and
 * without its annotations unless `keepAnnotations`. Extensions (`x-*`) never.
 */
export function restOf(input: { raw: RawSchema; keepAnnotations: boolean }): RawSchema {
  const rest: RawSchema = {};
  for (const key of Object.keys(input.raw)) {
    if (COMPOSITION_KEYS.has(key) || key.startsWith('x-')) continue;
    if (!input.keepAnnotations && ANNOTATION_KEYS.has(key)) continue;
    defineOwn({ target: rest, key, value: input.raw[key] });
  }
  return rest;
}

/** Whether a schema can be folded into a merged object: an object, or neutral. */
export function isObjectLike(raw: unknown): raw is RawSchema {
  if (!isRecord(raw)) return false;
  if ([...COMPOSITION_KEYS].some((key) => own(raw, key) !== undefined)) return false;
  const type = own(raw, 'type');
  if (type === undefined) return NON_OBJECT_KEYS.every((key) => own(raw, key) === undefined);
  return type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object');
}

/**
 * One raw schema from several (allOf parts, or a union's shared keywords and
 * one member): properties merged in order (a property defined twice becomes
 * the allOf of both), required unioned, the first title/description kept,
 * closed if any part is closed, other keywords from the last part that sets them.
 */
export function mergeRaw(parts: readonly RawSchema[]): RawSchema {
  const merged: RawSchema = {};
  const properties: RawSchema = {};
  const required: unknown[] = [];
  let hasProperties = false;
  for (const part of parts) {
    for (const key of Object.keys(part)) {
      const value = part[key];
      if (key === 'properties' && isRecord(value)) {
        hasProperties = true;
        mergeProperties({ target: properties, source: value });
      } else if (key === 'required' && Array.isArray(value)) {
        required.push(...value);
      } else if (key === 'additionalProperties') {
        if (own(merged, key) !== false) defineOwn({ target: merged, key, value });
      } else if (key === 'title' || key === 'description') {
        if (own(merged, key) === undefined) defineOwn({ target: merged, key, value });
      } else if (!COMPOSITION_KEYS.has(key) && !ANNOTATION_KEYS.has(key) && !key.startsWith('x-')) {
        defineOwn({ target: merged, key, value });
      }
    }
  }
  if (hasProperties) merged.properties = properties;
  if (required.length > 0) merged.required = required;
  return merged;
}

function mergeProperties(input: { target: RawSchema; source: RawSchema }): void {
  for (const name of Object.keys(input.source)) {
    const incoming = input.source[name];
    const existing = own(input.target, name);
    const value = existing === undefined || existing === incoming ? incoming : { allOf: [existing, incoming] };
    defineOwn({ target: input.target, key: name, value });
  }
}
