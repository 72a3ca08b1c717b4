import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createServer, type Runtime } from './server.js';
import type { ToolDefinition } from './types.js';

/**
 * stdio: one client per process, the local user who started it. The SDK's
 * entry settles the protocol era on the first message, and the connection
 * stays open, so a 2025-era client can be asked for approval too.
 */
export function startStdioServer(input: { runtime: Runtime; tools: readonly ToolDefinition[] }): {
  close(): Promise<void>;
} {
  return serveStdio(
    ({ era }) =>
      createServer({
        runtime: input.runtime,
        tools: input.tools,
        era,
        transport: 'stdio',
        principal: { name: 'stdio', scope: 'high' },
      }),
    {
      onerror: (error) =>
        input.runtime.logger.warn('stdio message rejected', { error: error.message }),
    },
  );
}
