import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { startHttpServer } from '../examples/company-api-mcp/src/runtime/http-transport.js';
import { TOOLS } from '../examples/company-api-mcp/src/tools/index.js';
import { companyConfig, SHARED_SECRET, testRuntime } from './support/company-mcp.js';
import { compileExample, startHttpExample, type HttpExample } from './support/example-server.js';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { connect as connectSocket, type AddressInfo, type Socket } from 'node:net';

const FULL_TOKEN = 'full-access-token-0123456789';
const READ_TOKEN = 'read-only-token-0123456789ab';

type Instance = HttpExample;

let api: RunningApi;
let workDir: string;
const instances: Instance[] = [];

/** Starts the compiled example with --http, the tokens and the shared secret; stopped after all tests. */
async function startInstance(): Promise<Instance> {
  const instance = await startHttpExample({
    entry: path.join(workDir, 'dist/src/index.js'),
    env: {
      COMPANY_API_BASE_URL: api.baseUrl,
      COMPANY_API_KEY: api.apiKey,
      COMPANY_API_HTTP_TOKENS: `${FULL_TOKEN},${READ_TOKEN}:read`,
      COMPANY_API_CONFIRMATION_SECRET: SHARED_SECRET,
    },
  });
  instances.push(instance);
  return instance;
}

async function connectHttp(input: { url: string; token: string }): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(input.url), {
    requestInit: { headers: { authorization: `Bearer ${input.token}` } },
  });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

function errorOf(result: Awaited<ReturnType<Client['callTool']>>): { error: string } {
  return JSON.parse((result.content as Array<{ text: string }>)[0]?.text ?? '{}') as { error: string };
}

