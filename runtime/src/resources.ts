import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  type ReadResourceResult,
  type Server,
} from '@modelcontextprotocol/server';
import { redactArguments, writeAudit, type AuditEntry } from './audit.js';
import { send } from './http.js';
import { prepareRequest, RequestError } from './request.js';
import { fitToCap, httpErrorResult, parseJson, shapeResponse, TOO_DEEP } from './results.js';
import { scrubCutText, scrubText } from './secrets.js';
import type { Runtime } from './server.js';
import type { Principal, ToolDefinition } from './types.js';

/** Read at most this many times the resource's cap before giving up on a response. */
const READ_LIMIT_FACTOR = 10;
const MIN_READ_LIMIT_BYTES = 1_000_000;
/** What one RFC 6570 level-1 expansion of a value can hold: unreserved characters and %XX. */
const EXPANDED_VALUE = '((?:[A-Za-z0-9\\-._~]|%[0-9A-Fa-f]{2})+)';
const EXPRESSION = /\{([A-Za-z0-9_]+)\}/g;

/**
 * A resource (fixed URI) or resource template (RFC 6570 level 1) backed by
 * one GET operation. A read sends the same request a tool of that operation
 * would, with the URI's variables as path parameters and the allowlist's
 * fixed values; it takes no other arguments.
 */
export interface ResourceDefinition {
  name: string;
  /** The fixed URI, or the template whose `{variables}` are the operation's path parameters. */
  uri: string;
  title: string;
  description: string;
  mimeType: string;
  /** Reads allowed per window, across every instance sharing the store. */
  rateLimit?: { requests: number; perSeconds: number };
  /** Template variables the audit log redacts. */
  redact: string[];
  request: ToolDefinition['request'];
  response: { wrapKey?: string; fields?: string[]; maxBytes: number };
}

interface Matcher {
  resource: ResourceDefinition;
  variables: string[];
  pattern: RegExp;
}

export function isTemplate(resource: ResourceDefinition): boolean {
  return resource.uri.includes('{');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A template as an anchored pattern; literal parts must match exactly. */
function matcherOf(resource: ResourceDefinition): Matcher {
  const variables: string[] = [];
  let source = '';
  let last = 0;
  for (const match of resource.uri.matchAll(EXPRESSION)) {
    source += escapeRegExp(resource.uri.slice(last, match.index));
    source += EXPANDED_VALUE;
    variables.push(match[1] ?? '');
    last = match.index + match[0].length;
  }
  source += escapeRegExp(resource.uri.slice(last));
  return { resource, variables, pattern: new RegExp(`^${source}$`) };
}

/** The resource a URI names, with its variables decoded; fixed URIs win over templates. */
export function findResource(
  resources: readonly ResourceDefinition[],
  uri: string,
): { resource: ResourceDefinition; variables: Record<string, string> } | undefined {
  const fixed = resources.find((resource) => !isTemplate(resource) && resource.uri === uri);
  if (fixed) return { resource: fixed, variables: {} };
  for (const resource of resources.filter(isTemplate)) {
    const matcher = matcherOf(resource);
    const match = matcher.pattern.exec(uri);
    if (!match) continue;
    const variables: Record<string, string> = {};
    try {
      matcher.variables.forEach((name, index) => {
        variables[name] = decodeURIComponent(match[index + 1] ?? '');
      });
    } catch {
      // Percent-encoding that is not UTF-8 names nothing.
      return undefined;
    }
    return { resource, variables };
  }
  return undefined;
}

/**
 * Serves `resources/list`, `resources/templates/list` and `resources/read`
 * on one server. Resources are read-risk: every inbound scope may read them.
 * Each read writes one audit line, its `tool` field `resource:<name>`.
 */
export function registerResources(input: {
  server: Server;
  runtime: Runtime;
  principal: Principal;
}): void {
  const { server, runtime, principal } = input;
  const resources = runtime.resources;
  server.setRequestHandler('resources/list', () => ({
    resources: resources
      .filter((resource) => !isTemplate(resource))
      .map((resource) => ({
        uri: resource.uri,
        name: resource.name,
        title: resource.title,
        description: resource.description,
        mimeType: resource.mimeType,
      })),
  }));
  server.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: resources.filter(isTemplate).map((resource) => ({
      uriTemplate: resource.uri,
      name: resource.name,
      title: resource.title,
      description: resource.description,
      mimeType: resource.mimeType,
    })),
  }));
  server.setRequestHandler('resources/read', async (request) =>
    readResource({ runtime, principal, uri: request.params.uri }),
  );
}

