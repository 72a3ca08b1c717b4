import { createHash } from 'node:crypto';
import { MIN_SHARED_BYTES } from './shared-schemas.js';

/**
 * How the manifest (format 2) writes each distinct schema once.
 *
 * - A sub-schema that several places carry (and that is not tiny, the rule
 *   `tools/listings.ts` follows: `MIN_SHARED_BYTES`) is written once, in the
 *   top-level `schemas` table, and each place holds `{ "$ref": "#/schemas/<name>" }`:
 *   a JSON pointer into the manifest itself, so any JSON Schema tool resolves it.
 *   Whole schemas are shared too (many tools return the same `repository`).
 * - A parameter's `schema` is left out when it is the tool's
 *   `inputSchema.properties[arg]`, which is then its one record.
 *
 * Unambiguous: references stand only at schema places (a contract's
 * `inputSchema`, `outputSchema`, `params[].schema`, and inside a schema its
 * `properties` values, `items`, `additionalProperties`, `anyOf`/`oneOf`/`allOf`
 * members), and normalized schemas never hold `$ref` (src/model/json-schema.ts).
 * Property names and values (`default`, `enum`, `const`, `examples`) are data:
 * a property named `$ref`, or an example that looks like a reference, stays as is.
 */
export const SCHEMAS_KEY = 'schemas';
const REF_PREFIX = `#/${SCHEMAS_KEY}/`;

type Schema = Record<string, unknown>;
type Contract = Record<string, unknown>;
type Contracts = Record<string, Contract>;

/** Contract fields that hold a schema. */
const CONTRACT_SCHEMAS = ['inputSchema', 'outputSchema'] as const;
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf']);

export interface EncodedContracts {
  tools: Contracts;
  resources: Contracts;
  /** Name → schema, in order of first use; empty when nothing repeats. */
  schemas: Record<string, Schema>;
}

interface Entry {
  node: Schema;
  count: number;
  bytes: number;
  hint: string;
}

/** The contracts with each repeated schema written once (see above). */
export function encodeContracts(input: { tools: Contracts; resources: Contracts }): EncodedContracts {
  const keys = new WeakMap<Schema, { key: string; bytes: number }>();
  const entries = new Map<string, Entry>();

  // Keyed bottom-up (a node's key covers its children's keys), so each node is serialized once.
  const measure = (node: Schema, hint: string): { key: string; bytes: number } => {
    const known = keys.get(node);
    if (known) {
      entries.get(known.key)!.count += 1;
      forEachChild(node, hint, (child, childHint) => void measure(child, childHint));
      return known;
    }
    if (Object.hasOwn(node, '$ref')) throw new Error('manifest: a normalized schema holds `$ref`');
    let childBytes = 0;
    const shallow = mapChildren(node, hint, (child, childHint) => {
      const measured = measure(child, childHint);
      childBytes += measured.bytes;
      return measured.key;
    });
    const text = JSON.stringify(shallow);
    const key = createHash('sha256').update(text).digest('base64');
    const bytes = text.length + childBytes;
    const result = { key, bytes };
    keys.set(node, result);
    const entry = entries.get(key);
    if (entry) entry.count += 1;
    else entries.set(key, { node, count: 1, bytes, hint: typeof node['title'] === 'string' ? node['title'] : hint });
    return result;
  };
  const keyOf = (node: Schema): string => keys.get(node)!.key;

  const roots: Array<{ node: Schema; hint: string }> = [];
  const collect = (contracts: Contracts) => {
    for (const [name, contract] of Object.entries(contracts)) {
      for (const param of paramsOf(contract)) {
        if (!paramSchemaImplied(contract, param))
          roots.push({ node: param['schema'] as Schema, hint: `${name} ${String(param['arg'])}` });
      }
      for (const field of CONTRACT_SCHEMAS) {
        const schema = contract[field];
        if (isSchema(schema))
          roots.push({ node: schema, hint: `${name} ${field === 'inputSchema' ? 'input' : 'output'}` });
      }
    }
  };
  collect(input.tools);
  collect(input.resources);
  for (const root of roots) measure(root.node, root.hint);

  const shared = new Set<string>();
  for (const [key, entry] of entries) if (entry.count > 1 && entry.bytes >= MIN_SHARED_BYTES) shared.add(key);
  // A schema that repeats only inside another shared one is referred to once: it goes back inline.
  const references = new Map<string, number>();
  const refer = (node: Schema, body: boolean): void => {
    const key = keyOf(node);
    if (!body && shared.has(key)) {
      references.set(key, (references.get(key) ?? 0) + 1);
      return;
    }
    forEachChild(node, '', (child) => refer(child, false));
  };
  for (const root of roots) refer(root.node, false);
  for (const key of shared) refer(entries.get(key)!.node, true);
  for (const key of [...shared]) if ((references.get(key) ?? 0) < 2) shared.delete(key);

  const names = new Map<string, string>();
  const used = new Set<string>();
  const schemas: Record<string, Schema> = {};
  const encode = (node: Schema, body: boolean): Schema => {
    const key = keyOf(node);
    if (!body && shared.has(key)) {
      let name = names.get(key);
      if (name === undefined) {
        name = uniqueName(entries.get(key)!.hint, used);
        names.set(key, name);
        schemas[name] = {}; // placeholder: the table lists schemas in order of first use
        schemas[name] = encode(node, true);
      }
      return { $ref: `${REF_PREFIX}${name}` };
    }
    return mapChildren(node, '', (child) => encode(child, false));
  };
  const encodeAll = (contracts: Contracts): Contracts =>
    Object.fromEntries(
      Object.entries(contracts).map(([name, contract]) => {
        const result: Contract = { ...contract };
        if (Array.isArray(contract['params'])) {
          result['params'] = paramsOf(contract).map((param) => {
            if (paramSchemaImplied(contract, param)) {
              const { schema: _implied, ...rest } = param;
              return rest;
            }
            return { ...param, schema: encode(param['schema'] as Schema, false) };
          });
        }
        for (const field of CONTRACT_SCHEMAS) {
          const schema = contract[field];
          if (isSchema(schema)) result[field] = encode(schema, false);
        }
        return [name, result];
      }),
    );
  return { tools: encodeAll(input.tools), resources: encodeAll(input.resources), schemas };
}

