import type { CallToolResult } from '@modelcontextprotocol/server';
import type { UpstreamFailure, UpstreamResponse } from './http.js';
import type { ToolDefinition } from './types.js';
import { scrubCutText, scrubText } from './secrets.js';

/** The structured body of every failed call: stable codes the model (and tests) can act on. */
export interface ToolError {
  error: string;
  message: string;
  status?: number;
  retry_after?: number;
  /** The API's own error body, when it sent JSON (credentials scrubbed). */
  upstream?: unknown;
  issues?: Array<{ path: string; message: string }>;
  /** The approval a refusal is about, and the reason its approver gave. */
  approval_id?: string;
  reason?: string;
}

export function errorResult(body: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  412: 'precondition_failed',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Largest upstream error body passed on to the model. */
const MAX_UPSTREAM_ERROR_CHARS = 2_000;

export function failureResult(failure: UpstreamFailure): CallToolResult {
  return errorResult({ error: failure.code, message: failure.message });
}

/** An HTTP error answer (3xx, 4xx, 5xx) as a structured result. */
export function httpErrorResult(input: {
  response: UpstreamResponse;
  credentialHint: string;
}): CallToolResult {
  const { response } = input;
  const status = response.status;
  const upstream = parseJson(response.body);
  const upstreamMessage = messageOf(upstream);
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let error =
    STATUS_CODES[status] ??
    (status >= 500
      ? 'upstream_error'
      : status >= 300 && status < 400
        ? 'redirect_refused'
        : 'http_error');
  let message = `The API answered ${label}${upstreamMessage ? `: ${upstreamMessage}` : '.'}`;
  if (status === 401 || status === 403) {
    message += ` The server's credentials were refused or lack permission (${input.credentialHint}).`;
  } else if (error === 'redirect_refused') {
    message = `The API answered with a redirect (${label}); it is not followed, so credentials never leave for another address.`;
  }
  if (error === 'http_error' && status < 300) error = 'unexpected_status';
  const upstreamText = upstream === undefined ? undefined : JSON.stringify(upstream);
  return errorResult({
    error,
    status,
    message,
    ...(response.retryAfter !== undefined ? { retry_after: response.retryAfter } : {}),
    ...(upstreamText !== undefined && upstreamText.length <= MAX_UPSTREAM_ERROR_CHARS
      ? { upstream }
      : {}),
  });
}

/**
 * A success answer. JSON becomes `structuredContent` (wrapped and trimmed to
 * the kept fields); a body over the tool's cap loses trailing array items
 * until it fits, and the result says so.
 */
export function successResult(input: {
  tool: ToolDefinition;
  response: UpstreamResponse;
  onOutputMismatch: (issues: string) => void;
  /** Credential forms: a text answer is scrubbed before it is cut, and its cut end too. */
  secretForms: readonly string[];
}): CallToolResult {
  const { tool, response } = input;
  const { maxBytes } = tool.response;
  if (!tool.output) {
    if (response.body === '')
      return { content: [{ type: 'text', text: `Done (HTTP ${response.status}).` }] };
    const whole = scrubText(response.body, input.secretForms);
    const cut = response.cut || whole.length > maxBytes;
    const text = cut ? scrubCutText(whole.slice(0, maxBytes), input.secretForms) : whole;
    return {
      content: [
        { type: 'text', text: cut ? `${text}\n\n[Response cut at ${maxBytes} bytes.]` : text },
      ],
    };
  }
  if (response.cut) {
    return errorResult({
      error: 'response_too_large',
      status: response.status,
      message: `The API's answer is larger than ${response.bytes} bytes, too large to pass on. Narrow the request (filters, a smaller limit or page size).`,
    });
  }
  const parsed = parseJson(response.body);
  if (parsed === TOO_DEEP) {
    return errorResult({
      error: 'invalid_response',
      status: response.status,
      message: `The API's answer is nested more than ${MAX_JSON_DEPTH} levels deep, too deep to pass on.`,
    });
  }
  if (parsed === undefined) {
    return errorResult({
      error: 'invalid_response',
      status: response.status,
      message: `The API answered HTTP ${response.status} with a body that is not JSON (content type "${response.contentType || 'none'}").`,
    });
  }
  const structured = shape({ tool, value: parsed });
  const checked = tool.output.safeParse(structured);
  if (!checked.success) {
    const issues = checked.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    if (tool.response.strictness === 'strict') {
      return errorResult({
        error: 'invalid_response',
        status: response.status,
        message: `The API's answer does not match the documented schema: ${issues}`,
      });
    }
    input.onOutputMismatch(issues);
    return uncheckedResult({ value: structured, status: response.status, issues, maxBytes });
  }
  const fitted = fitToCap({ value: structured, maxBytes });
  const content: CallToolResult['content'] = [{ type: 'text', text: JSON.stringify(fitted.value) }];
  if (fitted.note) content.unshift({ type: 'text', text: fitted.note });
  return { content, structuredContent: fitted.value };
}

/** The error code of a lenient tool's answer that drifted from its output schema. */
export const OUTPUT_DRIFT = 'output_drift';

/**
 * A lenient tool's answer that drifted from the output schema, still passed on.
 * It cannot travel as `structuredContent`: a listed output schema is a promise
 * (the spec says structured results MUST conform) and SDK clients reject the
 * whole result when it is broken, or when a non-error result has none. So the
 * answer goes as text in an error result, whose first part says the request
 * itself succeeded: the model must not repeat a write on account of it.
 */
function uncheckedResult(input: {
  value: Record<string, unknown>;
  status: number;
  issues: string;
  maxBytes: number;
}): CallToolResult {
  const fitted = fitToCap({ value: input.value, maxBytes: input.maxBytes });
  const notice: ToolError = {
    error: OUTPUT_DRIFT,
    status: input.status,
    message: `The API carried out the request (HTTP ${input.status}), but its answer no longer matches the documented output schema (${input.issues}). The answer follows as text, unchecked; do not repeat the call because of this.`,
  };
  const content: CallToolResult['content'] = [{ type: 'text', text: JSON.stringify(notice) }];
  if (fitted.note) content.push({ type: 'text', text: fitted.note });
  content.push({ type: 'text', text: JSON.stringify(fitted.value) });
  return { isError: true, content };
}

function shape(input: { tool: ToolDefinition; value: unknown }): Record<string, unknown> {
  return shapeResponse({ response: input.tool.response, value: input.value });
}

/** A JSON answer wrapped (non-objects) and trimmed to the kept fields; shared with resources. */
export function shapeResponse(input: {
  response: { wrapKey?: string; fields?: string[] };
  value: unknown;
}): Record<string, unknown> {
  const { wrapKey, fields } = input.response;
  const rooted = wrapKey ? { [wrapKey]: input.value } : input.value;
  const record = (
    typeof rooted === 'object' && rooted !== null ? rooted : { value: rooted }
  ) as Record<string, unknown>;
  return fields ? (project(record, fieldTree(fields)) as Record<string, unknown>) : record;
}

type FieldTree = { [name: string]: FieldTree | true };

function fieldTree(fields: string[]): FieldTree {
  const tree: FieldTree = {};
  for (const field of fields) {
    let node = tree;
    const segments = field.split('.');
    segments.forEach((segment, index) => {
      if (node[segment] === true) return;
      if (index === segments.length - 1) {
        node[segment] = true;
        return;
      }
      const next: FieldTree = node[segment] ?? {};
      node[segment] = next;
      node = next;
    });
  }
  return tree;
}

/** Keeps only the fields in the tree; arrays are projected element by element. */
function project(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, tree));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, kept] of Object.entries(tree)) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    out[key] = kept === true ? child : project(child, kept);
  }
  return out;
}

