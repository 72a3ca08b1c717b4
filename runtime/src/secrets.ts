import type { ServerConfig } from './config.js';

const REDACTED = '[redacted]';
/** Shorter values would match ordinary text; credentials are longer than this. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which this server itself may have put a credential on the
 * wire, so an API that echoes a request cannot hand it to the model: the raw
 * value, JSON-escaped, percent-encoded (path and form styles), and for basic
 * auth the base64 of `user:password`. Longest first, so a longer form is
 * replaced before a shorter one inside it.
 */
export function secretForms(config: ServerConfig): string[] {
  const forms = new Set<string>();
  const add = (value: string) => {
    if (value.length < MIN_SECRET_LENGTH) return;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
    forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  };
  for (const value of Object.values(config.credentials)) add(value);
  for (const scheme of config.authSchemes) {
    if (scheme.kind !== 'basic') continue;
    const [user, password] = scheme.envVars.map((name) => config.credentials[name]);
    if (user !== undefined && password !== undefined) {
      add(Buffer.from(`${user}:${password}`).toString('base64'));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replaces every secret form in a string. */
export function scrubText(text: string, forms: readonly string[]): string {
  let scrubbed = text;
  for (const form of forms)
    if (scrubbed.includes(form)) scrubbed = scrubbed.split(form).join(REDACTED);
  return scrubbed;
}

/**
 * A text cut at a size limit, scrubbed: whole forms as everywhere, and also
 * the start of a form left at the end by the cut (or by an answer the server
 * read only up to its cap), which `scrubText` alone would pass on as part of
 * a credential. Scrub the whole text before cutting where it is at hand.
 */
export function scrubCutText(text: string, forms: readonly string[]): string {
  const scrubbed = scrubText(text, forms);
  for (const form of forms) {
    for (
      let length = Math.min(form.length - 1, scrubbed.length);
      length >= MIN_SECRET_LENGTH;
      length -= 1
    ) {
      if (scrubbed.endsWith(form.slice(0, length)))
        return `${scrubbed.slice(0, -length)}${REDACTED}`;
    }
  }
  return scrubbed;
}

/** A deep copy with every string (keys too) scrubbed; values without a secret are returned as they are. */
export function scrubValue<T>(value: T, forms: readonly string[]): T {
  if (forms.length === 0) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrubText(node, forms);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      out[scrubText(key, forms)] = walk(child);
    }
    return out;
  };
  return walk(value) as T;
}
