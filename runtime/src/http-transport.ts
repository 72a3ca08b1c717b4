import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  isJsonContentType,
  isLegacyRequest,
  PROTOCOL_VERSION_META_KEY,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type Server,
} from '@modelcontextprotocol/server';
import { APPROVAL_PATH, type ApprovalPageHandler } from './approval-page.js';
import type { HttpConfig } from './config.js';
import { isLoopback } from './config.js';
import {
  authenticateCaller,
  principalOf,
  scopeShortfall,
  sendResponse,
  toolRisks,
} from './http-auth.js';
import type { OAuthResourceServer } from './oauth.js';
import type { Era } from './gate.js';
import type { Logger } from './log.js';
import { createServer, type Runtime } from './server.js';
import type { Risk, ToolDefinition } from './types.js';

const MCP_PATH = '/mcp';
const METRICS_PATH = '/metrics';
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Slow clients must not hold memory: a request's headers and whole body have deadlines. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_CONNECTIONS = 256;
/** Request bodies buffered at once, all connections together: past it, new bodies are refused, not buffered. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Keys of the 2026-07-28 per-request envelope inside `_meta`. */
const ENVELOPE_PREFIX = 'io.modelcontextprotocol/';

/**
 * Streamable HTTP, stateless: every request gets a fresh MCP server from the
 * SDK's handler, which serves 2026-07-28 and 2025-era clients alike, so any
 * instance behind a load balancer can answer any request. Every request needs
 * an inbound bearer token; the token only admits the client and is never
 * forwarded to the API.
 */
