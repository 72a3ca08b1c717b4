/**
 * Small, named edits of an OpenAPI document (parsed JSON), used by the drift
 * scenarios: each fixture says what changed in the API in a few lines, and
 * stays valid when the example API evolves elsewhere. A step that is missing
 * throws, so a stale fixture fails loudly instead of testing nothing.
 */

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` under `root`. */
export function at(input: { root: Json; path: string[] }): Json {
  let node: unknown = input.root;
  for (const key of input.path) {
    node = isJson(node) ? node[key] : undefined;
    if (!isJson(node)) throw new Error(`spec mutation: no object at ${input.path.join(' / ')}`);
  }
  return node as Json;
}

/** Edits one spec in place. */
export class SpecEditor {
  constructor(readonly doc: Json) {}

  /** `operation('POST /orders')`. */
  operation(key: string): Json {
    const [method, path] = key.split(' ') as [string, string];
    return at({ root: this.doc, path: ['paths', path, method.toLowerCase()] });
  }

  removeOperation(key: string): void {
    const [method, path] = key.split(' ') as [string, string];
    const item = at({ root: this.doc, path: ['paths', path] });
    delete item[method.toLowerCase()];
    if (Object.keys(item).length === 0) delete at({ root: this.doc, path: ['paths'] })[path];
  }

  addOperation(input: { key: string; operation: Json }): void {
    const [method, path] = input.key.split(' ') as [string, string];
    const paths = at({ root: this.doc, path: ['paths'] });
    paths[path] = { ...(isJson(paths[path]) ? paths[path] : {}), [method.toLowerCase()]: input.operation };
  }

  /** Moves a whole path item, keeping its place in `paths`. */
  renamePath(change: { from: string; to: string }): void {
    const paths = at({ root: this.doc, path: ['paths'] });
    this.doc['paths'] = Object.fromEntries(
      Object.entries(paths).map(([key, value]) => [key === change.from ? change.to : key, value]),
    );
  }

  /** A parameter of an operation, by name. */
  parameter(input: { operation: string; name: string }): Json {
    const list = this.operation(input.operation)['parameters'];
    const found = Array.isArray(list) ? list.find((p: unknown) => isJson(p) && p['name'] === input.name) : undefined;
    if (!isJson(found)) throw new Error(`spec mutation: no parameter "${input.name}" in ${input.operation}`);
    return found;
  }

  addParameter(input: { operation: string; parameter: Json }): void {
    const op = this.operation(input.operation);
    const list = Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [];
    op['parameters'] = [...list, input.parameter];
  }

  /** The JSON request body's media type object (holds `schema`). */
  requestBody(key: string): Json {
    return at({ root: this.operation(key), path: ['requestBody', 'content', 'application/json'] });
  }

  /** The JSON success response's media type object (holds `schema`). */
  response(key: string): Json {
    return at({ root: this.operation(key), path: ['responses', '200', 'content', 'application/json'] });
  }

  /** A `components.schemas` entry by its `title` (Fastify names them `def-N` and keeps the `$id` as title). */
  component(title: string): Json {
    const schemas = at({ root: this.doc, path: ['components', 'schemas'] });
    const found = Object.values(schemas).find((schema) => isJson(schema) && schema['title'] === title);
    if (!isJson(found)) throw new Error(`spec mutation: no component titled "${title}"`);
    return found;
  }

  /** Fastify renumbering its `def-N` schemas (as when a schema is registered earlier): every name shifts, every $ref follows. */
  renumberComponents(): void {
    const components = at({ root: this.doc, path: ['components'] });
    const schemas = at({ root: components, path: ['schemas'] });
    const names = Object.keys(schemas);
    const renamed = new Map(names.map((name, index) => [name, `def-${(index + 3) % names.length}`]));
    components['schemas'] = Object.fromEntries(names.map((name) => [renamed.get(name)!, schemas[name]]));
    rewriteRefs({
      value: this.doc,
      rewrite: (ref) => {
        const name = ref.replace('#/components/schemas/', '');
        return renamed.has(name) ? `#/components/schemas/${renamed.get(name)}` : ref;
      },
    });
  }

  /** Moves the inline `schema` of `holder` into `components.schemas` under `name` and refers to it. */
  moveToComponents(input: { holder: Json; name: string }): void {
    at({ root: this.doc, path: ['components', 'schemas'] })[input.name] = input.holder['schema'];
    input.holder['schema'] = { $ref: `#/components/schemas/${input.name}` };
  }
}

/** Every object's keys in reverse order, except `properties` (whose order the model sees). */
export function reverseKeyOrder(value: unknown): unknown {
  return reverse({ value, parentKey: '' });
}

function reverse(input: { value: unknown; parentKey: string }): unknown {
  const { value } = input;
  if (Array.isArray(value)) return value.map((item) => reverse({ value: item, parentKey: '' }));
  if (!isJson(value)) return value;
  const entries = Object.entries(value);
  const ordered = input.parentKey === 'properties' ? entries : entries.reverse();
  return Object.fromEntries(ordered.map(([key, item]) => [key, reverse({ value: item, parentKey: key })]));
}

function rewriteRefs(input: { value: unknown; rewrite: (ref: string) => string }): void {
  const { value, rewrite } = input;
  if (Array.isArray(value)) value.forEach((item) => rewriteRefs({ value: item, rewrite }));
  if (!isJson(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') value[key] = rewrite(item);
    else rewriteRefs({ value: item, rewrite });
  }
}
