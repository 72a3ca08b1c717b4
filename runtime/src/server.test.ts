import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { createRuntime, createServer } from './server.js';
import type { ServerSettings, ToolDefinition } from './types.js';

const seen: string[] = [];
const upstream = createHttpServer((req, res) => {
  seen.push(req.url ?? '');
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${String((upstream.address() as AddressInfo).port)}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) =>
      upstream.close(() => {
        resolve();
      }),
    ),
);

/** A read tool whose API really has a query parameter named `confirmation_token`. */
const lookup: ToolDefinition = {
  name: 'lookup',
  risk: 'read',
  confirmation: 'none',
  redact: [],
  listing: {
    name: 'lookup',
    inputSchema: { type: 'object', properties: { confirmation_token: { type: 'string' } } },
  },
  input: z.strictObject({ confirmation_token: z.string() }),
  request: {
    method: 'GET',
    path: '/lookup',
    params: [{ arg: 'confirmation_token', name: 'confirmation_token', in: 'query' }],
    security: [],
  },
  response: { maxBytes: 10_000, strictness: 'lenient' },
};

describe('an ungated tool', () => {
  it('sends an API parameter named confirmation_token like any other argument', async () => {
    const settings: ServerSettings = {
      name: 't',
      version: '1',
      env: {} as ServerSettings['env'],
      auth: [],
    };
    const config: ServerConfig = {
      baseUrl,
      timeoutMs: 5000,
      maxRetries: 0,
      credentials: {},
      authSchemes: [],
      confirmation: {
        secret: Buffer.alloc(32),
        secretGenerated: false,
        ttlSeconds: 60,
        allowTokenForHighRisk: false,
      },
      transport: 'stdio',
      http: { host: '127.0.0.1', port: 0, tokens: [], allowedHosts: [], allowedOrigins: [] },
    };
    const runtime = createRuntime({
      settings,
      config,
      logger: { info() {}, warn() {}, error() {} },
      audit: () => {},
    });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    serveStdio(
      ({ era }) =>
        createServer({
          runtime,
          tools: [lookup],
          era,
          transport: 'stdio',
          principal: { name: 'stdio', scope: 'high' },
        }),
      { transport: serverTransport },
    );
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(clientTransport);
    const result = await client.callTool({
      name: 'lookup',
      arguments: { confirmation_token: 'abc' },
    });
    expect(result.isError ?? false).toBe(false);
    expect(seen).toEqual(['/lookup?confirmation_token=abc']);
    await client.close();
  });
});
