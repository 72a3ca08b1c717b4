import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type UpstreamFailure, type UpstreamResponse } from './http.js';
import type { PreparedRequest } from './request.js';

interface Arrived {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Which connection carried it: keep-alive shows as one port for several requests. */
  remotePort: number | undefined;
}

let server: Server;
let base: string;
let route: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const arrived: Arrived[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort,
      });
      route(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

function request(overrides: Partial<PreparedRequest> = {}): PreparedRequest {
  return {
    method: 'GET',
    url: `${base}/things`,
    headers: { accept: 'application/json' },
    ...overrides,
  };
}

async function sendOk(
  prepared: PreparedRequest,
  readLimitBytes = 1_000_000,
): Promise<UpstreamResponse> {
  const result = await send({
    request: prepared,
    timeoutMs: 2_000,
    maxRetries: 0,
    idempotent: true,
    readLimitBytes,
  });
  if (result.kind !== 'response') throw new Error(`failed: ${result.message}`);
  return result;
}

const ITEMS = JSON.stringify({
  items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })),
});

describe('send', () => {
  it('reads status, content type and body, and keeps the connection for the next call', async () => {
    arrived.length = 0;
    route = (_req, res) => {
      res.writeHead(201, 'Made', { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    const first = await sendOk(request());
    const second = await sendOk(request());
    expect(first).toMatchObject({
      status: 201,
      statusText: 'Made',
      contentType: 'application/json',
    });
    expect(first.body).toBe('{"ok":true}');
    expect(second.cut).toBe(false);
    expect(arrived).toHaveLength(2);
    expect(arrived[0]?.remotePort).toBe(arrived[1]?.remotePort);
  });

  it('asks for compression, as fetch did, and decodes gzip, deflate and br before the cap counts', async () => {
    const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    for (const [coding, encode] of Object.entries(encoders)) {
      arrived.length = 0;
      route = (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding })
          .end(encode(ITEMS));
      };
      const whole = await sendOk(request());
      expect(whole.body, coding).toBe(ITEMS);
      expect(whole.bytes, coding).toBe(Buffer.byteLength(ITEMS));
      expect(arrived[0]?.headers['accept-encoding']).toBe('gzip, deflate');
      const cut = await sendOk(request(), 100);
      expect(cut, coding).toMatchObject({ cut: true, bytes: 100, body: ITEMS.slice(0, 100) });
    }
  });

  it('sends bodies as fetch did: the length, and the type a form or a multipart body implies', async () => {
    arrived.length = 0;
    route = (_req, res) => res.end();
    await sendOk(
      request({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Ada ✓"}',
      }),
    );
    await sendOk(
      request({ method: 'POST', body: new URLSearchParams({ a: '1', b: 'two words' }) }),
    );
    const form = new FormData();
    form.append('note', 'hello');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'dot.png');
    await sendOk(request({ method: 'POST', body: form }));
    await sendOk(request({ method: 'POST' }));

    const [json, urlencoded, multipart, empty] = arrived;
    expect(json?.headers['content-type']).toBe('application/json');
    expect(json?.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Ada ✓"}')));
    expect(json?.body).toBe('{"name":"Ada ✓"}');
    expect(urlencoded?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded;charset=UTF-8',
    );
    expect(urlencoded?.body).toBe('a=1&b=two+words');
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(
      multipart?.headers['content-type'] ?? '',
    )?.[1];
    expect(boundary).toBeDefined();
    expect(multipart?.body).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello`,
    );
    expect(multipart?.body).toContain('filename="dot.png"\r\nContent-Type: image/png');
    expect(empty?.headers['content-length']).toBe('0');
  });

  it('does not follow a redirect, and reads Retry-After', async () => {
    route = (_req, res) =>
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere', 'retry-after': '3' }).end();
    const result = await sendOk(request());
    expect(result).toMatchObject({ status: 302, retryAfter: 3 });
  });

  it('one deadline covers the whole exchange: a body that stalls is a timeout', async () => {
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    };
    const result = (await send({
      request: request(),
      timeoutMs: 300,
      maxRetries: 0,
      idempotent: true,
      readLimitBytes: 1_000_000,
    })) as UpstreamFailure;
    expect(result).toMatchObject({ kind: 'failure', code: 'timeout' });
  });

  it('a connection dropped mid-body is a network error naming no host', async () => {
    route = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.write(gzipSync(ITEMS).subarray(0, 20));
      setTimeout(() => req.socket.destroy(), 20);
    };
    const result = await send({
      request: request(),
      timeoutMs: 2_000,
      maxRetries: 0,
      idempotent: true,
      readLimitBytes: 1_000_000,
    });
    expect(result).toMatchObject({ kind: 'failure', code: 'network_error' });
    expect(JSON.stringify(result)).not.toContain('127.0.0.1');
  });
});
