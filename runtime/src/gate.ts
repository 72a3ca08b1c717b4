import {
  inputRequired,
  inputResponse,
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
} from '@modelcontextprotocol/server';
import type { ApprovalQueue, ApprovalRecord, RedeemResult } from './approvals.js';
import type { ConfirmationTokens } from './confirmation-token.js';
import type { PreparedRequest } from './request.js';
import type { SealedRequestState } from './request-state.js';
import { errorResult, type ToolError } from './results.js';
import type { Principal, ToolDefinition } from './types.js';

/** The protocol family of one request: `modern` is 2026-07-28, `legacy` the 2025 revisions. */
export type Era = 'modern' | 'legacy';
export type TransportKind = 'stdio' | 'http';

/** How a call that ran was confirmed; a token the model relayed is never called a person's approval. */
export type ConfirmedBy = 'none' | 'model_relayed' | 'person' | 'approver';

/** What the gate decided: run (and how the call was confirmed), or answer without running. */
export type GateDecision =
  | { run: true; confirmedBy: ConfirmedBy; approvalId?: string }
  | {
      run: false;
      result: CallToolResult | InputRequiredResult;
      outcome: 'refused' | 'confirmation_required' | 'approval_pending';
      error?: string;
      approvalId?: string;
    };

/** What the person (or the model, for a token) is shown: exactly what will be sent, credentials left out. */
export interface RequestPreview {
  method: string;
  /** Path and query, relative to the configured base URL. */
  path: string;
  /** Headers and cookies set from arguments; credentials are never shown. */
  headers?: Record<string, string>;
  body?: unknown;
}

/** The one question a person answers; the key under which the answer comes back. */
export const APPROVAL_KEY = 'approve';
const APPROVAL_SCHEMA = {
  type: 'object' as const,
  properties: {
    approve: { type: 'boolean' as const, title: 'Approve', description: 'Run this action now?' },
  },
  required: ['approve'],
};

/** Everything the gate knows about the request it guards. */
export interface GateRequest {
  tool: ToolDefinition;
  args: Record<string, unknown>;
  /** A token the model sent back (`confirmation_token`), if any. */
  token: string | undefined;
  /** The id of an approval the caller asked for earlier (`approval_id`), if any. */
  approvalId?: string | undefined;
  preview: RequestPreview;
  principal: Principal;
  era: Era;
  transport: TransportKind;
  /** What the client declared: per request in 2026-07-28, at `initialize` in 2025. */
  capabilities: ClientCapabilities | undefined;
  /** The sealed state echoed by the client, if any (raw, unverified). */
  requestState: string | undefined;
  /** The answers a 2026-07-28 client (or the SDK's 2025 shim) sent back with the retried call. */
  inputResponses: Record<string, unknown> | undefined;
}

export interface GateDeps {
  tokens: ConfirmationTokens;
  sealed: SealedRequestState;
  allowTokenForHighRisk: boolean;
  /** The approval queue, when the operator configured approvers; undefined otherwise. */
  approvals?: ApprovalQueue | undefined;
  /** The approval page's detail link of an approval, when the page's address is known. */
  approvalLink?: ((id: string) => string | undefined) | undefined;
}

/**
 * Whether a person can be asked on this request. A 2026-07-28 client answers
 * `input_required` on any transport; a 2025-era client only where the
 * connection stays open (stdio), because the SDK must push it a request and
 * read the answer on the same connection. Stateless 2025 HTTP cannot.
 */
export function canAskPerson(input: {
  era: Era;
  transport: TransportKind;
  capabilities: ClientCapabilities | undefined;
}): boolean {
  if (input.era === 'legacy' && input.transport === 'http') return false;
  const elicitation = input.capabilities?.elicitation;
  if (!elicitation) return false;
  // An empty object is form mode: the capability's original shape, still sent by many clients.
  return elicitation.form !== undefined || elicitation.url === undefined;
}

/**
 * Whether a token the model relays may confirm this tool: `confirm` tools
 * unless they use the approval queue, `approve` tools only when the operator
 * opted in by env, `person` tools never.
 */
export function acceptsToken(tool: ToolDefinition, allowTokenForHighRisk: boolean): boolean {
  if (tool.confirmation === 'confirm') return tool.approvalQueue !== true;
  return tool.confirmation === 'approve' && allowTokenForHighRisk;
}

/**
 * Enforces the tool's confirmation mode. A decline, a cancel, a missing answer
 * or state that does not verify never runs the call: some clients declare
 * elicitation and decline automatically, so anything but an explicit approval
 * fails closed.
 *
 * Precedence: an answer or approval the call carries is checked first; else a
 * person is asked through the client where it can carry the question; else,
 * for a tool using the approval queue (when approvers are configured), the
 * request waits there for a person other than the caller; else a token the
 * model relays where the tool accepts one; else a structured refusal.
 */
