import { isSchema, MIN_SHARED_BYTES } from './shared-schemas.js';
import { camelStem, claimName, lowerIdentifier } from './unique-name.js';

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
  /** Places it stands in the contracts (counting those inside repeated schemas). */
  count: number;
  /** Its size as compact JSON. */
  bytes: number;
  hint: string;
  /** Ids of its sub-schemas, one per place (in the order `forEachChild` visits them). */
  children: number[];
}

/** The contracts with each repeated schema written once (see above). */
export function encodeContracts(input: { tools: Contracts; resources: Contracts }): EncodedContracts {
  // Hash-consing: equal schemas get one id, computed bottom-up from the text of a node's own
  // keywords and its children's ids, so each node is serialized once (no whole-subtree strings).
  const ids = new WeakMap<Schema, number>();
  const byText = new Map<string, number>();
  const entries: Entry[] = [];
  const idOf = (node: Schema, hint: string): number => {
    const known = ids.get(node);
    if (known !== undefined) return known;
    if (Object.hasOwn(node, '$ref')) throw new Error('manifest: a normalized schema holds `$ref`');
    let childBytes = 0;
    const children: number[] = [];
    const child = (value: Schema, childHint: string): string => {
      const id = idOf(value, childHint);
      childBytes += entries[id]!.bytes;
      children.push(id);
      // `#` starts no JSON text, so a child's id cannot be mistaken for data.
      return `#${id}`;
    };
    // Most schemas are leaves: serialized natively.
    const text = hasChildren(node) ? shallowText(node, hint, child) : JSON.stringify(node);
    let id = byText.get(text);
    if (id === undefined) {
      id = entries.length;
      byText.set(text, id);
      const title = node['title'];
      entries.push({
        node,
        count: 0,
        bytes: text.length + childBytes,
        hint: typeof title === 'string' ? title : hint,
        children,
      });
    }
    ids.set(node, id);
    return id;
  };

  const roots: Schema[] = [];
  const implied = (contract: Contract, param: Record<string, unknown>): boolean => {
    const property = inputProperty(contract, param);
    return property !== undefined && idOf(property, '') === idOf(param['schema'] as Schema, '');
  };
  const collect = (contracts: Contracts) => {
    for (const [name, contract] of Object.entries(contracts)) {
      for (const field of CONTRACT_SCHEMAS) {
        const schema = contract[field];
        if (isSchema(schema)) idOf(schema, `${name} ${field === 'inputSchema' ? 'input' : 'output'}`);
      }
      for (const param of paramsOf(contract)) {
        const schema = param['schema'] as Schema;
        idOf(schema, `${name} ${String(param['arg'])}`);
        if (!implied(contract, param)) roots.push(schema);
      }
      for (const field of CONTRACT_SCHEMAS) {
        const schema = contract[field];
        if (isSchema(schema)) roots.push(schema);
      }
    }
  };
  collect(input.tools);
  collect(input.resources);

  // Places are counted on the graph of distinct schemas rather than by walking every place: a
  // schema's children have smaller ids (an id is given after the children's), so going down the
  // ids, each schema passes its count to its children once, however many places it stands in.
  for (const root of roots) entries[ids.get(root)!]!.count += 1;
  for (let id = entries.length - 1; id >= 0; id -= 1) {
    const { count, children } = entries[id]!;
    if (count > 0) for (const child of children) entries[child]!.count += count;
  }

  const shared = new Set<number>();
  entries.forEach((entry, id) => {
    if (entry.count > 1 && entry.bytes >= MIN_SHARED_BYTES) shared.add(id);
  });
  // A schema that repeats only inside another shared one is referred to once: it goes back inline.
  // Counted the same way: a shared schema is reached from the roots and from the other shared
  // schemas' bodies, not through them.
  const reached = new Array<number>(entries.length).fill(0);
  for (const root of roots) reached[ids.get(root)!]! += 1;
  for (const id of shared) for (const child of entries[id]!.children) reached[child]! += 1;
  for (let id = entries.length - 1; id >= 0; id -= 1) {
    if (shared.has(id) || reached[id] === 0) continue;
    for (const child of entries[id]!.children) reached[child]! += reached[id]!;
  }
  for (const id of [...shared]) if (reached[id]! < 2) shared.delete(id);

  const names = new Map<number, string>();
  const used = new Set<string>();
  const schemas: Record<string, Schema> = {};
  const encode = (node: Schema, body: boolean): Schema => {
    const id = ids.get(node)!;
    if (!body && shared.has(id)) {
      let name = names.get(id);
      if (name === undefined) {
        // Letters and digits only: the JSON pointer to it needs no escaping.
        name = claimName(lowerIdentifier(camelStem(entries[id]!.hint), 'schema'), used);
        names.set(id, name);
        schemas[name] = {}; // placeholder: the table lists schemas in order of first use
        schemas[name] = encode(node, true);
      }
      return { $ref: `${REF_PREFIX}${name}` };
    }
    return hasChildren(node) ? mapChildren(node, (child) => encode(child, false)) : node;
  };
  const encodeAll = (contracts: Contracts): Contracts =>
    Object.fromEntries(
      Object.entries(contracts).map(([name, contract]) => {
        const result: Contract = { ...contract };
        if (Array.isArray(contract['params'])) {
          result['params'] = paramsOf(contract).map((param) => {
            if (implied(contract, param)) {
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

/** The node's own keywords as JSON text, each sub-schema written as `child(sub-schema)`. */
function shallowText(node: Schema, hint: string, child: (value: Schema, hint: string) => string): string {
  const parts: string[] = [];
  for (const [keyword, value] of Object.entries(node)) {
    let text: string;
    if (keyword === 'properties' && isSchema(value)) {
      const members = Object.entries(value).map(
        ([name, sub]) => `${JSON.stringify(name)}:${isSchema(sub) ? child(sub, name) : JSON.stringify(sub)}`,
      );
      text = `{${members.join(',')}}`;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
      text = child(value, `${hint} item`);
    } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
      text = `[${value.map((sub: unknown) => (isSchema(sub) ? child(sub, `${hint} option`) : JSON.stringify(sub))).join(',')}]`;
    } else {
      text = JSON.stringify(value) ?? 'null';
    }
    parts.push(`${JSON.stringify(keyword)}:${text}`);
  }
  return `{${parts.join(',')}}`;
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
    return hasChildren(node) ? mapChildren(node, (child) => decode(child, where)) : node;
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

/** The tool's input property of the parameter's argument name, if there is one. */
function inputProperty(contract: Contract, param: Record<string, unknown>): Schema | undefined {
  const input = contract['inputSchema'];
  const properties = isSchema(input) ? input['properties'] : undefined;
  const arg = param['arg'];
  if (!isSchema(properties) || typeof arg !== 'string' || !Object.hasOwn(properties, arg)) return undefined;
  const property = properties[arg];
  return isSchema(property) ? property : undefined;
}

/** True when the schema has sub-schemas (most leaves do not: they are kept as they are). */
function hasChildren(node: Schema): boolean {
  return (
    node['properties'] !== undefined ||
    isSchema(node['items']) ||
    isSchema(node['additionalProperties']) ||
    node['anyOf'] !== undefined ||
    node['oneOf'] !== undefined ||
    node['allOf'] !== undefined
  );
}

/** A copy of the schema with each sub-schema replaced by `map(child)`; other keywords (data) as they are. */
function mapChildren(node: Schema, map: (child: Schema) => unknown): Schema {
  const result: Schema = {};
  for (const keyword of Object.keys(node)) {
    const value = node[keyword];
    if (keyword === 'properties' && isSchema(value)) {
      const properties: Record<string, unknown> = {};
      for (const name of Object.keys(value)) {
        const child = value[name];
        const mapped = isSchema(child) ? map(child) : child;
        // A property named `__proto__` must stay a property, not set the prototype.
        if (name === '__proto__')
          Object.defineProperty(properties, name, {
            value: mapped,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else properties[name] = mapped;
      }
      result[keyword] = properties;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
      result[keyword] = map(value);
    } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
      result[keyword] = value.map((child: unknown) => (isSchema(child) ? map(child) : child));
    } else {
      result[keyword] = value;
    }
  }
  return result;
}
