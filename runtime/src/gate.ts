import {
  inputRequired,
  inputResponse,
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
} from '@modelcontextprotocol/server';
import type { ConfirmationTokens } from './confirmation-token.js';
import type { PreparedRequest } from './request.js';
import type { SealedRequestState } from './request-state.js';
import { errorResult } from './results.js';
import type { Principal, ToolDefinition } from './types.js';

/** The protocol family of one request: `modern` is 2026-07-28, `legacy` the 2025 revisions. */
export type Era = 'modern' | 'legacy';
export type TransportKind = 'stdio' | 'http';

/** How a call that ran was confirmed; a token the model relayed is never called a person's approval. */
export type ConfirmedBy = 'none' | 'model_relayed' | 'person';

/** What the gate decided: run (and how the call was confirmed), or answer without running. */
export type GateDecision =
  | { run: true; confirmedBy: ConfirmedBy }
  | {
      run: false;
      result: CallToolResult | InputRequiredResult;
      outcome: 'refused' | 'confirmation_required';
      error?: string;
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
 * Enforces the tool's confirmation mode. A decline, a cancel, a missing answer
 * or state that does not verify never runs the call: some clients declare
 * elicitation and decline automatically, so anything but an explicit approval
 * fails closed.
 */
export async function passGate(request: GateRequest, deps: GateDeps): Promise<GateDecision> {
  const { tool } = request;
  if (tool.confirmation === 'none') return { run: true, confirmedBy: 'none' };
  if (request.requestState !== undefined) return checkAnswer(request, deps);

  const tokenAllowed = tool.confirmation === 'confirm' || deps.allowTokenForHighRisk;
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
  if (tokenAllowed) return previewWithToken(request, deps);
  return refuse('human_approval_required', cannotAskMessage(request));
}

async function askPerson(request: GateRequest, deps: GateDeps): Promise<GateDecision> {
  const { tool, preview } = request;
  const verb = tool.confirmation === 'approve' ? 'approve' : 'confirm';
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
  return `${tool.name} is a high-risk action that needs a person's approval, and ${reason}. Nothing was sent. Ask the user to perform it another way.`;
}

function refuse(error: string, message: string): GateDecision {
  return { run: false, outcome: 'refused', error, result: errorResult({ error, message }) };
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
