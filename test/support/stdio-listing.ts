/**
 * `tools/list` of a compiled generated server, asked over stdio by the MCP
 * SDK client, with every message the client received as parsed from the wire:
 * the SDK's own schema validation copies objects and drops a `__proto__` key,
 * so tests about such keys read the wire.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JSONRPCMessage, Tool } from '@modelcontextprotocol/sdk/types.js';

export async function listToolsOverStdio(input: {
  /** The server's entry module (`dist/src/index.js` of a compiled project). */
  entry: string;
  env: Record<string, string>;
  clientName: string;
}): Promise<{ tools: Tool[]; wire: JSONRPCMessage[] }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [input.entry],
    env: { PATH: process.env['PATH'] ?? '', ...input.env },
    stderr: 'pipe',
  });
  const client = new Client({ name: input.clientName, version: '1.0.0' });
  await client.connect(transport);
  const wire: JSONRPCMessage[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message) => {
    wire.push(message);
    deliver?.(message);
  };
  try {
    return { tools: (await client.listTools()).tools, wire };
  } finally {
    await client.close();
  }
}
