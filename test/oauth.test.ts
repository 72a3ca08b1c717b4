/**
 * OAuth 2.1 resource-server mode of the generated server, end to end: the
 * compiled example over HTTP, a real authorization server (oidc-provider)
 * issuing real JWT access tokens, the live example API behind it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { SHARED_SECRET } from './support/company-mcp.js';
import { compileExample, startHttpExample, type HttpExample } from './support/example-server.js';
import {
  ALL_SCOPES,
  freePort,
  SHORT_LIVED_TTL_SECONDS,
  signingKey,
  startAuthServer,
  type AuthServer,
} from './support/oidc.js';

const STATIC_TOKEN = 'static-read-token-0123456789';
const READ_TOOLS = ['api_health', 'get_orders_for_customer', 'list_products', 'search_customers'];

let api: RunningApi;
let workDir: string;
let auth: AuthServer;
let otherIssuer: AuthServer;
let server: HttpExample;
let resource: string;
let metadataUrl: string;
let firstKey: JWK;
/** A hop in front of the API that records the headers of every request the MCP server sends it. */
let hop: Server;
const upstreamHeaders: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  const [entry, started] = await Promise.all([compileExample(workDir), startCompanyApi()]);
  api = started;
  const target = new URL(api.baseUrl);
  hop = createServer((req, res) => {
    upstreamHeaders.push(req.headers);
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
  const hopUrl = `http://127.0.0.1:${(hop.address() as AddressInfo).port}`;
  firstKey = await signingKey('key-1');
  auth = await startAuthServer({ keys: [firstKey] });
  // Another issuer holding the very same key: only the issuer check can tell its tokens apart.
  otherIssuer = await startAuthServer({ keys: [firstKey] });
  const port = await freePort();
  resource = `http://127.0.0.1:${port}/mcp`;
  metadataUrl = `http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp`;
  server = await startHttpExample({
    entry,
    env: {
      COMPANY_API_BASE_URL: hopUrl,
      COMPANY_API_KEY: api.apiKey,
      COMPANY_API_HTTP_PORT: String(port),
      COMPANY_API_HTTP_TOKENS: `ops:${STATIC_TOKEN}:read`,
      COMPANY_API_CONFIRMATION_SECRET: SHARED_SECRET,
      COMPANY_API_OAUTH_ISSUER: auth.issuer,
      COMPANY_API_OAUTH_RESOURCE: resource,
      // The rotation case must not wait for the default cooldown between two key fetches.
      COMPANY_API_OAUTH_JWKS_COOLDOWN_SECONDS: '0',
    },
  });
}, 120_000);

afterAll(async () => {
  server?.child.kill();
  hop?.close();
  await Promise.all([auth?.close(), otherIssuer?.close(), api?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A JSON-RPC request over raw HTTP, to see the status and challenge a client would. */
async function post(input: { headers?: Record<string, string>; body: unknown }) {
  const response = await fetch(resource, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      ...input.headers,
    },
    body: JSON.stringify(input.body),
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), text: await response.text() };
}

const callTool = (name: string, args: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name, arguments: args },
});

