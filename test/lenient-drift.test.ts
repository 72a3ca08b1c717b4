/**
 * Lenient output (the default): an API answer that drifted from the output
 * schema still reaches the model, and the client accepts the result. SDK
 * clients validate `structuredContent` against the listed output schema, so
 * drifted data cannot travel there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyConfig, connect, testRuntime } from './support/company-mcp.js';

let api: Server;
let baseUrl = '';
let body = '';

beforeAll(async () => {
  api = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

describe.each(['modern', 'legacy'] as const)('lenient output drift (%s era)', (era) => {
  it('passes a drifted answer on as text the client accepts, and logs the mismatch', async () => {
    body = JSON.stringify({ status: 'ok', uptime: 12 });
    const test = testRuntime(companyConfig({ baseUrl, apiKey: 'k'.repeat(32) }));
    const client = await connect({ runtime: test.runtime, era });
    const result = await client.callTool({ name: 'api_health', arguments: {} });
    await client.close();
    const texts = (result.content as Array<{ type: string; text: string }>).map((part) => part.text);
    // The first part says what happened, so that the model does not retry a write that ran.
    expect(result.isError).toBe(true);
    const notice = JSON.parse(texts[0] ?? '{}') as { error?: string; status?: number; message?: string };
    expect(notice).toMatchObject({ error: 'output_drift', status: 200 });
    expect(notice.message).toContain('carried out the request');
    expect(notice.message).toContain('uptimeSeconds');
    expect(JSON.parse(texts.at(-1) ?? '{}')).toEqual({ status: 'ok', uptime: 12 });
    expect(result.structuredContent).toBeUndefined();
    expect(test.logLines.some((line) => line.includes('does not match the output schema'))).toBe(true);
    // The audit records a call that ran, and why its answer came back unchecked.
    expect(test.auditLines.at(-1)).toMatchObject({ tool: 'api_health', outcome: 'ok', error: 'output_drift' });
  });

  it('keeps structuredContent when the answer matches', async () => {
    body = JSON.stringify({ status: 'ok', uptimeSeconds: 12, version: '1.0.0' });
    const test = testRuntime(companyConfig({ baseUrl, apiKey: 'k'.repeat(32) }));
    const client = await connect({ runtime: test.runtime, era });
    const result = await client.callTool({ name: 'api_health', arguments: {} });
    await client.close();
    expect(result.isError).not.toBe(true);
    expect(result.structuredContent).toEqual({ status: 'ok', uptimeSeconds: 12, version: '1.0.0' });
  });
});
