import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileProject,
  connectClient,
  EXAMPLE_ALLOWLIST,
  REPO_ROOT,
  runMcpgen,
  startCompanyApi,
  type RunningApi,
} from '../scripts/worked-example.js';
import { listProjectFiles } from './support/files.js';

interface ErrorBody {
  error: string;
  status?: number;
  message: string;
}

function errorBody(result: Awaited<ReturnType<Client['callTool']>>): ErrorBody {
  const first = (result.content as Array<{ type: string; text: string }>)[0];
  return JSON.parse(first?.text ?? '{}') as ErrorBody;
}

const EXPECTED_TOOLS = [
  'api_health',
  'search_customers',
  'list_products',
  'get_orders_for_customer',
  'create_customer',
  'create_order',
  'cancel_order',
];

describe('end to end: live company API → mcpgen generate → generated server over stdio → MCP client', () => {
  let api: RunningApi;
  let workDir: string;
  let outDir: string;
  let client: Client;
  let generateOutput: Awaited<ReturnType<typeof runMcpgen>>;

  beforeAll(async () => {
    api = await startCompanyApi('e2e-secret-key-1234');
    // Inside the repo, so the generated project resolves its dependencies from the root install.
    workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
    outDir = path.join(workDir, 'company-api-mcp');
    generateOutput = await runMcpgen([
      'generate',
      '--spec',
      api.specUrl,
      '--allowlist',
      EXAMPLE_ALLOWLIST,
      '--out',
      outDir,
    ]);
    if (generateOutput.code !== 0) throw new Error(generateOutput.stderr);
    await compileProject(outDir);
    client = await connectClient({
      projectDir: outDir,
      env: { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey },
    });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await api?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function apiGet(pathname: string): Promise<unknown> {
    const response = await fetch(`${api.baseUrl}${pathname}`, { headers: { 'x-api-key': api.apiKey } });
    return response.json();
  }

  it('reports the size of tools/list per tool and in total', () => {
    expect(generateOutput.stdout).toMatch(/tools\/list: 7 tools, \d+ bytes \(~\d+ tokens\)/);
    for (const name of EXPECTED_TOOLS) expect(generateOutput.stdout).toContain(name);
  });

  it('generates from the live URL exactly the committed golden project', async () => {
    const golden = path.join(REPO_ROOT, 'examples/company-api-mcp');
    const generatedFiles = listProjectFiles(outDir);
    expect(generatedFiles).toEqual(listProjectFiles(golden));
    for (const file of generatedFiles) {
      expect(await readFile(path.join(outDir, file), 'utf8'), file).toBe(
        await readFile(path.join(golden, file), 'utf8'),
      );
    }
  });

  it('lists exactly the seven allowlisted tools with annotations and schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(EXPECTED_TOOLS);
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName['search_customers']?.annotations).toEqual({
      title: 'Search customers',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(byName['create_customer']?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(byName['create_order']?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    });
    expect(byName['cancel_order']?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations && Object.keys(tool.annotations).sort()).toEqual([
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
        'readOnlyHint',
        'title',
      ]);
    }
    const order = byName['create_order']?.inputSchema as {
      properties: Record<string, { type: string; items?: { properties: Record<string, { type: string }> } }>;
      required: string[];
    };
    expect(order.required).toEqual(['customerId', 'items']);
    expect(order.properties['items']?.type).toBe('array');
    expect(order.properties['items']?.items?.properties['quantity']?.type).toBe('integer');
    expect(byName['search_customers']?.outputSchema?.properties).toHaveProperty('items');
    // Deliberately not allowlisted: they do not exist for the model.
    expect(tools.map((tool) => tool.name)).not.toContain('update_customer');
    expect(JSON.stringify(tools)).not.toContain('/customers/{customerId}"');
  });

  it('search_customers finds Samer', async () => {
    const result = await client.callTool({ name: 'search_customers', arguments: { query: 'samer' } });
    expect(result.isError ?? false).toBe(false);
    const content = result.structuredContent as { items: Array<Record<string, unknown>>; total: number };
    expect(content.total).toBe(1);
    expect(content.items[0]).toEqual({
      id: 'cus_001',
      name: 'Samer',
      email: 'samer@example.com',
      company: 'Gulf Trading LLC',
      status: 'active',
    });
  });

  it('create_customer then create_order change the API state', async () => {
    const created = await client.callTool({
      name: 'create_customer',
      arguments: { name: 'Test Customer', email: 'e2e-customer@example.com' },
    });
    expect(created.isError ?? false).toBe(false);
    const customer = created.structuredContent as { id: string; name: string };
    expect(customer.name).toBe('Test Customer');
    expect(await apiGet(`/customers/${customer.id}`)).toMatchObject({
      id: customer.id,
      email: 'e2e-customer@example.com',
    });

    const orderArgs = { customerId: customer.id, items: [{ productId: 'prd_001', quantity: 2 }] };
    const preview = await client.callTool({ name: 'create_order', arguments: orderArgs });
    const confirmation = (preview.structuredContent as { confirmation: { token: string } }).confirmation;
    expect(await apiGet(`/customers/${customer.id}/orders`)).toEqual({ items: [] });
    const ordered = await client.callTool({
      name: 'create_order',
      arguments: { ...orderArgs, confirmation_token: confirmation.token },
    });
    expect(ordered.isError ?? false).toBe(false);
    const order = (ordered.structuredContent as { result: { id: string; total: { amount: number; currency: string } } })
      .result;
    expect(order.total).toEqual({ amount: 30000, currency: 'AED' });
    const orders = (await apiGet(`/customers/${customer.id}/orders`)) as { items: Array<{ id: string }> };
    expect(orders.items.map((o) => o.id)).toEqual([order.id]);
  });

  it('an API 404 comes back as a structured isError result', async () => {
    const result = await client.callTool({ name: 'get_orders_for_customer', arguments: { customerId: 'cus_999' } });
    expect(result.isError).toBe(true);
    expect(errorBody(result)).toMatchObject({ error: 'not_found', status: 404 });
    expect(errorBody(result).message).toContain('HTTP 404');
  });

  it('an API 400/409 rejection comes back as a structured isError result', async () => {
    const result = await client.callTool({
      name: 'create_customer',
      arguments: { name: 'Samer again', email: 'samer@example.com' },
    });
    expect(result.isError).toBe(true);
    expect(errorBody(result)).toMatchObject({ error: 'conflict', status: 409 });
  });

  it('arguments the schema refuses never reach the API', async () => {
    const result = await client.callTool({ name: 'search_customers', arguments: { query: 'x', admin: true } });
    expect(result.isError).toBe(true);
    expect(errorBody(result).error).toBe('invalid_arguments');
  });

  it('a wrong API key is a clear auth error that never contains the key', async () => {
    const wrongKey = 'wrong-key-that-must-not-leak';
    const wrongClient = await connectClient({
      projectDir: outDir,
      env: { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: wrongKey },
      name: 'wrong-key-client',
    });
    try {
      const result = await wrongClient.callTool({ name: 'search_customers', arguments: { query: 'samer' } });
      expect(result.isError).toBe(true);
      const body = errorBody(result);
      expect(body).toMatchObject({ error: 'unauthorized', status: 401 });
      expect(body.message).toContain('COMPANY_API_KEY');
      expect(JSON.stringify(result)).not.toContain(wrongKey);
      expect(JSON.stringify(result)).not.toContain(api.apiKey);
    } finally {
      await wrongClient.close();
    }
  });
});
