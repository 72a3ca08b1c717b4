/**
 * A stand-in MCP endpoint for the throughput section's ceiling: it answers
 * `initialize` and every `tools/call` at once with a recorded result (the
 * bytes the generated server returned for the same call), doing no work of
 * its own. What the bench client reaches against it is the most any server
 * could reach with that client on this machine.
 *
 *   MCPGEN_CANNED_RESULT='{"content":[...]}' node --import tsx bench/src/canned-mcp.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const result = JSON.parse(process.env['MCPGEN_CANNED_RESULT'] ?? '{}') as unknown;

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      id?: number | string;
      method: string;
      params?: { protocolVersion?: string };
    };
    if (message.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const answer =
      message.method === 'initialize'
        ? {
            protocolVersion: message.params?.protocolVersion,
            capabilities: { tools: {} },
            serverInfo: { name: 'canned', version: '1.0.0' },
          }
        : result;
    const body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`);
});
