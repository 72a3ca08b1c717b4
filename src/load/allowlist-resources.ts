import { isMap } from 'yaml';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { AllowlistResource, ParamOverride } from '../model/allowlist.js';
import { isEmpty, type Entry, type ShapeReader } from './allowlist-shape.js';
import { INVALID, optional, readOperation, readParamMap, readRateLimit, readResponse } from './allowlist-tools.js';
import { parseUriTemplate, templateShape } from './uri-template.js';

const RESOURCE_KEYS = [
  'operation',
  'uri',
  'title',
  'description',
  'mime_type',
  'params',
  'response',
  'redact',
  'enabled',
  'rate_limit',
] as const;
/** A resource has no arguments: its query parameters can only be fixed by the server. */
const PARAM_KEYS = ['value'] as const;
/** No output schema for resources (their contents are text), so no output strictness either. */
const RESPONSE_KEYS = ['fields', 'max_bytes'] as const;

/** A programmatic identifier, as tool names are: letters, digits, `_`, `-`, `.`. */
const RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** `type/subtype` with the usual token characters (RFC 6838), optionally with parameters. */
const MIME_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$/;

const EXAMPLE = 'product_catalogue: { operation: GET /products, uri: "company://products" }';

/** Reads the optional `resources` mapping; undefined when an entry could not be read (diagnostics in the reader). */
export function readResources(input: {
  reader: ShapeReader;
  entry: Entry | undefined;
}): AllowlistResource[] | undefined {
  const { reader, entry } = input;
  // `resources:` with nothing under it is a file that exposes no resources, as when the key is absent.
  if (!entry || isEmpty(entry.value) || (isMap(entry.value) && entry.value.items.length === 0)) return [];
  const mapping = reader.mapping({
    node: entry.value,
    path: 'resources',
    owner: entry.key,
    hint: `map each resource name to its settings, e.g. ${EXAMPLE}`,
  });
  if (!mapping) return undefined;
  const result: AllowlistResource[] = [];
  let complete = true;
  for (const resourceEntry of mapping.entries.values()) {
    const resource = readResource({ reader, entry: resourceEntry });
    if (resource) result.push(resource);
    else complete = false;
  }
  if (complete) checkDuplicateUris({ reader, resources: result });
  return complete ? result : undefined;
}

function readResource(input: { reader: ShapeReader; entry: Entry }): AllowlistResource | undefined {
  const { reader, entry } = input;
  if (!RESOURCE_NAME.test(entry.name)) {
    reader.report({
      code: 'MCPGEN_INVALID_RESOURCE_NAME',
      node: entry.key,
      message: `resource name "${entry.name}" is not a plain identifier`,
      hint: 'start with a letter and use only letters, digits, "_", "-" and ".", at most 64 characters, e.g. product_catalogue',
    });
  }
  const mapping = reader.mapping({
    node: entry.value,
    path: entry.path,
    owner: entry.key,
    keys: RESOURCE_KEYS,
    hint: `write the resource's keys indented under it, e.g. ${EXAMPLE}`,
  });
  if (!mapping) return undefined;
  const fieldLocations: Record<string, FileLocation> = {};
  for (const field of mapping.entries.values()) fieldLocations[field.name] = reader.fieldLocation(field);

  const fields = mapping.entries;
  const operation = readOperation({ reader, mapping });
  const uriEntry = reader.require({
    mapping,
    name: 'uri',
    example: 'uri: "company://products" (or a template such as "company://customers/{customerId}")',
  });
  const uri = uriEntry ? readUri({ reader, entry: uriEntry }) : undefined;
  const title = optional({ entry: fields.get('title'), read: (e) => reader.string(e) });
  const description = optional({ entry: fields.get('description'), read: (e) => reader.string(e) });
  const mimeType = optional({ entry: fields.get('mime_type'), read: (e) => readMimeType({ reader, entry: e }) });
  const enabled = optional({ entry: fields.get('enabled'), read: (e) => reader.boolean(e) });
  const params = optional({
    entry: fields.get('params'),
    read: (e) => readFixedParams({ reader, entry: e, fieldLocations }),
  });
  const response = optional({
    entry: fields.get('response'),
    read: (e) => readResponse({ reader, entry: e, fieldLocations, keys: RESPONSE_KEYS }),
  });
  const redact = optional({
    entry: fields.get('redact'),
    read: (e) => reader.stringList({ entry: e, nonEmpty: false, example: '[customerId]' }),
  });
  const rateLimit = optional({ entry: fields.get('rate_limit'), read: (e) => readRateLimit({ reader, entry: e }) });

  if (operation === undefined || uri === undefined || !RESOURCE_NAME.test(entry.name)) return undefined;
  if (title === INVALID || description === INVALID || mimeType === INVALID || enabled === INVALID) return undefined;
  if (params === INVALID || response === INVALID || redact === INVALID || rateLimit === INVALID) return undefined;
  return {
    name: entry.name,
    operation,
    uri,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(mimeType === undefined ? {} : { mimeType }),
    ...(enabled === undefined ? {} : { enabled }),
    params: params ?? {},
    response: response ?? { strictness: 'lenient' },
    redact: redact ?? [],
    ...(rateLimit === undefined ? {} : { rateLimit }),
    location: reader.locate(entry.key),
    fieldLocations,
  };
}

