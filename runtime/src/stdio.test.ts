import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRuntime } from './server.js';
import { startStdioServer } from './stdio.js';
import type { ServerSettings } from './types.js';
import type { ServerConfig } from './config.js';

const settings: ServerSettings = {
  name: 'stdio-test',
  version: '1.0.0',
  env: {} as ServerSettings['env'],
  auth: [],
};
const config: ServerConfig = {
  baseUrl: 'http://127.0.0.1:9',
  timeoutMs: 1000,
  maxRetries: 0,
  credentials: {},
  authSchemes: [],
  confirmation: {
    secret: Buffer.alloc(32),
    secretGenerated: false,
    ttlSeconds: 60,
    allowTokenForHighRisk: false,
  },
  transport: 'stdio',
  http: { host: '127.0.0.1', port: 0, tokens: [], allowedHosts: [], allowedOrigins: [] },
};

async function exchange(lines: string[], expected: number): Promise<unknown[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const runtime = createRuntime({
    settings,
    config,
    logger: { info() {}, warn() {}, error() {} },
    audit: () => {},
  });
  const handle = startStdioServer({ runtime, tools: [], stdin, stdout });
  const received: unknown[] = [];
  let buffer = '';
  const done = new Promise<void>((resolve) =>
    stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) received.push(JSON.parse(part) as unknown);
      if (received.length >= expected) resolve();
    }),
  );
  for (const line of lines) stdin.write(`${line}\n`);
  await done;
  await handle.close();
  return received;
}

describe('stdio transport', () => {
  it('answers malformed lines and empty batches as JSON-RPC says, and keeps serving', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      },
    };
    const received = await exchange(
      [
        'not json',
        '[]',
        JSON.stringify(initialize),
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      ],
      4,
    );
    expect(received).toContainEqual({
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error: invalid JSON' },
      id: null,
    });
    expect(received).toContainEqual({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request: empty batch' },
      id: null,
    });
    expect(received).toContainEqual(
      expect.objectContaining({
        id: 1,
        result: expect.objectContaining({ serverInfo: { name: 'stdio-test', version: '1.0.0' } }),
      }),
    );
    expect(received).toContainEqual({ jsonrpc: '2.0', id: 2, result: {} });
  });
});
