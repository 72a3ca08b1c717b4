import { camelStem, claimName, lowerIdentifier } from './unique-name.js';
import { array, dataProp, id, json, object, type Expr, type Property } from './syntax.js';

/**
 * Sub-schemas smaller than this (as JSON) stay inline: a reference saves little
 * and sends the reader elsewhere.
 */
export const MIN_SHARED_BYTES = 200;

export interface ListingsCode {
  /** Declarations of the shared sub-schemas, each before its first use. */
  shared: Array<{ name: string; body: Expr }>;
  /** Each listing as an expression, its shared sub-schemas referenced by name. */
  listings: Expr[];
}

export type Schema = Record<string, unknown>;

interface Entry {
  node: Schema;
  count: number;
  bytes: number;
  hint: string;
}

/**
 * `tools/listings.ts` writes a sub-schema that several listings (or places in
 * one) carry once, as a constant, and refers to it: a component schema used by
 * many operations is one value. The listings stay self-contained on the wire:
 * a reference serializes as the whole value. Only the schemas of a listing
 * (`inputSchema`, `outputSchema`) are searched; other data is written as is.
 */
export function planListingsCode(listings: ReadonlyArray<Record<string, unknown>>): ListingsCode {
  const keyOf = schemaKeys();
  const entries = new Map<string, Entry>();

  // Counts every sub-schema (roots are never shared: each listing owns its own).
  const count = (node: Schema, hint: string, root: boolean): void => {
    if (!root) {
      const key = keyOf(node);
      const entry = entries.get(key);
      if (entry) entry.count += 1;
      else entries.set(key, { node, count: 1, bytes: keyOf.bytes(key), hint });
    }
    forEachChild(node, hint, (child, childHint) => count(child, childHint, false));
  };
  for (const listing of listings) {
    for (const field of SCHEMA_FIELDS) {
      const schema = listing[field];
      if (isSchema(schema)) count(schema, '', true);
    }
  }

  const shared = new Set<string>();
  for (const [key, entry] of entries) if (entry.count > 1 && entry.bytes >= MIN_SHARED_BYTES) shared.add(key);

  // A shared schema referred to once (it only repeats inside another shared one) goes back inline.
  const references = new Map<string, number>();
  const refer = (node: Schema, root: boolean): void => {
    if (!root && shared.has(keyOf(node))) {
      references.set(keyOf(node), (references.get(keyOf(node)) ?? 0) + 1);
      return;
    }
    forEachChild(node, '', (child) => refer(child, false));
  };
  for (const listing of listings) {
    for (const field of SCHEMA_FIELDS) {
      const schema = listing[field];
      if (isSchema(schema)) refer(schema, true);
    }
  }
  for (const key of shared) refer(entries.get(key)!.node, true);
  for (const key of [...shared]) if ((references.get(key) ?? 0) < 2) shared.delete(key);

  // Names and declarations, in order of first use, each after the ones it refers to.
  const names = new Map<string, string>();
  const used = new Set<string>();
  const declarations: Array<{ name: string; body: Expr }> = [];
  const code = (node: Schema, root: boolean): Expr => {
    if (!root) {
      const key = keyOf(node);
      if (shared.has(key)) {
        let name = names.get(key);
        if (name === undefined) {
          const body = code(node, true);
          name = uniqueName(entries.get(key)!.hint, used);
          names.set(key, name);
          declarations.push({ name, body });
        }
        return id(name);
      }
    }
    const properties = Object.keys(node).map((keyword) =>
      dataProp(
        keyword,
        keywordCode(keyword, node[keyword], (child) => code(child, false)),
      ),
    );
    return jsonOr(node, properties);
  };
  const listingCode = (listing: Record<string, unknown>): Expr =>
    object(
      Object.keys(listing).map((field) => {
        const value = listing[field];
        return dataProp(field, SCHEMA_FIELDS.includes(field) && isSchema(value) ? code(value, true) : json(value));
      }),
    );
  const codes = listings.map(listingCode);
  return { shared: declarations, listings: codes };
}