async function connect(headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(resource), { requestInit: { headers } }));
  return client;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function auditLines(): Array<Record<string, unknown>> {
  return server.stderr
    .join('')
    .split('\n')
    .filter((line) => line.includes('"principal"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('OAuth resource server', () => {
  it('publishes Protected Resource Metadata (RFC 9728) at the path-suffixed and the bare well-known URL', async () => {
    for (const url of [metadataUrl, metadataUrl.replace(/\/mcp$/, '')]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.json()).toEqual({
        resource,
        authorization_servers: [auth.issuer],
        scopes_supported: ['mcp:read', 'mcp:write', 'mcp:approve'],
        bearer_methods_supported: ['header'],
      });
    }
  });

  it('answers a request without credentials with 401 and where to find the metadata', async () => {
    const answer = await post({ body: callTool('list_products') });
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe(`Bearer resource_metadata="${metadataUrl}"`);
  });

  it('accepts a valid token: every tool listed and callable, the audit line names the subject', async () => {
    const token = await auth.token({ resource, scope: ALL_SCOPES });
    const client = await connect(bearer(token));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'api_health',
      'cancel_order',
      'create_customer',
      'create_order',
      'get_orders_for_customer',
      'list_products',
      'search_customers',
    ]);
    const result = await client.callTool({ name: 'list_products', arguments: {} });
    expect(result.isError).toBeFalsy();
    await client.close();
    const line = auditLines().find((entry) => entry['tool'] === 'list_products');
    expect(line).toMatchObject({ principal: 'agent', outcome: 'ok', http_status: 200 });
    // The access token admits the client only: it is in no log line, and the API never receives it.
    expect(server.stderr.join('')).not.toContain(token);
    expect(upstreamHeaders.length).toBeGreaterThan(0);
    const sent = JSON.stringify(upstreamHeaders);
    expect(sent).toContain(api.apiKey);
    expect(sent).not.toContain(token);
    expect(sent).not.toContain(token.split('.')[2]);
  });

  it.each([
    ['a wrong audience', async () => auth.token({ resource: 'http://127.0.0.1:9/another-mcp', scope: ALL_SCOPES })],
    ['a wrong issuer', async () => otherIssuer.token({ resource, scope: ALL_SCOPES })],
  ])('refuses a token with %s: 401 invalid_token naming the metadata', async (_case, mint) => {
    const answer = await post({ headers: bearer(await mint()), body: callTool('list_products') });
    expect(answer.status).toBe(401);
    expect(answer.challenge).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"/);
    expect(answer.challenge).toContain(`resource_metadata="${metadataUrl}"`);
  });

  it('refuses an expired token', async () => {
    const token = await auth.token({ resource, scope: ALL_SCOPES, client: 'short-lived' });
    const fresh = await post({ headers: bearer(token), body: callTool('list_products') });
    expect(fresh.status).toBe(200);
    // Wait out the token's own `exp` (whole seconds) rather than a fixed time: it was issued a moment ago.
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
    expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(SHORT_LIVED_TTL_SECONDS * 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1_100));
    const answer = await post({ headers: bearer(token), body: callTool('list_products') });
    expect(answer.status).toBe(401);
    expect(answer.challenge).toContain('error="invalid_token", error_description="The token has expired"');
  });

  it('mcp:read alone sees only read tools, and a write call gets 403 insufficient_scope with the scope to ask for', async () => {
    const token = await auth.token({ resource, scope: 'mcp:read' });
    const client = await connect(bearer(token));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(READ_TOOLS);
    await client.close();
    const answer = await post({
      headers: bearer(token),
      body: callTool('create_customer', { name: 'Scope Test', email: 'scope@example.com' }),
    });
    expect(answer.status).toBe(403);
    expect(answer.challenge).toContain('error="insufficient_scope"');
    expect(answer.challenge).toContain('scope="mcp:read mcp:write"');
    expect(answer.challenge).toContain(`resource_metadata="${metadataUrl}"`);
    const high = await post({ headers: bearer(token), body: callTool('cancel_order', { id: 'x' }) });
    expect(high.status).toBe(403);
    expect(high.challenge).toContain('scope="mcp:read mcp:approve"');
  });

  it('scopes map to risk levels one by one: mcp:write alone sees the low and medium tools only', async () => {
    const client = await connect(bearer(await auth.token({ resource, scope: 'mcp:write' })));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['create_customer', 'create_order']);
    await client.close();
  });

  it('keeps static tokens, also as X-Api-Key, with their scope', async () => {
    for (const headers of [bearer(STATIC_TOKEN), { 'x-api-key': STATIC_TOKEN }]) {
      const client = await connect(headers);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(READ_TOOLS);
      await client.close();
    }
    expect(
      (await post({ headers: { 'x-api-key': 'not-a-known-token-000' }, body: callTool('api_health') })).status,
    ).toBe(401);
  });

  it('accepts a token signed with a new key after the issuer rotated its keys', async () => {
    const oldToken = await auth.token({ resource, scope: ALL_SCOPES });
    await auth.close();
    const secondKey = await signingKey('key-2');
    // Same issuer, same port: the new key signs, the old one is still published.
    auth = await startAuthServer({ keys: [secondKey, firstKey], port: auth.port });
    const newToken = await auth.token({ resource, scope: ALL_SCOPES });
    expect(JSON.parse(Buffer.from(newToken.split('.')[0] ?? '', 'base64url').toString()).kid).toBe('key-2');
    for (const token of [newToken, oldToken]) {
      const client = await connect(bearer(token));
      const result = await client.callTool({ name: 'api_health', arguments: {} });
      expect(result.isError).toBeFalsy();
      await client.close();
    }
    // A key the issuer never published is still refused.
    const stranger = await startAuthServer({ keys: [await signingKey('key-1')] });
    try {
      const forged = await stranger.token({ resource, scope: ALL_SCOPES });
      expect((await post({ headers: bearer(forged), body: callTool('api_health') })).status).toBe(401);
    } finally {
      await stranger.close();
    }
  });
});
