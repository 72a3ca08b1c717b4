/**
 * Issue 13, secrets and audit: an API that echoes what it received cannot
 * hand the model a credential in any encoding, and every call leaves exactly
 * one audit line, whatever happens to it.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyConfig, connect, errorOf, testRuntime } from './support/company-mcp.js';

const KEY = 'k"ey\\with/odd+chars 1&2';
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const upstream = createHttpServer((req, res) => handler(req, res));
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const search = { name: 'search_customers', arguments: { query: 'x' } };

describe('an API that echoes the request', () => {
  it('never hands the credential to the model, raw, JSON-escaped or percent-encoded, nor to the logs', async () => {
    handler = (req, res) => {
      const echoed = JSON.stringify({ headers: req.headers, url: req.url, encoded: encodeURIComponent(KEY) });
      const customer = {
        id: 'cus_001',
        name: echoed,
        email: 'a@example.com',
        company: req.headers['x-api-key'],
        status: 'active',
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [customer], total: 1 }));
    };
    const { runtime, auditLines, logLines } = testRuntime(companyConfig({ baseUrl, apiKey: KEY }));
    const client = await connect({ runtime });
    const result = await client.callTool(search);
    const everything = JSON.stringify(result) + JSON.stringify(auditLines) + logLines.join('\n');
    for (const form of [KEY, JSON.stringify(KEY).slice(1, -1), encodeURIComponent(KEY)]) {
      expect(everything).not.toContain(form);
    }
    expect(JSON.stringify(result)).toContain('[redacted]');
    await client.close();
  });
});

describe('one audit line per call, whatever happens', () => {
  it('an unknown tool is refused and audited', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: 'key-1234' }));
    const client = await connect({ runtime });
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
      /Unknown tool: no_such_tool/,
    );
    expect(auditLines).toHaveLength(1);
    expect(auditLines[0]).toMatchObject({ tool: 'no_such_tool', outcome: 'refused', error: 'unknown_tool' });
    await client.close();
  });

  for (const era of ['legacy', 'modern'] as const) {
    it(`arguments that are not an object are refused by the SDK, and audited (${era})`, async () => {
      const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: 'key-1234' }));
      const client = await connect({ runtime, era });
      const invalid = [
        { name: 'search_customers', arguments: 'query=x' },
        { name: 'create_order', arguments: [{ customerId: 'cus_001' }] },
        { name: 42, arguments: {} },
      ];
      for (const params of invalid) {
        // Sent raw: the typed client would not let these through.
        await expect(client.request({ method: 'tools/call', params } as never)).rejects.toThrow(/Invalid/);
      }
      expect(auditLines).toEqual([
        expect.objectContaining({
          tool: 'search_customers',
          risk: 'read',
          arguments: '[string]',
          outcome: 'refused',
          error: 'invalid_request',
        }),
        expect.objectContaining({
          tool: 'create_order',
          risk: 'medium',
          arguments: '[array]',
          outcome: 'refused',
          error: 'invalid_request',
        }),
        expect.objectContaining({
          tool: '',
          risk: 'high',
          arguments: {},
          outcome: 'refused',
          error: 'invalid_request',
        }),
      ]);
      await client.close();
    });
  }

  it('an answer nested thousands deep is a structured error, audited once', async () => {
    handler = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${'['.repeat(6000)}${']'.repeat(6000)}`);
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: 'key-1234' }));
    const client = await connect({ runtime });
    const result = await client.callTool(search);
    expect(errorOf(result)).toMatchObject({ error: 'invalid_response' });
    expect(errorOf(result).message).toContain('nested');
    expect(auditLines).toHaveLength(1);
    expect(auditLines[0]).toMatchObject({ tool: 'search_customers', outcome: 'error', error: 'invalid_response' });
    await client.close();
  });
});
