import { isMap, isScalar } from 'yaml';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import {
  CONFIRMATION_MODES,
  type AllowlistTool,
  type ConfirmationMode,
  type ParamOverride,
  type RateLimit,
  type ResponseOptions,
} from '../model/allowlist.js';
import { RISKS, type Risk } from '../model/risk.js';
import { isEmpty, type Entry, type Mapping, type ShapeReader } from './allowlist-shape.js';

const TOOL_KEYS = [
  'operation',
  'risk',
  'title',
  'description',
  'open_world',
  'params',
  'response',
  'redact',
  'enabled',
  'confirmation',
  'approval_queue',
  'rate_limit',
] as const;
const RATE_LIMIT_KEYS = ['requests', 'per_seconds'] as const;
const PARAM_KEYS = ['description', 'default', 'value'] as const;
const RESPONSE_KEYS = ['fields', 'max_bytes', 'output'] as const;
const STRICTNESS = ['lenient', 'strict'] as const;

/** What OpenAI, Gemini and Claude clients all accept as a tool name. */
const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Clients prefix tool names with the server name, so longer names risk being cut. */
const TOOL_NAME_COMFORT_LENGTH = 48;

/** A field that is present but invalid (its diagnostic is already reported); not null, which is a valid JSON default. */
export const INVALID = Symbol('invalid');

const RISK_HINT =
  'write risk: read, low, medium or high (read runs freely, low is audit-logged, medium needs confirmation, high needs human approval)';

/** Reads the `tools` mapping; undefined when a tool could not be read (its diagnostics are in the reader). */
export function readTools(input: { reader: ShapeReader; entry: Entry }): AllowlistTool[] | undefined {
  const { reader, entry } = input;
  const example = 'search_customers: { operation: GET /customers, risk: read }';
  if (isEmpty(entry.value) || (isMap(entry.value) && entry.value.items.length === 0)) {
    reader.report({
      code: 'MCPGEN_ALLOWLIST_NO_TOOLS',
      node: entry.key,
      message: 'the allowlist lists no tools, so the server would expose nothing',
      hint: `add at least one tool under "tools:", e.g. ${example} (mcpgen init lists every operation of the spec)`,
    });
    return undefined;
  }
  const tools = reader.mapping({
    node: entry.value,
    path: 'tools',
    owner: entry.key,
    hint: `map each tool name to its settings, e.g. ${example}`,
  });
  if (!tools) return undefined;
  const result: AllowlistTool[] = [];
  let complete = true;
  for (const toolEntry of tools.entries.values()) {
    const tool = readTool({ reader, entry: toolEntry });
    if (tool) result.push(tool);
    else complete = false;
  }
  if (complete && result.length > 0 && result.every((tool) => tool.enabled === false)) {
    reader.report({
      code: 'MCPGEN_ALLOWLIST_NO_TOOLS',
      node: entry.key,
      message: `all ${result.length} tools are disabled (enabled: false), so the server would expose nothing`,
      hint: 'delete the "enabled: false" line of each tool to expose, after rewriting its description for the model',
    });
    return undefined;
  }
  return complete ? result : undefined;
}

