/**
 * The interop matrix: the generated example server, compiled and started as a
 * process, against real SDK clients of both protocol eras over stdio and
 * streamable HTTP, with the live example API behind it. Every flow is checked
 * through the API's own state, not only through what the client is told.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2Http,
  type ElicitResult,
} from '@modelcontextprotocol/client';
import { StdioClientTransport as V2Stdio } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1Stdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1Http } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { compileExample, startHttpExample } from './support/example-server.js';

const TOKEN = 'interop-inbound-token-0123456789';
const SECRET = 'interop-confirmation-secret-0123456789';

type ClientKind = 'sdk 1.32 (2025)' | 'client 2.x default' | 'client 2.x auto' | 'client 2.x pinned 2026-07-28';
type TransportKind = 'stdio' | 'http';
const CLIENTS: ClientKind[] = [
  'sdk 1.32 (2025)',
  'client 2.x default',
  'client 2.x auto',
  'client 2.x pinned 2026-07-28',
];
const TRANSPORTS: TransportKind[] = ['stdio', 'http'];

interface CallOutcome {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

/** One connected client, whatever its SDK line; `answer` is what the person says when asked. */
interface Session {
  era: string;
  /** The server's `instructions`, as this client received them. */
  instructions: string | undefined;
  asked: number;
  answer: ElicitResult;
  list(): Promise<string[]>;
  call(name: string, args: Record<string, unknown>): Promise<CallOutcome>;
  /** Listed resource URIs and template URIs, and the text of one read. */
  resources(): Promise<{ uris: string[]; templates: string[] }>;
  read(uri: string): Promise<string>;
  close(): Promise<void>;
}

let api: RunningApi;
let workDir: string;
let httpServer: ChildProcess | undefined;
let httpUrl = '';
let entry = '';
const matrix: string[] = [];

function serverEnv(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    COMPANY_API_BASE_URL: api.baseUrl,
    COMPANY_API_KEY: api.apiKey,
    COMPANY_API_CONFIRMATION_SECRET: SECRET,
  };
}

async function open(kind: ClientKind, transport: TransportKind): Promise<Session> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const session: Session = {
    era: 'legacy',
    instructions: undefined,
    asked: 0,
    answer: { action: 'accept', content: { approve: true } },
    list: async () => [],
    call: async () => ({ content: [] }),
    resources: async () => ({ uris: [], templates: [] }),
    read: async () => '',
    close: async () => undefined,
  };
  const answer = () => {
    session.asked += 1;
    return session.answer;
  };
  if (kind === 'sdk 1.32 (2025)') {
    const client = new V1Client({ name: 'interop-v1', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, () => answer() as never);
    await client.connect(
      transport === 'stdio'
        ? new V1Stdio({ command: process.execPath, args: [entry], env: serverEnv(), stderr: 'ignore' })
        : new V1Http(new URL(httpUrl), { requestInit: { headers } }),
    );
    session.instructions = client.getInstructions();
    session.list = async () => (await client.listTools()).tools.map((tool) => tool.name);
    session.call = async (name, args) => (await client.callTool({ name, arguments: args })) as CallOutcome;
    session.resources = async () => ({
      uris: (await client.listResources()).resources.map((r) => r.uri),
      templates: (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate),
    });
    session.read = async (uri) => {
      const [content] = (await client.readResource({ uri })).contents;
      return content && 'text' in content ? content.text : '';
    };
    session.close = () => client.close();
    return session;
  }
  const mode =
    kind === 'client 2.x auto'
      ? { mode: 'auto' as const }
      : kind === 'client 2.x pinned 2026-07-28'
        ? { mode: { pin: '2026-07-28' as const } }
        : undefined;
  const client = new V2Client(
    { name: 'interop-v2', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, ...(mode ? { versionNegotiation: mode } : {}) },
  );
  client.setRequestHandler('elicitation/create', () => answer());
  await client.connect(
    transport === 'stdio'
      ? new V2Stdio({ command: process.execPath, args: [entry], env: serverEnv(), stderr: 'ignore' })
      : new V2Http(new URL(httpUrl), { requestInit: { headers } }),
  );
  session.era = client.getProtocolEra() ?? 'unknown';
  session.instructions = client.getInstructions();
  session.list = async () => (await client.listTools()).tools.map((tool) => tool.name);
  session.call = async (name, args) => (await client.callTool({ name, arguments: args })) as CallOutcome;
  session.resources = async () => ({
    uris: (await client.listResources()).resources.map((r) => r.uri),
    templates: (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate),
  });
  session.read = async (uri) => {
    const [content] = (await client.readResource({ uri })).contents;
    return content && 'text' in content ? content.text : '';
  };
  session.close = () => client.close();
  return session;
}

async function apiGet<T>(pathname: string): Promise<T> {
  const response = await fetch(`${api.baseUrl}${pathname}`, { headers: { 'x-api-key': api.apiKey } });
  return (await response.json()) as T;
}
const ordersOf = async (customerId: string) =>
  (await apiGet<{ items: Array<{ id: string }> }>(`/customers/${customerId}/orders`)).items;
const orderStatus = async (orderId: string) => (await apiGet<{ status: string }>(`/orders/${orderId}`)).status;
const errorOf = (result: CallOutcome) =>
  JSON.parse(result.content[0]?.text ?? '{}') as { error?: string; message?: string };

