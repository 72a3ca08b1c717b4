/**
 * Resources of the worked example (the product catalogue, a customer by id)
 * against the live example API: in process with real v2 clients of both eras
 * (audit lines, errors, rate limits at hand), then the compiled server as a
 * process over stdio and streamable HTTP with v2 clients of both eras and a
 * v1 (2025) client.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  Client as V2Client,
  ProtocolError,
  ResourceNotFoundError,
  StreamableHTTPClientTransport as V2Http,
} from '@modelcontextprotocol/client';
import { StdioClientTransport as V2Stdio } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1Stdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1Http } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../examples/company-api-mcp/src/resources.js';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { companyConfig, connect, testRuntime } from './support/company-mcp.js';
import { compileExample, startHttpExample } from './support/example-server.js';

const API_KEY = 'resources-api-key-0123';
// A read-scoped token: resources are read-risk, so it reads them all.
const TOKEN = 'reader:resources-inbound-token-0123456789:read';

let api: RunningApi;

beforeAll(async () => {
  api = await startCompanyApi(API_KEY);
});
afterAll(async () => api?.close());

async function apiGet<T>(pathname: string): Promise<T> {
  const response = await fetch(`${api.baseUrl}${pathname}`, { headers: { 'x-api-key': API_KEY } });
  return (await response.json()) as T;
}

interface Product {
  id: string;
  name: string;
  category: string;
  price: { amount: number; currency: string };
  active: boolean;
}

/** What the catalogue resource must hold: the active products, with only the kept fields. */
async function expectedCatalogue() {
  const all = (await apiGet<{ items: Product[] }>('/products?activeOnly=false')).items;
  const active = all.filter((product) => product.active);
  expect(active.length).toBeLessThan(all.length);
  return { items: active.map(({ id, name, category, price }) => ({ id, name, category, price })) };
}

function textOf(result: { contents: Array<{ uri: string; mimeType?: string; text?: string }> }) {
  expect(result.contents).toHaveLength(1);
  const [content] = result.contents;
  expect(content?.mimeType).toBe('application/json');
  return JSON.parse(content?.text ?? 'null') as unknown;
}