function readTool(input: { reader: ShapeReader; entry: Entry }): AllowlistTool | undefined {
  const { reader, entry } = input;
  checkToolName(input);
  const mapping = reader.mapping({
    node: entry.value,
    path: entry.path,
    owner: entry.key,
    keys: TOOL_KEYS,
    hint: `write the tool's keys indented under it, e.g. ${entry.name}: { operation: GET /customers, risk: read }`,
  });
  if (!mapping) return undefined;
  const fieldLocations: Record<string, FileLocation> = {};
  for (const field of mapping.entries.values()) fieldLocations[field.name] = reader.fieldLocation(field);

  const operation = readOperation({ reader, mapping });
  const risk = readRisk({ reader, mapping, tool: entry.name });
  const fields = mapping.entries;
  const title = optional({ entry: fields.get('title'), read: (e) => reader.string(e) });
  const description = optional({ entry: fields.get('description'), read: (e) => reader.string(e) });
  const openWorld = optional({ entry: fields.get('open_world'), read: (e) => reader.boolean(e) });
  const enabled = optional({ entry: fields.get('enabled'), read: (e) => reader.boolean(e) });
  const params = optional({
    entry: fields.get('params'),
    read: (e) => readParams({ reader, entry: e, fieldLocations }),
  });
  const response = optional({
    entry: fields.get('response'),
    read: (e) => readResponse({ reader, entry: e, fieldLocations }),
  });
  const redact = optional({
    entry: fields.get('redact'),
    read: (e) => reader.stringList({ entry: e, nonEmpty: false, example: '[email, phone]' }),
  });

  const confirmation = optional({
    entry: fields.get('confirmation'),
    read: (e) => readConfirmation({ reader, entry: e }),
  });
  const rateLimit = optional({ entry: fields.get('rate_limit'), read: (e) => readRateLimit({ reader, entry: e }) });
  const approvalQueue = optional({ entry: fields.get('approval_queue'), read: (e) => reader.boolean(e) });

  if (operation === undefined || risk === undefined) return undefined;
  if (confirmation === INVALID || rateLimit === INVALID || approvalQueue === INVALID) return undefined;
  if (title === INVALID || description === INVALID || openWorld === INVALID) return undefined;
  if (enabled === INVALID) return undefined;
  if (params === INVALID || response === INVALID || redact === INVALID) return undefined;
  return {
    name: entry.name,
    operation,
    risk,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    openWorld: openWorld ?? false,
    ...(enabled === undefined ? {} : { enabled }),
    params: params ?? {},
    response: response ?? { strictness: 'lenient' },
    redact: redact ?? [],
    ...(confirmation === undefined ? {} : { confirmation }),
    ...(approvalQueue === undefined ? {} : { approvalQueue }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    location: reader.locate(entry.key),
    fieldLocations,
  };
}

/** Reads an optional field: undefined when absent, INVALID when present but wrong. */
export function optional<T>(input: {
  entry: Entry | undefined;
  read: (entry: Entry) => T | undefined;
}): T | undefined | typeof INVALID {
  if (!input.entry) return undefined;
  const value = input.read(input.entry);
  return value === undefined ? INVALID : value;
}

function checkToolName(input: { reader: ShapeReader; entry: Entry }): void {
  const { reader, entry } = input;
  const name = entry.name;
  if (!TOOL_NAME.test(name)) {
    reader.report({
      code: 'MCPGEN_INVALID_TOOL_NAME',
      node: entry.key,
      message: `tool name "${name}" is not accepted by every MCP client`,
      hint: `start with a letter and use only letters, digits, "_" and "-", at most 64 characters (what OpenAI, Gemini and Claude clients all accept), e.g. "${suggestToolName(name)}"`,
    });
  } else if (name.length > TOOL_NAME_COMFORT_LENGTH) {
    reader.report({
      code: 'MCPGEN_TOOL_NAME_TOO_LONG',
      severity: 'warning',
      node: entry.key,
      message: `tool name "${name}" is ${name.length} characters long; clients prefix it with the server name and may cut it`,
      hint: `shorten it to ${TOOL_NAME_COMFORT_LENGTH} characters or fewer`,
    });
  }
}

function suggestToolName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `tool_${cleaned}`).slice(0, 64).replace(/_+$/, '');
}

export function readOperation(input: { reader: ShapeReader; mapping: Mapping }): string | undefined {
  const { reader, mapping } = input;
  const entry = reader.require({
    mapping,
    name: 'operation',
    example: 'operation: GET /customers (an operationId, or "METHOD /path" as in the spec)',
  });
  if (!entry) return undefined;
  const operation = reader.string(entry);
  if (operation === undefined) return undefined;
  if (operation.trim() === '') {
    reader.report({
      code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
      node: entry.value,
      message: `"${entry.path}" is empty`,
      hint: 'write an operationId, or "METHOD /path" as in the spec, e.g. operation: GET /customers',
    });
    return undefined;
  }
  // As written: a path may end in whitespace, and resolution falls back to the trimmed text itself.
  return operation;
}

