import type { OpenAPIV3 } from 'openapi-types';
import type { Diagnostic, FileLocation } from '../diagnostics/diagnostic.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { OutputModel } from '../model/server.js';
import { closestCandidates, didYouMeanSentence } from '../diagnostics/did-you-mean.js';

const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json$/i;

/** The success response's JSON schema, if the operation has one: lowest 2xx status first. */
export function successJsonSchema(operation: OpenAPIV3.OperationObject): unknown {
  const responses = (operation.responses ?? {}) as Record<string, OpenAPIV3.ResponseObject>;
  const codes = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const content = responses[code]?.content ?? {};
    const media = Object.keys(content).find((type) => JSON_MEDIA.test(type.split(';')[0]?.trim() ?? ''));
    if (media) return content[media]?.schema ?? {};
    // The first success response decides: one without JSON means the tool returns text.
    return undefined;
  }
  return undefined;
}

/**
 * The tool's output: `structuredContent` must be an object, so arrays and
 * scalars are wrapped (`{ items: [...] }`, `{ value: ... }`); `fields` then
 * keeps only the listed paths (`items.name` reaches into array elements).
 */
export function buildOutput(input: { schema: JsonSchema; fields?: string[]; fieldsLocation?: FileLocation }): {
  output: OutputModel;
  diagnostics: Diagnostic[];
  /** Listed fields the schema does not have (each also an error diagnostic); the output keeps the others. */
  unknownFields: string[];
} {
  const wrapKey = isObjectSchema(input.schema) ? undefined : input.schema.type === 'array' ? 'items' : 'value';
  // MCP requires an object at the root: SDK clients reject the whole tools/list over a nullable root.
  const rooted: JsonSchema = wrapKey
    ? { type: 'object', properties: { [wrapKey]: input.schema }, required: [wrapKey] }
    : { ...input.schema, type: 'object' };
  if (!input.fields)
    return { output: { schema: rooted, ...(wrapKey ? { wrapKey } : {}) }, diagnostics: [], unknownFields: [] };

  const diagnostics: Diagnostic[] = [];
  const unknownFields: string[] = [];
  const tree: FieldTree = {};
  for (const field of input.fields) {
    const problem = addPath({ tree, schema: rooted, segments: field.split('.') });
    if (problem) {
      unknownFields.push(field);
      const suggestions = closestCandidates({ input: problem.segment, candidates: problem.available });
      diagnostics.push({
        code: 'MCPGEN_UNKNOWN_RESPONSE_FIELD',
        severity: 'error',
        message: `response field "${field}" does not exist in the response schema`,
        ...(input.fieldsLocation ? { location: input.fieldsLocation } : {}),
        hint: [
          didYouMeanSentence(suggestions),
          `Available here: ${problem.available.join(', ') || '(none: the schema lists no properties)'}.`,
        ]
          .filter(Boolean)
          .join(' '),
      });
    }
  }
  return {
    output: { schema: project(rooted, tree), ...(wrapKey ? { wrapKey } : {}), fields: [...input.fields] },
    diagnostics,
    unknownFields,
  };
}

/** Nested set of kept property names: `true` keeps the whole value. */
type FieldTree = { [name: string]: FieldTree | true };

function isObjectSchema(schema: JsonSchema): boolean {
  return (
    schema.type === 'object' ||
    (Array.isArray(schema.type) && schema.type.includes('object') && !schema.type.includes('array'))
  );
}

/** Descends through arrays to their element schema, so `items.name` addresses each element's `name`. */
function elementOf(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (
    current.items &&
    (current.type === 'array' || (Array.isArray(current.type) && current.type.includes('array')))
  ) {
    current = current.items;
  }
  return current;
}

function addPath(input: {
  tree: FieldTree;
  schema: JsonSchema;
  segments: string[];
}): { segment: string; available: string[] } | undefined {
  const [head, ...rest] = input.segments;
  if (head === undefined) return undefined;
  const properties = elementOf(input.schema).properties ?? {};
  const child = properties[head];
  if (!child) return { segment: head, available: Object.keys(properties) };
  if (rest.length === 0) {
    input.tree[head] = true;
    return undefined;
  }
  const existing = input.tree[head];
  if (existing === true) return undefined;
  const subtree: FieldTree = existing ?? {};
  input.tree[head] = subtree;
  return addPath({ tree: subtree, schema: child, segments: rest });
}

function project(schema: JsonSchema, tree: FieldTree): JsonSchema {
  if (schema.items && !schema.properties) return { ...schema, items: project(schema.items, tree) };
  const properties: Record<string, JsonSchema> = {};
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const kept = tree[name];
    if (kept === undefined) continue;
    properties[name] = kept === true ? child : project(child, kept);
  }
  const required = (schema.required ?? []).filter((name) => name in properties);
  const { required: _dropped, ...rest } = schema;
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
}
