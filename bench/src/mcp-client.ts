import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListToolsResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchemaValidatorResult, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { jsonSchemaValidator as JsonSchemaValidatorV2 } from '@modelcontextprotocol/client';
import { z } from 'zod';

/** How to start an MCP server over stdio. */
export interface ServerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface Connection {
  client: Client;
  /** The raw `result` of every JSON-RPC response, as the server sent it (before the SDK's parsing), and when it arrived. */
  rawResults: Array<{ result: unknown; at: number }>;
  close(): Promise<void>;
}

/**
 * The SDK client compiles every tool's outputSchema with Ajv when it lists
 * tools and validates each structuredContent against it. That is client work:
 * it would bill mcpgen (whose tools have output schemas) for time the peers
 * (without them) never pay, so the bench client accepts everything.
 */
export const ACCEPT_ALL: jsonSchemaValidator = {
  getValidator:
    <T>() =>
    (input: unknown): JsonSchemaValidatorResult<T> => ({ valid: true, data: input as T, errorMessage: undefined }),
};

/** The same, for the SDK v2 client the in-process latency path uses. */
export const ACCEPT_ALL_V2: JsonSchemaValidatorV2 = {
  getValidator: (() => (input: unknown) => ({
    valid: true,
    data: input,
    errorMessage: undefined,
  })) as JsonSchemaValidatorV2['getValidator'],
};

export function benchClient(): Client {
  return new Client({ name: 'mcpgen-bench', version: '1.0.0' }, { jsonSchemaValidator: ACCEPT_ALL });
}

/**
 * The SDK's stdio client refuses a single message over 10 MB by default;
 * mcpgen's Stripe `tools/list` is larger, and the bench must measure it
 * rather than fail.
 */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

export async function connectStdio(server: ServerCommand): Promise<Connection> {
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: { PATH: process.env['PATH'] ?? '', ...server.env },
    stderr: 'ignore',
    maxBufferSize: MAX_MESSAGE_BYTES,
    ...(server.cwd ? { cwd: server.cwd } : {}),
  });
  const client = benchClient();
  const rawResults: Connection['rawResults'] = [];
  await client.connect(transport);
  // Wrap after connect: the client installs its own handler in connect().
  const forward = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('result' in message) rawResults.push({ result: message.result, at: performance.now() });
    forward?.(message);
  };
  return { client, rawResults, close: () => client.close() };
}

export interface ToolsListSize {
  /** performance.now() when the first page of the raw response arrived, before the SDK parsed it. */
  firstResponseAt: number;
  tools: number;
  /** The whole result as sent (the wire). */
  totalBytes: number;
  /** What hosts pass to the model: each tool's name, title, description and input schema, as `{ tools: [...] }`. */
  modelVisibleBytes: number;
  /** Of the wire bytes, the output schemas' (serialized on their own). */
  outputSchemaBytes: number;
  largestBytes: number;
  largestName: string;
  /**
   * Tools whose request body is one opaque string argument (openapi-mcp-generator
   * does this for form bodies): their body parameters are not in the bytes.
   */
  opaqueBodies: number;
  /** Why the SDK's own `listTools()` would reject this result (clients built on the SDK then see no tools at all). */
  sdkRejects?: string;
}

/** Accepts any result: the bench sizes what was sent even when the SDK's schema would refuse it. */
const ANY_TOOLS_PAGE = z.object({ nextCursor: z.string().optional() }).passthrough();

/** Rough token estimate, the one mcpgen prints: about four bytes of JSON a token. */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / 4);
}

/** Lists every tool (following pagination) and sizes the raw entries as the server sent them. */
export async function measureToolsList(connection: Connection): Promise<ToolsListSize> {
  const tools: Array<{ name?: unknown }> = [];
  let cursor: string | undefined;
  let firstResponseAt = Number.NaN;
  let sdkRejects: string | undefined;
  for (let page = 0; page < 1_000; page += 1) {
    connection.rawResults.length = 0;
    const listed = await connection.client.request(
      { method: 'tools/list', params: cursor ? { cursor } : {} },
      ANY_TOOLS_PAGE,
    );
    const raw = connection.rawResults.at(-1);
    if (page === 0) firstResponseAt = raw?.at ?? Number.NaN;
    tools.push(...((raw?.result as { tools?: Array<{ name?: unknown }> } | undefined)?.tools ?? []));
    const strict = ListToolsResultSchema.safeParse(raw?.result);
    if (!strict.success && sdkRejects === undefined) sdkRejects = describeIssues(strict.error.issues);
    cursor = listed.nextCursor;
    if (!cursor) break;
  }
  let largestBytes = 0;
  let largestName = '';
  let opaqueBodies = 0;
  let outputSchemaBytes = 0;
  for (const tool of tools) {
    const { outputSchema } = tool as { outputSchema?: unknown };
    if (outputSchema !== undefined) outputSchemaBytes += Buffer.byteLength(JSON.stringify(outputSchema));
    if (hasOpaqueBody(tool)) opaqueBodies += 1;
    const bytes = Buffer.byteLength(JSON.stringify(tool));
    if (bytes > largestBytes) {
      largestBytes = bytes;
      largestName = String(tool.name);
    }
  }
  return {
    firstResponseAt,
    tools: tools.length,
    totalBytes: Buffer.byteLength(JSON.stringify({ tools })),
    modelVisibleBytes: Buffer.byteLength(JSON.stringify({ tools: tools.map(modelVisible) })),
    outputSchemaBytes,
    largestBytes,
    largestName,
    opaqueBodies,
    ...(sdkRejects ? { sdkRejects } : {}),
  };
}

/** The part of a `tools/list` entry that hosts put in the model's context; annotations and output schema are for the client. */
function modelVisible(tool: object): object {
  const { name, title, description, inputSchema } = tool as Record<string, unknown>;
  return { name, title, description, inputSchema };
}

function hasOpaqueBody(tool: object): boolean {
  const input = (tool as { inputSchema?: { properties?: Record<string, { type?: unknown; properties?: unknown }> } })
    .inputSchema;
  const body = input?.properties?.['requestBody'];
  return body !== undefined && body.type === 'string' && body.properties === undefined;
}

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const first = issues[0];
  const where = first ? first.path.map(String).join('.') : '';
  return `${issues.length} issue(s), e.g. ${where}: ${first?.message ?? ''}`;
}