function readRisk(input: { reader: ShapeReader; mapping: Mapping; tool: string }): Risk | undefined {
  const { reader, mapping, tool } = input;
  const entry = mapping.entries.get('risk');
  if (!entry && mapping.misspelled.has('risk')) return undefined;
  if (!entry || isEmpty(entry.value)) {
    reader.report({
      code: 'MCPGEN_MISSING_RISK',
      node: entry?.key ?? mapping.owner,
      message: `tool "${tool}" has no risk level`,
      hint: RISK_HINT,
    });
    return undefined;
  }
  const value = entry.value;
  if (!isScalar(value)) {
    reader.wrongType({ entry, expected: 'one of read, low, medium, high', hint: RISK_HINT });
    return undefined;
  }
  const risk = RISKS.find((level) => level === value.value);
  if (risk) return risk;
  reader.report({
    code: 'MCPGEN_UNKNOWN_RISK',
    node: value,
    message: `unknown risk ${reader.describe(value)} for tool "${tool}"`,
    hint: RISK_HINT,
  });
  return undefined;
}

function readParams(input: {
  reader: ShapeReader;
  entry: Entry;
  fieldLocations: Record<string, FileLocation>;
}): Record<string, ParamOverride> | undefined {
  return readParamMap({
    ...input,
    hint: 'map each argument name to its override, e.g. params: { limit: { default: 10 } }',
    readOne: (paramEntry, location) => readParam({ reader: input.reader, entry: paramEntry, location }),
  });
}

/**
 * `params:` of an entry, one override per parameter name, each read by
 * `readOne` (tools and resources accept different keys). Every parameter is
 * read, so that all its problems are reported at once; undefined if any fails.
 */
export function readParamMap(input: {
  reader: ShapeReader;
  entry: Entry;
  fieldLocations: Record<string, FileLocation>;
  hint: string;
  readOne: (paramEntry: Entry, location: FileLocation) => ParamOverride | undefined;
}): Record<string, ParamOverride> | undefined {
  const { reader, entry, fieldLocations } = input;
  const mapping = reader.mapping({ node: entry.value, path: entry.path, owner: entry.key, hint: input.hint });
  if (!mapping) return undefined;
  const params: Record<string, ParamOverride> = {};
  let ok = true;
  for (const paramEntry of mapping.entries.values()) {
    const location = reader.locate(paramEntry.key);
    fieldLocations[`params.${paramEntry.name}`] = location;
    const param = input.readOne(paramEntry, location);
    if (param) params[paramEntry.name] = param;
    else ok = false;
  }
  return ok ? params : undefined;
}

function readParam(input: { reader: ShapeReader; entry: Entry; location: FileLocation }): ParamOverride | undefined {
  const { reader, entry, location } = input;
  const mapping = reader.mapping({
    node: entry.value,
    path: entry.path,
    owner: entry.key,
    keys: PARAM_KEYS,
    hint: `write ${entry.name}: { default: ... } for a default, or ${entry.name}: { value: ... } to hide it and always send that value`,
  });
  if (!mapping) return undefined;
  const fields = mapping.entries;
  const description = optional({ entry: fields.get('description'), read: (e) => reader.string(e) });
  const defaultValue = optional({ entry: fields.get('default'), read: (e) => reader.json(e) });
  const value = optional({ entry: fields.get('value'), read: (e) => reader.json(e) });
  const valueEntry = fields.get('value');
  if (valueEntry && fields.has('default')) {
    reader.report({
      code: 'MCPGEN_PARAM_VALUE_AND_DEFAULT',
      node: valueEntry.key,
      message: `parameter "${entry.name}" has both "value" and "default"`,
      hint: 'keep "value" to hide the parameter and always send it, or "default" to let the model omit it; not both',
    });
    return undefined;
  }
  if (description === INVALID || defaultValue === INVALID || value === INVALID) return undefined;
  return {
    ...(description === undefined ? {} : { description }),
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    ...(value === undefined ? {} : { value }),
    location,
  };
}

