import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { findResource, type ResourceDefinition } from './resources.js';
import { createRuntime, createServer } from './server.js';
import type { ServerSettings } from './types.js';

function resource(name: string, uri: string): ResourceDefinition {
  return {
    name,
    uri,
    title: name,
    description: name,
    mimeType: 'application/json',
    redact: [],
    request: { method: 'GET', path: '/x', params: [], security: [] },
    response: { maxBytes: 1000 },
  };
}

const RESOURCES = [
  resource('customer', 'company://customers/{customerId}'),
  resource('everyone', 'company://customers/all'),
  resource('line', 'company://orders/{orderId}/lines/{lineId}'),
  resource('catalogue', 'company://products'),
];

describe('findResource', () => {
  it('finds a fixed URI exactly, before any template that would also match it', () => {
    expect(findResource(RESOURCES, 'company://customers/all')?.resource.name).toBe('everyone');
    expect(findResource(RESOURCES, 'company://products')).toMatchObject({
      resource: { name: 'catalogue' },
      variables: {},
    });
  });

  it('decodes each variable of a template', () => {
    expect(findResource(RESOURCES, 'company://customers/cus%20001')?.variables).toEqual({
      customerId: 'cus 001',
    });
    expect(findResource(RESOURCES, 'company://orders/ord_1/lines/2')?.variables).toEqual({
      orderId: 'ord_1',
      lineId: '2',
    });
  });

  it.each([
    ['a longer path', 'company://customers/cus_001/orders'],
    ['a query string', 'company://customers/cus_001?x=1'],
    ['a fragment', 'company://customers/cus_001#x'],
    ['a reserved character a level-1 expansion would have encoded', 'company://customers/a/b'],
    ['an empty variable', 'company://customers/'],
    ['another scheme', 'other://customers/cus_001'],
    ['a literal part differing in case', 'company://Customers/cus_001'],
    ['percent-encoding that is not UTF-8', 'company://customers/%FF'],
    ['a regular-expression character in the literal part', 'company://productsX'],
  ])('finds nothing for %s', (_label, uri) => {
    expect(findResource(RESOURCES, uri)).toBeUndefined();
  });
});

const KEY = 'resource-test-credential-0123456789';
/** An API that echoes the credential it was sent: what a read returns must not carry it. */
const upstream = createHttpServer((req, res) => {
  const key = String(req.headers['x-key'] ?? '');
  if (req.url === '/notes') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`note for ${key}: ${'x'.repeat(200)}`);
    return;
  }
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ id: 'a', echoed: key, items: Array.from({ length: 50 }, (_, i) => i) }));
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

async function connectTo(resources: ResourceDefinition[]): Promise<Client> {
  const settings: ServerSettings = {
    name: 't',
    version: '1',
    env: {} as ServerSettings['env'],
    auth: [{ name: 'key', kind: 'apiKey', in: 'header', paramName: 'X-Key', envVars: ['T_KEY'] }],
  };
  const config: ServerConfig = {
    baseUrl,
    timeoutMs: 5000,
    maxRetries: 0,
    credentials: { T_KEY: KEY },
    authSchemes: settings.auth,
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
    resources,
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  serveStdio(
    ({ era }) =>
      createServer({
        runtime,
        tools: [],
        era,
        transport: 'stdio',
        principal: { name: 'stdio', scope: 'read' },
      }),
    { transport: serverTransport },
  );
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientTransport);
  return client;
}

function withRequest(
  definition: ResourceDefinition,
  path: string,
  response: ResourceDefinition['response'],
): ResourceDefinition {
  return {
    ...definition,
    request: { method: 'GET', path, params: [], security: [['key']] },
    response,
  };
}

describe('reading a resource', () => {
  it('scrubs the credential from JSON contents, keeps the listed fields and cuts arrays to the cap with a note', async () => {
    const client = await connectTo([
      withRequest(resource('thing', 'test://thing'), '/thing', {
        fields: ['id', 'echoed', 'items'],
        maxBytes: 80,
      }),
    ]);
    const { contents } = await client.readResource({ uri: 'test://thing' });
    const [json, note] = contents as Array<{ uri: string; mimeType: string; text: string }>;
    expect(JSON.stringify(contents)).not.toContain(KEY);
    const value = JSON.parse(json?.text ?? '') as { echoed: string; items: number[] };
    expect(value.echoed).toBe('[redacted]');
    expect(value.items.length).toBeLessThan(50);
    expect(note).toMatchObject({ uri: 'test://thing', mimeType: 'text/plain' });
    expect(note?.text).toContain(`shows ${String(value.items.length)} of 50 items`);
    await client.close();
  });

  it('scrubs text before cutting it, so no part of a credential is left at the cut', async () => {
    const client = await connectTo([
      withRequest({ ...resource('notes', 'test://notes'), mimeType: 'text/plain' }, '/notes', {
        // "note for " is 9 characters: the cut falls inside the credential.
        maxBytes: 20,
      }),
    ]);
    const { contents } = await client.readResource({ uri: 'test://notes' });
    const [text] = contents as Array<{ text: string }>;
    expect(text?.text).toBe('note for [redacted]:');
    await client.close();
  });

  it('passes text contents through, scrubbed and cut at the cap with a note', async () => {
    const client = await connectTo([
      withRequest({ ...resource('notes', 'test://notes'), mimeType: 'text/plain' }, '/notes', {
        maxBytes: 100,
      }),
    ]);
    const { contents } = await client.readResource({ uri: 'test://notes' });
    const [text, note] = contents as Array<{ mimeType: string; text: string }>;
    expect(text?.mimeType).toBe('text/plain');
    expect(text?.text.startsWith('note for [redacted]')).toBe(true);
    expect(note?.text).toBe('[Content cut at 100 bytes.]');
    expect(JSON.stringify(contents)).not.toContain(KEY);
    await client.close();
  });
});