/**
 * A key per schema, equal exactly when the schemas' JSON texts are, and the
 * byte length of that text. Built bottom-up: a schema's key stands for its JSON
 * with each sub-schema written as the sub-schema's key, so every schema is read
 * once (hashing each sub-schema's whole text is quadratic in the nesting depth).
 */
export function schemaKeys(): ((node: Schema) => string) & { bytes: (key: string) => number } {
  const keys = new Map<Schema, string>();
  const ids = new Map<string, string>();
  const sizes = new Map<string, number>();
  const keyOf = (node: Schema): string => {
    const known = keys.get(node);
    if (known !== undefined) return known;
    // JSON.stringify escapes U+0000, so a NUL marks a sub-schema's key unambiguously.
    let childBytes = 0;
    let markerBytes = 0;
    const sub = (child: Schema): string => {
      const key = keyOf(child);
      childBytes += sizes.get(key) as number;
      markerBytes += key.length + 1;
      return `\u0000${key}`;
    };
    const text = (value: unknown): string => JSON.stringify(value) ?? 'null';
    const members: string[] = [];
    for (const keyword of Object.keys(node)) {
      const value = node[keyword];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      let written: string;
      if (keyword === 'properties' && isSchema(value)) {
        const properties: string[] = [];
        for (const name of Object.keys(value)) {
          const child = value[name];
          if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
          properties.push(`${JSON.stringify(name)}:${isSchema(child) ? sub(child) : text(child)}`);
        }
        written = `{${properties.join(',')}}`;
      } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
        written = sub(value);
      } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
        written = `[${value.map((child: unknown) => (isSchema(child) ? sub(child) : text(child))).join(',')}]`;
      } else {
        written = text(value);
      }
      members.push(`${JSON.stringify(keyword)}:${written}`);
    }
    const composite = `{${members.join(',')}}`;
    let key = ids.get(composite);
    if (key === undefined) {
      key = String(ids.size);
      ids.set(composite, key);
      sizes.set(key, Buffer.byteLength(composite) - markerBytes + childBytes);
    }
    keys.set(node, key);
    return key;
  };
  return Object.assign(keyOf, { bytes: (key: string) => sizes.get(key) as number });
}

const SCHEMA_FIELDS: readonly string[] = ['inputSchema', 'outputSchema'];
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf']);

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sub-schemas of a schema, with a naming hint: the property they describe. */
export function forEachChild(node: Schema, hint: string, visit: (child: Schema, hint: string) => void): void {
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties' && isSchema(value)) {
      for (const [name, child] of Object.entries(value)) if (isSchema(child)) visit(child, name);
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
      visit(value, `${hint} item`);
    } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
      for (const child of value) if (isSchema(child)) visit(child, `${hint} option`);
    }
  }
}

function keywordCode(keyword: string, value: unknown, schema: (child: Schema) => Expr): Expr {
  if (keyword === 'properties' && isSchema(value)) {
    const properties = Object.keys(value).map((name) => {
      const child = value[name];
      return dataProp(name, isSchema(child) ? schema(child) : json(child));
    });
    return jsonOr(value, properties);
  }
  if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) return schema(value);
  if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
    const elements = value.map((child: unknown) => (isSchema(child) ? schema(child) : json(child)));
    return elements.every((element) => element.kind === 'json') ? json(value) : array(elements);
  }
  return json(value);
}

/**
 * An object whose members name no shared schema is the JSON value itself
 * (printed the same, with no tree held until then); else an object of its members.
 */
function jsonOr(value: Schema, properties: Property[]): Expr {
  return properties.every((property) => property.value.kind === 'json') ? json(value) : object(properties);
}

/**
 * `billing address` → `billingAddressSchema`, unique in the module (`used`).
 * Only ASCII letters and digits of the hint survive, so spec text cannot
 * reach the code as anything but part of a name; `maxWords` keeps names from
 * long titles readable.
 */
export function uniqueName(hint: string, used: Set<string>, maxWords = Infinity): string {
  const stem = camelStem(hint, maxWords);
  return claimName(`${stem === '' ? 'shared' : lowerIdentifier(stem, 'schema')}Schema`, used);
}
