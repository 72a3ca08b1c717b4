import { appendFileSync } from 'node:fs';

/** One line per tool call: who did what, with what outcome, and how it was confirmed. */
export interface AuditEntry {
  tool: string;
  risk: string;
  /** The inbound caller: a token's name over HTTP, `stdio` for the local process. */
  principal: string;
  arguments: unknown;
  outcome: 'ok' | 'error' | 'refused' | 'confirmation_required' | 'approval_pending';
  error?: string;
  http_status?: number;
  duration_ms: number;
  request_id?: string;
  /**
   * `person`: a person answered a prompt the model cannot see; `model_relayed`:
   * the model sent back a token; `approver`: a person other than the caller
   * approved the exact request on the approval page.
   */
  confirmation: 'none' | 'model_relayed' | 'person' | 'approver';
  /** The approval the call asked for or ran under. */
  approval_id?: string;
}

/** One line per change of an approval: who asked, who decided (and why), when it ran or lapsed. */
export interface ApprovalAuditEntry {
  event: 'requested' | 'approved' | 'rejected' | 'executed' | 'expired';
  approval_id: string;
  tool: string;
  risk: string;
  requester: string;
  approver?: string;
  reason?: string;
  expires_at: string;
}

export type AuditSink = (line: string) => void;

/**
 * Argument names that look like secrets are always redacted, whatever the
 * allowlist says. Names are compared without case and separators
 * (`aws_access_key_id` is `awsaccesskeyid`): parts that mark a secret
 * anywhere in a name, and short names that are secrets only on their own
 * (`pin`, but not `pinned`).
 */
const SECRET_PARTS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'authoriz',
  'authoris',
  'credential',
  'privatekey',
  'cookie',
  'session',
  'signature',
  'refresh',
  'jwt',
];
const SECRET_NAMES = new Set(['auth', 'otp', 'pin', 'cvv', 'cvc', 'ssn', 'key', 'sig']);
const REDACTED = '[redacted]';

function looksSecret(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAMES.has(name) || SECRET_PARTS.some((part) => name.includes(part));
}

/**
 * The arguments as the audit log may show them. `extra` (the allowlist's
 * `redact:`) names fields at any depth, or dot paths from the top
 * (`customer.email`; arrays are walked through, as in `response.fields`).
 */
export function redactArguments(input: { value: unknown; extra: readonly string[] }): unknown {
  const names = new Set(
    input.extra.filter((entry) => !entry.includes('.')).map((name) => name.toLowerCase()),
  );
  const paths = input.extra.filter((entry) => entry.includes('.')).map((path) => path.split('.'));
  const walk = (value: unknown, at: readonly string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, at));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const here = [...at, key];
      const onPath = paths.some(
        (path) => path.length === here.length && path.every((part, i) => part === here[i]),
      );
      out[key] =
        looksSecret(key) || names.has(key.toLowerCase()) || onPath ? REDACTED : walk(child, here);
    }
    return out;
  };
  return walk(input.value, []);
}

/** Line separators that JSON leaves raw but line-splitting readers break on. */
const LINE_BREAKERS = /[\u0085\u2028\u2029]/g;

/** One JSON line that stays one line for every reader. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    LINE_BREAKERS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Audit lines go to a file when configured, else stderr; never stdout, which the stdio transport owns. */
export function createAuditSink(file: string | undefined): AuditSink {
  if (file)
    return (line) => {
      appendFileSync(file, `${line}\n`);
    };
  return (line) => process.stderr.write(`${line}\n`);
}

export function writeAudit(input: { sink: AuditSink; entry: AuditEntry; now: number }): void {
  input.sink(jsonLine({ type: 'audit', time: new Date(input.now).toISOString(), ...input.entry }));
}

export function writeApprovalAudit(input: {
  sink: AuditSink;
  entry: ApprovalAuditEntry;
  now: number;
}): void {
  input.sink(
    jsonLine({ type: 'approval', time: new Date(input.now).toISOString(), ...input.entry }),
  );
}
