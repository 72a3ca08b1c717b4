export { jsonLiteral, stringLiteral } from '../plan/zod/literal.js';

/**
 * The ways a spec string reaches generated output besides code literals
 * (`stringLiteral`, `jsonLiteral`). Each returns text
 * that is inert in its context, whatever the input holds (`*\/`, backticks,
 * `${`, quotes, line separators, `{{`, NUL…).
 */

/** Text inside a `/** … *\/` or `//` comment: one line, comment terminators broken. */
export function commentText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '*\\/')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text inside a Markdown table cell or paragraph: no HTML, no table breaks, no code fences. */
export function markdownText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\r?\n/g, ' ')
    .trim();
}

/** JSON for a fenced Markdown code block: a backtick can never close the fence. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/`/g, '\\u0060');
}

/** A value on the right of `NAME=` in a dotenv file. */
export function envValue(value: string): string {
  const line = value.replace(/[\r\n\u0000]/g, '');
  return /^[A-Za-z0-9_./:@%+-]*$/.test(line) ? line : JSON.stringify(line);
}
