/**
 * Traces and metrics of the generated server. Traces: the committed runtime
 * in-process with an in-memory span exporter installed the way an operator
 * installs an SDK, the caller's trace context in `_meta`, the upstream
 * request seen by a recording hop in front of the live example API.
 * Metrics: the compiled example over HTTP, real calls, then a scrape.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { companyConfig, connect, SHARED_SECRET, testRuntime } from './support/company-mcp.js';
import { compileExample, startHttpExample, type HttpExample } from './support/example-server.js';
import { freePort } from './support/oidc.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TOKEN = 'metrics-test-token-0123456789';
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

let api: RunningApi;
let workDir: string | undefined;
const children: HttpExample[] = [];

beforeAll(async () => {
  api = await startCompanyApi();
});

afterAll(async () => {
  for (const child of children) child.child.kill();
  await api.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Forwards to the example API and remembers the headers of every request it saw. */
async function recordingHop(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
      ) as Record<string, string>;
      void fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      }).then(async (response) => {
        res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function tree(spans: readonly ReadableSpan[]): string {
  const children = (parent: string | undefined): ReadableSpan[] =>
    spans.filter((span) => span.parentSpanContext?.spanId === parent);
  const lines: string[] = [];
  const walk = (span: ReadableSpan, depth: number) => {
    const attrs = Object.entries(span.attributes)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
    lines.push(`${'  '.repeat(depth)}${span.name} [${SpanKind[span.kind]}] span=${span.spanContext().spanId} ${attrs}`);
    for (const child of children(span.spanContext().spanId)) walk(child, depth + 1);
  };
  const roots = spans.filter(
    (span) => !spans.some((other) => other.spanContext().spanId === span.parentSpanContext?.spanId),
  );
  for (const root of roots) {
    lines.push(`(caller span ${root.parentSpanContext?.spanId ?? 'none'} in trace ${root.spanContext().traceId})`);
    walk(root, 1);
  }
  return lines.join('\n');
}

describe('traces', () => {
  it('continue the caller trace from _meta: server span, then the API call as its client span, traceparent sent upstream', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const hop = await recordingHop(api.baseUrl);
    try {
      const { runtime } = testRuntime(companyConfig({ baseUrl: hop.url, apiKey: api.apiKey }));
      const client = await connect({ runtime });
      const ok = await client.callTool({
        name: 'list_products',
        arguments: {},
        _meta: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`, tracestate: 'vendor=1' },
      });
      expect(ok.isError).toBeFalsy();
      const failed = await client.callTool({
        name: 'get_orders_for_customer',
        arguments: { customerId: 'cus_999' },
        _meta: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` },
      });
      expect(failed.isError).toBe(true);
      await client.close();

      const spans = exporter.getFinishedSpans();
      console.log(`trace tree:\n${tree(spans)}`);
      expect(spans.find((span) => span.name === 'tools/list')?.attributes['mcp.method.name']).toBe('tools/list');
      const server = spans.find((span) => span.name === 'tools/call list_products');
      const upstream = spans.find((span) => span.name === 'GET /products');
      expect(server?.kind).toBe(SpanKind.SERVER);
      expect(server?.spanContext().traceId).toBe(TRACE_ID);
      expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
      expect(server?.attributes).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'list_products',
        'gen_ai.operation.name': 'execute_tool',
        'network.transport': 'pipe',
        'mcp.protocol.version': '2026-07-28',
      });
      expect(server?.attributes['jsonrpc.request.id']).toBeDefined();
      expect(upstream?.kind).toBe(SpanKind.CLIENT);
      expect(upstream?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
      expect(upstream?.attributes).toMatchObject({
        'http.request.method': 'GET',
        'url.template': '/products',
        'http.response.status_code': 200,
      });
      // The API saw the client span as its parent, with the caller's trace state.
      const sent = hop.seen.find((headers) => headers['traceparent']?.includes(upstream?.spanContext().spanId ?? '?'));
      expect(sent?.['traceparent']).toBe(`00-${TRACE_ID}-${upstream?.spanContext().spanId}-01`);
      expect(sent?.['tracestate']).toBe('vendor=1');

      const failedServer = spans.find((span) => span.name === 'tools/call get_orders_for_customer');
      const failedClient = spans.find((span) => span.name === 'GET /customers/{customerId}/orders');
      expect(failedServer?.attributes['error.type']).toBe('not_found');
      expect(failedClient?.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
      expect(failedClient?.parentSpanContext?.spanId).toBe(failedServer?.spanContext().spanId);
    } finally {
      hop.server.close();
      trace.disable();
      propagation.disable();
    }
  });
});

