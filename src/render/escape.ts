import { formatJson } from './format-json.js';

/**
 * The ways a spec string reaches generated output besides code literals
 * (string nodes of the code printer, render/code/literals.ts). Each returns text
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

/**
 * Text inside a Markdown table cell, heading or paragraph: no HTML, no table
 * breaks, no code, emphasis, links or block markers. Backslash escapes are
 * used where Markdown has them, and prettier keeps them as written.
 */
export function markdownText(value: string): string {
  return (
    value
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, ' ')
      .replace(/\r?\n/g, ' ')
      // prettier collapses runs of spaces in Markdown text.
      .replace(/[ \t]+/g, ' ')
      .trim()
      .replace(/[\\`*_[\]~|]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/^([#+=-]|\d+[.)])/, '\\$1')
  );
}

/** JSON for a fenced Markdown code block, as prettier lays it out: a backtick can never close the fence. */
export function jsonBlock(value: unknown): string {
  return formatJson(value).trimEnd().replace(/`/g, '\\u0060');
}

/** A value on the right of `NAME=` in a dotenv file. */
export function envValue(value: string): string {
  const line = value.replace(/[\r\n\u0000]/g, '');
  if (/^[A-Za-z0-9_./:@%+-]*$/.test(line)) return line;
  // Single quotes are literal both for a shell that sources the file and for dotenv parsers
  // (`node --env-file`); a value that itself holds one cannot be written safely, so none is suggested.
  return line.includes("'") ? '' : `'${line}'`;
}

/**
 * A shell word whose middle is a variable the user's shell expands (a secret
 * taken from the environment): `"prefix${VAR}suffix"`. The literal parts come
 * from mcpgen, never from the spec; anything special inside double quotes is refused.
 */
export function shellEnvWord(word: { prefix: string; env: string; suffix?: string }): string {
  const suffix = word.suffix ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(word.env) || /["$`\\!\r\n]/.test(word.prefix + suffix)) {
    throw new Error(`unsafe shell word around $${word.env}`);
  }
  return `"${word.prefix}\${${word.env}}${suffix}"`;
}

/** One POSIX shell word: safe characters as they are, anything else single-quoted so nothing expands. */
export function shellWord(value: string): string {
  const line = value.replace(/[\r\n\u0000]/g, '');
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(line)) return line;
  return `'${line.replace(/'/g, `'\\''`)}'`;
}
