/**
 * End to end: the real 2025-11-25 suite, run by runConformance through the
 * proxy, against a small tools-only server shaped like mcpgen's HTTP runtime
 * (stateless, bearer token required, full host:port Host check, Origin
 * allowlist, unknown tools rejected). It uses the v1 SDK, which speaks the
 * 2025 era only, so the 2026-07-28 suite is not run here.
 *
 * Skipped when the suites are not installed (`npm --prefix conformance ci`).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from './run.js';
import { CONFORMANCE_DIR } from './suites.js';

const installed =
  existsSync(join(CONFORMANCE_DIR, 'node_modules', 'node', 'bin', 'node')) &&
  existsSync(join(CONFORMANCE_DIR, 'node_modules', 'conformance-2025', 'package.json'));

const TOKEN = 'e2e-token-0123456789abcdef';

function toolsOnlyServer(): Server {
  const server = new Server({ name: 'e2e', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      {
        name: 'echo',
        description: 'Echoes its text.',
        inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name !== 'echo')
      throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
    return { content: [{ type: 'text', text: String(request.params.arguments?.text ?? '') }] };
  });
  return server;
}

describe.skipIf(!installed)('runConformance against a tools-only server (2025-11-25 suite)', () => {
  let http: HttpServer;
  let url: string;
  const seenAuth: Array<string | undefined> = [];

  beforeAll(async () => {
    http = createServer((req, res) => {
      const port = (http.address() as AddressInfo).port;
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const hosts = ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`);
      if (!hosts.includes((req.headers.host ?? '').toLowerCase())) return reply(421, { error: 'misdirected_request' });
      if (req.headers.origin !== undefined && req.headers.origin !== `http://127.0.0.1:${port}`)
        return reply(403, { error: 'forbidden_origin' });
      seenAuth.push(req.headers.authorization);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { error: 'unauthorized' });
      if (req.method !== 'POST') return res.writeHead(405, { allow: 'POST' }).end();
      const mcp = toolsOnlyServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      void mcp.connect(transport).then(() => transport.handleRequest(req, res));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  });

  afterAll(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('passes every applicable scenario, the rest per the baseline', async () => {
    const report = await runConformance({ url, token: TOKEN, suites: ['2025-11-25'], timeoutMs: 120_000 });
    const [suite] = report.suites;
    expect(suite?.error).toBeUndefined();
    expect(suite?.failedUnexpectedly).toEqual([]);
    expect(suite?.passed).toEqual(
      expect.arrayContaining(['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']),
    );
    expect(suite?.notApplicable).toEqual(
      expect.arrayContaining(['tools-call-simple-text', 'resources-list', 'prompts-list']),
    );
    expect(suite?.staleBaseline).toEqual([]);
    expect(report.ok).toBe(true);
    // Every request the suite made reached the server with the token, through the proxy.
    expect(seenAuth.length).toBeGreaterThan(30);
    expect(new Set(seenAuth)).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(report.forwardedRequests).toBeGreaterThanOrEqual(seenAuth.length);
  });

  it('without the token every scenario fails, unexpectedly where it applies', async () => {
    const report = await runConformance({ url, suites: ['2025-11-25'], timeoutMs: 120_000 });
    expect(report.ok).toBe(false);
    expect(report.suites[0]?.failedUnexpectedly).toEqual(
      expect.arrayContaining(['server-initialize', 'ping', 'tools-list']),
    );
  });
});
