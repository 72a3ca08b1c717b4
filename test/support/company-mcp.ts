/**
 * The committed generated server, run in-process from its TypeScript sources
 * against the live example API: fast, and with the runtime's injectable clock
 * and audit sink at hand.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerConfig } from '../../examples/company-api-mcp/src/runtime/config.js';
import { createRuntime, createServer, type Runtime } from '../../examples/company-api-mcp/src/runtime/server.js';
import type { Risk } from '../../examples/company-api-mcp/src/runtime/types.js';
import { TOOLS } from '../../examples/company-api-mcp/src/tools/index.js';

export const SHARED_SECRET = 'a-confirmation-secret-of-32-chars!!';

export function companyConfig(input: { baseUrl: string; apiKey: string; allowTokenForHighRisk?: boolean }): ServerConfig {
  return {
    baseUrl: input.baseUrl,
    timeoutMs: 5_000,
    maxRetries: 0,
    credentials: { COMPANY_API_KEY: input.apiKey },
    confirmation: {
      secret: Buffer.from(SHARED_SECRET),
      secretGenerated: false,
      ttlSeconds: 300,
      allowTokenForHighRisk: input.allowTokenForHighRisk ?? false,
    },
    transport: 'stdio',
    http: { host: '127.0.0.1', port: 0, tokens: [], allowedHosts: [], allowedOrigins: [] },
  };
}

export interface TestRuntime {
  runtime: Runtime;
  auditLines: Array<Record<string, unknown>>;
  logLines: string[];
  /** Moves the runtime's clock forward. */
  advance(ms: number): void;
}

export function testRuntime(config: ServerConfig): TestRuntime {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const auditLines: Array<Record<string, unknown>> = [];
  const logLines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logLines.push(JSON.stringify({ level, message, ...fields }));
  const runtime = createRuntime({
    config,
    now: () => clock,
    audit: (line) => auditLines.push(JSON.parse(line) as Record<string, unknown>),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  });
  return { runtime, auditLines, logLines, advance: (ms) => (clock += ms) };
}

/** A real MCP client connected in memory; `elicit` answers the server's approval requests, if given. */
export async function connect(input: {
  runtime: Runtime;
  elicit?: () => ElicitResult;
  scope?: Risk;
}): Promise<Client> {
  const server = createServer({ runtime: input.runtime, tools: TOOLS, ...(input.scope ? { scope: input.scope } : {}) });
  const client = new Client(
    { name: 'governance-test', version: '1.0.0' },
    input.elicit ? { capabilities: { elicitation: {} } } : {},
  );
  const elicit = input.elicit;
  if (elicit) client.setRequestHandler(ElicitRequestSchema, () => elicit());
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  await client.listTools();
  return client;
}

export type CallResult = Awaited<ReturnType<Client['callTool']>>;

export function errorOf(result: CallResult): { error: string; message: string; retry_after?: number } {
  const first = (result.content as Array<{ text: string }>)[0];
  return JSON.parse(first?.text ?? '{}') as { error: string; message: string; retry_after?: number };
}
