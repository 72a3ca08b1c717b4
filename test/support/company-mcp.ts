/**
 * The committed generated server, run in-process from its TypeScript sources
 * against the live example API: fast, and with the runtime's injectable clock
 * and audit sink at hand. Clients are real SDK v2 clients over an in-memory
 * pair, in the protocol era the test asks for.
 */
import { Client, type ElicitResult } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ServerConfig } from '../../examples/company-api-mcp/src/runtime/config.js';
import { createRuntime, createServer, type Runtime } from '../../examples/company-api-mcp/src/runtime/server.js';
import type { ResourceDefinition } from '../../examples/company-api-mcp/src/runtime/resources.js';
import type { Extensions, Risk } from '../../examples/company-api-mcp/src/runtime/types.js';
import { RESOURCES } from '../../examples/company-api-mcp/src/resources.js';
import { SETTINGS } from '../../examples/company-api-mcp/src/settings.js';
import { TOOLS } from '../../examples/company-api-mcp/src/tools/index.js';

export const SHARED_SECRET = 'a-confirmation-secret-of-32-chars!!';

export function companyConfig(input: {
  baseUrl: string;
  apiKey: string;
  allowTokenForHighRisk?: boolean;
}): ServerConfig {
  return {
    baseUrl: input.baseUrl,
    timeoutMs: 5_000,
    maxRetries: 0,
    credentials: { COMPANY_API_KEY: input.apiKey },
    authSchemes: SETTINGS.auth,
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

export function testRuntime(
  config: ServerConfig,
  extensions?: Extensions,
  resources: readonly ResourceDefinition[] = RESOURCES,
): TestRuntime {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const auditLines: Array<Record<string, unknown>> = [];
  const logLines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logLines.push(JSON.stringify({ level, message, ...fields }));
  const runtime = createRuntime({
    settings: SETTINGS,
    config,
    now: () => clock,
    audit: (line) => auditLines.push(JSON.parse(line) as Record<string, unknown>),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    ...(extensions ? { extensions } : {}),
    resources,
  });
  return { runtime, auditLines, logLines, advance: (ms) => (clock += ms) };
}

/**
 * A real MCP client connected in memory, the way a stdio host connects:
 * `modern` speaks 2026-07-28 (`server/discover`, per-request envelope),
 * `legacy` the 2025 `initialize` handshake. `elicit` answers the server's
 * questions to a person, if given (the client then declares elicitation).
 */
export async function connect(input: {
  runtime: Runtime;
  elicit?: () => ElicitResult;
  scope?: Risk;
  era?: 'modern' | 'legacy';
}): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  serveStdio(
    ({ era }) =>
      createServer({
        runtime: input.runtime,
        tools: TOOLS,
        era,
        transport: 'stdio',
        principal: { name: 'stdio', scope: input.scope ?? 'high' },
      }),
    { transport: serverTransport },
  );
  const client = new Client(
    { name: 'governance-test', version: '1.0.0' },
    {
      ...((input.era ?? 'modern') === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {}),
      ...(input.elicit ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  const elicit = input.elicit;
  if (elicit) client.setRequestHandler('elicitation/create', () => elicit());
  await client.connect(clientTransport);
  await client.listTools();
  return client;
}

export type CallResult = Awaited<ReturnType<Client['callTool']>>;

export function errorOf(result: CallResult): { error: string; message: string; retry_after?: number } {
  const first = (result.content as Array<{ text: string }>)[0];
  return JSON.parse(first?.text ?? '{}') as { error: string; message: string; retry_after?: number };
}