export async function passGate(request: GateRequest, deps: GateDeps): Promise<GateDecision> {
  const { tool } = request;
  if (tool.confirmation === 'none') return { run: true, confirmedBy: 'none' };
  if (request.requestState !== undefined) return checkAnswer(request, deps);
  const queue = tool.approvalQueue ? deps.approvals : undefined;
  if (request.approvalId !== undefined) {
    if (!queue) {
      return refuse(
        'approval_queue_unavailable',
        `${tool.name} was given an approval_id, but this server has no approval queue configured; nothing was sent.`,
      );
    }
    const redeemed = await queue.redeem({
      id: request.approvalId,
      tool: tool.name,
      args: request.args,
      principal: request.principal.name,
    });
    return approvalAnswer({ request, deps, redeemed });
  }

  const tokenAllowed = acceptsToken(tool, deps.allowTokenForHighRisk);
  if (request.token !== undefined && tokenAllowed) {
    const check = await deps.tokens.redeem({
      token: request.token,
      tool: tool.name,
      args: request.args,
    });
    if (check.ok) return { run: true, confirmedBy: 'model_relayed' };
    return refuse(check.code, check.message);
  }
  if (canAskPerson(request)) return askPerson(request, deps);
  if (queue) {
    const record = await queue.request({
      tool: tool.name,
      risk: tool.risk,
      args: request.args,
      requester: request.principal.name,
      request: request.preview,
    });
    return pending({ record, deps, fresh: true });
  }
  if (tokenAllowed) return previewWithToken(request, deps);
  return refuse('human_approval_required', cannotAskMessage(request));
}

/** The repeated call with an approval id: runs once if approved, else says exactly why not. */
function approvalAnswer(input: {
  request: GateRequest;
  deps: GateDeps;
  redeemed: RedeemResult;
}): GateDecision {
  const { request, redeemed } = input;
  const name = request.tool.name;
  if (redeemed.ok) {
    return { run: true, confirmedBy: 'approver', approvalId: redeemed.record.id };
  }
  const again = `Call ${name} again without approval_id to request a new approval.`;
  switch (redeemed.code) {
    case 'pending':
      return redeemed.record
        ? pending({ record: redeemed.record, deps: input.deps, fresh: false })
        : refuse('approval_unknown', `No such approval; nothing was sent. ${again}`);
    case 'rejected':
      return refuse(
        'approval_rejected',
        `A person rejected this request${redeemed.record?.reason ? `: ${redeemed.record.reason}` : ''}. Nothing was sent. Do not retry unless the user asks.`,
        {
          ...(redeemed.record ? { approval_id: redeemed.record.id } : {}),
          ...(redeemed.record?.reason ? { reason: redeemed.record.reason } : {}),
        },
      );
    case 'expired':
      return refuse(
        'approval_expired',
        `The approval expired before it was used; nothing was sent. ${again}`,
      );
    case 'used':
      return refuse(
        'approval_used',
        `This approval was already used; an approval runs its call once. Nothing was sent. ${again}`,
      );
    case 'mismatch':
      return refuse(
        'approval_mismatch',
        `This approval was given for another call (a different tool, arguments or caller); an approval runs exactly the approved request. Nothing was sent. ${again}`,
      );
    case 'not_found':
      return refuse('approval_unknown', `No such approval; nothing was sent. ${again}`);
  }
}

/** The structured "waiting for a person" answer: nothing was sent, and what to do next. */
function pending(input: { record: ApprovalRecord; deps: GateDeps; fresh: boolean }): GateDecision {
  const { record } = input;
  const link = input.deps.approvalLink?.(record.id);
  const approval = {
    id: record.id,
    status: 'pending',
    tool: record.tool,
    requested_by: record.requester,
    expires_at: new Date(record.expiresAt).toISOString(),
    request: record.request,
    ...(link ? { review_url: link } : {}),
    message: `Nothing was sent yet. ${record.tool} needs the approval of a person other than the requester, who reviews this exact request on the server's approval page${input.fresh ? ' (the approvers were notified where a webhook is configured)' : ''}. Tell the user it awaits approval; once approved, call ${record.tool} again with exactly the same arguments plus approval_id "${record.id}" before ${new Date(record.expiresAt).toISOString()}.`,
  };
  const structured = { status: 'approval_pending', approval };
  return {
    run: false,
    outcome: 'approval_pending',
    approvalId: record.id,
    result: {
      content: [{ type: 'text', text: JSON.stringify(structured) }],
      structuredContent: structured,
    },
  };
}

