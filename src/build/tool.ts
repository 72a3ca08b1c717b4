import type { OpenAPIV3 } from 'openapi-types';
import { checkRedact } from './redact.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AllowlistTool } from '../model/allowlist.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { OperationRef } from '../model/operation.js';
import type { AuthSchemeModel, ParamModel, ToolModel } from '../model/server.js';
import { buildAnnotations, titleFromName } from './annotations.js';
import { curationWarnings } from './curation-warnings.js';
import { securityOf } from './auth.js';
import {
  APPROVAL_ID_ARG,
  APPROVAL_ID_SCHEMA,
  resolveApprovalQueue,
  CONFIRMATION_TOKEN_ARG,
  CONFIRMATION_TOKEN_SCHEMA,
  gatedOutputSchema,
  resolveConfirmation,
} from './confirmation.js';
import { closestCandidates, didYouMeanSentence } from '../diagnostics/did-you-mean.js';
import { buildOutput, successJsonSchema } from './output.js';
import { buildParams, effectiveParameters } from './parameters.js';
import { normalizeSchema } from './schema/index.js';
import type { SchemaIssue } from './schema/limits.js';

/** Default cap on the upstream response the tool passes to the model. */
export const DEFAULT_MAX_RESPONSE_BYTES = 100_000;

export interface BuildToolInput {
  tool: AllowlistTool;
  operation: OperationRef;
  document: OpenAPIV3.Document;
  openapiVersion: '3.0' | '3.1';
  auth: AuthSchemeModel[];
  /** Receives each schema keyword left out because it is beyond the limits (see schema/limits.ts). */
  onSchemaIssue?: (issue: SchemaIssue) => void;
  /** The allowlist's `server.high_risk_approval_queue`. */
  highRiskApprovalQueue?: boolean;
}

/**
 * Allowlist refinements a tool was built without because the spec no longer
 * has what they name (each is also an error diagnostic): kept response fields
 * and parameter overrides. `check` compares the rest of such a tool's contract.
 */
export interface IgnoredRefinements {
  responseFields: string[];
  params: string[];
}

/** One allowlist entry plus its operation → the tool the generated server exposes. */
export function buildTool(input: BuildToolInput): {
  tool: ToolModel;
  diagnostics: Diagnostic[];
  ignored: IgnoredRefinements;
} {
  const { tool, operation, document, openapiVersion } = input;
  const pathItem = (document.paths?.[operation.path] ?? {}) as OpenAPIV3.PathItemObject;
  const op = pathItem[operation.method as OpenAPIV3.HttpMethods] as OpenAPIV3.OperationObject;
  const confirmation = resolveConfirmation(tool);
  const queue = resolveApprovalQueue({
    tool,
    mode: confirmation.mode,
    highRiskDefault: input.highRiskApprovalQueue ?? false,
  });
  const diagnostics: Diagnostic[] = [
    ...confirmation.diagnostics,
    ...queue.diagnostics,
    ...curationWarnings({ tool, operation, op }),
  ];
  const gated = confirmation.mode !== 'none';
  const issues = input.onSchemaIssue ? { onIssue: input.onSchemaIssue } : {};

  // GET and HEAD carry no body (fetch refuses one; HTTP gives it no meaning): a declared one is not offered.
  const bodyless = operation.method === 'get' || operation.method === 'head';
  if (bodyless && op.requestBody) {
    diagnostics.push({
      code: 'MCPGEN_BODY_IGNORED',
      severity: 'info',
      message: `tool "${tool.name}": ${operation.method.toUpperCase()} ${operation.path} declares a request body, which ${operation.method.toUpperCase()} cannot carry; the tool takes no body arguments`,
      location: tool.location,
      hint: 'Nothing to do in the allowlist. If the API really reads those fields, they belong in the query string: fix the spec.',
    });
  }
  const {
    params: specParams,
    body,
    unsendable,
  } = buildParams({
    reserved: gated ? [CONFIRMATION_TOKEN_ARG, ...(queue.queue ? [APPROVAL_ID_ARG] : [])] : [],
    parameters: effectiveParameters({ pathItem, operation: op }),
    ...(op.requestBody && !bodyless ? { requestBody: op.requestBody as OpenAPIV3.RequestBodyObject } : {}),
    auth: input.auth,
    normalize: (schema) => normalizeSchema({ schema, direction: 'input', openapiVersion, ...issues }),
  });
  for (const parameter of unsendable) {
    diagnostics.push({
      code: 'MCPGEN_PARAM_UNSENDABLE',
      severity: 'warning',
      message: `tool "${tool.name}": ${operation.method.toUpperCase()} ${operation.path} has ${parameter} parameter, whose name HTTP does not allow; the tool leaves it out`,
      location: tool.location,
      hint: "Nothing to do in the allowlist. Header and cookie names may hold letters, digits and !#$%&'*+.^_`|~- only: fix the name in the spec if the API really reads it.",
    });
  }
  const ignored: IgnoredRefinements = { responseFields: [], params: [] };
  const params = applyOverrides({ tool, params: specParams, diagnostics, unknown: ignored.params });

  let output: ToolModel['output'];
  const responseSchema = successJsonSchema(op);
  if (responseSchema !== undefined) {
    const built = buildOutput({
      schema: normalizeSchema({ schema: responseSchema, direction: 'output', openapiVersion, ...issues }),
      ...(tool.response.fields ? { fields: tool.response.fields } : {}),
      ...(tool.fieldLocations['response.fields'] ? { fieldsLocation: tool.fieldLocations['response.fields'] } : {}),
    });
    output = built.output;
    diagnostics.push(...built.diagnostics);
    ignored.responseFields.push(...built.unknownFields);
  } else if (tool.response.fields) {
    diagnostics.push({
      code: 'MCPGEN_UNKNOWN_RESPONSE_FIELD',
      severity: 'error',
      message: `tool "${tool.name}" lists response fields, but ${operation.method.toUpperCase()} ${operation.path} has no JSON success response`,
      location: tool.fieldLocations['response.fields'] ?? tool.location,
      hint: 'Remove `response.fields` for this tool.',
    });
  }

  const title = tool.title ?? op.summary?.trim() ?? titleFromName(tool.name);
  const description = tool.description?.trim() || specDescription(op) || title;
  return {
    tool: {
      name: tool.name,
      title,
      description,
      risk: tool.risk,
      confirmation: confirmation.mode,
      ...(queue.queue ? { approvalQueue: true } : {}),
      ...(tool.rateLimit ? { rateLimit: tool.rateLimit } : {}),
      annotations: buildAnnotations({ title, risk: tool.risk, method: operation.method, openWorld: tool.openWorld }),
      method: operation.method,
      path: operation.path,
      ...(operation.operationId ? { operationId: operation.operationId } : {}),
      pointer: operation.pointer,
      deprecated: op.deprecated === true,
      specText: {
        ...(op.summary ? { summary: op.summary } : {}),
        ...(op.description ? { description: op.description } : {}),
      },
      params,
      ...(body ? { body } : {}),
      // Only `confirm` tools issue tokens by default; the runtime adds the argument to `approve` tools when the operator opts in.
      // A tool using the approval queue takes an approval id instead: the queue is preferred to the relayed token.
      inputSchema: inputSchemaOf({
        params,
        tokenArgument: confirmation.mode === 'confirm' && !queue.queue,
        approvalArgument: queue.queue,
      }),
      ...(output ? { output } : {}),
      ...(gated
        ? { listedOutputSchema: gatedOutputSchema(output?.schema, queue.queue) }
        : output
          ? { listedOutputSchema: output.schema }
          : {}),
      security: securityOf({ operation: op, document }),
      maxResponseBytes: tool.response.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      outputStrictness: tool.response.strictness,
      redact: [...tool.redact],
    },
    diagnostics: [
      ...diagnostics,
      ...checkRedact({
        tool: tool.name,
        redact: tool.redact,
        inputSchema: inputSchemaOf({ params, tokenArgument: false, approvalArgument: false }),
        location: tool.fieldLocations['redact'],
      }),
    ],
    ignored,
  };
}