export async function startHttpServer(input: {
  runtime: Runtime;
  tools: readonly ToolDefinition[];
  http: HttpConfig;
  /** The approval page, served under /approvals when the queue is configured. */
  page?: ApprovalPageHandler;
}): Promise<{ server: HttpServer; url: string; close(): Promise<void> }> {
  const { runtime, tools, http, page } = input;
  if (!isLoopback(http.host) && http.tokens.length === 0 && !http.oauth) {
    throw new Error('refusing to listen on a non-loopback address without an inbound token');
  }
  // Loaded only when configured: jose stays out of starts that do not use OAuth.
  let oauth: OAuthResourceServer | undefined;
  if (http.oauth) {
    const { OAuthResourceServer } = await import('./oauth.js');
    oauth = new OAuthResourceServer(http.oauth);
    oauth.warmUp().catch((error: unknown) => {
      runtime.logger.warn(
        'OAuth issuer keys not reachable yet; tokens are refused until they are',
        {
          error: error instanceof Error ? error.message : String(error),
        },
      );
    });
  }
  const riskOf = toolRisks(runtime, tools);
  const factory = ({ era, authInfo }: { era: Era; authInfo?: AuthInfo | undefined }) =>
    createServer({ runtime, tools, era, transport: 'http', principal: principalOf(authInfo) });
  const mcp = createMcpHandler(factory, {
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror: (error) => {
      runtime.logger.warn('MCP request rejected', { error: error.message });
    },
  });
  const serveMcp = toNodeHandler(mcp, {
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror: (error) => {
      runtime.logger.error('MCP handler failed', { error: error.message });
    },
  });
  const serveLegacy = legacyJsonHandler({ factory, logger: runtime.logger });
  const budget: BodyBudget = { buffered: 0 };
  // Known once listening; every request is checked against the same set.
  let authorities = new Set<string>();
  const server = createHttpServer((req, res) => {
    const context = { http, authorities, serveMcp, serveLegacy, budget, runtime, oauth, riskOf };
    handle({ req, res, ...context, page }).catch((error: unknown) => {
      runtime.logger.error('HTTP request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) sendJson({ res, status: 500, body: { error: 'internal_error' } });
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(http.port, http.host, () => {
      authorities = acceptedAuthorities(http, (server.address() as AddressInfo).port);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  return {
    server,
    url: `http://${host}:${port}${MCP_PATH}`,
    close: async () => {
      await mcp.close();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

type NodeMcpHandler = ReturnType<typeof toNodeHandler>;

async function handle(input: {
  req: IncomingMessage;
  res: ServerResponse;
  http: HttpConfig;
  /** Host[:port] values this server answers to. */
  authorities: ReadonlySet<string>;
  serveMcp: NodeMcpHandler;
  serveLegacy: LegacyJsonHandler;
  budget: BodyBudget;
  runtime: Runtime;
  oauth: OAuthResourceServer | undefined;
  riskOf: ReadonlyMap<string, Risk>;
  page: ApprovalPageHandler | undefined;
}): Promise<void> {
  const { req, res, http, authorities, oauth, runtime } = input;
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Host and Origin checks stop DNS rebinding: a web page must not reach a local server through the browser.
  if (!hostAllowed(req.headers.host, authorities)) {
    sendJson({
      res,
      status: 421,
      body: { error: 'misdirected_request', message: 'Host not allowed' },
    });
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed({ origin, http, authorities })) {
    sendJson({
      res,
      status: 403,
      body: { error: 'forbidden_origin', message: 'Origin not allowed' },
    });
    return;
  }
  if (url.pathname === '/health' && req.method === 'GET') {
    sendJson({ res, status: 200, body: { status: 'ok' } });
    return;
  }
  if (oauth?.metadataPaths.has(url.pathname)) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson({ res, status: 405, body: { error: 'method_not_allowed' } });
      return;
    }
    // Public discovery (RFC 9728): any client, including a browser-based one, may read it.
    res.setHeader('access-control-allow-origin', '*');
    sendJson({ res, status: 200, body: oauth.metadata() });
    return;
  }
  if (url.pathname === METRICS_PATH && req.method === 'GET' && runtime.metrics) {
    const token = runtime.config.metrics?.token;
    await runtime.metrics.serve({ req, res, ...(token ? { token } : {}) });
    return;
  }
  // The page has its own sign-in (approver tokens), never the callers' bearer tokens.
  if (
    input.page &&
    (url.pathname === APPROVAL_PATH || url.pathname.startsWith(`${APPROVAL_PATH}/`))
  ) {
    await input.page(req, res);
    return;
  }
  if (url.pathname !== MCP_PATH) {
    sendJson({
      res,
      status: 404,
      body: { error: 'not_found', message: `The MCP endpoint is ${MCP_PATH}` },
    });
    return;
  }
  const caller = await authenticateCaller({ req, http, oauth });
  if ('refused' in caller) {
    runtime.metrics?.authFailure(caller.reason);
    await sendResponse(res, caller.refused);
    return;
  }
  // The inbound token stops here: the MCP server sees who asks, never the token.
  Object.assign(req, {
    auth: {
      token: '',
      clientId: caller.principal,
      scopes: caller.scopes,
      extra: { scope: caller.scope, ...(caller.risks ? { risks: caller.risks } : {}) },
    },
  });
  if (req.method !== 'POST') {
    await input.serveMcp(req, res);
    return;
  }
  const body = await readBody(req, input.budget);
  if (body.kind === 'too_large') {
    sendJson({ res, status: 413, body: rpcError(-32600, 'Request body too large') });
    return;
  }
  if (body.kind === 'busy') {
    res.setHeader('retry-after', '1');
    sendJson({
      res,
      status: 503,
      body: rpcError(-32603, 'Server busy: too many request bodies in flight'),
    });
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text) as unknown;
  } catch {
    sendJson({ res, status: 400, body: rpcError(-32700, 'Parse error: Invalid JSON') });
    return;
  }
  if (oauth && caller.risks) {
    // A call the token's scopes do not cover is answered as OAuth says (403
    // insufficient_scope, with the scope to ask for), so the client can step up.
    const needed = scopeShortfall({ body: parsed, risks: caller.risks, riskOf: input.riskOf });
    if (needed) {
      runtime.metrics?.authFailure('insufficient_scope');
      await sendResponse(
        res,
        oauth.scopeChallenge({ held: caller.scopes, needed: oauth.scopeFor(needed) }),
      );
      return;
    }
  }
  const message = servedAsLegacyWhenHeaderSaysSo(req, parsed);
  if (await input.serveLegacy(req, res, message)) return;
  await input.serveMcp(req, res, message);
}

type LegacyJsonHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
) => Promise<boolean>;

/**
 * 2025-era POSTs, answered with one JSON body. The SDK's stateless fallback
 * streams every answer as SSE, which costs both sides a stream per call; over
 * stateless HTTP a 2025 client is never sent a request or a notification
 * before the result (the gates refuse to ask it anything), so one JSON body
 * says all the stream would. The SDK documents this routing (`isLegacyRequest`
 * in front of the handler); everything it does not classify as a 2025-era
 * POST with a JSON body goes on to the SDK's handler as before. Resolves to
 * whether the request was answered.
 */
function legacyJsonHandler(input: {
  factory: (context: { era: Era; authInfo?: AuthInfo }) => Server;
  logger: Logger;
}): LegacyJsonHandler {
  return async (req, res, body) => {
    if (req.method !== 'POST' || !isJsonContentType(req.headers['content-type'] ?? null))
      return false;
    const request = webRequestOf(req);
    if (!(await isLegacyRequest(request, body))) return false;
    const authInfo = (req as { auth?: AuthInfo }).auth;
    const server = input.factory({ era: 'legacy', ...(authInfo ? { authInfo } : {}) });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    const teardown = () => {
      closeQuietly(() => [transport.close(), server.close()]);
    };
    // A client that goes away cancels the call, as the SDK's fallback does.
    res.once('close', teardown);
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(request, {
        parsedBody: body,
        ...(authInfo ? { authInfo } : {}),
      });
      if (!res.destroyed) await sendResponse(res, response);
    } catch (error) {
      input.logger.error('MCP handler failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) {
        sendJson({ res, status: 500, body: rpcError(-32603, 'Internal server error', body) });
      }
    } finally {
      teardown();
    }
    return true;
  };
}

/**
 * Closes a request's server and transport. Closing makes the SDK build an
 * error for whatever was still pending — nothing, once a call is answered —
 * and an error's stack trace was a few percent of the CPU of a call. Both
 * close synchronously up to their first await, so the limit is restored
 * before anything else runs; a rejection here has nobody to tell.
 */
function closeQuietly(close: () => Array<Promise<void>>): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const closing of close()) closing.catch(() => undefined);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The request as the SDK's transport reads it: method, URL and headers (the body is passed parsed). */
function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'POST',
    headers,
  });
}

/**
 * Some hosts send a 2025 `MCP-Protocol-Version` header with a 2026-07-28
 * envelope in the body (seen from Claude's connectors). The header is what
 * the host's transport speaks, so the request is served as 2025: the stray
 * envelope keys are dropped instead of failing the request for disagreeing.
 */
export function servedAsLegacyWhenHeaderSaysSo(req: IncomingMessage, body: unknown): unknown {
  const header = req.headers['mcp-protocol-version'];
  if (typeof header !== 'string' || header >= '2026') return body;
  const strip = (message: unknown): unknown => {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
    const params = (message as { params?: unknown }).params;
    if (typeof params !== 'object' || params === null) return message;
    const meta = (params as { _meta?: unknown })._meta;
    if (typeof meta !== 'object' || meta === null) return message;
    const record = meta as Record<string, unknown>;
    if (!(PROTOCOL_VERSION_META_KEY in record)) return message;
    const kept = Object.fromEntries(
      Object.entries(record).filter(([key]) => !key.startsWith(ENVELOPE_PREFIX)),
    );
    const rest: Record<string, unknown> = { ...(params as Record<string, unknown>) };
    delete rest['_meta'];
    return {
      ...message,
      params: Object.keys(kept).length > 0 ? { ...rest, _meta: kept } : rest,
    };
  };
  return Array.isArray(body) ? body.map(strip) : strip(body);
}

function hostAllowed(host: string | undefined, authorities: ReadonlySet<string>): boolean {
  return host !== undefined && host !== '' && authorities.has(host.toLowerCase());
}

/** The server's own origins are always its own: a page it serves, or a local client naming it, is not a rebinding attack. */
function originAllowed(input: {
  origin: string;
  http: HttpConfig;
  authorities: ReadonlySet<string>;
}): boolean {
  const { origin, http, authorities } = input;
  if (http.allowedOrigins.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && authorities.has(parsed.host);
}

function acceptedAuthorities(http: HttpConfig, port: number): Set<string> {
  const bound = http.host.includes(':') ? `[${http.host}]` : http.host;
  const accepted = new Set([`${bound}:${port}`, ...http.allowedHosts.map((h) => h.toLowerCase())]);
  if (isLoopback(http.host))
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) accepted.add(`${name}:${port}`);
  return accepted;
}

/** Bytes of request bodies this process holds right now; shared by every connection. */
export interface BodyBudget {
  buffered: number;
}

/**
 * Reads a body within both bounds: its own size (413) and what all
 * connections may buffer together (503). A declared length is reserved
 * before anything is read, so slow senders cannot pile up memory.
 */
async function readBody(
  req: IncomingMessage,
  budget: BodyBudget,
): Promise<{ kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'busy' }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return { kind: 'too_large' };
  let reserved = 0;
  const reserve = (bytes: number): boolean => {
    if (budget.buffered + bytes > MAX_BUFFERED_BYTES) return false;
    budget.buffered += bytes;
    reserved += bytes;
    return true;
  };
  try {
    if (declared > 0 && !reserve(declared)) return { kind: 'busy' };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return { kind: 'too_large' };
      if (size > reserved && !reserve(size - reserved)) return { kind: 'busy' };
      chunks.push(buffer);
    }
    return { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') };
  } finally {
    budget.buffered -= reserved;
  }
}

/** A JSON-RPC error answer; it echoes the id of a single request, as the SDK's answers do. */
function rpcError(code: number, message: string, body?: unknown): unknown {
  return { jsonrpc: '2.0', error: { code, message }, id: echoableId(body) };
}

function echoableId(body: unknown): string | number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return null;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function sendJson(input: { res: ServerResponse; status: number; body: unknown }): void {
  input.res
    .writeHead(input.status, { 'content-type': 'application/json' })
    .end(JSON.stringify(input.body));
}
