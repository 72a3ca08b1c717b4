import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { createServer, type Runtime } from './server.js';
import type { ToolDefinition } from './types.js';

/** One message may not exceed this; the SDK's own stdio bound. */
const MAX_LINE_BYTES = 10 * 1024 * 1024;

/**
 * stdio: one client per process, the local user who started it. The SDK's
 * entry settles the protocol era on the first message, and the connection
 * stays open, so a 2025-era client can be asked for approval too.
 */
export function startStdioServer(input: {
  runtime: Runtime;
  tools: readonly ToolDefinition[];
  stdin?: Readable;
  stdout?: NodeJS.WritableStream;
}): { close(): Promise<void> } {
  const stdout = input.stdout ?? process.stdout;
  const answer = (message: unknown) => stdout.write(`${JSON.stringify(message)}\n`);
  const stdin = (input.stdin ?? process.stdin).pipe(new ScreenedLines(answer));
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
      transport: new StdioServerTransport(stdin, stdout as never),
      onerror: (error) => {
        input.runtime.logger.warn('stdio message rejected', { error: error.message });
      },
    },
  );
}

/**
 * Lets through only lines that parse as JSON-RPC candidates and answers the
 * others as JSON-RPC says (the SDK would drop them silently, leaving the
 * client waiting): a parse error, an empty batch, a line over the size bound.
 */
export class ScreenedLines extends Transform {
  private partial = '';
  private discarding = false;

  constructor(private readonly answer: (message: unknown) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.screen(line);
    if (Buffer.byteLength(this.partial) > MAX_LINE_BYTES) {
      if (!this.discarding) this.reject(-32600, 'Invalid Request: message too large');
      this.discarding = true;
      this.partial = '';
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.partial.trim() !== '') this.screen(this.partial);
    done();
  }

  private screen(raw: string): void {
    if (this.discarding) {
      // The rest of an oversized message, already answered.
      this.discarding = false;
      return;
    }
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line) as unknown;
    } catch {
      this.reject(-32700, 'Parse error: invalid JSON');
      return;
    }
    if (Array.isArray(message) && message.length === 0) {
      this.reject(-32600, 'Invalid Request: empty batch');
      return;
    }
    this.push(`${line}\n`);
  }

  private reject(code: number, message: string): void {
    this.answer({ jsonrpc: '2.0', error: { code, message }, id: null });
  }
}