describe('metrics', () => {
  let compiled: Promise<string> | undefined;
  /** The example compiled once for every case of this block. */
  function compiledEntry(): Promise<string> {
    compiled ??= (async () => {
      workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
      await compileExample(workDir);
      return path.join(workDir, 'dist/src/index.js');
    })();
    return compiled;
  }

  async function startInstance(env: Record<string, string>): Promise<HttpExample> {
    const entry = await compiledEntry();
    const instance = await startHttpExample({
      entry,
      env: {
        COMPANY_API_BASE_URL: api.baseUrl,
        COMPANY_API_KEY: api.apiKey,
        COMPANY_API_HTTP_TOKENS: `agent:${TOKEN}`,
        COMPANY_API_CONFIRMATION_SECRET: SHARED_SECRET,
        ...env,
      },
    });
    children.push(instance);
    return instance;
  }

  it('are scraped from /metrics after real calls: calls, latency, gate, rate limit, auth failures, upstream classes', async () => {
    const { url } = await startInstance({ COMPANY_API_METRICS_TOKEN: METRICS_TOKEN });
    const metricsUrl = url.replace(/\/mcp$/, '/metrics');
    const refused = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong-token-0000000000' } });
    expect(refused.status).toBe(401);
    const client = new Client({ name: 'metrics-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    await client.callTool({ name: 'list_products', arguments: {} });
    await client.callTool({ name: 'list_products', arguments: {} });
    await client.callTool({ name: 'get_orders_for_customer', arguments: { customerId: 'cus_999' } });
    const args = { customerId: 'cus_002', items: [{ productId: 'prd_002', quantity: 1 }] };
    const preview = (await client.callTool({ name: 'create_order', arguments: args })).structuredContent as {
      confirmation: { token: string };
    };
    await client.callTool({
      name: 'create_order',
      arguments: { ...args, confirmation_token: preview.confirmation.token },
    });
    // create_customer allows 5 calls a minute: the sixth is refused before anything is sent.
    for (let index = 0; index < 6; index += 1) {
      await client.callTool({
        name: 'create_customer',
        arguments: { name: `Metrics ${index}`, email: `metrics${index}@example.com` },
      });
    }
    await client.close();

    expect((await fetch(metricsUrl)).status).toBe(401);
    const scrape = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    const ours = text.split('\n').filter((line) => line.startsWith('mcp_') && !line.includes('_bucket{'));
    console.log(`scrape excerpt:\n${ours.join('\n')}`);
    /** The sample of a metric whose labels include the given ones (label order is the library's). */
    const value = (name: string, labels: Record<string, string>) => {
      const line = text.split('\n').find((entry) => {
        if (!entry.startsWith(`${name}{`)) return false;
        return Object.entries(labels).every(([label, wanted]) => entry.includes(`${label}="${wanted}"`));
      });
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    expect(value('mcp_tool_calls_total', { tool: 'list_products', risk: 'read', outcome: 'ok' })).toBe(2);
    expect(value('mcp_tool_calls_total', { tool: 'get_orders_for_customer', risk: 'read', outcome: 'error' })).toBe(1);
    expect(
      value('mcp_tool_calls_total', { tool: 'create_order', risk: 'medium', outcome: 'confirmation_required' }),
    ).toBe(1);
    expect(value('mcp_tool_calls_total', { tool: 'create_customer', risk: 'low', outcome: 'refused' })).toBe(1);
    expect(value('mcp_tool_call_duration_seconds_count', { tool: 'list_products', outcome: 'ok' })).toBe(2);
    expect(value('mcp_tool_call_duration_seconds_bucket', { le: '+Inf', tool: 'list_products', outcome: 'ok' })).toBe(
      2,
    );
    expect(value('mcp_gate_decisions_total', { tool: 'create_order', decision: 'confirmation_required' })).toBe(1);
    expect(value('mcp_gate_decisions_total', { tool: 'create_order', decision: 'confirmed_model_relayed' })).toBe(1);
    expect(value('mcp_rate_limited_total', { tool: 'create_customer' })).toBe(1);
    expect(value('mcp_auth_failures_total', { reason: 'invalid_token' })).toBe(1);
    expect(value('mcp_auth_failures_total', { reason: 'metrics' })).toBe(1);
    expect(value('mcp_upstream_responses_total', { tool: 'list_products', status_class: '2xx' })).toBe(2);
    expect(value('mcp_upstream_responses_total', { tool: 'get_orders_for_customer', status_class: '4xx' })).toBe(1);
    expect(value('mcp_upstream_responses_total', { tool: 'create_customer', status_class: '2xx' })).toBe(5);
  });

  it('without a metrics token, answer loopback clients only, and none that came through a proxy', async () => {
    const { url } = await startInstance({});
    const metricsUrl = url.replace(/\/mcp$/, '/metrics');
    expect((await fetch(metricsUrl)).status).toBe(200);
    expect((await fetch(metricsUrl, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  });

  it('over stdio, are served on their own loopback port when one is configured', async () => {
    const entry = await compiledEntry();
    const port = await freePort();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [entry],
      env: {
        PATH: process.env['PATH'] ?? '',
        COMPANY_API_BASE_URL: api.baseUrl,
        COMPANY_API_KEY: api.apiKey,
        COMPANY_API_METRICS_PORT: String(port),
      },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'stdio-metrics', version: '1.0.0' });
    await client.connect(transport);
    await client.callTool({ name: 'list_products', arguments: {} });
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/^mcp_tool_calls_total\{[^}]*tool="list_products"[^}]*outcome="ok"[^}]*\} 1$/m);
    await client.close();
  });
});
