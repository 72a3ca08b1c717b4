import type { BodyModel, ToolModel } from '../model/server.js';
import { listedOutputSchema } from './listed-schema.js';
import type { ToolNames } from './names.js';
import { paramBindingView } from './param-binding.js';
import { requestPathTemplate } from './request-path.js';
import { emitZod } from './zod/index.js';
import { SPEC_PATTERN } from './zod/scalars.js';
import { callsIdentifier } from './zod/uses-identifier.js';

/**
 * The exact entry of `tools/list` for a tool, and what its size is measured on.
 * The model reads name, title, description and the input schema; the output
 * schema is for the client's validation of `structuredContent` (see listed-schema.ts).
 */
export function toolListing(tool: ToolModel) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    ...(tool.listedOutputSchema ? { outputSchema: listedOutputSchema(tool.listedOutputSchema) } : {}),
    annotations: tool.annotations,
  };
}

/** What `tools/tool.ts.hbs` receives: code fragments already escaped, plus data rendered as JSON literals. */
export function planToolView(input: { tool: ToolModel; names: ToolNames }) {
  const { tool, names } = input;
  const inputZod = emitZod({ schema: tool.inputSchema, strictRoot: true });
  const outputZod = tool.output ? emitZod({ schema: tool.output.schema }) : undefined;
  return {
    ...names,
    name: tool.name,
    title: tool.title,
    risk: tool.risk,
    confirmation: tool.confirmation,
    approvalQueue: tool.approvalQueue === true,
    rateLimit: tool.rateLimit ?? null,
    redact: tool.redact,
    operation: `${tool.method.toUpperCase()} ${tool.path}`,
    listing: toolListing(tool),
    inputZod,
    ...(outputZod !== undefined ? { outputZod } : {}),
    usesSpecPattern: [inputZod, outputZod ?? ''].some((code) => callsIdentifier({ code, name: SPEC_PATTERN })),
    request: {
      method: tool.method.toUpperCase(),
      path: requestPathTemplate(tool.path),
      params: tool.params.map(paramBindingView),
      ...(tool.body ? { body: bodyView(tool.body) } : {}),
      security: tool.security,
    },
    response: {
      ...(tool.output?.wrapKey ? { wrapKey: tool.output.wrapKey } : {}),
      ...(tool.output?.fields ? { fields: tool.output.fields } : {}),
      maxBytes: tool.maxResponseBytes,
      strictness: tool.outputStrictness,
    },
  };
}

/** The runtime's `BodyDefinition`: optional members only where they say something. */
function bodyView(body: BodyModel) {
  return {
    mediaType: body.mediaType,
    mode: body.mode,
    required: body.required,
    ...(body.as ? { as: body.as } : {}),
    ...(body.requiredFields ? { requiredFields: body.requiredFields } : {}),
    ...(body.minProperties !== undefined ? { minProperties: body.minProperties } : {}),
    ...(body.fields ? { fields: body.fields } : {}),
  };
}