/** A raw request with a chosen Host header, which fetch does not let us set. */
function rawPost(input: { url: string; host: string; token: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(input.url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { host: input.host, authorization: `Bearer ${input.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

async function countOrders(customerId: string): Promise<number> {
  const response = await fetch(`${api.baseUrl}/customers/${customerId}/orders`, {
    headers: { 'x-api-key': api.apiKey },
  });
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** A raw 2026-07-28 request, as a modern client sends it: the version header and the per-request envelope. */
async function modernCall(input: { url: string; params: Record<string, unknown> }): Promise<Record<string, unknown>> {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
  };
  const response = await fetch(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': String(input.params['name']),
      authorization: `Bearer ${FULL_TOKEN}`,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { ...input.params, _meta: envelope } }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? (text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .pop() ?? '{}')
    : text;
  const message = JSON.parse(json) as { result?: Record<string, unknown>; error?: unknown };
  if (!message.result) throw new Error(`no result: ${text}`);
  return message.result;
}

beforeAll(async () => {
  api = await startCompanyApi('http-test-api-key-9999');
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  await compileExample(workDir);
}, 120_000);

afterAll(async () => {
  for (const instance of instances) instance.child.kill();
  await api?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('streamable HTTP transport of the generated server', () => {
  it('requires a valid bearer token, checks Host and Origin, and serves /health', async () => {
    const { url } = await startInstance();
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(initialize),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${FULL_TOKEN}` })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${FULL_TOKEN}`, origin: 'https://evil.example' })).status).toBe(403);
    expect(await rawPost({ url, host: 'evil.example', token: FULL_TOKEN })).toBe(421);
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it("accepts the server's own loopback origin, serves mixed-era headers as 2025, and answers oversized or stray requests cleanly", async () => {
    const { url } = await startInstance();
    const port = new URL(url).port;
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${FULL_TOKEN}`,
    };
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const own = await fetch(url, {
        method: 'POST',
        headers: { ...headers, origin },
        body: JSON.stringify(initialize),
      });
      expect(own.status, origin).toBe(200);
    }
    // A 2025 header with a 2026-07-28 envelope in the body, as some hosts send: served as 2025, not refused.
    const envelope = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const mixed = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: envelope } }),
    });
    expect(mixed.status).toBe(200);
    expect(await mixed.text()).toContain('search_customers');
    const huge = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const emptyBatch = await fetch(url, { method: 'POST', headers, body: '[]' });
    expect(emptyBatch.status).toBe(400);
    expect(await emptyBatch.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 }, id: null });
    const malformed = await fetch(url, { method: 'POST', headers, body: '{not json' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 }, id: null });
    const discover = { jsonrpc: '2.0', id: 3, method: 'server/discover', params: {} };
    const stray = await fetch(new URL('/other', url), {
      method: 'POST',
      headers: { ...headers, 'mcp-protocol-version': '2026-07-28' },
      body: JSON.stringify(discover),
    });
    expect(stray.status).toBeLessThan(500);
  });

  it('answers a 2025-era call with one JSON body, not an event stream; notifications get 202, unknown versions 400', async () => {
    const { url } = await startInstance();
    const post = (version: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${FULL_TOKEN}`,
          'mcp-protocol-version': version,
        },
        body: JSON.stringify(body),
      });
    const call = await post('2025-11-25', {
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'search_customers', arguments: { query: 'a', limit: 1 } },
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('content-type')).toContain('application/json');
    const message = (await call.json()) as { id: number; result: { structuredContent?: unknown } };
    expect(message.id).toBe(7);
    expect(message.result.structuredContent).toBeDefined();
    const notification = await post('2025-11-25', { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(notification.status).toBe(202);
    const unknown = await post('1999-01-01', { jsonrpc: '2.0', id: 8, method: 'tools/list', params: {} });
    expect(unknown.status).toBe(400);
  });

  it('slow clients cannot pile up request bodies: past the shared budget new bodies get 503, and the server keeps serving', async () => {
    const { url } = await startInstance();
    const target = new URL(url);
    const declared = Math.floor(3.9 * 1024 * 1024);
    const statuses: Array<Promise<number | undefined>> = [];
    const sockets: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = connectSocket(Number(target.port), '127.0.0.1');
      sockets.push(socket);
      statuses.push(
        new Promise((resolve) => {
          socket.once('data', (chunk: Buffer) =>
            resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString('latin1'))?.[1])),
          );
          socket.once('close', () => resolve(undefined));
        }),
      );
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${FULL_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`,
      );
    }
    // 16 bodies of 3.9 MB fit in the 64 MiB budget; the others are refused at once, before buffering.
    const answered = await Promise.race([
      Promise.all(statuses.slice(16)),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000)),
    ]);
    expect(answered).toEqual([503, 503, 503, 503]);
    for (const socket of sockets) socket.destroy();
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const after = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${FULL_TOKEN}`,
      },
      body: JSON.stringify(initialize),
    });
    expect(after.status).toBe(200);
  });

  it('a read-scoped token lists only read tools and is forbidden create_order', async () => {
    const { url } = await startInstance();
    const client = await connectHttp({ url, token: READ_TOKEN });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'api_health',
      'search_customers',
      'list_products',
      'get_orders_for_customer',
    ]);
    const result = await client.callTool({
      name: 'create_order',
      arguments: { customerId: 'cus_001', items: [{ productId: 'prd_001', quantity: 1 }] },
    });
    expect(errorOf(result).error).toBe('forbidden');
    const search = await client.callTool({ name: 'search_customers', arguments: { query: 'samer' } });
    expect(search.isError ?? false).toBe(false);
    await client.close();
  });

  it('a confirmation token minted by one instance is honoured by another with the same secret', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const args = { customerId: 'cus_003', items: [{ productId: 'prd_001', quantity: 3 }] };
    const clientA = await connectHttp({ url: first.url, token: FULL_TOKEN });
    const preview = (await clientA.callTool({ name: 'create_order', arguments: args })).structuredContent as {
      status: string;
      confirmation: { token: string };
    };
    expect(preview.status).toBe('confirmation_required');
    const clientB = await connectHttp({ url: second.url, token: FULL_TOKEN });
    const done = await clientB.callTool({
      name: 'create_order',
      arguments: { ...args, confirmation_token: preview.confirmation.token },
    });
    expect(done.structuredContent).toMatchObject({ status: 'completed', result: { customerId: 'cus_003' } });
    await clientA.close();
    await clientB.close();
    // The inbound token admits the client only: it never reaches the API or the logs.
    for (const instance of instances) expect(instance.stderr.join('')).not.toContain(FULL_TOKEN);
  });

  it('a person asked through one instance and answered through another: the call runs once, a replay is refused', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const ordersBefore = await countOrders('cus_001');
    const args = { customerId: 'cus_001', items: [{ productId: 'prd_001', quantity: 2 }] };
    const asked = await modernCall({ url: first.url, params: { name: 'create_order', arguments: args } });
    expect(asked['resultType']).toBe('input_required');
    const requests = asked['inputRequests'] as Record<string, { method: string; params: { message: string } }>;
    expect(requests['approve']?.method).toBe('elicitation/create');
    expect(requests['approve']?.params.message).toContain('POST /orders');
    const requestState = asked['requestState'] as string;
    expect(await countOrders('cus_001')).toBe(ordersBefore);

    const answer = {
      name: 'create_order',
      arguments: args,
      inputResponses: { approve: { action: 'accept', content: { approve: true } } },
      requestState,
    };
    const done = await modernCall({ url: second.url, params: answer });
    expect(done['structuredContent']).toMatchObject({ status: 'completed', result: { customerId: 'cus_001' } });
    expect(await countOrders('cus_001')).toBe(ordersBefore + 1);
    const replay = await modernCall({ url: second.url, params: answer });
    expect(replay['isError']).toBe(true);
    expect(JSON.stringify(replay)).toContain('confirmation_replayed');
    const changed = await modernCall({
      url: second.url,
      params: { ...answer, arguments: { ...args, items: [{ productId: 'prd_001', quantity: 200 }] } },
    });
    expect(JSON.stringify(changed)).toContain('confirmation_mismatch');
    expect(await countOrders('cus_001')).toBe(ordersBefore + 1);
  });

  it('refuses to start without inbound tokens', async () => {
    const child = spawn(process.execPath, [path.join(workDir, 'dist/src/index.js'), '--http'], {
      env: { PATH: process.env['PATH'] ?? '', COMPANY_API_BASE_URL: api.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('COMPANY_API_HTTP_TOKENS is not set');
  });

  it('a port in use, or a missing credential, is one clear line on stderr, never a stack trace', async () => {
    const { url } = await startInstance();
    const child = spawn(process.execPath, [path.join(workDir, 'dist/src/index.js'), '--http'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        COMPANY_API_BASE_URL: api.baseUrl,
        COMPANY_API_HTTP_TOKENS: FULL_TOKEN,
        COMPANY_API_HTTP_PORT: new URL(url).port,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `company-api-mcp: cannot listen on 127.0.0.1:${new URL(url).port} (EADDRINUSE); set COMPANY_API_HTTP_PORT to a free port`,
    );
    expect(stderr).toContain('no API credential is set (COMPANY_API_KEY)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('never forwards the inbound token to the API', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const upstream = createHttpServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [], total: 0 }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const config = companyConfig({ baseUrl, apiKey: 'upstream-key-0000' });
    const { runtime } = testRuntime(config);
    const http = { ...config.http, tokens: [{ token: FULL_TOKEN, principal: 'token:test', scope: 'high' as const }] };
    const started = await startHttpServer({ runtime, tools: TOOLS, http });
    try {
      const client = await connectHttp({ url: started.url, token: FULL_TOKEN });
      const result = await client.callTool({ name: 'search_customers', arguments: { query: 'x' } });
      expect(result.isError ?? false).toBe(false);
      await client.close();
      expect(seen).toHaveLength(1);
      expect(seen[0]?.['x-api-key']).toBe('upstream-key-0000');
      expect(JSON.stringify(seen)).not.toContain(FULL_TOKEN);
      expect(seen[0]?.['authorization']).toBeUndefined();
    } finally {
      await started.close();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });
});
