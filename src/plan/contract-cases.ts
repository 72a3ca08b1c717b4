import type { JsonSchema, JsonValue } from '../model/json-schema.js';
import type { ParamModel, ServerModel, ToolModel } from '../model/server.js';
import { requestPathTemplate } from './request-path.js';
import { sampleValue } from './zod/index.js';

/** One generated contract test: a call, the request the API must see, and its stub answer. */
export interface ContractCase {
  tool: string;
  args: Record<string, JsonValue>;
  expect: {
    method: string;
    path: string;
    query: Record<string, string>;
    credential?: { header?: string; query?: string };
  };
  reply: { status: number; body?: JsonValue };
  structuredContent?: JsonValue;
}

/** Builds the case for each tool from schema samples, mirroring how the runtime builds requests. */
export function planContractCases(model: ServerModel): ContractCase[] {
  return model.tools.map((tool) => {
    const args = (sampleValue(tool.inputSchema) ?? {}) as Record<string, JsonValue>;
    for (const param of tool.params) {
      // An empty path segment is refused at run time; samples must be usable.
      if (param.in === 'path' && param.fixedValue === undefined && args[param.argName] === '')
        args[param.argName] = 'x';
    }
    giveBodyItsRules({ tool, args });
    const valueOf = (argName: string, fixed: JsonValue | undefined, schema: JsonSchema) =>
      fixed !== undefined
        ? fixed
        : Object.hasOwn(args, argName) && args[argName] !== undefined
          ? args[argName]
          : schema.default;

    let path = requestPathTemplate(tool.path);
    const query: Record<string, string> = {};
    for (const param of tool.params) {
      const value = valueOf(param.argName, param.fixedValue, param.schema);
      if (value === undefined || value === null) continue;
      if (param.in === 'path') path = path.split(`{${param.wireName}}`).join(encodeURIComponent(scalarText(value)));
      if (param.in === 'query' && typeof value !== 'object') query[param.wireName] = String(value);
    }
    const credential = credentialExpectation({ tool, model });
    const body = tool.output ? rawSample(tool) : undefined;
    return {
      tool: tool.name,
      args,
      expect: { method: tool.method.toUpperCase(), path, query, ...(credential ? { credential } : {}) },
      reply: { status: 200, ...(body !== undefined ? { body } : {}) },
      ...expectedContent({ tool, body }),
    };
  });
}

/**
 * A body that will be sent must be one the runtime accepts: its required
 * fields and `minProperties` hold (an optional body is sent only when a field
 * is given). Adds sample values for the fields missing.
 */
function giveBodyItsRules(input: { tool: ToolModel; args: Record<string, JsonValue> }): void {
  const { tool, args } = input;
  const body = tool.body;
  if (!body || body.mode !== 'fields') return;
  const fields = tool.params.filter((param) => param.in === 'body');
  const given = fields.some((param) => param.fixedValue === undefined && Object.hasOwn(args, param.argName));
  if (!body.required && !given) return;
  const present = (param: ParamModel) =>
    param.fixedValue !== undefined || Object.hasOwn(args, param.argName) || param.schema.default !== undefined;
  const add = (param: ParamModel) => {
    const value = sampleValue(param.schema);
    if (value !== undefined) args[param.argName] = value;
  };
  for (const param of fields) {
    if (body.requiredFields?.includes(param.wireName) && !present(param)) add(param);
  }
  for (const param of fields) {
    if (fields.filter(present).length >= (body.minProperties ?? 0)) break;
    if (!present(param)) add(param);
  }
}

function scalarText(value: JsonValue): string {
  if (Array.isArray(value)) return value.map((item) => scalarText(item)).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** A sample response body: the output schema's sample, unwrapped when the tool wraps it. */
function rawSample(tool: ToolModel): JsonValue | undefined {
  const output = tool.output;
  if (!output) return undefined;
  const schema = output.wrapKey ? output.schema.properties?.[output.wrapKey] : output.schema;
  return schema ? sampleValue(schema) : undefined;
}

function credentialExpectation(input: { tool: ToolModel; model: ServerModel }): ContractCase['expect']['credential'] {
  const { tool, model } = input;
  const alternative = tool.security.find((names) => names.every((name) => model.auth.some((s) => s.name === name)));
  for (const name of alternative ?? []) {
    const scheme = model.auth.find((s) => s.name === name);
    if (scheme?.kind === 'bearer') return { header: 'authorization' };
    if (scheme?.kind === 'apiKey' && scheme.in === 'header' && scheme.paramName)
      return { header: scheme.paramName.toLowerCase() };
    if (scheme?.kind === 'apiKey' && scheme.in === 'query' && scheme.paramName) return { query: scheme.paramName };
  }
  return undefined;
}

/** What the tool returns for the stub's answer: wrapped when not an object, enveloped when gated. */
function expectedContent(input: { tool: ToolModel; body: JsonValue | undefined }): { structuredContent?: JsonValue } {
  const { tool, body } = input;
  const result =
    tool.output && body !== undefined ? (tool.output.wrapKey ? { [tool.output.wrapKey]: body } : body) : undefined;
  if (tool.confirmation !== 'none')
    return { structuredContent: { status: 'completed', ...(result !== undefined ? { result } : {}) } };
  return result !== undefined ? { structuredContent: result } : {};
}