function readUri(input: { reader: ShapeReader; entry: Entry }): string | undefined {
  const { reader, entry } = input;
  const uri = reader.string(entry);
  if (uri === undefined) return undefined;
  const parsed = parseUriTemplate(uri);
  if (parsed.ok) return uri;
  reader.report({
    code: 'MCPGEN_INVALID_RESOURCE_URI',
    node: entry.value,
    message: `"${entry.path}" ${parsed.problem}`,
    hint: parsed.hint,
  });
  return undefined;
}

function readMimeType(input: { reader: ShapeReader; entry: Entry }): string | undefined {
  const { reader, entry } = input;
  const text = reader.string(entry);
  if (text === undefined || MIME_TYPE.test(text)) return text;
  reader.report({
    code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
    node: entry.value,
    message: `"${entry.path}" is not a MIME type: "${text}"`,
    hint: 'write type/subtype, e.g. mime_type: application/json or mime_type: text/markdown',
  });
  return undefined;
}

/** `params: { name: { value: ... } }`: each parameter a resource names is hidden and fixed. */
function readFixedParams(input: {
  reader: ShapeReader;
  entry: Entry;
  fieldLocations: Record<string, FileLocation>;
}): Record<string, ParamOverride> | undefined {
  const { reader } = input;
  return readParamMap({
    ...input,
    hint: 'map each query parameter to the value the server always sends, e.g. params: { activeOnly: { value: true } }',
    readOne: (paramEntry, location) => {
      const param = reader.mapping({
        node: paramEntry.value,
        path: paramEntry.path,
        owner: paramEntry.key,
        keys: PARAM_KEYS,
        hint: `a resource takes no arguments: write ${paramEntry.name}: { value: ... } to always send that value`,
      });
      const valueEntry = param?.entries.get('value');
      if (param && !valueEntry && !param.misspelled.has('value')) {
        reader.report({
          code: 'MCPGEN_ALLOWLIST_MISSING_KEY',
          node: paramEntry.key,
          message: `"${paramEntry.path}" has no "value"`,
          hint: `a resource takes no arguments: write ${paramEntry.name}: { value: ... } to always send that value, or remove the entry`,
        });
      }
      const value = valueEntry ? reader.json(valueEntry) : undefined;
      return value === undefined ? undefined : { value, location };
    },
  });
}

/** Two resources answering the same URI (or templates matching the same URIs) cannot both be read. */
function checkDuplicateUris(input: { reader: ShapeReader; resources: AllowlistResource[] }): void {
  const first = new Map<string, AllowlistResource>();
  for (const resource of input.resources) {
    if (resource.enabled === false) continue;
    const shape = templateShape(resource.uri);
    const earlier = first.get(shape);
    if (!earlier) {
      first.set(shape, resource);
      continue;
    }
    input.reader.report({
      code: 'MCPGEN_DUPLICATE_RESOURCE_URI',
      location: resource.fieldLocations['uri'] ?? resource.location,
      message:
        earlier.uri === resource.uri
          ? `resource "${resource.name}" has the URI "${resource.uri}" of resource "${earlier.name}"`
          : `resource "${resource.name}" matches the same URIs as resource "${earlier.name}" ("${resource.uri}" and "${earlier.uri}")`,
      hint: `give each resource its own URI; "${earlier.name}" is on line ${earlier.location.line}`,
    });
  }
}
