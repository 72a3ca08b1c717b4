/**
 * Issue 14: the guarantees hold when the server scales out. Three spawned HTTP
 * instances of the compiled example share the confirmation secret and one real
 * Redis, behind a small round-robin proxy; every claim is checked against the
 * example API's own state (orders and customers it holds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { SHARED_SECRET } from './support/company-mcp.js';
import { compileExample } from './support/example-server.js';
import { startRedis, type TestRedis } from './support/redis.js';

const ALICE_SECRET = 'alice-secret-0123456789abcdef';
const TOKENS = `alice:${ALICE_SECRET},reader:reader-secret-0123456789:read`;

interface Instance {
  child: ChildProcess;
  url: string;
  stderr: string[];
  exited: boolean;
}

let api: RunningApi;
let redis: TestRedis;
let workDir: string;
let proxy: { url: string; server: Server };
const cluster: Instance[] = [];
const spawned: Instance[] = [];

async function startInstance(extraEnv: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(workDir, 'dist/src/index.js'), '--http'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      COMPANY_API_BASE_URL: api.baseUrl,
      COMPANY_API_KEY: api.apiKey,
      COMPANY_API_HTTP_PORT: '0',
      COMPANY_API_HTTP_TOKENS: TOKENS,
      COMPANY_API_CONFIRMATION_SECRET: SHARED_SECRET,
      COMPANY_API_REDIS_URL: redis.url,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { child, url: '', stderr: [], exited: false };
  spawned.push(instance);
  child.once('exit', () => (instance.exited = true));
  instance.url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      instance.stderr.push(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(instance.stderr.join(''));
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${instance.stderr.join('')}`)));
  });
  return instance;
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.exited) return;
  const exited = new Promise<void>((resolve) => instance.child.once('exit', () => resolve()));
  instance.child.kill();
  await exited;
}

/** Round robin over `cluster` (read at each request, so a restarted instance takes its slot). */
async function startProxy(): Promise<{ url: string; server: Server }> {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(cluster[next++ % cluster.length]!.url);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, server };
}

/** One raw 2026-07-28 `tools/call`; `person` declares elicitation (the server then asks a person). */
async function call(input: {
  url: string;
  params: Record<string, unknown>;
  person?: boolean;
  secret?: string;
}): Promise<Record<string, unknown>> {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'scale-out', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': input.person ? { elicitation: { form: {} } } : {},
  };
  const response = await fetch(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': String(input.params['name']),
      authorization: `Bearer ${input.secret ?? ALICE_SECRET}`,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { ...input.params, _meta: envelope } }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? (text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .pop() ?? '{}')
    : text;
  const message = JSON.parse(json) as { result?: Record<string, unknown> };
  if (!message.result) throw new Error(`no result: ${text}`);
  return message.result;
}

function errorCode(result: Record<string, unknown>): string | undefined {
  if (result['isError'] !== true) return undefined;
  const text = (result['content'] as Array<{ text: string }>)[0]?.text ?? '{}';
  return (JSON.parse(text) as { error?: string }).error;
}

async function countOrders(customerId: string): Promise<number> {
  const response = await fetch(`${api.baseUrl}/customers/${customerId}/orders`, {
    headers: { 'x-api-key': api.apiKey },
  });
  return ((await response.json()) as { items: unknown[] }).items.length;
}

async function countCustomers(query: string): Promise<number> {
  const response = await fetch(`${api.baseUrl}/customers?query=${encodeURIComponent(query)}&limit=100`, {
    headers: { 'x-api-key': api.apiKey },
  });
  return ((await response.json()) as { total: number }).total;
}

function auditLines(instances: readonly Instance[]): Array<Record<string, unknown>> {
  return instances
    .flatMap((instance) => instance.stderr.join('').split('\n'))
    .filter((line) => line.startsWith('{') && line.includes('"type":"audit"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function eventually<T>(attempt: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  [api, redis] = await Promise.all([startCompanyApi('scale-out-api-key-4242'), startRedis()]);
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  await compileExample(workDir);
  cluster.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])));
  proxy = await startProxy();
}, 180_000);