async function readResource(input: {
  runtime: Runtime;
  principal: Principal;
  uri: string;
}): Promise<ReadResourceResult> {
  const { runtime, uri } = input;
  const started = runtime.now();
  const found = findResource(runtime.resources, uri);
  const audit: AuditEntry = {
    tool: `resource:${found?.resource.name ?? ''}`,
    risk: 'read',
    principal: input.principal.name,
    arguments: found
      ? redactArguments({ value: found.variables, extra: found.resource.redact })
      : { uri },
    outcome: 'error',
    duration_ms: 0,
    confirmation: 'none',
  };
  try {
    if (!found) {
      audit.outcome = 'refused';
      audit.error = 'not_found';
      throw new ResourceNotFoundError(uri);
    }
    const result = await fetchResource({
      runtime,
      principal: input.principal,
      uri,
      audit,
      ...found,
    });
    audit.outcome = 'ok';
    return result;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // Whatever else failed, the client learns nothing internal.
    runtime.logger.error('resource read failed', {
      resource: found?.resource.name,
      error: error instanceof Error ? error.message : String(error),
    });
    audit.error = 'internal_error';
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      'Reading the resource failed inside the server; nothing more is known.',
      { error: 'internal_error' },
    );
  } finally {
    audit.duration_ms = runtime.now() - started;
    writeAudit({ sink: runtime.audit, entry: audit, now: runtime.now() });
  }
}

/** A read's failure as the client sees it: a stable code, a message without internals. */
function readError(input: {
  runtime: Runtime;
  audit: AuditEntry;
  error: string;
  message: string;
  status?: number;
  retryAfter?: number;
}): ProtocolError {
  input.audit.error = input.error;
  return new ProtocolError(
    ProtocolErrorCode.InternalError,
    scrubText(input.message, input.runtime.secretForms),
    {
      error: input.error,
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.retryAfter !== undefined ? { retry_after: input.retryAfter } : {}),
    },
  );
}

/**
 * The read as the tool a `beforeCall` hook knows, so that the hooks governing
 * tool calls (extra headers, vetoes, rewritten arguments) govern reads too:
 * named `resource:<name>` as its audit line and rate limit are, read-risk,
 * without confirmation, its URI variables as string arguments.
 */
export function resourceAsTool(resource: ResourceDefinition): ToolDefinition {
  const variables = matcherOf(resource).variables;
  const name = `resource:${resource.name}`;
  return {
    name,
    risk: 'read',
    confirmation: 'none',
    ...(resource.rateLimit ? { rateLimit: resource.rateLimit } : {}),
    redact: resource.redact,
    listing: {
      name,
      title: resource.title,
      description: resource.description,
      inputSchema: {
        type: 'object',
        properties: Object.fromEntries(variables.map((variable) => [variable, { type: 'string' }])),
        required: variables,
      },
    },
    input: z.strictObject(Object.fromEntries(variables.map((variable) => [variable, z.string()]))),
    request: resource.request,
    response: { ...resource.response, strictness: 'lenient' },
  };
}

/**
 * Invalid params (-32602), as for any request whose parameters are wrong: the
 * URI names a resource, but a value the API refuses. Its data is never just
 * `{ uri }`, which would read as resource-not-found (SEP-2164). The API's own
 * message (validation text), scrubbed, helps the model correct the URI.
 */
function invalidParams(input: {
  runtime: Runtime;
  audit: AuditEntry;
  uri: string;
  status: number;
  body: string;
}): ProtocolError {
  const { runtime, audit } = input;
  audit.outcome = 'refused';
  audit.error = 'invalid_params';
  const detail = upstreamMessageOf(input.body);
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    scrubText(
      `The API refused a value of ${input.uri} (HTTP ${input.status})${detail ? `: ${detail}` : '.'} Check the value's format in the template's description.`,
      runtime.secretForms,
    ),
    { error: 'invalid_params', status: input.status },
  );
}

/** A short `message` (or `error`) string of a JSON error body, if it has one. */
function upstreamMessageOf(body: string): string | undefined {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const text = typeof record['message'] === 'string' ? record['message'] : record['error'];
  return typeof text === 'string' ? text.slice(0, 300) : undefined;
}

