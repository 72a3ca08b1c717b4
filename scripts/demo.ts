/**
 * The README's first command: start the company API, generate its MCP server
 * with mcpgen, compile it, and drive it through a real MCP client, printing
 * the session as it goes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { compileProject, connectClient, EXAMPLE_ALLOWLIST, REPO_ROOT, runMcpgen, startCompanyApi } from './worked-example.js';

const say = (text = '') => process.stdout.write(`${text}\n`);

function show(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  say(`\n> tools/call ${name} ${JSON.stringify(args)}`);
  const result = await client.callTool({ name, arguments: args });
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  const content = result.content as Array<{ type: string; text?: string }>;
  say(`  ${result.isError ? 'isError: true' : 'ok'}`);
  say(structured ? show(structured) : show(content.map((c) => (c.text ? JSON.parse(c.text) as unknown : c))));
  return structured;
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(REPO_ROOT, '.demo-'));
  const outDir = path.join(workDir, 'company-api-mcp');
  const api = await startCompanyApi();
  let client: Client | undefined;
  try {
    say(`1. Company API (Fastify) listening on ${api.baseUrl}; its OpenAPI document is at ${api.specUrl}`);
    say(`\n2. $ mcpgen generate --spec ${api.specUrl} --allowlist examples/company-api/mcpgen.yaml --out ${path.relative(REPO_ROOT, outDir)}`);
    const generated = await runMcpgen(['generate', '--spec', api.specUrl, '--allowlist', EXAMPLE_ALLOWLIST, '--out', outDir]);
    say(generated.stdout.trimEnd());
    if (generated.code !== 0) throw new Error(`mcpgen generate failed:\n${generated.stderr}`);

    say('\n3. Compiling the generated server (tsc, strict)…');
    await compileProject(outDir);

    say('\n4. Starting it over stdio and connecting an MCP client (@modelcontextprotocol/sdk)');
    client = await connectClient({
      projectDir: outDir,
      env: { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey },
    });
    const { tools } = await client.listTools();
    say(`\n> tools/list → ${tools.length} tools`);
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      say(`  - ${tool.name.padEnd(24)} readOnly=${String(a.readOnlyHint)} destructive=${String(a.destructiveHint)}  ${tool.title ?? ''}`);
    }

    await call(client, 'search_customers', { query: 'samer' });
    await call(client, 'list_products', { category: 'services' });
    const customer = await call(client, 'create_customer', { name: 'Nadia Farouk', email: 'nadia@example.com', company: 'Farouk Logistics' });
    const orderArgs = { customerId: customer?.['id'], items: [{ productId: 'prd_001', quantity: 1 }], notes: 'Kick-off in January' };
    say('\ncreate_order is medium risk: the first call only previews what would be sent.');
    const preview = await call(client, 'create_order', orderArgs);
    const token = (preview?.['confirmation'] as { token?: string } | undefined)?.token;
    say('\nThe user confirms; the same call with the token runs it, once.');
    const order = (await call(client, 'create_order', { ...orderArgs, confirmation_token: token }))?.['result'] as
      | Record<string, unknown>
      | undefined;
    await call(client, 'get_orders_for_customer', { customerId: customer?.['id'] });
    say('\ncancel_order is high risk: it needs a person\'s approval, and this client cannot ask for one.');
    await call(client, 'cancel_order', { orderId: order?.['id'], reason: 'Customer changed plans' });
    say('\nAPI errors reach the model as structured results, not exceptions:');
    await call(client, 'get_orders_for_customer', { customerId: 'cus_999' });
    say(`\nUpdate and delete customer exist in the API but not in the allowlist, so the model cannot call them.`);
  } finally {
    await client?.close();
    await api.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
