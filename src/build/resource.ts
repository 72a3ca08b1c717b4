import type { OpenAPIV3 } from 'openapi-types';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseUriTemplate } from '../load/uri-template.js';
import type { AllowlistResource, AllowlistTool } from '../model/allowlist.js';
import type { OperationRef } from '../model/operation.js';
import type { AuthSchemeModel, ResourceModel } from '../model/server.js';
import type { SchemaIssue } from './schema/limits.js';
import { buildTool } from './tool.js';

export const DEFAULT_RESOURCE_MIME_TYPE = 'application/json';

/**
 * One allowlisted resource plus its GET operation → the resource the
 * generated server lists and reads. The request side (parameters, fixed
 * values, security, kept fields, size cap) is built by the tool builder, so a
 * resource and a tool of one operation send the same request; what differs is
 * checked here: no arguments, so path parameters must be exactly the URI's
 * variables and every other required parameter must be fixed.
 */
export function buildResource(input: {
  resource: AllowlistResource;
  operation: OperationRef;
  document: OpenAPIV3.Document;
  openapiVersion: '3.0' | '3.1';
  auth: AuthSchemeModel[];
  onSchemaIssue?: (issue: SchemaIssue) => void;
}): { resource?: ResourceModel; diagnostics: Diagnostic[] } {
  const { resource, operation } = input;
  const asTool: AllowlistTool = {
    name: resource.name,
    operation: resource.operation,
    risk: 'read',
    ...(resource.title === undefined ? {} : { title: resource.title }),
    ...(resource.description === undefined ? {} : { description: resource.description }),
    openWorld: false,
    params: resource.params,
    response: resource.response,
    redact: [],
    ...(resource.rateLimit ? { rateLimit: resource.rateLimit } : {}),
    location: resource.location,
    fieldLocations: resource.fieldLocations,
  };
  const built = buildTool({ ...input, tool: asTool });
  // The tool builder names what it checks a tool; here it is a resource.
  const diagnostics = built.diagnostics.map((d) => ({
    ...d,
    message: d.message
      .split(`tool "${resource.name}"`)
      .join(`resource "${resource.name}"`)
      .replace('to decide when to call the tool', 'to decide when to read the resource'),
    ...(d.hint === undefined ? {} : { hint: d.hint.replace('what the tool does', 'what the resource holds') }),
  }));
  const tool = built.tool;

  const parsed = parseUriTemplate(resource.uri);
  const variables = parsed.ok ? parsed.variables : [];
  const uriLocation = resource.fieldLocations['uri'] ?? resource.location;
  const pathParams = tool.params.filter((p) => p.in === 'path');
  const pathNames = pathParams.map((p) => p.wireName);
  const missing = pathNames.filter((name) => !variables.includes(name));
  const extra = variables.filter((name) => !pathNames.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    const expected =
      pathNames.length === 0 ? 'a fixed URI without {variables}' : pathNames.map((n) => `{${n}}`).join(', ');
    diagnostics.push({
      code: 'MCPGEN_RESOURCE_TEMPLATE_MISMATCH',
      severity: 'error',
      message: `resource "${resource.name}": ${[
        ...(missing.length > 0 ? [`the URI lacks ${missing.map((n) => `{${n}}`).join(', ')}`] : []),
        ...(extra.length > 0
          ? [
              `${extra.map((n) => `{${n}}`).join(', ')} ${extra.length === 1 ? 'is not a path parameter' : 'are not path parameters'} of ${operation.method.toUpperCase()} ${operation.path}`,
            ]
          : []),
      ].join('; ')}`,
      location: uriLocation,
      hint: `the URI needs exactly the operation's path parameters: ${expected}`,
    });
  }
  for (const param of pathParams.filter((p) => p.fixedValue !== undefined)) {
    diagnostics.push({
      code: 'MCPGEN_RESOURCE_PARAM_NOT_FIXED',
      severity: 'error',
      message: `resource "${resource.name}" fixes the path parameter "${param.wireName}", which the URI gives`,
      location:
        resource.params[param.argName]?.location ?? resource.params[param.wireName]?.location ?? resource.location,
      hint: `remove params.${param.argName}: the value comes from {${param.wireName}} in the URI`,
    });
  }
  const unfixed = tool.params.filter((p) => p.in !== 'path' && p.required && p.fixedValue === undefined);
  for (const param of unfixed) {
    diagnostics.push({
      code: 'MCPGEN_RESOURCE_PARAM_NOT_FIXED',
      severity: 'error',
      message: `resource "${resource.name}": ${operation.method.toUpperCase()} ${operation.path} requires the ${param.in} parameter "${param.wireName}", and a resource takes no arguments`,
      location: resource.fieldLocations['params'] ?? resource.location,
      hint: `fix its value: params: { ${param.argName}: { value: ... } }`,
    });
  }
  for (const name of resource.redact.filter((n) => !variables.includes(n))) {
    diagnostics.push({
      code: 'MCPGEN_UNKNOWN_REDACT_FIELD',
      severity: 'error',
      message: `resource "${resource.name}" redacts "${name}", which is not a variable of its URI`,
      location: resource.fieldLocations['redact'] ?? resource.location,
      hint: `redact lists URI variables: ${variables.join(', ') || '(none)'}`,
    });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  // Only what is sent: path parameters and fixed values; optional unfixed ones are left out of every read.
  const params = tool.params
    .filter((p) => p.in === 'path' || p.fixedValue !== undefined)
    .map((p) => (p.in === 'path' ? { ...p, argName: p.wireName } : p));
  return {
    resource: {
      name: resource.name,
      uri: resource.uri,
      variables,
      title: tool.title,
      description: tool.description,
      mimeType: resource.mimeType ?? DEFAULT_RESOURCE_MIME_TYPE,
      ...(resource.rateLimit ? { rateLimit: resource.rateLimit } : {}),
      method: tool.method,
      path: tool.path,
      ...(tool.operationId ? { operationId: tool.operationId } : {}),
      pointer: tool.pointer,
      deprecated: tool.deprecated,
      specText: tool.specText,
      params,
      ...(tool.output ? { output: tool.output } : {}),
      security: tool.security,
      maxResponseBytes: tool.maxResponseBytes,
      redact: [...resource.redact],
    },
    diagnostics,
  };
}