async function askPerson(request: GateRequest, deps: GateDeps): Promise<GateDecision> {
  const { tool, preview } = request;
  const verb = tool.confirmation === 'confirm' ? 'confirm' : 'approve';
  const message = [
    `The assistant wants to run "${tool.listing.title ?? tool.name}" (${tool.risk} risk). Please ${verb}:`,
    `${preview.method} ${preview.path}`,
    ...Object.entries(preview.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(preview.body !== undefined ? [JSON.stringify(preview.body, null, 2)] : []),
  ].join('\n');
  const requestState = await deps.sealed.seal({
    tool: tool.name,
    args: request.args,
    principal: request.principal.name,
  });
  return {
    run: false,
    outcome: 'confirmation_required',
    result: inputRequired({
      inputRequests: {
        [APPROVAL_KEY]: inputRequired.elicit({ message, requestedSchema: APPROVAL_SCHEMA }),
      },
      requestState,
    }),
  };
}

/** The retried call: the state must verify for this tool, these arguments and this caller, once. */
async function checkAnswer(request: GateRequest, deps: GateDeps): Promise<GateDecision> {
  const { tool } = request;
  const opened = await deps.sealed.open({
    state: request.requestState ?? '',
    tool: tool.name,
    args: request.args,
    principal: request.principal.name,
  });
  if (!opened.ok) return refuse(opened.code, opened.message);
  const answer = inputResponse(request.inputResponses, APPROVAL_KEY);
  if (answer.kind === 'elicit' && answer.action === 'accept') {
    if (answer.content?.[APPROVAL_KEY] === true) return { run: true, confirmedBy: 'person' };
    return refuse(
      'confirmation_declined',
      `The user did not approve ${tool.name}; nothing was sent. Do not retry unless the user asks.`,
    );
  }
  if (answer.kind === 'elicit') {
    const error = answer.action === 'cancel' ? 'confirmation_cancelled' : 'confirmation_declined';
    return refuse(
      error,
      `The user did not approve ${tool.name}; nothing was sent. Do not retry unless the user asks.`,
    );
  }
  return refuse(
    'confirmation_failed',
    `No answer from the user came back for ${tool.name}; nothing was sent.`,
  );
}

function previewWithToken(request: GateRequest, deps: GateDeps): GateDecision {
  const { tool } = request;
  const { token, expiresAt } = deps.tokens.mint({ tool: tool.name, args: request.args });
  const confirmation = {
    kind: 'model_relayed',
    token,
    expires_at: new Date(expiresAt).toISOString(),
    request: request.preview,
    message: `Nothing was sent yet. This client cannot show the user a confirmation prompt, so show the user this request; if they confirm, call ${tool.name} again with exactly the same arguments plus confirmation_token.`,
  };
  return {
    run: false,
    outcome: 'confirmation_required',
    result: {
      content: [
        { type: 'text', text: JSON.stringify({ status: 'confirmation_required', confirmation }) },
      ],
      structuredContent: { status: 'confirmation_required', confirmation },
    },
  };
}

/** Says what is true about why no person could be asked, and what would work. */
function cannotAskMessage(request: GateRequest): string {
  const { tool } = request;
  const reason =
    request.era === 'legacy' && request.transport === 'http'
      ? 'this transport cannot ask a person: a 2025-era client over stateless HTTP cannot answer a prompt. Connect over stdio, or with a client that speaks protocol 2026-07-28'
      : 'this client cannot ask a person (it did not declare elicitation support)';
  const queue = tool.approvalQueue
    ? ' The approval queue that could ask one is not configured on this server (no approver tokens).'
    : '';
  const kind = tool.risk === 'high' ? 'a high-risk action' : `a ${tool.risk}-risk action`;
  return `${tool.name} is ${kind} that needs a person's approval, and ${reason}.${queue} Nothing was sent. Ask the user to perform it another way.`;
}

function refuse(
  error: string,
  message: string,
  extra: Pick<ToolError, 'approval_id' | 'reason'> = {},
): GateDecision {
  return {
    run: false,
    outcome: 'refused',
    error,
    result: errorResult({ error, message, ...extra }),
  };
}

/**
 * The preview of a request prepared without credentials: its serialization as
 * sent (form pairs in order, multipart parts, binary size), with the values the
 * server fixes masked, so the model never learns them and a person approves
 * exactly what goes out.
 */
export function previewOf(input: { request: PreparedRequest; baseUrl: string }): RequestPreview {
  const { request } = input;
  if (request.shown) {
    const { path, headers, body } = request.shown;
    return {
      method: request.method,
      path,
      ...(headers ? { headers } : {}),
      ...(body !== undefined ? { body } : {}),
    };
  }
  let body: unknown;
  if (typeof request.body === 'string') {
    try {
      body = JSON.parse(request.body) as unknown;
    } catch {
      body = request.body;
    }
  } else if (request.body instanceof URLSearchParams) {
    body = { form: [...request.body] };
  } else if (request.body instanceof FormData) {
    body = {
      multipart: [...request.body].map(([name, value]) =>
        typeof value === 'string'
          ? { name, value }
          : { name, filename: value.name, contentType: value.type, bytes: value.size },
      ),
    };
  } else if (request.body !== undefined) {
    body = { binary: { contentType: request.body.type, bytes: request.body.size } };
  }
  const path = request.url.startsWith(input.baseUrl)
    ? request.url.slice(input.baseUrl.length)
    : request.url;
  return { method: request.method, path, ...(body !== undefined ? { body } : {}) };
}
