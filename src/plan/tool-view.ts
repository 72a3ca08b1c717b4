import type { BodyModel, ToolModel } from '../model/server.js';
import { listedOutputSchema } from './listed-schema.js';
import type { ToolNames } from './names.js';
import { paramBindingView } from './param-binding.js';
import { requestPathTemplate } from './request-path.js';
import { bool, callsIdentifier, constant, id, json, object, prop, str, type Declaration, type Expr } from './syntax.js';
import { emitZod } from './zod/index.js';
import { SPEC_PATTERN } from './zod/scalars.js';
import type { ToolZod } from './zod/shared.js';

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

/**
 * What `tools/tool.ts.hbs` receives: the module's declarations as syntax
 * trees (the render stage prints them), spec values in them as literals.
 * `zod` is the tool's part of the project's zod (plan/zod/shared.ts);
 * without it, the tool's schemas are written inline.
 */
export function planToolView(input: { tool: ToolModel; names: ToolNames; zod?: ToolZod }) {
  const { tool, names } = input;
  const zod = input.zod ?? inlineZod(tool);
  const request = {
    method: tool.method.toUpperCase(),
    path: requestPathTemplate(tool.path),
    params: tool.params.map(paramBindingView),
    ...(tool.body ? { body: bodyView(tool.body) } : {}),
    security: tool.security,
  };
  const response = {
    ...(tool.output?.wrapKey ? { wrapKey: tool.output.wrapKey } : {}),
    ...(tool.output?.fields ? { fields: tool.output.fields } : {}),
    maxBytes: tool.maxResponseBytes,
    strictness: tool.outputStrictness,
  };
  const definition = object(
    [
      prop('name', str(tool.name)),
      prop('risk', str(tool.risk)),
      prop('confirmation', str(tool.confirmation)),
      ...(tool.approvalQueue === true ? [prop('approvalQueue', bool(true))] : []),
      ...(tool.rateLimit ? [prop('rateLimit', json(tool.rateLimit))] : []),
      prop('redact', json(tool.redact)),
      prop('listing', id(names.listingName)),
      prop('input', id(names.inputName)),
      ...(zod.output === undefined ? [] : [prop('output', id(names.outputName))]),
      prop('request', json(request)),
      prop('response', json(response)),
    ],
    true,
  );
  return {
    ...names,
    name: tool.name,
    title: tool.title,
    risk: tool.risk,
    confirmation: tool.confirmation,
    operation: `${tool.method.toUpperCase()} ${tool.path}`,
    listing: toolListing(tool),
    request,
    response,
    inputDeclarations: schemaDeclarations({ name: names.inputName, type: names.inputType, value: zod.input }),
    outputDeclarations:
      zod.output === undefined
        ? null
        : schemaDeclarations({ name: names.outputName, type: names.outputType, value: zod.output }),
    definition: constant({ name: names.constName, type: 'ToolDefinition', value: definition }),
    usesSpecPattern: zod.usesSpecPattern,
    sharedImport: zod.imports.length === 0 ? null : importDeclaration({ names: zod.imports, from: '../schemas.js' }),
  };
}

/** `export const name = <zod>;` and `export type Type = z.infer<typeof name>;` */
function schemaDeclarations(input: { name: string; type: string; value: Expr }): Declaration[] {
  return [
    constant({ name: input.name, value: input.value }),
    { kind: 'infer', exported: true, name: input.type, of: input.name },
  ];
}

function inlineZod(tool: ToolModel): ToolZod {
  const input = emitZod({ schema: tool.inputSchema, strictRoot: true });
  const output = tool.output ? emitZod({ schema: tool.output.schema }) : undefined;
  return {
    input,
    ...(output === undefined ? {} : { output }),
    imports: [],
    usesSpecPattern: [input, output].some((code) => code !== undefined && callsIdentifier(code, SPEC_PATTERN)),
  };
}

/**
 * `import { a, b } from '…';` laid out as prettier does: on one line when it
 * fits in the print width (100), else one name per line with a trailing
 * comma. Names are identifiers mcpgen made (ASCII), so length is width.
 */
function importDeclaration(input: { names: readonly string[]; from: string }): string {
  const line = `import { ${input.names.join(', ')} } from '${input.from}';`;
  if (line.length <= 100 || input.names.length === 1) return line;
  return `import {\n${input.names.map((name) => `  ${name},\n`).join('')}} from '${input.from}';`;
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
