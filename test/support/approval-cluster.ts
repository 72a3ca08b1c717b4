/**
 * The compiled example served by three HTTP instances sharing one real Redis
 * and the approval queue, behind a round-robin proxy; the API behind a
 * forwarder that records every request it receives, so a test can count what
 * the API really saw. Used by the multi-instance and browser approval tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../../scripts/worked-example.js';
import { SHARED_SECRET } from './company-mcp.js';
import { compileExample } from './example-server.js';
import { startRedis, type TestRedis } from './redis.js';

export const ALICE_SECRET = 'alice-caller-secret-0123456789';
export const BOB_APPROVER = 'bob-approver-secret-0123456789';
/** Alice also holds an approver token: she still cannot approve what she asked for. */
export const ALICE_APPROVER = 'alice-approver-secret-01234567';

export interface Instance {
  child: ChildProcess;
  /** The MCP endpoint. */
  url: string;
  /** The approval page of this instance. */
  page: string;
  stderr: string[];
}

export interface Cluster {
  api: RunningApi;
  redis: TestRedis;
  instances: Instance[];
  proxyUrl: string;
  /** `METHOD /path` of every request the API received, in order. */
  apiRequests: string[];
  /** Every JSON body the approval webhook received. */
  webhooks: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function forward(input: { req: IncomingMessage; res: import('node:http').ServerResponse; target: URL }): void {
  const { req, res, target } = input;
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
}

export async function startApprovalCluster(input: { workDir: string }): Promise<Cluster> {
  const [api, redis] = await Promise.all([startCompanyApi('approval-api-key-4242'), startRedis()]);
  const apiRequests: string[] = [];
  const counter = createServer((req, res) => {
    apiRequests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    forward({ req, res, target: new URL(api.baseUrl) });
  });
  const counterUrl = await listen(counter);
  const webhooks: Array<Record<string, unknown>> = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      webhooks.push(JSON.parse(body) as Record<string, unknown>);
      res.end('ok');
    });
  });
  const hookUrl = await listen(hook);
  const entry = await compileExample(input.workDir);

  const startInstance = async (): Promise<Instance> => {
    const child = spawn(process.execPath, [entry, '--http'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        COMPANY_API_BASE_URL: counterUrl,
        COMPANY_API_KEY: api.apiKey,
        COMPANY_API_HTTP_PORT: '0',
        COMPANY_API_HTTP_TOKENS: `alice:${ALICE_SECRET}`,
        COMPANY_API_APPROVER_TOKENS: `bob:${BOB_APPROVER},alice:${ALICE_APPROVER}`,
        COMPANY_API_APPROVAL_WEBHOOK_URL: `${hookUrl}/hook`,
        COMPANY_API_CONFIRMATION_SECRET: SHARED_SECRET,
        COMPANY_API_REDIS_URL: redis.url,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr.push(chunk);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr.join(''));
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('')}`)));
    });
    return { child, url, page: url.replace(/\/mcp$/, '/approvals'), stderr };
  };
  const instances = await Promise.all([startInstance(), startInstance(), startInstance()]);

  let next = 0;
  const proxy = createServer((req, res) => {
    forward({ req, res, target: new URL(instances[next++ % instances.length]!.url) });
  });
  const proxyUrl = `${await listen(proxy)}/mcp`;

  return {
    api,
    redis,
    instances,
    proxyUrl,
    apiRequests,
    webhooks,
    close: async () => {
      await Promise.all(
        instances.map(
          (instance) =>
            new Promise<void>((resolve) => {
              if (instance.child.exitCode !== null) return resolve();
              instance.child.once('exit', () => resolve());
              instance.child.kill();
            }),
        ),
      );
      for (const server of [proxy, counter, hook]) await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await redis.close();
    },
  };
}

export function makeWorkDir(): Promise<string> {
  return mkdtemp(path.join(REPO_ROOT, '.test-output-'));
}

export function removeWorkDir(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/** One raw `tools/call` as a 2025-era client over HTTP would send it: no person can be asked. */
export async function callTool(input: {
  url: string;
  name: string;
  args: Record<string, unknown>;
  secret?: string;
}): Promise<Record<string, unknown>> {
  const response = await fetch(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      authorization: `Bearer ${input.secret ?? ALICE_SECRET}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: input.name, arguments: input.args },
    }),
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

export function errorBody(result: Record<string, unknown>): Record<string, unknown> | undefined {
  if (result['isError'] !== true) return undefined;
  const text = (result['content'] as Array<{ text: string }>)[0]?.text ?? '{}';
  return JSON.parse(text) as Record<string, unknown>;
}

/** Places an order straight on the API (not through the MCP server); returns its id. */
export async function placeOrder(api: RunningApi): Promise<string> {
  const response = await fetch(`${api.baseUrl}/orders`, {
    method: 'POST',
    headers: { 'x-api-key': api.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'cus_001', items: [{ productId: 'prd_001', quantity: 1 }] }),
  });
  return ((await response.json()) as { id: string }).id;
}

export async function orderStatus(api: RunningApi, id: string): Promise<string> {
  const response = await fetch(`${api.baseUrl}/orders/${id}`, { headers: { 'x-api-key': api.apiKey } });
  return ((await response.json()) as { status: string }).status;
}

export function auditLines(instances: readonly Instance[]): Array<Record<string, unknown>> {
  return instances
    .flatMap((instance) => instance.stderr.join('').split('\n'))
    .filter((line) => line.startsWith('{') && /"type":"(audit|approval)"/.test(line))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