describe.each(['modern', 'legacy'] as const)('in process, %s era', (era) => {
  it('lists the catalogue as a resource and the customer as a template, with titles and MIME types', async () => {
    const { runtime } = testRuntime(companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    expect(client.getServerCapabilities()?.resources).toBeDefined();
    const { resources } = await client.listResources();
    expect(resources).toEqual([
      {
        uri: 'company://products',
        name: 'product_catalogue',
        title: 'Product catalogue',
        description: 'Every active product with its id, name, category and price in AED.',
        mimeType: 'application/json',
      },
    ]);
    const templates = await client.listResourceTemplates();
    const { resourceTemplates } = templates;
    const listed = await client.listResources();
    // 2026-07-28 results carry cache hints: both lists change only with a new build.
    const hints = [listed, templates].map((result) => (result as { ttlMs?: number; cacheScope?: string }).ttlMs);
    expect(hints).toEqual(era === 'modern' ? [300_000, 300_000] : [undefined, undefined]);
    expect(resourceTemplates.map((t) => [t.uriTemplate, t.name, t.title, t.mimeType])).toEqual([
      ['company://customers/{customerId}', 'customer', 'Customer profile', 'application/json'],
    ]);
    await client.close();
  });

  it('reads the catalogue (fixed value sent, fields kept) and a customer, one audit line each', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    const catalogue = await client.readResource({ uri: 'company://products' });
    expect(catalogue.contents[0]?.uri).toBe('company://products');
    expect(textOf(catalogue)).toEqual(await expectedCatalogue());

    const customer = await client.readResource({ uri: 'company://customers/cus_001' });
    const full = await apiGet<Record<string, unknown>>('/customers/cus_001');
    const { id, name, email, company, status } = full;
    expect(textOf(customer)).toEqual({ id, name, email, company, status });
    expect(Object.keys(full).length).toBeGreaterThan(5);

    expect(auditLines).toHaveLength(2);
    expect(auditLines[0]).toMatchObject({
      type: 'audit',
      tool: 'resource:product_catalogue',
      risk: 'read',
      principal: 'stdio',
      arguments: {},
      outcome: 'ok',
      http_status: 200,
      confirmation: 'none',
    });
    expect(auditLines[1]).toMatchObject({
      tool: 'resource:customer',
      arguments: { customerId: 'cus_001' },
      outcome: 'ok',
      http_status: 200,
    });
    expect(auditLines[1]?.['request_id']).toMatch(/^[0-9a-f-]{36}$/);
    await client.close();
  });

  it.each([
    ['an unknown URI', 'company://orders', 'refused'],
    ['a URI outside the template', 'company://customers/cus_001/orders', 'refused'],
    ['a template value that is no path segment', 'company://customers/..', 'refused'],
    ['a customer the API does not have', 'company://customers/cus_999', 'error'],
  ])('%s is the resource-not-found error, audited', async (_label, uri, outcome) => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    const failure = await client.readResource({ uri }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProtocolError);
    // -32602 with exactly { uri } in its data on both eras (SEP-2164; the SDK maps -32002 to it).
    expect((failure as ProtocolError).code).toBe(-32602);
    expect((failure as ProtocolError).data).toEqual({ uri });
    expect(auditLines).toHaveLength(1);
    expect(auditLines[0]).toMatchObject({ outcome, error: 'not_found' });
    await client.close();
  });

  it('a template value the API refuses (HTTP 400) is invalid params, not resource-not-found, audited', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }));
    const client = await connect({ runtime, era });
    const uri = 'company://customers/not-a-customer-id';
    const failure = await client.readResource({ uri }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProtocolError);
    // Invalid params on both eras; its data is not `{ uri }`, so no client takes it for a missing resource.
    expect(failure).not.toBeInstanceOf(ResourceNotFoundError);
    expect((failure as ProtocolError).code).toBe(-32602);
    expect((failure as ProtocolError).data).toEqual({ error: 'invalid_params', status: 400 });
    // The API's validation text tells the model what form the id takes.
    expect((failure as ProtocolError).message).toContain('pattern');
    expect((failure as ProtocolError).message).not.toContain(API_KEY);
    expect(auditLines).toEqual([
      expect.objectContaining({
        tool: 'resource:customer',
        outcome: 'refused',
        error: 'invalid_params',
        http_status: 400,
        arguments: { customerId: 'not-a-customer-id' },
      }),
    ]);
    await client.close();
  });

  it('an API failure is an error with a stable code and no credential or upstream detail', async () => {
    const { runtime, auditLines } = testRuntime(
      companyConfig({ baseUrl: api.baseUrl, apiKey: 'wrong-key-0123456789' }),
    );
    const client = await connect({ runtime, era });
    const failure = (await client
      .readResource({ uri: 'company://products' })
      .catch((error: unknown) => error)) as ProtocolError;
    expect(failure).toBeInstanceOf(ProtocolError);
    expect(failure.code).toBe(-32603);
    expect(failure.data).toEqual({ error: 'unauthorized', status: 401 });
    expect(failure.message).toContain('HTTP 401');
    expect(failure.message).not.toContain('wrong-key');
    expect(failure.message).not.toContain(api.baseUrl);
    expect(auditLines[0]).toMatchObject({
      tool: 'resource:product_catalogue',
      outcome: 'error',
      error: 'unauthorized',
      http_status: 401,
    });
    await client.close();
  });

  it('a redacted URI variable stays out of the audit line', async () => {
    const redacted = RESOURCES.map((resource) =>
      resource.name === 'customer' ? { ...resource, redact: ['customerId'] } : resource,
    );
    const { runtime, auditLines } = testRuntime(
      companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }),
      undefined,
      redacted,
    );
    const client = await connect({ runtime, era });
    await client.readResource({ uri: 'company://customers/cus_001' });
    expect(auditLines[0]).toMatchObject({ tool: 'resource:customer', arguments: { customerId: '[redacted]' } });
    expect(JSON.stringify(auditLines)).not.toContain('cus_001');
    await client.close();
  });

  it('a rate-limited resource refuses reads beyond its limit without calling the API', async () => {
    const limited = RESOURCES.map((resource) =>
      resource.name === 'customer' ? { ...resource, rateLimit: { requests: 1, perSeconds: 60 } } : resource,
    );
    const { runtime, auditLines } = testRuntime(
      companyConfig({ baseUrl: api.baseUrl, apiKey: API_KEY }),
      undefined,
      limited,
    );
    const client = await connect({ runtime, era });
    await client.readResource({ uri: 'company://customers/cus_001' });
    const failure = (await client
      .readResource({ uri: 'company://customers/cus_002' })
      .catch((error: unknown) => error)) as ProtocolError;
    expect(failure).toBeInstanceOf(ProtocolError);
    expect(failure.data).toMatchObject({ error: 'rate_limited' });
    expect(auditLines.map((line) => [line['outcome'], line['error'], line['http_status']])).toEqual([
      ['ok', undefined, 200],
      ['refused', 'rate_limited', undefined],
    ]);
    // The catalogue has its own budget (none).
    await client.readResource({ uri: 'company://products' });
    await client.close();
  });
});

