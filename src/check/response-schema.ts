import type { OpenAPIV3 } from 'openapi-types';
import { buildOutput, successJsonSchema } from '../build/output.js';
import { normalizeSchema } from '../build/schema/normalize.js';
import type { LoadedSpec } from '../load/spec.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { OperationRef } from '../model/operation.js';

/** The operation's whole success response as a tool's (or resource's) output wraps it, for suggesting a field in place of a kept one that is gone. */
export function fullResponseSchema(input: { spec: LoadedSpec; operation: OperationRef }): JsonSchema | undefined {
  const { spec, operation } = input;
  const pathItem = (spec.document.paths?.[operation.path] ?? {}) as Record<
    string,
    OpenAPIV3.OperationObject | undefined
  >;
  const op = pathItem[operation.method];
  const schema = op ? successJsonSchema(op) : undefined;
  if (schema === undefined) return undefined;
  const normalized = normalizeSchema({ schema, direction: 'output', openapiVersion: spec.openapiVersion });
  return buildOutput({ schema: normalized }).output.schema;
}