function specDescription(op: OpenAPIV3.OperationObject): string {
  return [op.summary, op.description]
    .map((text) => text?.trim())
    .filter((text): text is string => Boolean(text))
    .filter((text, index, all) => all.indexOf(text) === index)
    .join('\n\n');
}

/** Applies the allowlist's per-parameter descriptions, defaults and fixed values. */
function applyOverrides(input: {
  tool: AllowlistTool;
  params: ParamModel[];
  diagnostics: Diagnostic[];
  /** Receives the names of overrides for parameters the operation does not have. */
  unknown: string[];
}): ParamModel[] {
  const { tool, diagnostics } = input;
  const params = input.params.map((p) => ({ ...p }));
  for (const [name, override] of Object.entries(tool.params)) {
    const param = params.find((p) => p.argName === name) ?? params.find((p) => p.wireName === name);
    if (!param) {
      input.unknown.push(name);
      const suggestions = closestCandidates({ input: name, candidates: params.map((p) => p.argName) });
      diagnostics.push({
        code: 'MCPGEN_UNKNOWN_PARAM',
        severity: 'error',
        message: `tool "${tool.name}" has no parameter "${name}"`,
        location: override.location,
        hint: `${didYouMeanSentence(suggestions) ?? 'Check the name.'} Its parameters are: ${params.map((p) => p.argName).join(', ') || '(none)'}.`,
      });
      continue;
    }
    if (override.value !== undefined) param.fixedValue = override.value;
    if (override.description !== undefined) param.schema = { ...param.schema, description: override.description };
    if (override.default !== undefined) param.schema = { ...param.schema, default: override.default };
  }
  return params;
}

/** The tool's input: always an object at the root, closed, hidden parameters left out. */
function inputSchemaOf(input: { params: ParamModel[]; tokenArgument: boolean; approvalArgument: boolean }): JsonSchema {
  const visible = input.params.filter((p) => p.fixedValue === undefined);
  const properties: Record<string, JsonSchema> = {};
  for (const p of visible) properties[p.argName] = p.schema;
  if (input.tokenArgument) properties[CONFIRMATION_TOKEN_ARG] = CONFIRMATION_TOKEN_SCHEMA;
  if (input.approvalArgument) properties[APPROVAL_ID_ARG] = APPROVAL_ID_SCHEMA;
  const required = visible.filter((p) => p.required && p.schema.default === undefined).map((p) => p.argName);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