export function readResponse(input: {
  reader: ShapeReader;
  entry: Entry;
  fieldLocations: Record<string, FileLocation>;
  /** The keys allowed; resources have no output schema, so no `output`. */
  keys?: readonly string[];
}): ResponseOptions | undefined {
  const { reader, entry, fieldLocations } = input;
  const keys = input.keys ?? RESPONSE_KEYS;
  const mapping = reader.mapping({ node: entry.value, path: entry.path, owner: entry.key, keys });
  if (!mapping) return undefined;
  const fields = mapping.entries;
  for (const field of fields.values()) fieldLocations[`response.${field.name}`] = reader.fieldLocation(field);
  const kept = optional({
    entry: fields.get('fields'),
    read: (e) => reader.stringList({ entry: e, nonEmpty: true, example: '[id, name, email]' }),
  });
  const maxBytes = optional({ entry: fields.get('max_bytes'), read: (e) => reader.positiveInteger(e) });
  const strictness = optional({ entry: fields.get('output'), read: (e) => readStrictness({ reader, entry: e }) });
  if (kept === INVALID || maxBytes === INVALID || strictness === INVALID) return undefined;
  return {
    ...(kept === undefined ? {} : { fields: kept }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    strictness: strictness ?? 'lenient',
  };
}

function readStrictness(input: { reader: ShapeReader; entry: Entry }): ResponseOptions['strictness'] | undefined {
  const { reader, entry } = input;
  const value = entry.value;
  const text = isScalar(value) ? value.value : undefined;
  if (text === 'lenient' || text === 'strict') return text;
  reader.report({
    code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
    node: value ?? entry.key,
    message: `"${entry.path}" must be ${STRICTNESS.map((s) => `"${s}"`).join(' or ')}, got ${reader.describe(value)}`,
    hint: 'write output: lenient (return a response that drifts from the schema and log it) or output: strict (fail the call)',
  });
  return undefined;
}

function readConfirmation(input: { reader: ShapeReader; entry: Entry }): ConfirmationMode | undefined {
  const { reader, entry } = input;
  const value = entry.value;
  const text = isScalar(value) ? value.value : undefined;
  const mode = CONFIRMATION_MODES.find((candidate) => candidate === text);
  if (mode) return mode;
  reader.report({
    code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
    node: value ?? entry.key,
    message: `"${entry.path}" must be ${CONFIRMATION_MODES.map((m) => `"${m}"`).join(', ')}, got ${reader.describe(value)}`,
    hint: 'write confirmation: confirm (a person, or a token the model relays, confirms each call), confirmation: approve (a person approves each call) or confirmation: person (a person, never a token, even where the operator allows tokens for high risk)',
  });
  return undefined;
}

export function readRateLimit(input: { reader: ShapeReader; entry: Entry }): RateLimit | undefined {
  const { reader, entry } = input;
  const mapping = reader.mapping({
    node: entry.value,
    path: entry.path,
    owner: entry.key,
    keys: RATE_LIMIT_KEYS,
    hint: 'write e.g. rate_limit: { requests: 10, per_seconds: 60 }',
  });
  if (!mapping) return undefined;
  const example = 'rate_limit: { requests: 10, per_seconds: 60 }';
  const requestsEntry = reader.require({ mapping, name: 'requests', example });
  const perEntry = reader.require({ mapping, name: 'per_seconds', example });
  const requests = requestsEntry ? reader.positiveInteger(requestsEntry) : undefined;
  const perSeconds = perEntry ? reader.positiveInteger(perEntry) : undefined;
  if (requests === undefined || perSeconds === undefined) return undefined;
  return { requests, perSeconds };
}