afterAll(async () => {
  await Promise.all(spawned.map(stopInstance));
  await new Promise<void>((resolve) => (proxy ? proxy.server.close(() => resolve()) : resolve()));
  await api?.close();
  await redis?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('three instances sharing the secret and one Redis, behind a round-robin proxy', () => {
  it('a confirmation token redeemed once is refused on every instance, and after an instance restarts', async () => {
    const before = await countOrders('cus_002');
    const args = { customerId: 'cus_002', items: [{ productId: 'prd_002', quantity: 1 }] };
    const preview = await call({ url: proxy.url, params: { name: 'create_order', arguments: args } });
    const confirmation = (preview['structuredContent'] as { confirmation: { kind: string; token: string } })
      .confirmation;
    expect(confirmation.kind).toBe('model_relayed');
    expect(await countOrders('cus_002')).toBe(before);
    const withToken = { name: 'create_order', arguments: { ...args, confirmation_token: confirmation.token } };
    const done = await call({ url: proxy.url, params: withToken });
    expect(done['structuredContent']).toMatchObject({ status: 'completed', result: { customerId: 'cus_002' } });
    expect(await countOrders('cus_002')).toBe(before + 1);

    for (const instance of cluster) {
      expect(errorCode(await call({ url: instance.url, params: withToken })), instance.url).toBe(
        'confirmation_replayed',
      );
    }
    // A restarted instance has an empty memory; the store still remembers.
    const restarted = cluster[1]!;
    await stopInstance(restarted);
    cluster[1] = await startInstance();
    expect(errorCode(await call({ url: cluster[1].url, params: withToken }))).toBe('confirmation_replayed');
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await call({ url: proxy.url, params: withToken }))).toBe('confirmation_replayed');
    }
    expect(await countOrders('cus_002')).toBe(before + 1);

    // Every audit line names the caller by its token's name; the secret appears nowhere.
    const lines = auditLines(spawned).filter((line) => line['tool'] === 'create_order');
    expect(lines.filter((line) => line['outcome'] === 'ok')).toEqual([
      expect.objectContaining({ principal: 'alice', confirmation: 'model_relayed' }),
    ]);
    expect(lines.every((line) => line['principal'] === 'alice')).toBe(true);
    for (const instance of spawned) expect(instance.stderr.join('')).not.toContain(ALICE_SECRET);
  }, 60_000);

  it('sealed request state answered once is refused on every instance', async () => {
    const before = await countOrders('cus_003');
    const args = { customerId: 'cus_003', items: [{ productId: 'prd_001', quantity: 1 }] };
    const asked = await call({ url: proxy.url, params: { name: 'create_order', arguments: args }, person: true });
    expect(asked['resultType']).toBe('input_required');
    const answer = {
      name: 'create_order',
      arguments: args,
      inputResponses: { approve: { action: 'accept', content: { approve: true } } },
      requestState: asked['requestState'],
    };
    const done = await call({ url: proxy.url, params: answer, person: true });
    expect(done['structuredContent']).toMatchObject({ status: 'completed' });
    expect(await countOrders('cus_003')).toBe(before + 1);
    for (const instance of cluster) {
      expect(errorCode(await call({ url: instance.url, params: answer, person: true })), instance.url).toBe(
        'confirmation_replayed',
      );
    }
    expect(await countOrders('cus_003')).toBe(before + 1);
    const person = auditLines(spawned).filter((line) => line['confirmation'] === 'person');
    expect(person).toEqual([expect.objectContaining({ tool: 'create_order', principal: 'alice', outcome: 'ok' })]);
  }, 60_000);

  it('a limit of 5 per minute allows exactly 5 calls across all instances, concurrent or not', async () => {
    const before = await countCustomers('scale-out-');
    const attempts = Array.from({ length: 12 }, (_, i) => ({
      name: 'create_customer',
      arguments: { name: `Scale Out ${i}`, email: `scale-out-${i}@example.com` },
    }));
    // Half straight at the instances at once, half through the proxy.
    const results = await Promise.all(
      attempts.map((params, i) => call({ url: i % 2 === 0 ? cluster[i % 3]!.url : proxy.url, params })),
    );
    const codes = results.map(errorCode);
    expect(codes.filter((code) => code === undefined)).toHaveLength(5);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(7);
    expect(await countCustomers('scale-out-')).toBe(before + 5);
  }, 60_000);

  it('Redis stopped: gated and rate-limited calls fail closed with store_unavailable, reads work, and it recovers', async () => {
    const ordersBefore = await countOrders('cus_004');
    const customersBefore = await countCustomers('outage-');
    const args = { customerId: 'cus_004', items: [{ productId: 'prd_001', quantity: 1 }] };
    const preview = await call({ url: proxy.url, params: { name: 'create_order', arguments: args } });
    const token = (preview['structuredContent'] as { confirmation: { token: string } }).confirmation.token;
    await redis.stop();

    for (const instance of cluster) {
      const redeem = await call({
        url: instance.url,
        params: { name: 'create_order', arguments: { ...args, confirmation_token: token } },
      });
      expect(errorCode(redeem), instance.url).toBe('store_unavailable');
      const fresh = await call({ url: instance.url, params: { name: 'create_order', arguments: args } });
      expect(errorCode(fresh)).toBe('store_unavailable');
      const limited = await call({
        url: instance.url,
        params: { name: 'create_customer', arguments: { name: 'Outage', email: `outage-${instance.url.length}@x.io` } },
      });
      expect(errorCode(limited)).toBe('store_unavailable');
      const read = await call({ url: instance.url, params: { name: 'search_customers', arguments: { query: 'a' } } });
      expect(read['isError']).toBeFalsy();
      expect((read['structuredContent'] as { total: number }).total).toBeGreaterThan(0);
      const readOnly = await call({
        url: instance.url,
        params: { name: 'list_products', arguments: {} },
        secret: 'reader-secret-0123456789',
      });
      expect(readOnly['isError']).toBeFalsy();
    }
    expect(await countOrders('cus_004')).toBe(ordersBefore);
    expect(await countCustomers('outage-')).toBe(customersBefore);
    for (const instance of cluster) {
      expect(instance.exited).toBe(false);
      expect((await fetch(new URL('/health', instance.url))).status).toBe(200);
    }
    const failedClosed = auditLines(cluster).filter((line) => line['error'] === 'store_unavailable');
    expect(failedClosed.length).toBe(9);
    expect(failedClosed.every((line) => line['outcome'] === 'refused' && line['principal'] === 'alice')).toBe(true);

    await redis.start();
    // The token was never used: once every instance has reconnected, it runs exactly once.
    for (const instance of cluster) {
      const health = await eventually(
        () => call({ url: instance.url, params: { name: 'create_order', arguments: args } }),
        (result) => errorCode(result) === undefined,
      );
      expect(health['structuredContent']).toMatchObject({ status: 'confirmation_required' });
    }
    const redeemed = await call({
      url: proxy.url,
      params: { name: 'create_order', arguments: { ...args, confirmation_token: token } },
    });
    expect(redeemed['structuredContent']).toMatchObject({ status: 'completed' });
    expect(await countOrders('cus_004')).toBe(ordersBefore + 1);
    const limited = await call({
      url: proxy.url,
      params: { name: 'create_customer', arguments: { name: 'Outage Over', email: 'outage-over@x.io' } },
    });
    expect(limited['isError']).toBeFalsy();
    expect(await countCustomers('outage-')).toBe(customersBefore + 1);
    for (const instance of cluster) {
      expect(instance.stderr.join('')).toContain('shared store unreachable');
      expect(instance.stderr.join('')).toContain('shared store reachable again');
    }
  }, 90_000);

  it('warns at start when the secret is shared but the store is only this process', async () => {
    const lonely = await startInstance({ COMPANY_API_REDIS_URL: '' });
    expect(lonely.stderr.join('')).toContain(
      'COMPANY_API_CONFIRMATION_SECRET is shared but COMPANY_API_REDIS_URL is not set: single use of confirmations and rate limits hold only inside this process',
    );
    await stopInstance(lonely);
    for (const instance of cluster) expect(instance.stderr.join('')).not.toContain('hold only inside this process');
  }, 30_000);
});