async function fetchResource(input: {
  runtime: Runtime;
  principal: Principal;
  resource: ResourceDefinition;
  variables: Record<string, string>;
  uri: string;
  audit: AuditEntry;
}): Promise<ReadResourceResult> {
  const { runtime, resource, uri, audit } = input;
  const { config } = runtime;
  // Before the rate limit, as for tools: a vetoed read spends none of the budget.
  const context = {
    tool: resourceAsTool(resource),
    args: { ...input.variables } as Record<string, unknown>,
    principal: input.principal,
    headers: {} as Record<string, string>,
  };
  const before = await runtime.extensions.beforeCall?.(context);
  if (before) {
    audit.outcome = 'refused';
    throw readError({ runtime, audit, error: before.veto.error, message: before.veto.message });
  }
  if (resource.rateLimit) {
    if (!runtime.store.ready) {
      throw readError({
        runtime,
        audit,
        error: 'store_unavailable',
        message: `${resource.name} is rate-limited and the server's shared store is unreachable right now; nothing was sent. Try again later.`,
      });
    }
    const taken = await runtime.limiter.take({
      tool: `resource:${resource.name}`,
      limit: resource.rateLimit,
    });
    if (!taken.ok) {
      audit.outcome = 'refused';
      throw readError({
        runtime,
        audit,
        error: 'rate_limited',
        message: `${resource.name} may be read ${resource.rateLimit.requests} times per ${resource.rateLimit.perSeconds} s; nothing was sent.`,
        retryAfter: taken.retryAfter,
      });
    }
  }
  let prepared;
  try {
    prepared = prepareRequest({ tool: resource, args: context.args, config });
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    if (error.code === 'invalid_arguments') {
      // A variable that cannot be a path segment (`.`, `..`, empty) names no resource.
      audit.outcome = 'refused';
      audit.error = 'not_found';
      throw new ResourceNotFoundError(uri);
    }
    throw readError({ runtime, audit, error: error.code, message: error.message });
  }
  for (const [name, value] of Object.entries(context.headers))
    prepared.headers[name.toLowerCase()] = value;
  const requestId = randomUUID();
  audit.request_id = requestId;
  prepared.headers['x-request-id'] = requestId;
  prepared.headers['user-agent'] = `${runtime.settings.name}/${runtime.settings.version} (mcpgen)`;
  const upstream = await send({
    request: prepared,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    idempotent: true,
    readLimitBytes: Math.max(resource.response.maxBytes * READ_LIMIT_FACTOR, MIN_READ_LIMIT_BYTES),
  });
  if (upstream.kind === 'failure') {
    throw readError({ runtime, audit, error: upstream.code, message: upstream.message });
  }
  audit.http_status = upstream.status;
  if (upstream.status === 404 || upstream.status === 410) {
    audit.error = 'not_found';
    throw new ResourceNotFoundError(uri);
  }
  if (
    (upstream.status === 400 || upstream.status === 422) &&
    Object.keys(input.variables).length > 0
  ) {
    // The URI's values are a template read's only input: the API refusing the request refuses them.
    throw invalidParams({ runtime, audit, uri, status: upstream.status, body: upstream.body });
  }
  if (upstream.status >= 500) {
    // An upstream failure says nothing the client can act on, and its body may show internals.
    throw readError({
      runtime,
      audit,
      error: 'upstream_error',
      message: `The API failed to answer (HTTP ${upstream.status}${upstream.statusText ? ` ${upstream.statusText}` : ''}); nothing more is passed on. Try again later.`,
      status: upstream.status,
      ...(upstream.retryAfter !== undefined ? { retryAfter: upstream.retryAfter } : {}),
    });
  }
  if (upstream.status < 200 || upstream.status >= 300) {
    // The same code and message a tool would give, without the API's error body.
    const failed = httpErrorResult({
      response: upstream,
      credentialHint: 'check the API credentials in its environment',
    });
    const first = failed.content[0];
    const body = JSON.parse(first?.type === 'text' ? first.text : '{}') as {
      error: string;
      message: string;
    };
    throw readError({
      runtime,
      audit,
      error: body.error,
      message: body.message,
      status: upstream.status,
      ...(upstream.retryAfter !== undefined ? { retryAfter: upstream.retryAfter } : {}),
    });
  }
  return { contents: contentsOf({ runtime, resource, uri, audit, body: upstream }) };
}

function contentsOf(input: {
  runtime: Runtime;
  resource: ResourceDefinition;
  uri: string;
  audit: AuditEntry;
  body: { body: string; cut: boolean; bytes: number; contentType: string; status: number };
}): ReadResourceResult['contents'] {
  const { runtime, resource, uri, audit, body } = input;
  const { maxBytes } = resource.response;
  const note = (text: string) => ({ uri, mimeType: 'text/plain', text });
  const scrub = (text: string) => scrubText(text, runtime.secretForms);
  if (!/json/i.test(resource.mimeType)) {
    // Scrubbed before cutting: a cut could otherwise leave part of a credential behind.
    const whole = scrub(body.body);
    const cut = body.cut || whole.length > maxBytes;
    const text = cut ? scrubCutText(whole.slice(0, maxBytes), runtime.secretForms) : whole;
    return [
      { uri, mimeType: resource.mimeType, text },
      ...(cut ? [note(`[Content cut at ${maxBytes} bytes.]`)] : []),
    ];
  }
  if (body.cut) {
    throw readError({
      runtime,
      audit,
      error: 'response_too_large',
      status: body.status,
      message: `The API's answer is larger than ${body.bytes} bytes, too large to pass on.`,
    });
  }
  const parsed = parseJson(body.body);
  if (parsed === undefined || parsed === TOO_DEEP) {
    throw readError({
      runtime,
      audit,
      error: 'invalid_response',
      status: body.status,
      message: `The API answered HTTP ${body.status} with a body that is not usable JSON (content type "${body.contentType || 'none'}").`,
    });
  }
  const fitted = fitToCap({
    value: shapeResponse({ response: resource.response, value: parsed }),
    maxBytes,
  });
  return [
    { uri, mimeType: resource.mimeType, text: scrub(JSON.stringify(fitted.value)) },
    ...(fitted.note ? [note(fitted.note)] : []),
  ];
}
