import type { ResourceModel } from '../model/server.js';
import { requestPathTemplate } from './request-path.js';
import { paramBindingView } from './param-binding.js';

export function isTemplate(resource: ResourceModel): boolean {
  return resource.variables.length > 0;
}

/** The exact entry of `resources/list` or `resources/templates/list`: what the model reads, and what is measured. */
export function resourceListing(resource: ResourceModel) {
  return {
    ...(isTemplate(resource) ? { uriTemplate: resource.uri } : { uri: resource.uri }),
    name: resource.name,
    title: resource.title,
    description: resource.description,
    mimeType: resource.mimeType,
  };
}

/** The runtime's `ResourceDefinition`, as a JSON literal of `src/resources.ts`. */
export function resourceDefinition(resource: ResourceModel) {
  return {
    name: resource.name,
    uri: resource.uri,
    title: resource.title,
    description: resource.description,
    mimeType: resource.mimeType,
    ...(resource.rateLimit ? { rateLimit: resource.rateLimit } : {}),
    redact: resource.redact,
    request: {
      method: resource.method.toUpperCase(),
      path: requestPathTemplate(resource.path),
      params: resource.params.map(paramBindingView),
      security: resource.security,
    },
    response: {
      ...(resource.output?.wrapKey ? { wrapKey: resource.output.wrapKey } : {}),
      ...(resource.output?.fields ? { fields: resource.output.fields } : {}),
      maxBytes: resource.maxResponseBytes,
    },
  };
}

/**
 * The contract a resource was generated from, in the shape of a tool's
 * (`toolContract`), so `check` can compare it the same way: operation,
 * parameters sent, the response schema its contents follow, security.
 */
export function resourceContract(resource: ResourceModel) {
  return {
    operation: `${resource.method.toUpperCase()} ${resource.path}`,
    ...(resource.operationId ? { operationId: resource.operationId } : {}),
    uri: resource.uri,
    mimeType: resource.mimeType,
    risk: 'read' as const,
    deprecated: resource.deprecated,
    specText: resource.specText,
    params: resource.params.map((p) => ({
      name: p.wireName,
      in: p.in,
      arg: p.argName,
      required: p.required,
      schema: p.schema,
    })),
    ...(resource.output ? { outputSchema: resource.output.schema } : {}),
    security: resource.security,
  };
}
