/**
 * Resource reads are governed as tool calls are: the committed example's
 * runtime, in process with real v2 clients of both eras, against a recording
 * API on loopback. Same credentials and request headers as a tool of the
 * same API, the secret scrubbed from what the client receives and kept out
 * of audit lines, `beforeCall` hooks (headers, vetoes, rewritten values)
 * applied, an upstream 5xx an internal error that passes on nothing of the
 * API's body. (Redaction of URI variables and rate limits: resources.test.ts.)
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProtocolError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extensions } from '../examples/company-api-mcp/src/runtime/types.js';
import { companyConfig, connect, testRuntime } from './support/company-mcp.js';

const API_KEY = 'governance-api-key-0123456789';
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
const customer = (id: string, email: string) => ({
  id,
  name: 'Aisha Rahman',
  email,
  company: 'Gulf Trading',
  status: 'active',
  phone: '+971 50 000 0000',
});
const upstream = createHttpServer((req, res) => {
  const url = req.url ?? '';
  seen.push({ url, headers: req.headers });
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url === '/customers/cus_500')
    return json(503, { message: `database 10.9.8.7 refused user admin password=hunter2 (key ${API_KEY})` });
  // An API that echoes the credential it received: the client must never see it.
  if (url === '/customers/cus_002') return json(200, customer('cus_002', `leak-${API_KEY}@example.com`));
  if (url.startsWith('/customers/')) return json(200, customer(url.split('/')[2] ?? '', 'aisha@example.com'));
  if (url.startsWith('/customers')) return json(200, { items: [customer('cus_001', 'aisha@example.com')], total: 1 });
  return json(404, { message: 'no route' });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function failureOf(promise: Promise<unknown>): Promise<ProtocolError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(ProtocolError);
  return failure as ProtocolError;
}

describe.each(['modern', 'legacy'] as const)('resource reads are governed as tool calls (%s era)', (era) => {
  it('send the same credentials and headers as a tool, and never show or audit the secret', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    const from = seen.length;
    await client.callTool({ name: 'search_customers', arguments: { query: 'aisha' } });
    const read = await client.readResource({ uri: 'company://customers/cus_002' });
    const [tool, resource] = seen.slice(from);
    expect(tool?.url).toMatch(/^\/customers\?/);
    expect(resource?.url).toBe('/customers/cus_002');
    expect(resource?.headers['x-api-key']).toBe(API_KEY);
    for (const header of ['x-api-key', 'user-agent'])
      expect(resource?.headers[header], header).toBe(tool?.headers[header]);
    expect(resource?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const text = JSON.stringify(read.contents);
    expect(text).not.toContain(API_KEY);
    expect(text).toContain('[redacted]');
    // Kept fields only: the phone number the API sends is not passed on.
    expect(text).not.toContain('+971');
    expect(JSON.stringify(auditLines)).not.toContain(API_KEY);
    // One line format: the read's line has the tool call's fields, request id included.
    const [toolLine, readLine] = auditLines;
    expect(readLine).toMatchObject({ tool: 'resource:customer', risk: 'read', outcome: 'ok', http_status: 200 });
    expect(readLine?.['request_id']).toBe(resource?.headers['x-request-id']);
    expect(Object.keys(readLine ?? {}).sort()).toEqual(Object.keys(toolLine ?? {}).sort());
    await client.close();
  });

  it('an upstream 5xx is an internal error that passes on nothing of the API body', async () => {
    const { runtime, auditLines, logLines } = testRuntime(companyConfig({ baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    const failure = await failureOf(client.readResource({ uri: 'company://customers/cus_500' }));
    expect(failure.code).toBe(-32603);
    expect(failure.data).toEqual({ error: 'upstream_error', status: 503 });
    expect(failure.message).toContain('HTTP 503');
    for (const leak of ['hunter2', '10.9.8.7', 'admin', API_KEY, baseUrl]) {
      expect(failure.message).not.toContain(leak);
      expect(JSON.stringify(auditLines)).not.toContain(leak);
      expect(logLines.join('\n')).not.toContain(leak);
    }
    expect(auditLines).toEqual([
      expect.objectContaining({
        tool: 'resource:customer',
        outcome: 'error',
        error: 'upstream_error',
        http_status: 503,
      }),
    ]);
    await client.close();
  });

  it('beforeCall hooks add headers, rewrite values and veto reads; afterCall reshapes tool results only', async () => {
    const hooked: string[] = [];
    const extensions: Extensions = {
      beforeCall(context) {
        hooked.push(`${context.tool.name} ${context.tool.risk} ${context.principal.name}`);
        context.headers['X-Tenant'] = 'acme';
        if (context.args['customerId'] === 'cus_blocked')
          return { veto: { error: 'not_allowed_here', message: 'Ask the admin for this customer.' } };
        if (context.args['customerId'] === 'cus_alias') context.args = { ...context.args, customerId: 'cus_001' };
        return undefined;
      },
      afterCall({ result }) {
        return { ...result, content: [{ type: 'text', text: 'reshaped' }] };
      },
    };
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: API_KEY }), extensions);
    const client = await connect({ runtime, era });

    const from = seen.length;
    const read = await client.readResource({ uri: 'company://customers/cus_alias' });
    expect(hooked).toEqual(['resource:customer read stdio']);
    expect(seen.slice(from).map((request) => [request.url, request.headers['x-tenant']])).toEqual([
      ['/customers/cus_001', 'acme'],
    ]);
    // afterCall's contract is a tool result; contents are shaped by response.fields alone.
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ id: 'cus_001' });

    const failure = await failureOf(client.readResource({ uri: 'company://customers/cus_blocked' }));
    expect(failure.data).toEqual({ error: 'not_allowed_here' });
    expect(failure.message).toBe('Ask the admin for this customer.');
    expect(seen).toHaveLength(from + 1);
    expect(auditLines.map((line) => [line['tool'], line['outcome'], line['error'] ?? null])).toEqual([
      ['resource:customer', 'ok', null],
      ['resource:customer', 'refused', 'not_allowed_here'],
    ]);
    await client.close();
  });
});