async function placeOrderDirectly(): Promise<string> {
  const response = await fetch(`${api.baseUrl}/orders`, {
    method: 'POST',
    headers: { 'x-api-key': api.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'cus_003', items: [{ productId: 'prd_002', quantity: 1 }] }),
  });
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  api = await startCompanyApi('interop-api-key-0123');
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  entry = await compileExample(workDir);
  const started = await startHttpExample({ entry, env: { ...serverEnv(), COMPANY_API_HTTP_TOKENS: TOKEN } });
  httpServer = started.child;
  httpUrl = started.url;
}, 120_000);

afterAll(async () => {
  httpServer?.kill();
  await api?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  console.log(['client | transport | era | flow | result', '--- | --- | --- | --- | ---', ...matrix].join('\n'));
});

describe.each(TRANSPORTS)('over %s', (transport) => {
  describe.each(CLIENTS)('%s', (kind) => {
    let session: Session;
    const record = (flow: string, result: string) =>
      matrix.push(`${kind} | ${transport} | ${session.era} | ${flow} | ${result}`);
    const modern = kind === 'client 2.x auto' || kind === 'client 2.x pinned 2026-07-28';
    // A person can be asked on a 2026-07-28 request anywhere, and on a 2025 connection that stays open.
    const personReachable = transport === 'stdio' || modern;

    beforeAll(async () => {
      session = await open(kind, transport);
    }, 60_000);
    afterAll(async () => session?.close());

    it('negotiates the expected era, receives the instructions and lists the seven tools', async () => {
      expect(session.era).toBe(modern ? 'modern' : 'legacy');
      expect(session.instructions).toContain('Find customers with search_customers');
      const tools = await session.list();
      expect(tools).toHaveLength(7);
      record('tools/list', `${tools.length} tools`);
    });

    it('a read call returns structured content', async () => {
      const result = await session.call('search_customers', { query: 'samer' });
      expect(result.isError ?? false).toBe(false);
      const items = (result.structuredContent as { items: Array<{ name: string }> }).items;
      expect(items.map((item) => item.name)).toContain('Samer');
      record('read (search_customers)', `structuredContent, ${items.length} item(s)`);
    });

    it('lists the resources and reads a customer by its URI', async () => {
      const { uris, templates } = await session.resources();
      expect([uris, templates]).toEqual([['company://products'], ['company://customers/{customerId}']]);
      const customer = JSON.parse(await session.read('company://customers/cus_001')) as { id: string; name: string };
      expect(customer).toEqual(
        expect.objectContaining({ id: 'cus_001', name: (await apiGet<{ name: string }>('/customers/cus_001')).name }),
      );
      record(
        'resources (list, read template)',
        `${uris.length} resource, ${templates.length} template, read ${customer.id}`,
      );
    });

    it('a medium call is confirmed by a person where one can be asked, else by a relayed token; the API sees it once', async () => {
      const customerId = 'cus_002';
      const before = (await ordersOf(customerId)).length;
      const args = { customerId, items: [{ productId: 'prd_001', quantity: 1 }] };
      session.answer = { action: 'accept', content: { approve: true } };
      session.asked = 0;
      const first = await session.call('create_order', args);
      if (personReachable) {
        expect(first.structuredContent?.['status']).toBe('completed');
        expect(session.asked).toBe(1);
        record('medium (create_order)', 'person asked, accepted, ran once');
      } else {
        expect(first.structuredContent?.['status']).toBe('confirmation_required');
        expect(await ordersOf(customerId)).toHaveLength(before);
        const token = (first.structuredContent?.['confirmation'] as { token: string }).token;
        const second = await session.call('create_order', { ...args, confirmation_token: token });
        expect(second.structuredContent?.['status']).toBe('completed');
        const replay = await session.call('create_order', { ...args, confirmation_token: token });
        expect(errorOf(replay).error).toBe('confirmation_replayed');
        record('medium (create_order)', 'preview + model-relayed token, ran once, replay refused');
      }
      expect(await ordersOf(customerId)).toHaveLength(before + 1);
    });

    it.each([
      ['accept', { action: 'accept', content: { approve: true } }],
      ['decline', { action: 'decline' }],
      ['cancel', { action: 'cancel' }],
    ] as Array<[string, ElicitResult]>)(
      'a high call answered "%s" runs only when a person approved it',
      async (label, answer) => {
        const orderId = await placeOrderDirectly();
        session.answer = answer;
        session.asked = 0;
        const result = await session.call('cancel_order', { orderId, reason: 'interop test' });
        const status = await orderStatus(orderId);
        if (!personReachable) {
          expect(errorOf(result).error).toBe('human_approval_required');
          expect(errorOf(result).message).toContain('2026-07-28');
          expect(status).not.toBe('cancelled');
          record(
            `high (cancel_order), person would say ${label}`,
            'refused: human_approval_required (no person reachable)',
          );
          return;
        }
        expect(session.asked).toBe(1);
        if (label === 'accept') {
          expect(result.structuredContent?.['status']).toBe('completed');
          expect(status).toBe('cancelled');
        } else {
          expect(errorOf(result).error).toBe(label === 'decline' ? 'confirmation_declined' : 'confirmation_cancelled');
          expect(status).not.toBe('cancelled');
        }
        record(
          `high (cancel_order), ${label}`,
          label === 'accept' ? 'ran once' : `refused (${errorOf(result).error}), nothing sent`,
        );
      },
    );
  });
});
