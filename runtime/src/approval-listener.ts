import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APPROVAL_PATH, type ApprovalPageHandler } from './approval-page.js';
import type { Logger } from './log.js';

const LOOPBACK = '127.0.0.1';

/**
 * The approval page's own listener for stdio mode, where no HTTP transport
 * runs: loopback only, started only when the queue is configured. The Host
 * header must name this listener, so a web page cannot reach it through DNS
 * rebinding.
 */
export async function startApprovalListener(input: {
  port: number;
  page: ApprovalPageHandler;
  logger: Logger;
}): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const host = req.headers.host?.toLowerCase();
    if (host !== `${LOOPBACK}:${String(port)}` && host !== `localhost:${String(port)}`) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Host not allowed');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== APPROVAL_PATH && !path.startsWith(`${APPROVAL_PATH}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    input.page(req, res).catch((error: unknown) => {
      input.logger.error('approval page failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, LOOPBACK, () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${LOOPBACK}:${String(port)}${APPROVAL_PATH}`,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
