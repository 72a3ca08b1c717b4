import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIRMATION_MODES, type AllowlistTool, type ConfirmationMode } from '../model/allowlist.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { Risk } from '../model/risk.js';

/** The confirmation each risk level gets unless the allowlist asks for more. */
export const DEFAULT_CONFIRMATION: Record<Risk, ConfirmationMode> = {
  read: 'none',
  low: 'none',
  medium: 'confirm',
  high: 'approve',
};

/** Gated tools accept this argument to confirm a previewed call; the runtime strips it before the request. */
export const CONFIRMATION_TOKEN_ARG = 'confirmation_token';

export const CONFIRMATION_TOKEN_SCHEMA: JsonSchema = {
  type: 'string',
  description:
    'Leave out on the first call. The first call returns a preview and a token; after the user confirms, repeat the call with the same arguments and this token.',
};

/** Tools using the approval queue accept this argument to run an approved request; the runtime strips it. */
export const APPROVAL_ID_ARG = 'approval_id';

export const APPROVAL_ID_SCHEMA: JsonSchema = {
  type: 'string',
  description:
    'Leave out on the first call. If it returns status "approval_pending", repeat the call with exactly the same arguments and this id once a person has approved it.',
};

/**
 * Whether a gated tool waits for a person on the approval queue where the
 * client cannot ask one: the tool's own `approval_queue`, else the server's
 * default for high risk. Setting it on a tool that is not gated is an error
 * (nothing would ever be queued).
 */
export function resolveApprovalQueue(input: {
  tool: AllowlistTool;
  mode: ConfirmationMode;
  highRiskDefault: boolean;
}): { queue: boolean; diagnostics: Diagnostic[] } {
  const { tool, mode } = input;
  if (tool.approvalQueue === true && mode === 'none') {
    return {
      queue: false,
      diagnostics: [
        {
          code: 'MCPGEN_APPROVAL_QUEUE_UNGATED',
          severity: 'error',
          message: `tool "${tool.name}" sets approval_queue: true, but its calls need no confirmation (risk "${tool.risk}"), so nothing would ever wait for approval`,
          location: tool.fieldLocations['approval_queue'] ?? tool.location,
          hint: 'Remove the line, or set confirmation: person (or raise the risk) if a person must approve each call.',
        },
      ],
    };
  }
  if (mode === 'none') return { queue: false, diagnostics: [] };
  const queue = tool.approvalQueue ?? (input.highRiskDefault && tool.risk === 'high');
  return { queue, diagnostics: [] };
}

/** The allowlist may make confirmation stricter than the risk's default, never looser. */
export function resolveConfirmation(tool: AllowlistTool): { mode: ConfirmationMode; diagnostics: Diagnostic[] } {
  const fallback = DEFAULT_CONFIRMATION[tool.risk];
  if (tool.confirmation === undefined) return { mode: fallback, diagnostics: [] };
  if (CONFIRMATION_MODES.indexOf(tool.confirmation) >= CONFIRMATION_MODES.indexOf(fallback)) {
    return { mode: tool.confirmation, diagnostics: [] };
  }
  return {
    mode: fallback,
    diagnostics: [
      {
        code: 'MCPGEN_CONFIRMATION_LOOSER_THAN_RISK',
        severity: 'error',
        message: `tool "${tool.name}" sets confirmation "${tool.confirmation}", looser than "${fallback}" which risk "${tool.risk}" requires`,
        location: tool.fieldLocations['confirmation'] ?? tool.location,
        hint: `Remove the line (risk "${tool.risk}" implies "${fallback}") or lower the tool's risk if the action really is safer.`,
      },
    ],
  };
}

/**
 * What a gated tool returns: `completed` with the API's answer under `result`,
 * or `confirmation_required` with the preview and token. One schema covers
 * both, so clients that validate `structuredContent` accept either.
 */
export function gatedOutputSchema(result: JsonSchema | undefined, queue = false): JsonSchema {
  return {
    type: 'object',
    properties: {
      status: {
        type: 'string',
        enum: queue
          ? ['completed', 'confirmation_required', 'approval_pending']
          : ['completed', 'confirmation_required'],
        description: queue
          ? '"completed": the action ran and `result` holds the answer. "confirmation_required" or "approval_pending": nothing ran yet.'
          : '"completed": the action ran and `result` holds the answer. "confirmation_required": nothing ran yet.',
      },
      ...(result ? { result } : {}),
      ...(queue
        ? {
            approval: {
              type: 'object',
              description:
                'Present when status is "approval_pending": the approval id, the exact request a person reviews, who asked, and when it expires.',
              properties: {
                id: { type: 'string' },
                status: { type: 'string' },
                tool: { type: 'string' },
                requested_by: { type: 'string' },
                expires_at: { type: 'string', format: 'date-time' },
                request: {
                  type: 'object',
                  properties: { method: { type: 'string' }, path: { type: 'string' }, body: {} },
                  required: ['method', 'path'],
                },
                review_url: { type: 'string' },
                message: { type: 'string' },
              },
              required: ['id', 'status', 'tool', 'requested_by', 'expires_at', 'request', 'message'],
            },
          }
        : {}),
      confirmation: {
        type: 'object',
        description:
          'Present when status is "confirmation_required": what would be sent, and the token that confirms it.',
        properties: {
          token: { type: 'string' },
          expires_at: { type: 'string', format: 'date-time' },
          request: {
            type: 'object',
            properties: { method: { type: 'string' }, path: { type: 'string' }, body: {} },
            required: ['method', 'path'],
          },
          message: { type: 'string' },
        },
        required: ['token', 'expires_at', 'request', 'message'],
      },
    },
    required: ['status'],
  };
}