/**
 * The contracts as `toolContract` gives them, from a format-2 manifest's
 * `tools` (or `resources`) and `schemas`; a string says what is wrong.
 */
export function decodeContracts(input: { contracts: Contracts; schemas: unknown }): Contracts | string {
  const table = input.schemas ?? {};
  if (!isSchema(table) || !Object.values(table).every(isSchema)) return `"${SCHEMAS_KEY}" is not a map of schemas`;
  const resolved = new Map<string, Schema>();
  const resolving = new Set<string>();
  const decode = (node: Schema, where: string): Schema => {
    const ref = node['$ref'];
    if (typeof ref === 'string' && Object.keys(node).length === 1) {
      const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
      if (name === undefined || !Object.hasOwn(table, name))
        throw new ManifestError(`${where} refers to ${JSON.stringify(ref)}, which "${SCHEMAS_KEY}" does not hold`);
      const done = resolved.get(name);
      if (done) return done;
      if (resolving.has(name)) throw new ManifestError(`"${SCHEMAS_KEY}" entry "${name}" refers to itself`);
      resolving.add(name);
      const value = decode(table[name] as Schema, `"${SCHEMAS_KEY}" entry "${name}"`);
      resolving.delete(name);
      resolved.set(name, value);
      return value;
    }
    return mapChildren(node, '', (child) => decode(child, where));
  };
  try {
    return Object.fromEntries(
      Object.entries(input.contracts).map(([name, contract]) => {
        const where = `"${name}"`;
        const result: Contract = { ...contract };
        for (const field of CONTRACT_SCHEMAS) {
          const schema = contract[field];
          if (isSchema(schema)) result[field] = decode(schema, where);
        }
        if (Array.isArray(contract['params'])) {
          const properties = (result['inputSchema'] as Schema | undefined)?.['properties'];
          result['params'] = contract['params'].map((param: unknown) => {
            if (!isSchema(param)) return param;
            if (isSchema(param['schema'])) return { ...param, schema: decode(param['schema'], where) };
            const arg = param['arg'];
            const implied =
              isSchema(properties) && typeof arg === 'string' && Object.hasOwn(properties, arg)
                ? properties[arg]
                : undefined;
            if (!isSchema(implied))
              throw new ManifestError(
                `${where} has parameter ${JSON.stringify(arg)} without a schema, and its inputSchema has no such property`,
              );
            // Key order as `toolContract` writes it: name, in, arg, required, schema.
            return { ...param, schema: implied };
          });
        }
        return [name, result];
      }),
    );
  } catch (error) {
    if (error instanceof ManifestError) return error.message;
    throw error;
  }
}

class ManifestError extends Error {}

function paramsOf(contract: Contract): Array<Record<string, unknown>> {
  const params = contract['params'];
  return Array.isArray(params) ? (params as Array<Record<string, unknown>>) : [];
}

/** True when the parameter's schema is the tool's input property of the same argument name. */
function paramSchemaImplied(contract: Contract, param: Record<string, unknown>): boolean {
  const input = contract['inputSchema'];
  const properties = isSchema(input) ? input['properties'] : undefined;
  const arg = param['arg'];
  if (!isSchema(properties) || typeof arg !== 'string' || !Object.hasOwn(properties, arg)) return false;
  const property = properties[arg];
  return property === param['schema'] || JSON.stringify(property) === JSON.stringify(param['schema']);
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sub-schemas of a schema, with a naming hint: the property they describe. */
function forEachChild(node: Schema, hint: string, visit: (child: Schema, hint: string) => void): void {
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

/** A copy of the schema with each sub-schema replaced by `map(child)`; other keywords (data) as they are. */
function mapChildren<T>(node: Schema, hint: string, map: (child: Schema, hint: string) => T): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    let mapped: unknown = value;
    if (keyword === 'properties' && isSchema(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(value)) {
        // defineProperty: a property named `__proto__` must stay a property.
        Object.defineProperty(properties, name, {
          value: isSchema(child) ? map(child, name) : child,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      mapped = properties;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
      mapped = map(value, `${hint} item`);
    } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
      mapped = value.map((child: unknown) => (isSchema(child) ? map(child, `${hint} option`) : child));
    }
    Object.defineProperty(result, keyword, { value: mapped, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** `Simple User` → `simpleUser`, unique in the table; letters and digits only, so the JSON pointer needs no escaping. */
function uniqueName(hint: string, used: Set<string>): string {
  const words = hint
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const stem = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  const base =
    stem === '' ? 'schema' : /^[a-z]/.test(stem) ? stem : `schema${stem.charAt(0).toUpperCase()}${stem.slice(1)}`;
  let name = base;
  for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
  used.add(name);
  return name;
}
