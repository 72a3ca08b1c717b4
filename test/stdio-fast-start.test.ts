/**
 * The generated server's stdio fast start (src/runtime/stdio.ts of the
 * committed example) answers initialize, tools/list and ping before the SDK
 * loads, then hands the session to the SDK server. It must be invisible: the
 * same bytes as the SDK server alone, the client's capabilities reaching the
 * SDK (elicitation gates high-risk tools), and a process that ends with stdin.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createServer } from '../examples/company-api-mcp/src/runtime/server.js';
import * as fastStart from '../examples/company-api-mcp/src/runtime/stdio.js';
import { TOOLS } from '../examples/company-api-mcp/src/tools/index.js';
import { LISTINGS } from '../examples/company-api-mcp/src/tools/listings.js';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { companyConfig, testRuntime } from './support/company-mcp.js';

const UNUSED_BASE_URL = 'http://127.0.0.1:9';
type Message = Record<string, unknown> & { id?: unknown; method?: string };

const line = (message: object) => `${JSON.stringify(message)}\n`;
const request = (id: number | string, method: string, params?: object) => line({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
const initialize = (id: number, params: object = {}) =>
  request(id, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'test', version: '1.0.0' }, ...params });
const INITIALIZED = line({ jsonrpc: '2.0', method: 'notifications/initialized' });

/** One server on in-memory stdin/stdout: the fast start, or the SDK server alone as the reference. */
function startServer(kind: 'fast' | 'sdk') {
  const input = new PassThrough();
  const output = new PassThrough();
  const { runtime, logLines } = testRuntime(companyConfig({ baseUrl: UNUSED_BASE_URL, apiKey: 'unused-key' }));
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  if (kind === 'fast') {
    fastStart.serveStdio({ listings: LISTINGS, logger: runtime.logger, input, output, connect: (transport) => createServer({ runtime, tools: TOOLS }).connect(transport) });
  } else {
    void createServer({ runtime, tools: TOOLS }).connect(new StdioServerTransport(input, output));
  }
  const lines = () => text.split('\n').filter(Boolean);
  return {
    input,
    logLines,
    lines,
    messages: () => lines().map((l) => JSON.parse(l) as Message),
    async waitFor(count: number): Promise<string[]> {
      for (let waited = 0; lines().length < count; waited += 5) {
        if (waited > 10_000) throw new Error(`${kind}: ${lines().length} of ${count} lines after 10 s:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return lines();
    },
  };
}

/** Feeds the chunks one event-loop turn apart to both servers; returns what each wrote, by response id. */
async function compare(chunks: string[], expectedLines: number) {
  const outputs = [];
  for (const kind of ['fast', 'sdk'] as const) {
    const server = startServer(kind);
    for (const chunk of chunks) {
      server.input.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A last ping answered by whichever server holds the session proves the handover is complete.
    server.input.write(request('last', 'ping'));
    await server.waitFor(expectedLines + 1);
    // Room for the SDK's answer to the replayed initialize, which is checked and dropped.
    await new Promise((resolve) => setTimeout(resolve, 50));
    outputs.push({ kind, lines: [...server.lines()].sort(), logLines: server.logLines });
  }
  const [fast, sdk] = outputs;
  expect(fast?.lines).toEqual(sdk?.lines);
  expect(fast?.logLines).toEqual([]);
  return fast?.lines.map((l) => JSON.parse(l) as Message) ?? [];
}

/**
 * The modules a stdio start loads before the first `tools/list`: the static
 * value imports reachable from src/index.ts (type-only imports are erased;
 * dynamic imports wait for the handover).
 */
function startupModules(): string[] {
  const root = path.join(REPO_ROOT, 'examples/company-api-mcp/src');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith(root)) return;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings) && !statement.importClause?.name && bindings.elements.every((e) => e.isTypeOnly)) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      visit(specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')) : specifier);
    }
  };
  visit(path.join(root, 'index.ts'));
  return [...seen].map((module) => (module.startsWith(root) ? path.relative(root, module) : module)).sort();
}

describe('stdio fast start', () => {
  it('loads neither zod nor the SDK before the first tools/list', () => {
    const modules = startupModules();
    expect(modules).toContain('tools/listings.ts');
    expect(modules.filter((module) => !module.endsWith('.ts') && !module.startsWith('node:'))).toEqual([]);
  });

  it('copies the protocol versions of the SDK it ships with', () => {
    expect(fastStart.LATEST_PROTOCOL_VERSION).toBe(LATEST_PROTOCOL_VERSION);
    expect(fastStart.SUPPORTED_PROTOCOL_VERSIONS).toEqual(SUPPORTED_PROTOCOL_VERSIONS);
  });

  it('answers a usual start byte for byte as the SDK server does', async () => {
    const messages = await compare([initialize(1), INITIALIZED, request(2, 'tools/list'), request(3, 'ping')], 3);
    expect(messages.find((m) => m.id === 2)?.['result']).toEqual({ tools: TOOLS.map((tool) => tool.listing) });
  });

  it.each(['2024-11-05', '2025-06-18', '1999-01-01', ''])('negotiates protocol version %j as the SDK does', async (version) => {
    await compare([initialize(1, { protocolVersion: version }), INITIALIZED, request(2, 'tools/list', { cursor: 'x' })], 2);
  });

  it('leaves unusual or invalid messages to the SDK, with the same answers', async () => {
    await compare(
      [
        request(0, 'ping', { _meta: { progressToken: 7 } }),
        initialize(1, { capabilities: { sampling: 5 } }),
        initialize(2, { clientInfo: { name: 'no version' } }),
        'not json\n',
        request(3, 'tools/list', { cursor: 4 }),
        request(4, 'no/such/method'),
        line({ jsonrpc: '2.0', id: 5.5, method: 'ping' }),
        initialize(6),
      ],
      6,
    );
  });

  it('answers usual client capabilities itself and leaves the rest, valid or not, to the SDK', async () => {
    const usual = { roots: { listChanged: true }, sampling: { tools: {} }, elicitation: { form: { applyDefaults: true }, url: {} } };
    const fast = await compare([initialize(1, { capabilities: usual }), INITIALIZED, request(2, 'tools/list')], 2);
    expect(fast.find((m) => m.id === 1)?.['result']).toBeDefined();
    for (const capabilities of [{ experimental: { a: 1 } }, { roots: { listChanged: 'yes' } }, { elicitation: { form: 5 } }, { tasks: {} }]) {
      await compare([initialize(1, { capabilities }), INITIALIZED, request(2, 'tools/list')], 2);
    }
  });

  it('answers a request whose id looks like the replayed initialize', async () => {
    await compare([initialize(1), INITIALIZED, request(2, 'tools/list'), request('mcpgen-fast-start-initialize', 'ping')], 3);
  });

  it('hands over mid-stream: split lines, CRLF, a second initialize, a call before initialize', async () => {
    const call = request(9, 'tools/call', { name: 'cancel_order', arguments: { orderId: 'ord_001', reason: 'test' } });
    await compare([call.slice(0, 10), call.slice(10), `${initialize(1).trimEnd()}\r\n`, initialize(2), request(3, 'tools/list')], 4);
    await compare([initialize(1), request(2, 'tools/list'), initialize(3), request(4, 'tools/list').repeat(2)], 5);
  });

  it("gives the SDK server the client's capabilities: high-risk tools ask the person when the client can", async () => {
    const server = startServer('fast');
    server.input.write(initialize(1, { capabilities: { elicitation: {} } }) + INITIALIZED + request(2, 'tools/list'));
    await server.waitFor(2);
    server.input.write(request(3, 'tools/call', { name: 'cancel_order', arguments: { orderId: 'ord_001', reason: 'test' } }));
    await server.waitFor(3);
    const elicitation = server.messages()[2];
    expect(elicitation?.method).toBe('elicitation/create');
    server.input.write(line({ jsonrpc: '2.0', id: elicitation?.id, result: { action: 'decline' } }));
    await server.waitFor(4);
    const text = ((server.messages()[3]?.['result'] as { content: Array<{ text: string }> }).content[0]?.text ?? '{}');
    expect(JSON.parse(text)).toMatchObject({ error: 'confirmation_declined' });
    expect(server.logLines).toEqual([]);
  });

  it('ends with stdin, whether or not the SDK server was loaded', async () => {
    /** Runs the server on `stdin`; `keepOpen` leaves its stdin open, so only the server can end the process. */
    const run = (stdin: string, keepOpen = false) =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'examples/company-api-mcp/src/index.ts')], {
          cwd: REPO_ROOT,
          env: { PATH: process.env['PATH'] ?? '', COMPANY_API_BASE_URL: UNUSED_BASE_URL },
          stdio: ['pipe', 'pipe', 'ignore'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        const timer = setTimeout(() => {
          child.kill();
          reject(new Error(`still running ${keepOpen ? 'with stdin open' : 'with stdin closed'}; it wrote: ${stdout.slice(0, 300)}`));
        }, 20_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout });
        });
        child.stdin.on('error', () => {});
        if (keepOpen) child.stdin.write(stdin);
        else child.stdin.end(stdin);
      });
    // A message over the SDK's 10 MB limit closes its transport: the process then ends, as the SDK server alone does.
    const oversized = await run(initialize(1) + INITIALIZED + request(2, 'tools/list') + 'x'.repeat(11 * 1024 * 1024), true);
    expect(oversized).toMatchObject({ code: 0 });
    const answered = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Message).id);
    const fastOnly = await run(initialize(1));
    expect(fastOnly).toMatchObject({ code: 0 });
    expect(answered(fastOnly.stdout)).toEqual([1]);
    const handedOver = await run(initialize(1) + INITIALIZED + request(2, 'tools/list') + request(3, 'ping'));
    expect(handedOver).toMatchObject({ code: 0 });
    expect(answered(handedOver.stdout)).toEqual([1, 2, 3]);
  });
});
