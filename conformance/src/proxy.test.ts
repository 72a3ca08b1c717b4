import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startAuthProxy, type AuthProxy } from './proxy.js';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void | Promise<void>;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

/** A target that records each request (headers and full body) before handing it to `handler`. */
async function target(
  handler: Handler = (_req, res) => void res.end('ok'),
): Promise<{ url: string; port: number; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: Buffer.concat(chunks),
    };
    seen.push(entry);
    await handler(req, res, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}/mcp`, port, seen, server };
}

async function proxyFor(url: string, token?: string): Promise<AuthProxy> {
  const proxy = await startAuthProxy({ target: url, ...(token === undefined ? {} : { token }) });
  cleanup.push(() => proxy.close());
  return proxy;
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
}

/** A plain node:http request, so Host can be set freely (fetch forbids it). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) {
      if (options.chunked) {
        // Several writes without a content-length: sent with chunked transfer-encoding.
        const body = Buffer.from(options.body);
        const step = Math.ceil(body.length / 4);
        for (let i = 0; i < body.length; i += step) req.write(body.subarray(i, i + step));
      } else {
        req.setHeader('content-length', Buffer.byteLength(options.body));
        req.write(options.body);
      }
    }
    req.end();
  });
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('conformance auth proxy', () => {
  it('adds the bearer token to every request and replaces one the client sent', async () => {
    const upstream = await target();
    const proxy = await proxyFor(upstream.url, 'secret-token-123456');
    await send(proxy.url, { body: '{}' });
    await send(proxy.url, { method: 'GET' });
    await send(proxy.url, { method: 'DELETE', headers: { Authorization: 'Bearer client-supplied' } });
    expect(upstream.seen.map((s) => s.headers.authorization)).toEqual([
      'Bearer secret-token-123456',
      'Bearer secret-token-123456',
      'Bearer secret-token-123456',
    ]);
    expect(upstream.seen.map((s) => s.rawHeaders.filter((h) => h.toLowerCase() === 'authorization').length)).toEqual([
      1, 1, 1,
    ]);
    expect(proxy.forwarded).toBe(3);
  });

  it('adds no Authorization header without a token, and keeps the client one', async () => {
    const upstream = await target();
    const proxy = await proxyFor(upstream.url);
    await send(proxy.url, { body: '{}' });
    await send(proxy.url, { body: '{}', headers: { authorization: 'Bearer mine' } });
    expect(upstream.seen.map((s) => s.headers.authorization)).toEqual([undefined, 'Bearer mine']);
  });

  it('keeps method, path, query and end-to-end headers as sent', async () => {
    const upstream = await target();
    const proxy = await proxyFor(upstream.url, 'tok');
    await send(`${proxy.origin}/mcp/x?a=1&b=%2F`, {
      method: 'DELETE',
      headers: {
        'Mcp-Session-Id': 'abc',
        'MCP-Protocol-Version': '2025-11-25',
        Accept: 'application/json, text/event-stream',
        'X-Two': 'a',
      },
    });
    const [first] = upstream.seen;
    expect(first?.method).toBe('DELETE');
    expect(first?.url).toBe('/mcp/x?a=1&b=%2F');
    expect(first?.headers['mcp-session-id']).toBe('abc');
    expect(first?.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(first?.headers.accept).toBe('application/json, text/event-stream');
    // Header names keep the case the client sent.
    expect(first?.rawHeaders).toContain('Mcp-Session-Id');
    expect(first?.rawHeaders).toContain('MCP-Protocol-Version');
  });

  it("maps a Host or Origin naming the proxy to the target's, and passes any other value verbatim", async () => {
    const upstream = await target();
    const proxy = await proxyFor(upstream.url, 'tok');
    const proxyPort = new URL(proxy.origin).port;
    const cases: Array<{ host: string; origin?: string; expectHost: string; expectOrigin?: string }> = [
      {
        host: `127.0.0.1:${proxyPort}`,
        origin: `http://127.0.0.1:${proxyPort}`,
        expectHost: `127.0.0.1:${upstream.port}`,
        expectOrigin: `http://127.0.0.1:${upstream.port}`,
      },
      {
        host: `localhost:${proxyPort}`,
        origin: `http://localhost:${proxyPort}`,
        expectHost: `localhost:${upstream.port}`,
        expectOrigin: `http://localhost:${upstream.port}`,
      },
      {
        host: 'evil.example.com',
        origin: 'http://evil.example.com',
        expectHost: 'evil.example.com',
        expectOrigin: 'http://evil.example.com',
      },
      {
        host: `evil.example.com:${proxyPort}`,
        origin: `http://evil.example.com:${proxyPort}`,
        expectHost: `evil.example.com:${proxyPort}`,
        expectOrigin: `http://evil.example.com:${proxyPort}`,
      },
      { host: '127.0.0.1:1', origin: 'null', expectHost: '127.0.0.1:1', expectOrigin: 'null' },
      { host: `127.0.0.1:${proxyPort}`, expectHost: `127.0.0.1:${upstream.port}` },
    ];
    for (const c of cases) {
      await send(proxy.url, {
        method: 'POST',
        body: '{}',
        headers: { host: c.host, ...(c.origin === undefined ? {} : { origin: c.origin }) },
      });
    }
    expect(upstream.seen.map((s) => [s.headers.host, s.headers.origin])).toEqual(
      cases.map((c) => [c.expectHost, c.expectOrigin]),
    );
  });

  it('passes request and response bodies byte for byte, with and without content-length', async () => {
    const upstream = await target((_req, res, seen) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-body-sha256': sha(seen.body) });
      res.end(seen.body);
    });
    const proxy = await proxyFor(upstream.url, 'tok');
    const payload = randomBytes(2 * 1024 * 1024 + 17);
    for (const chunked of [false, true]) {
      const reply = await send(proxy.url, { body: payload, chunked });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-body-sha256']).toBe(sha(payload));
      expect(reply.body.equals(payload)).toBe(true);
    }
    expect(upstream.seen[0]?.headers['content-length']).toBe(String(payload.length));
    const utf8 = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"é✓😀","arguments":{"s":"\\u0000"}}}';
    const reply = await send(proxy.url, { body: utf8, headers: { 'content-type': 'application/json' } });
    expect(reply.body.toString('utf8')).toBe(utf8);
  });

  it('passes status codes and response headers through, repeated headers included', async () => {
    const upstream = await target((_req, res) => {
      res.writeHead(421, 'Misdirected Request', [
        'Content-Type',
        'application/json',
        'WWW-Authenticate',
        'Bearer',
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
        'Mcp-Session-Id',
        's-1',
      ]);
      res.end('{"error":"misdirected_request"}');
    });
    const proxy = await proxyFor(upstream.url, 'tok');
    const reply = await send(proxy.url, { body: '{}' });
    expect(reply.status).toBe(421);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(reply.headers['mcp-session-id']).toBe('s-1');
    expect(reply.body.toString()).toBe('{"error":"misdirected_request"}');
  });

  it('streams server-sent events as they are written, without buffering the response', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const upstream = await target(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('id: 1\nevent: message\ndata: {"first":true}\n\n');
      // The second event is written only once the client has read the first one through the proxy.
      await released;
      res.write('id: 2\ndata: {"second":true}\n\n');
      res.end();
    });
    const proxy = await proxyFor(upstream.url, 'tok');
    const received: string[] = [];
    const done = new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
      const req = request(
        proxy.url,
        { method: 'GET', headers: { accept: 'text/event-stream' }, agent: false },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            received.push(chunk);
            if (received.join('').includes('{"first":true}\n\n')) release();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    const result = await done;
    expect(result).toEqual({ status: 200, type: 'text/event-stream' });
    expect(received.join('')).toBe(
      'id: 1\nevent: message\ndata: {"first":true}\n\n' + 'id: 2\ndata: {"second":true}\n\n',
    );
  });

  it('closes the upstream request when the client goes away mid-stream', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const upstream = await target((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      res.on('close', () => upstreamClosed());
    });
    const proxy = await proxyFor(upstream.url, 'tok');
    await new Promise<void>((resolve, reject) => {
      const req = request(proxy.url, { method: 'GET', agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      req.end();
    });
    await closed;
  });

  it('answers 502 when the target is not listening', async () => {
    const upstream = await target();
    const url = upstream.url;
    await new Promise<void>((resolve) => {
      upstream.server.closeAllConnections();
      upstream.server.close(() => resolve());
    });
    const proxy = await proxyFor(url, 'tok');
    const reply = await send(proxy.url, { body: '{}' });
    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ error: 'bad_gateway' });
  });

  it('serves the target path on its own loopback port', async () => {
    const upstream = await target();
    const proxy = await proxyFor(`${upstream.url}?q=1`, 'tok');
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp\?q=1$/);
    expect(proxy.url).not.toContain(`:${upstream.port}/`);
  });

  it('refuses targets that are not plain http on a loopback address', async () => {
    await expect(startAuthProxy({ target: 'https://127.0.0.1:1/mcp' })).rejects.toThrow(/http:/);
    await expect(startAuthProxy({ target: 'http://example.com/mcp' })).rejects.toThrow(/loopback/);
    await expect(startAuthProxy({ target: 'http://10.0.0.1/mcp' })).rejects.toThrow(/loopback/);
    await expect(startAuthProxy({ target: 'http://127.0.0.1:1/mcp', token: 'a\r\nX-Evil: 1' })).rejects.toThrow(
      /line breaks/,
    );
  });
});
