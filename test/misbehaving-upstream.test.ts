import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { companyConfig, connect, errorOf, testRuntime } from './support/company-mcp.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const API_KEY = 'misbehaving-upstream-key';
let handler: Handler = (_req, res) => res.end();
let calls = 0;
let baseUrl = '';
const upstream = createHttpServer((req, res) => {
  calls += 1;
  handler(req, res);
});

/** A second host: a redirect must never lead the server (or its credentials) there. */
let elsewhereCalls = 0;
const elsewhere = createHttpServer((_req, res) => {
  elsewhereCalls += 1;
  res.end('{}');
});

const customer = (i: number) => ({
  id: `cus_${i}`,
  name: `Customer number ${i} with a reasonably long name`,
  email: `customer${i}@example.com`,
  phone: null,
  company: 'Some Company LLC',
  status: 'active',
  createdAt: '2026-01-15T09:00:00.000Z',
});
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

async function listen(server: ReturnType<typeof createHttpServer>, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  baseUrl = await listen(upstream, '127.0.0.1');
  await listen(elsewhere, '127.0.0.2');
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});
beforeEach(() => {
  calls = 0;
  elsewhereCalls = 0;
});

async function client(overrides: { timeoutMs?: number; maxRetries?: number; baseUrl?: string } = {}) {
  const config = {
    ...companyConfig({ baseUrl: overrides.baseUrl ?? baseUrl, apiKey: API_KEY }),
    timeoutMs: overrides.timeoutMs ?? 2_000,
    maxRetries: overrides.maxRetries ?? 2,
  };
  return connect({ runtime: testRuntime(config).runtime });
}

const search = { name: 'search_customers', arguments: { query: 'x' } };
const create = { name: 'create_customer', arguments: { name: 'A', email: 'a@example.com' } };

describe('the generated server against a misbehaving upstream', () => {
  it('a response slower than the timeout is a timeout result', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { items: [], total: 0 }), 1_500);
    const result = await (await client({ timeoutMs: 200 })).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'timeout' });
  });

  it('a 500 with an HTML body is an upstream_error without the HTML', async () => {
    handler = (_req, res) =>
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Oops <script>x</script></body></html>');
    const result = await (await client()).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'upstream_error', status: 500 });
    expect(JSON.stringify(result)).not.toContain('<html>');
    expect(calls).toBe(1);
  });

  it('429 with Retry-After is retried for idempotent calls, bounded, and reported with retry_after', async () => {
    handler = (_req, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '1' });
    const started = Date.now();
    const result = await (await client({ maxRetries: 2 })).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'rate_limited', status: 429, retry_after: 1 });
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('a POST is never retried', async () => {
    handler = (_req, res) => json(res, 503, { message: 'busy' }, { 'retry-after': '0' });
    const result = await (await client({ maxRetries: 2 })).callTool(create);
    expect(errorOf(result)).toMatchObject({ error: 'upstream_error', status: 503 });
    expect(calls).toBe(1);
  });

  it('503 then success: the retry answers', async () => {
    handler = (_req, res) =>
      calls === 1 ? json(res, 503, {}, { 'retry-after': '0' }) : json(res, 200, { items: [customer(1)], total: 1 });
    const result = await (await client()).callTool(search);
    expect(result.isError ?? false).toBe(false);
    expect(calls).toBe(2);
  });

  it('a Retry-After too long to wait is passed to the model instead of waited for', async () => {
    handler = (_req, res) => json(res, 503, {}, { 'retry-after': '120' });
    const result = await (await client()).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'upstream_error', retry_after: 120 });
    expect(calls).toBe(1);
  });

  it('truncated JSON is an invalid_response', async () => {
    handler = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [{"id": "cus_1", "na');
    expect(errorOf(await (await client()).callTool(search))).toMatchObject({ error: 'invalid_response', status: 200 });
  });

  it('a wrong content type with a non-JSON body is an invalid_response', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>maintenance</p>');
    const result = await (await client()).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'invalid_response' });
    expect(errorOf(result).message).toContain('text/html');
  });

  it('a huge response is cut at the cap with a note; a gigantic one is refused', async () => {
    handler = (_req, res) =>
      json(res, 200, { items: Array.from({ length: 3_000 }, (_, i) => customer(i)), total: 3_000 });
    const result = await (await client()).callTool(search);
    expect(result.isError ?? false).toBe(false);
    const content = result.structuredContent as { items: unknown[]; total: number };
    expect(content.total).toBe(3_000);
    expect(content.items.length).toBeGreaterThan(100);
    expect(content.items.length).toBeLessThan(3_000);
    expect(Buffer.byteLength(JSON.stringify(content))).toBeLessThanOrEqual(100_000);
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(
      /cut to fit 100000 bytes: "items" shows \d+ of 3000 items/,
    );

    handler = (_req, res) =>
      json(res, 200, { items: Array.from({ length: 12_000 }, (_, i) => customer(i)), total: 12_000 });
    expect(errorOf(await (await client()).callTool(search))).toMatchObject({ error: 'response_too_large' });
  });

  it('a redirect to another host is not followed, so credentials never go there', async () => {
    handler = (_req, res) =>
      res.writeHead(302, { location: `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}/steal` }).end();
    const result = await (await client()).callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'redirect_refused', status: 302 });
    expect(elsewhereCalls).toBe(0);
  });

  it('connection refused is a network_error, and the server keeps answering', async () => {
    const closed = createHttpServer();
    const closedUrl = await listen(closed, '127.0.0.1');
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mcp = await client({ baseUrl: closedUrl, maxRetries: 1 });
    const result = await mcp.callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'network_error' });
    expect(errorOf(result).message).toContain('connection refused');
    expect(JSON.stringify(result)).not.toContain(closedUrl);
    const health = await mcp.callTool({ name: 'search_customers', arguments: { query: 'still here' } });
    expect(errorOf(health).error).toBe('network_error');
  });

  it('answers 500 concurrent calls and returns to its memory baseline', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    handler = (_req, res) => json(res, 200, { items: [customer(1)], total: 1 });
    // What is proven is that every call is answered and memory comes back, not speed: on a loaded
    // machine 500 requests queue for seconds, so the per-request timeout must not decide the outcome,
    // and no retry may add calls the count does not expect.
    const mcp = await client({ timeoutMs: 120_000, maxRetries: 0 });
    await mcp.callTool(search);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const results = await Promise.all(Array.from({ length: 500 }, () => mcp.callTool(search, { timeout: 120_000 })));
    expect(results.filter((r) => r.isError)).toHaveLength(0);
    expect(calls).toBe(501);
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(after - baseline).toBeLessThan(20 * 1024 * 1024);
  }, 180_000);
});