/** Drops trailing items of the largest top-level array until the JSON fits the cap. */
export function fitToCap(input: { value: Record<string, unknown>; maxBytes: number }): {
  value: Record<string, unknown>;
  note?: string;
} {
  const size = Buffer.byteLength(JSON.stringify(input.value));
  if (size <= input.maxBytes) return { value: input.value };
  const arrays = Object.entries(input.value).filter((entry): entry is [string, unknown[]] =>
    Array.isArray(entry[1]),
  );
  const largest = arrays.sort(
    (a, b) => JSON.stringify(b[1]).length - JSON.stringify(a[1]).length,
  )[0];
  if (!largest) {
    return {
      value: input.value,
      note: `[The answer is ${size} bytes, over this tool's cap of ${input.maxBytes} bytes.]`,
    };
  }
  const [key, items] = largest;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = { ...input.value, [key]: items.slice(0, mid) };
    if (Buffer.byteLength(JSON.stringify(candidate)) <= input.maxBytes) low = mid;
    else high = mid - 1;
  }
  return {
    value: { ...input.value, [key]: items.slice(0, low) },
    note: `[Answer cut to fit ${input.maxBytes} bytes: "${key}" shows ${low} of ${items.length} items. Narrow the request to see the rest.]`,
  };
}

/** Deeper than any real API answer; deeper input would exhaust the stack of every recursive step after parsing. */
export const MAX_JSON_DEPTH = 128;

/** A parsed answer too deeply nested to process. */
export const TOO_DEEP = Symbol('too deep');

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  return depthExceeds(value, MAX_JSON_DEPTH) ? TOO_DEEP : value;
}

/** Iterative, so measuring the depth cannot itself overflow the stack. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'detail', 'error_description', 'title', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 500);
  }
  return undefined;
}
