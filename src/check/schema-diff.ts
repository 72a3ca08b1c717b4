import { jsonEqual } from '../build/schema/json-value.js';
import type { JsonSchema, JsonValue } from '../model/json-schema.js';

/** How one place in a schema changed. */
export type SchemaChangeKind =
  'added' | 'removed' | 'renamed' | 'required' | 'optional' | 'type' | 'enum' | 'keywords' | 'order';

/** One change between two normalized schemas. */
export interface SchemaChange {
  kind: SchemaChangeKind;
  /** Where, as `customer.email`, `items[].quantity` (`[]` array items, `{}` dictionary values); '' is the root. */
  path: string;
  /** For `added`: whether the new property is required; for `removed` and `renamed`: whether the old one was. */
  required?: boolean;
  /** For `renamed`: the path of the property that replaced the one at `path`. */
  renamedTo?: string;
  /** For `keywords`: the keywords whose values differ, e.g. `maxLength`, `description`. */
  keywords?: string[];
  before?: JsonValue;
  after?: JsonValue;
}

/** Keywords compared structurally; every other keyword is compared by value. */
const STRUCTURAL = new Set(['type', 'enum', 'properties', 'required', 'items', 'additionalProperties']);

/**
 * The changes from `before` to `after`, outermost first. A type change stops
 * the walk at that place (everything below it changed too); properties are
 * matched by name, so reordering them is reported once, as `order`.
 */
export function diffSchemas(input: { before: JsonSchema; after: JsonSchema; path?: string }): SchemaChange[] {
  const { before, after } = input;
  const path = input.path ?? '';
  if (!jsonEqual(typesOf(before), typesOf(after))) {
    return [{ kind: 'type', path, before: typeValue(before), after: typeValue(after) }];
  }
  const changes: SchemaChange[] = [];
  if (!jsonEqual(before.enum ?? null, after.enum ?? null)) {
    changes.push({ kind: 'enum', path, before: before.enum ?? null, after: after.enum ?? null });
  }
  const keywords = changedKeywords({ before, after });
  if (keywords.length > 0) {
    changes.push({
      kind: 'keywords',
      path,
      keywords,
      before: pick({ schema: before, keys: keywords }),
      after: pick({ schema: after, keys: keywords }),
    });
  }
  changes.push(...diffProperties({ before, after, path }));
  if (before.items || after.items) {
    changes.push(...diffSchemas({ before: before.items ?? {}, after: after.items ?? {}, path: `${path}[]` }));
  }
  changes.push(...diffAdditional({ before, after, path }));
  return changes;
}

function diffProperties(input: { before: JsonSchema; after: JsonSchema; path: string }): SchemaChange[] {
  const { before, after, path } = input;
  const was = before.properties ?? {};
  const now = after.properties ?? {};
  const wasRequired = new Set(before.required ?? []);
  const nowRequired = new Set(after.required ?? []);
  const changes: SchemaChange[] = [];
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const removed = Object.keys(was).filter((name) => !Object.hasOwn(now, name));
  const added = Object.keys(now).filter((name) => !Object.hasOwn(was, name));
  const renames = pairRenames({ removed, added, before: was, after: now });
  for (const name of removed) {
    const to = renames.get(name);
    changes.push(
      to === undefined
        ? { kind: 'removed', path: child(name), required: wasRequired.has(name) }
        : { kind: 'renamed', path: child(name), renamedTo: child(to), required: wasRequired.has(name) },
    );
  }
  const renamedTo = new Set(renames.values());
  for (const [name, schema] of Object.entries(now)) {
    const old = Object.hasOwn(was, name) ? was[name] : undefined;
    if (old === undefined) {
      if (!renamedTo.has(name)) changes.push({ kind: 'added', path: child(name), required: nowRequired.has(name) });
      continue;
    }
    if (!wasRequired.has(name) && nowRequired.has(name)) changes.push({ kind: 'required', path: child(name) });
    if (wasRequired.has(name) && !nowRequired.has(name)) changes.push({ kind: 'optional', path: child(name) });
    changes.push(...diffSchemas({ before: old, after: schema, path: child(name) }));
  }
  const common = (keys: string[], other: Record<string, JsonSchema>) => keys.filter((key) => Object.hasOwn(other, key));
  const orderBefore = common(Object.keys(was), now);
  const orderAfter = common(Object.keys(now), was);
  if (!jsonEqual(orderBefore, orderAfter))
    changes.push({ kind: 'order', path, before: orderBefore, after: orderAfter });
  return changes;
}

function diffAdditional(input: { before: JsonSchema; after: JsonSchema; path: string }): SchemaChange[] {
  const { before, after, path } = input;
  const was = before.additionalProperties;
  const now = after.additionalProperties;
  if (typeof was === 'object' && typeof now === 'object')
    return diffSchemas({ before: was, after: now, path: `${path}{}` });
  if (jsonEqual(toJson(was), toJson(now))) return [];
  return [{ kind: 'keywords', path, keywords: ['additionalProperties'], before: toJson(was), after: toJson(now) }];
}

function changedKeywords(input: { before: JsonSchema; after: JsonSchema }): string[] {
  const keys = new Set([...Object.keys(input.before), ...Object.keys(input.after)]);
  return [...keys]
    .filter((key) => !STRUCTURAL.has(key))
    .filter((key) => !jsonEqual(toJson(field(input.before, key)), toJson(field(input.after, key))))
    .sort();
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  return type === undefined ? [] : (Array.isArray(type) ? [...type] : [type]).sort();
}

function typeValue(schema: JsonSchema): JsonValue {
  return schema.type === undefined ? null : schema.type;
}

function field(schema: JsonSchema, key: string): unknown {
  return (schema as Record<string, unknown>)[key];
}

function pick(input: { schema: JsonSchema; keys: string[] }): JsonValue {
  return Object.fromEntries(input.keys.map((key) => [key, toJson(field(input.schema, key))]));
}

/** Normalized schemas are plain JSON already; absent becomes null so it can be compared and reported. */
function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (value as JsonValue);
}

/**
 * Removed and added names whose schemas are the same (descriptions aside):
 * most likely one renamed. Only pairs that are unambiguous on both sides, so
 * two new string fields never claim one removed string field.
 */
export function pairRenames<T>(input: {
  removed: string[];
  added: string[];
  before: Record<string, T>;
  after: Record<string, T>;
  same?: (a: T, b: T) => boolean;
}): Map<string, string> {
  const same = input.same ?? ((a: T, b: T) => sameShape(a as JsonSchema, b as JsonSchema));
  const pairs = new Map<string, string>();
  for (const from of input.removed) {
    const matches = input.added.filter((to) => same(input.before[from]!, input.after[to]!));
    const [to] = matches;
    if (to === undefined || matches.length > 1) continue;
    const rivals = input.removed.filter((other) => same(input.before[other]!, input.after[to]!));
    if (rivals.length === 1) pairs.set(from, to);
  }
  return pairs;
}

/** Equal schemas once their own description is set aside (a rename often rewords it). */
export function sameShape(a: JsonSchema, b: JsonSchema): boolean {
  const { description: _a, ...restA } = a;
  const { description: _b, ...restB } = b;
  return jsonEqual(restA as JsonValue, restB as JsonValue);
}
