/**
 * The README's first command: start the company API, generate its MCP server
 * with mcpgen from the allowlist shown first, compile it, and drive it through
 * real MCP clients, printing the session as it goes: every result, errors
 * included, and every way a risky call gets confirmed that a client allows.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Client as V2Client } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2Stdio } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { parse } from 'yaml';
import {
  compileProject,
  connectClient,
  EXAMPLE_ALLOWLIST,
  REPO_ROOT,
  runMcpgen,
  startCompanyApi,
} from './worked-example.js';

const say = (text = '') => process.stdout.write(`${text}\n`);

function show(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Any client's callTool, so that every session prints the same way. */
type CallTool = (
  name: string,
  args: Record<string, unknown>,
) => Promise<{ isError?: boolean; structuredContent?: unknown; content?: unknown }>;

/** Prints the call and its result, a success or an error alike, and returns the structured part. */
async function call(
  callTool: CallTool,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  say(`\n> tools/call ${name} ${JSON.stringify(args)}`);
  const result = await callTool(name, args);
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
  // An error result carries its JSON body as one text item: shown as the object it is, like a success.
  const parts = content.map((c) => (c.text ? parseJson(c.text) : c));
  const body = structured ?? (parts.length === 1 ? parts[0] : parts);
  say(`  ← ${result.isError ? 'isError: true (an error result the model reads, not an exception)' : 'ok'}`);
  say(show(body));
  return structured;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The allowlist the server is generated from: the tools, their risk and the operation behind each. */
async function showAllowlist(): Promise<Record<string, string>> {
  const allowlist = parse(await readFile(EXAMPLE_ALLOWLIST, 'utf8')) as {
    server: { name: string };
    tools: Record<string, { operation: string; risk: string }>;
  };
  say(
    `\n   ${path.relative(REPO_ROOT, EXAMPLE_ALLOWLIST)}: server "${allowlist.server.name}"; only these operations exist for the model:`,
  );
  for (const [name, tool] of Object.entries(allowlist.tools)) {
    say(`     ${name.padEnd(24)} risk ${tool.risk.padEnd(6)} ${tool.operation}`);
  }
  say(
    '   read: runs. low: runs, audit-logged. medium: confirmed before anything is sent. high: a person must approve.',
  );
  return Object.fromEntries(Object.entries(allowlist.tools).map(([name, tool]) => [name, tool.risk]));
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(REPO_ROOT, '.demo-'));
  const outDir = path.join(workDir, 'company-api-mcp');
  const api = await startCompanyApi();
  const clients: Array<{ close(): Promise<void> }> = [];
  const env = { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey };
  try {
    say(`1. Company API (Fastify) listening on ${api.baseUrl}; its OpenAPI document is at ${api.specUrl}`);
    const risks = await showAllowlist();

    say(
      `\n2. $ mcpgen generate --spec ${api.specUrl} --allowlist examples/company-api/mcpgen.yaml --out ${path.relative(REPO_ROOT, outDir)}`,
    );
    const generated = await runMcpgen([
      'generate',
      '--spec',
      api.specUrl,
      '--allowlist',
      EXAMPLE_ALLOWLIST,
      '--out',
      outDir,
    ]);
    say(generated.stdout.trimEnd());
    if (generated.code !== 0) throw new Error(`mcpgen generate failed:\n${generated.stderr}`);

    say('\n3. Compiling the generated server (tsc, strict)…');
    await compileProject(outDir);

    say('\n4. A client that cannot ask a person (no elicitation): @modelcontextprotocol/sdk 1.x over stdio');
    const plain = await connectClient({ projectDir: outDir, env });
    clients.push(plain);
    const callPlain: CallTool = (name, args) => plain.callTool({ name, arguments: args }) as ReturnType<CallTool>;
    const { tools } = await plain.listTools();
    say(`\n> tools/list → ${tools.length} tools`);
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      say(
        `  - ${tool.name.padEnd(24)} risk ${(risks[tool.name] ?? '?').padEnd(6)} readOnly=${String(a.readOnlyHint)} destructive=${String(a.destructiveHint)}  ${tool.title ?? ''}`,
      );
    }

    const { resources } = await plain.listResources();
    const { resourceTemplates } = await plain.listResourceTemplates();
    say(
      `\n> resources/list → ${resources.map((r) => r.uri).join(', ')}; templates: ${resourceTemplates.map((t) => t.uriTemplate).join(', ')}`,
    );
    say('  Resources are data the model (or the person, from the host) reads without a tool call:');
    const read = await plain.readResource({ uri: 'company://customers/cus_001' });
    const [content] = read.contents;
    say(`> resources/read company://customers/cus_001\n  ${content && 'text' in content ? content.text : '(no text)'}`);

    await call(callPlain, 'search_customers', { query: 'samer' });
    await call(callPlain, 'list_products', { category: 'services' });
    const customer = await call(callPlain, 'create_customer', {
      name: 'Nadia Farouk',
      email: 'nadia@example.com',
      company: 'Farouk Logistics',
    });
    const customerId = customer?.['id'];
    const orderArgs = { customerId, items: [{ productId: 'prd_001', quantity: 1 }], notes: 'Kick-off in January' };
    say(
      '\ncreate_order is medium risk and this client cannot ask a person: the first call only previews the exact request.',
    );
    const preview = await call(callPlain, 'create_order', orderArgs);
    const token = (preview?.['confirmation'] as { token?: string } | undefined)?.token;
    say(
      '\nThe model relays the preview; the user agrees; the same call with the token runs it, once (audit: model_relayed).',
    );
    const order = (await call(callPlain, 'create_order', { ...orderArgs, confirmation_token: token }))?.['result'] as
      Record<string, unknown> | undefined;
    await call(callPlain, 'get_orders_for_customer', { customerId });
    say("\ncancel_order is high risk: it needs a person's approval, and this client cannot ask for one.");
    await call(callPlain, 'cancel_order', { orderId: order?.['id'], reason: 'Customer changed plans' });
    say('\nAPI errors reach the model as results too:');
    await call(callPlain, 'get_orders_for_customer', { customerId: 'cus_999' });

    say('\n5. A 2025-era client that can ask a person (elicitation), over stdio: the server asks, the person answers.');
    let answer: { action: 'accept' | 'decline'; content?: { approve: boolean } } = {
      action: 'accept',
      content: { approve: true },
    };
    const asking = new Client(
      { name: 'mcpgen-demo-elicitation', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    asking.setRequestHandler(ElicitRequestSchema, (request) => {
      say(`  ? the client shows the person: ${request.params.message.split('\n').join('\n    ')}`);
      say(`  ! the person answers: ${JSON.stringify(answer)}`);
      return answer as never;
    });
    await asking.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [path.join(outDir, 'dist/server.js')],
        env: { PATH: process.env['PATH'] ?? '', ...env },
        stderr: 'ignore',
      }),
    );
    clients.push(asking);
    const callAsking: CallTool = (name, args) => asking.callTool({ name, arguments: args }) as ReturnType<CallTool>;
    const second = (await call(callAsking, 'create_order', { ...orderArgs, notes: 'Second phase' }))?.['result'] as
      Record<string, unknown> | undefined;
    say('\nThe person approves the high-risk cancellation (audit: person):');
    await call(callAsking, 'cancel_order', { orderId: second?.['id'], reason: 'Merged into the first order' });
    say('\nA decline fails closed: nothing is sent.');
    answer = { action: 'decline' };
    await call(callAsking, 'cancel_order', { orderId: order?.['id'], reason: 'Changed plans' });

    say(
      '\n6. A client of protocol 2026-07-28 (@modelcontextprotocol/client 2.x): the server returns input_required, the client asks the person and retries with the sealed state.',
    );
    const modern = new V2Client(
      { name: 'mcpgen-demo-2026', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    modern.setRequestHandler('elicitation/create', (request) => {
      say(`  ? the client shows the person: ${request.params.message.split('\n')[0] ?? ''}`);
      say('  ! the person answers: {"action":"accept","content":{"approve":true}}');
      return { action: 'accept', content: { approve: true } };
    });
    await modern.connect(
      new V2Stdio({
        command: process.execPath,
        args: [path.join(outDir, 'dist/server.js')],
        env: { PATH: process.env['PATH'] ?? '', ...env },
        stderr: 'ignore',
      }),
    );
    clients.push(modern);
    const callModern: CallTool = (name, args) => modern.callTool({ name, arguments: args }) as ReturnType<CallTool>;
    await call(callModern, 'cancel_order', { orderId: order?.['id'], reason: 'Customer changed plans' });

    say('\nUpdate and delete customer exist in the API but not in the allowlist, so no client can call them.');
    say('\nNext: the committed output of this run is examples/company-api-mcp/ (README, server.json, host configs for');
    say('Claude Code, Claude Desktop, VS Code and Cursor). Start your own with: mcpgen init --spec <your OpenAPI URL>');
  } finally {
    for (const client of clients.reverse()) await client.close().catch(() => undefined);
    await api.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
