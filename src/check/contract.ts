import type { DriftCode } from '../diagnostics/catalogue.js';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { AllowlistTool } from '../model/allowlist.js';
import type { JsonSchema, JsonValue } from '../model/json-schema.js';
import { generateCommand, type FixContext } from './fix-command.js';
import type { FindingDraft } from './report.js';

/** One parameter of a recorded contract (see `toolContract` in src/plan/manifest.ts). */
export interface ContractParam {
  name: string;
  in: string;
  arg: string;
  required: boolean;
  schema: JsonSchema;
}

/**
 * A tool's contract as the manifest records it, read back as JSON. Only the
 * fields `check` explains are typed; any other field is still compared.
 */
export interface ToolContract {
  operation: string;
  operationId?: string;
  risk?: string;
  confirmation?: string;
  deprecated?: boolean;
  specText?: { summary?: string; description?: string };
  params?: ContractParam[];
  body?: { mediaType: string; required: boolean; mode: string };
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
  security?: string[][];
}

/** A resource's contract as the manifest records it (`resourceContract` in src/plan/resource-view.ts): a read tool's, plus its URI and MIME type. */
export interface ResourceContract extends ToolContract {
  uri?: string;
  mimeType?: string;
}

/** What every finding about one tool shares. */
export interface ToolScope {
  tool: AllowlistTool;
  /** `METHOD /path` now. */
  operation: string;
  /** JSON pointer to the operation in the current spec. */
  pointer: string;
  context: FixContext;
}

/** A tools-category finding for `scope`, located at an allowlist field of the tool (its `operation` by default). */
export function toolFinding(input: {
  scope: ToolScope;
  code: DriftCode;
  subject: string;
  message: string;
  field?: string;
  fix?: string;
  before?: JsonValue;
  after?: JsonValue;
}): FindingDraft {
  const { scope } = input;
  return {
    code: input.code,
    category: 'tools',
    tool: scope.tool.name,
    operation: scope.operation,
    location: fieldLocation({ tool: scope.tool, field: input.field }),
    specPointer: scope.pointer,
    subject: input.subject,
    message: input.message,
    fix: input.fix ?? `run: ${generateCommand(scope.context)}`,
    ...(input.before === undefined ? {} : { before: input.before }),
    ...(input.after === undefined ? {} : { after: input.after }),
  };
}

/** The allowlist field's location when the tool sets it, else its `operation:` line, else the tool's key. */
export function fieldLocation(input: { tool: AllowlistTool; field?: string | undefined }): FileLocation {
  const { tool, field } = input;
  return (
    (field === undefined ? undefined : tool.fieldLocations[field]) ?? tool.fieldLocations['operation'] ?? tool.location
  );
}

/** Normalized schemas are plain JSON by construction (see src/model/json-schema.ts). */
export function schemaValue(schema: JsonSchema): JsonValue {
  return schema as unknown as JsonValue;
}

/** A value as a short quoted snippet for one-line messages. */
export function snippet(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 57)}...` : flat);
}
