import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuditEntry } from './audit.js';

/** Seconds; a tool call spans the gates, the rate limit and the API's answer. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What operators count, fed from the points where the runtime decides:
 * one `call` per audited tool call, the gate's decision, the API's answer,
 * and each refused inbound request. Loaded only where metrics are served,
 * so a stdio start without them does not load prom-client.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly calls: Counter<'tool' | 'risk' | 'outcome'>;
  private readonly duration: Histogram<'tool' | 'outcome'>;
  private readonly gates: Counter<'tool' | 'decision'>;
  private readonly rateLimited: Counter<'tool'>;
  private readonly authFailures: Counter<'reason'>;
  private readonly upstreamResponses: Counter<'tool' | 'status_class'>;

  constructor(input: { server: string }) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ server: input.server });
    collectDefaultMetrics({ register: this.registry });
    this.calls = new Counter({
      name: 'mcp_tool_calls_total',
      help: 'Tool calls by tool, risk and outcome (ok, error, refused, confirmation_required).',
      labelNames: ['tool', 'risk', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'mcp_tool_call_duration_seconds',
      help: 'Duration of tool calls, from the request to the answer.',
      labelNames: ['tool', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.gates = new Counter({
      name: 'mcp_gate_decisions_total',
      help: 'Decisions of the confirmation gate of medium and high-risk tools.',
      labelNames: ['tool', 'decision'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'mcp_rate_limited_total',
      help: 'Tool calls refused by the rate limit (nothing was sent to the API).',
      labelNames: ['tool'],
      registers,
    });
    this.authFailures = new Counter({
      name: 'mcp_auth_failures_total',
      help: 'Inbound HTTP requests refused by authentication or authorization.',
      labelNames: ['reason'],
      registers,
    });
    this.upstreamResponses = new Counter({
      name: 'mcp_upstream_responses_total',
      help: "The API's answers by status class (2xx..5xx), or the failure (timeout, network_error...).",
      labelNames: ['tool', 'status_class'],
      registers,
    });
  }

  call(entry: AuditEntry): void {
    this.calls.inc({ tool: entry.tool, risk: entry.risk, outcome: entry.outcome });
    this.duration.observe({ tool: entry.tool, outcome: entry.outcome }, entry.duration_ms / 1000);
    if (entry.error === 'rate_limited') this.rateLimited.inc({ tool: entry.tool });
  }

  gate(input: { tool: string; decision: string }): void {
    this.gates.inc(input);
  }

  upstream(input: { tool: string; status: number | string }): void {
    const statusClass =
      typeof input.status === 'number' ? `${Math.floor(input.status / 100)}xx` : input.status;
    this.upstreamResponses.inc({ tool: input.tool, status_class: statusClass });
  }

  authFailure(reason: string): void {
    this.authFailures.inc({ reason });
  }

  /**
   * Answers a scrape. With a token configured it must be presented as a
   * bearer token; without one only a loopback peer that did not come
   * through a proxy may read (a proxy on the same host would otherwise
   * expose the metrics to anyone it serves).
   */
  async serve(input: { req: IncomingMessage; res: ServerResponse; token?: string }): Promise<void> {
    const { req, res } = input;
    if (!scrapeAllowed(req, input.token)) {
      this.authFailure('metrics');
      res.writeHead(input.token ? 401 : 403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: 'forbidden',
          message: input.token
            ? 'A valid metrics bearer token is required'
            : 'Metrics are served to loopback clients only; set a metrics token to read them from elsewhere',
        }),
      );
      return;
    }
    const body = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
  }
}

function scrapeAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  const proxied =
    req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return loopback && !proxied;
}

/** stdio mode: `/metrics` alone on its own loopback port. */
export async function startMetricsServer(input: {
  metrics: Metrics;
  port: number;
  token?: string;
}): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    void input.metrics.serve({ req, res, ...(input.token ? { token: input.token } : {}) });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, '127.0.0.1', () => {
      resolve();
    });
  });
  // Never keeps a stdio server alive once its client has gone.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/metrics` };
}
