import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { notifyWebhook } from './approval-webhook.js';
import type { ApprovalRecord } from './approvals.js';

const record: ApprovalRecord = {
  id: 'apr_0123456789abcdefghijkl',
  tool: 'cancel_order',
  risk: 'high',
  argsHash: 'h',
  requester: 'alice',
  request: { method: 'POST', path: '/orders/ord_1/cancel' },
  requestedAt: 0,
  expiresAt: 3_600_000,
  status: 'pending',
};

function logger() {
  const warnings: Array<[string, unknown]> = [];
  return {
    warnings,
    logger: {
      info: () => undefined,
      error: () => undefined,
      warn: (message: string, fields?: unknown) => warnings.push([message, fields]),
    },
  };
}

describe('approval webhook', () => {
  it('POSTs a Slack-style text, the structured fields and the link', async () => {
    const received: Array<Record<string, unknown>> = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body) as Record<string, unknown>);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { logger: log, warnings } = logger();
    await notifyWebhook({ url, record, link: 'http://127.0.0.1:9/approvals/x', logger: log });
    server.close();
    expect(warnings).toEqual([]);
    expect(received[0]).toMatchObject({
      event: 'approval_requested',
      approval_id: record.id,
      tool: 'cancel_order',
      requested_by: 'alice',
      url: 'http://127.0.0.1:9/approvals/x',
      request: record.request,
    });
    expect(String(received[0]?.['text'])).toContain('cancel_order (high risk) by alice');
  });

  it('logs a failure without the URL (it may hold a secret) and never throws', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/T0SECRET`;
    const { logger: log, warnings } = logger();
    await notifyWebhook({ url, record, link: undefined, logger: log, timeoutMs: 200 });
    server.closeAllConnections();
    server.close();
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('T0SECRET');
  });
});
