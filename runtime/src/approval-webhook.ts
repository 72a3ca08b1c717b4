import type { ApprovalRecord } from './approvals.js';
import type { Logger } from './log.js';

/** A webhook that does not answer in this time is given up on; the request stays pending. */
const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * What the webhook receives: `text` for chat tools that show a message as is
 * (a Slack incoming webhook does), the same facts as fields for anything that
 * parses them, and the link to the detail page. The request preview holds no
 * credential and no fixed value (those are masked before it is made).
 */
export function webhookPayload(input: {
  record: ApprovalRecord;
  link: string | undefined;
}): Record<string, unknown> {
  const { record, link } = input;
  const expires = new Date(record.expiresAt).toISOString();
  const text = [
    `Approval requested: ${record.tool} (${record.risk} risk) by ${record.requester}`,
    `${record.request.method} ${record.request.path}`,
    `Expires ${expires}.`,
    link ? `Review: ${link}` : 'Review it on the approval page.',
  ].join('\n');
  return {
    text,
    event: 'approval_requested',
    approval_id: record.id,
    tool: record.tool,
    risk: record.risk,
    requested_by: record.requester,
    expires_at: expires,
    request: record.request,
    ...(link ? { url: link } : {}),
  };
}

/**
 * POSTs the notification and never lets it block or fail the call: the
 * result is logged (without the URL, which often holds a secret).
 */
export function notifyWebhook(input: {
  url: string;
  record: ApprovalRecord;
  link: string | undefined;
  logger: Logger;
  timeoutMs?: number;
}): Promise<void> {
  const { logger, record } = input;
  return fetch(input.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(webhookPayload({ record, link: input.link })),
    signal: AbortSignal.timeout(input.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    redirect: 'error',
  })
    .then(async (response) => {
      await response.body?.cancel();
      if (!response.ok) {
        logger.warn('approval webhook refused the notification', {
          approval_id: record.id,
          status: response.status,
        });
      }
    })
    .catch((error: unknown) => {
      logger.warn('approval webhook failed; the request stays pending on the page', {
        approval_id: record.id,
        error: error instanceof Error ? error.name : 'error',
      });
    });
}