describe('the compiled server as a process', () => {
  let workDir: string;
  let entry: string;
  let httpServer: ChildProcess | undefined;
  let httpUrl = '';
  let auditFile = '';

  const serverEnv = (): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '',
    COMPANY_API_BASE_URL: api.baseUrl,
    COMPANY_API_KEY: API_KEY,
    COMPANY_API_AUDIT_LOG: auditFile,
  });

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
    auditFile = path.join(workDir, 'audit.jsonl');
    entry = await compileExample(workDir);
    const started = await startHttpExample({ entry, env: { ...serverEnv(), COMPANY_API_HTTP_TOKENS: TOKEN } });
    httpServer = started.child;
    httpUrl = started.url;
  }, 120_000);

  afterAll(async () => {
    httpServer?.kill();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function auditOf(uriName: string): Promise<Array<Record<string, unknown>>> {
    const text = await readFile(auditFile, 'utf8');
    return text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['tool'] === uriName);
  }

  describe.each(['stdio', 'http'] as const)('over %s', (transport) => {
    const principal = transport === 'http' ? 'reader' : 'stdio';
    const headers = { authorization: `Bearer ${TOKEN.split(':')[1]}` };

    it.each(['modern', 'legacy'] as const)('a v2 client (%s era) lists and reads both resources', async (era) => {
      const client = new V2Client(
        { name: 'resources-v2', version: '1.0.0' },
        era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {},
      );
      await client.connect(
        transport === 'stdio'
          ? new V2Stdio({ command: process.execPath, args: [entry], env: serverEnv(), stderr: 'ignore' })
          : new V2Http(new URL(httpUrl), { requestInit: { headers } }),
      );
      expect(client.getProtocolEra()).toBe(era);
      expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['company://products']);
      expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
        'company://customers/{customerId}',
      ]);
      expect(textOf(await client.readResource({ uri: 'company://products' }))).toEqual(await expectedCatalogue());
      const customer = textOf(await client.readResource({ uri: 'company://customers/cus_002' })) as { id: string };
      expect(customer.id).toBe('cus_002');
      const missing = (await client
        .readResource({ uri: 'company://customers/cus_999' })
        .catch((e: unknown) => e)) as ProtocolError;
      expect(missing).toBeInstanceOf(ProtocolError);
      expect([missing.code, missing.data]).toEqual([-32602, { uri: 'company://customers/cus_999' }]);
      await client.close();
      const lines = await auditOf('resource:customer');
      expect(lines.some((line) => line['principal'] === principal && line['outcome'] === 'ok')).toBe(true);
      expect(lines.some((line) => line['principal'] === principal && line['error'] === 'not_found')).toBe(true);
    });

    it('a v1 client (@modelcontextprotocol/sdk, 2025 era) lists and reads a customer', async () => {
      const client = new V1Client({ name: 'resources-v1', version: '1.0.0' });
      await client.connect(
        transport === 'stdio'
          ? new V1Stdio({ command: process.execPath, args: [entry], env: serverEnv(), stderr: 'ignore' })
          : new V1Http(new URL(httpUrl), { requestInit: { headers } }),
      );
      expect((await client.listResourceTemplates()).resourceTemplates[0]?.uriTemplate).toBe(
        'company://customers/{customerId}',
      );
      const result = await client.readResource({ uri: 'company://customers/cus_003' });
      const [content] = result.contents;
      const customer = JSON.parse(content && 'text' in content ? content.text : 'null') as Record<string, unknown>;
      expect(customer).toEqual(
        await apiGet<Record<string, unknown>>('/customers/cus_003').then(({ id, name, email, company, status }) => ({
          id,
          name,
          email,
          company,
          status,
        })),
      );
      const missing = await client.readResource({ uri: 'company://nothing' }).catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(McpError);
      expect((missing as McpError).code).toBe(-32602);
      expect((missing as McpError).data).toEqual({ uri: 'company://nothing' });
      // An API 404 on a template read is the same not-found error; a value the API refuses is invalid params.
      const gone = await client.readResource({ uri: 'company://customers/cus_999' }).catch((error: unknown) => error);
      expect([(gone as McpError).code, (gone as McpError).data]).toEqual([
        -32602,
        { uri: 'company://customers/cus_999' },
      ]);
      const bad = await client.readResource({ uri: 'company://customers/oops' }).catch((error: unknown) => error);
      expect([(bad as McpError).code, (bad as McpError).data]).toEqual([
        -32602,
        { error: 'invalid_params', status: 400 },
      ]);
      await client.close();
    });
  });
});
