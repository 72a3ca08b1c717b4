/**
 * Who an HTTP request comes from: static tokens (bearer or X-Api-Key) and,
 * when configured, OAuth access tokens; and the scope check of tool calls.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { HttpConfig, InboundToken } from './config.js';
import type { OAuthResourceServer } from './oauth.js';
import type { Runtime } from './server.js';
import type { Risk, ToolDefinition } from './types.js';

/** Who an authenticated request comes from, and what it may use. */
export interface Caller {
  principal: string;
  /** Highest risk (static tokens), or the highest of `risks` (OAuth). */
  scope: Risk;
  /** OAuth only: the exact risk levels the token's scopes open. */
  risks?: Risk[];
  scopes: string[];
}

/**
 * Static tokens first (as `Authorization: Bearer` or `X-Api-Key`, for
 * platforms that keep `Authorization` for themselves), then, when
 * configured, an OAuth access token. Refusals carry their challenge.
 */
export async function authenticateCaller(input: {
  req: IncomingMessage;
  http: HttpConfig;
  oauth: OAuthResourceServer | undefined;
}): Promise<Caller | { refused: Response; reason: string }> {
  const { req, http, oauth } = input;
  const authorization = req.headers.authorization;
  const apiKey = req.headers['x-api-key'];
  const bearer = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  const presented = [bearer, typeof apiKey === 'string' ? apiKey : undefined].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  for (const given of presented) {
    const token = matchStaticToken({ given, tokens: http.tokens });
    if (token) return { principal: token.principal, scope: token.scope, scopes: [token.scope] };
  }
  if (!oauth) {
    return {
      reason: presented.length > 0 ? 'invalid_token' : 'missing_token',
      refused: Response.json(
        { error: 'unauthorized', message: 'A valid bearer token is required' },
        { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
      ),
    };
  }
  if (authorization === undefined) {
    return {
      reason: presented.length > 0 ? 'invalid_token' : 'missing_token',
      refused: oauth.missingChallenge(),
    };
  }
  const outcome = await oauth.authenticate(authorization);
  if (!outcome.ok) return { refused: outcome.response, reason: outcome.reason };
  const { caller } = outcome;
  return {
    principal: caller.principal,
    scope: caller.risks[caller.risks.length - 1] ?? 'read',
    risks: caller.risks,
    scopes: caller.scopes,
  };
}

/** The principal the MCP server is built for, from what authentication put on the request. */
export function principalOf(authInfo: AuthInfo | undefined): {
  name: string;
  scope: Risk;
  risks?: Risk[];
} {
  const extra = authInfo?.extra;
  const risks = extra?.['risks'] as Risk[] | undefined;
  return {
    name: authInfo?.clientId ?? 'anonymous',
    scope: (extra?.['scope'] as Risk | undefined) ?? 'read',
    ...(risks ? { risks } : {}),
  };
}

/** Every tool's risk by name, generated and hand-written alike. */
export function toolRisks(runtime: Runtime, tools: readonly ToolDefinition[]): Map<string, Risk> {
  const risks = new Map<string, Risk>();
  for (const tool of runtime.extensions.tools ?? []) risks.set(tool.listing.name, tool.risk);
  for (const tool of tools) risks.set(tool.name, tool.risk);
  return risks;
}

/** The risk level of the first `tools/call` in the body that the caller's levels do not include. */
export function scopeShortfall(input: {
  body: unknown;
  risks: readonly Risk[];
  riskOf: ReadonlyMap<string, Risk>;
}): Risk | undefined {
  const messages = Array.isArray(input.body) ? (input.body as unknown[]) : [input.body];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { method, params } = message as { method?: unknown; params?: { name?: unknown } };
    if (method !== 'tools/call' || typeof params?.name !== 'string') continue;
    const risk = input.riskOf.get(params.name);
    if (risk && !input.risks.includes(risk)) return risk;
  }
  return undefined;
}

export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  // A known length spares the client chunked decoding.
  headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers).end(body);
}

/** Compares every configured token in constant time, so timing reveals nothing about them. */
function matchStaticToken(input: {
  given: string;
  tokens: readonly InboundToken[];
}): InboundToken | undefined {
  const given = Buffer.from(input.given);
  let found: InboundToken | undefined;
  for (const candidate of input.tokens) {
    const expected = Buffer.from(candidate.token);
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = candidate;
  }
  return found;
}
