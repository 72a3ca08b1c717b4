import { appendFileSync } from 'node:fs';

/** One line per tool call: who did what, with what outcome, and how it was confirmed. */
export interface AuditEntry {
  tool: string;
  risk: string;
  /** The inbound caller: a token's name over HTTP, `stdio` for the local process. */
  principal: string;
  arguments: unknown;
  outcome: 'ok' | 'error' | 'refused' | 'confirmation_required';
  error?: string;
  http_status?: number;
  duration_ms: number;
  request_id?: string;
  /** `person`: a person answered a prompt the model cannot see; `model_relayed`: the model sent back a token. */
  confirmation: 'none' | 'model_relayed' | 'person';
}

export type AuditSink = (line: string) => void;

/** Argument names that look like secrets are always redacted, whatever the allowlist says. */
const SECRET_NAME =
  /pass(word|phrase)?|secret|token|api[-_]?key|apikey|authori[sz]ation|credential|private[-_]?key|cookie|session/i;
const REDACTED = '[redacted]';

export function redactArguments(input: { value: unknown; extra: readonly string[] }): unknown {
  const extra = new Set(input.extra.map((name) => name.toLowerCase()));
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SECRET_NAME.test(key) || extra.has(key.toLowerCase()) ? REDACTED : walk(child);
    }
    return out;
  };
  return walk(input.value);
}

/** Audit lines go to a file when configured, else stderr; never stdout, which the stdio transport owns. */
export function createAuditSink(file: string | undefined): AuditSink {
  if (file) return (line) => appendFileSync(file, `${line}\n`);
  return (line) => process.stderr.write(`${line}\n`);
}

export function writeAudit(input: { sink: AuditSink; entry: AuditEntry; now: number }): void {
  input.sink(
    JSON.stringify({ type: 'audit', time: new Date(input.now).toISOString(), ...input.entry }),
  );
}
