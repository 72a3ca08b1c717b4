import type { JsonSchema } from '../model/json-schema.js';

/**
 * The output schema as `tools/list` carries it: the structure a client
 * validates `structuredContent` against, without the annotations.
 *
 * The SDK clients (v1 and v2) compile the listed output schema with Ajv
 * (`strict: false`, formats on) and reject a result that does not match it;
 * annotations (title, description, default, examples, deprecated) never change
 * that outcome, and hosts do not show output schemas to the model. They stay in
 * the manifest, where `mcpgen check` reports their changes.
 */
export function listedOutputSchema(schema: JsonSchema): JsonSchema {
  const {
    title: _title,
    description: _description,
    default: _default,
    examples: _examples,
    deprecated: _deprecated,
    ...rest
  } = schema;
  const result: JsonSchema = { ...rest };
  if (rest.properties) {
    result.properties = Object.fromEntries(
      Object.entries(rest.properties).map(([name, property]) => [name, listedOutputSchema(property)]),
    );
  }
  if (typeof rest.additionalProperties === 'object') {
    result.additionalProperties = listedOutputSchema(rest.additionalProperties);
  }
  if (rest.items) result.items = listedOutputSchema(rest.items);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const members = rest[key];
    if (members) result[key] = members.map(listedOutputSchema);
  }
  return result;
}
