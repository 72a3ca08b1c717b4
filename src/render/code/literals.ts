import type { Expr } from '../../plan/syntax.js';

/**
 * Literals as prettier prints them (singleQuote, as-needed property quotes),
 * so that generated files are already in prettier's own layout. Every value
 * here comes from an untrusted spec: the escaping keeps it inside the literal.
 */

/** A string literal: single quotes unless the value holds more single than double quotes. */
export function printString(value: string): string {
  // JSON.stringify escapes backslashes, double quotes, control characters and lone surrogates.
  let json = JSON.stringify(value);
  if (LINE_SEPARATORS.test(json))
    json = json.replace(LINE_SEPARATORS_ALL, (char) => (char === '\u2028' ? '\\u2028' : '\\u2029'));
  const hasSingle = value.includes("'");
  if (!hasSingle && !value.includes('"')) return `'${json.slice(1, -1)}'`;
  if (hasSingle && count(value, "'") > count(value, '"')) return json;
  return `'${json.slice(1, -1).replace(ESCAPED_DOUBLE_OR_SINGLE, (match) => (match === "'" ? "\\'" : match === '\\"' ? '"' : match))}'`;
}

function count(text: string, char: string): number {
  let found = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) found++;
  return found;
}

const LINE_SEPARATORS = /[\u2028\u2029]/;
const LINE_SEPARATORS_ALL = /[\u2028\u2029]/g;
/** An escape (kept whole, so `\\"` is not read as an escaped quote) or a single quote. */
const ESCAPED_DOUBLE_OR_SINGLE = /\\.|'/gs;

/** A number literal in prettier's normal form (JSON.stringify already gives most of it). */
export function printNumber(text: string): string {
  return text
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, '$1$2$3')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/**
 * A property key: bare when it is an ES5 identifier name, else a string;
 * `__proto__` is computed. So is a name holding U+2E2F: a letter by its
 * category (prettier would unquote it) that no identifier may hold.
 */
export function printKey(
  key: { kind: 'identifier'; name: string } | { kind: 'string'; value: string } | { kind: 'computed'; value: string },
): string {
  if (key.kind === 'identifier') return key.name;
  if (key.kind === 'computed') return `[${printString(key.value)}]`;
  const printed = printString(key.value);
  if (!isEs5IdentifierName(key.value) || printed.slice(1, -1) !== key.value) return printed;
  return key.value.includes(NOT_AN_IDENTIFIER_PART) ? `[${printed}]` : key.value;
}

const NOT_AN_IDENTIFIER_PART = '\u2e2f';

const ES5_IDENTIFIER =
  /^[$A-Z_a-z\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}][$0-9A-Z_a-z\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200C\u200D]*$/u;

export function isEs5IdentifierName(name: string): boolean {
  return ES5_IDENTIFIER.test(name);
}

/** A leaf of the syntax: an identifier, a keyword, a string or a number literal. */
export type LeafExpr = Extract<Expr, { kind: 'identifier' | 'keyword' | 'string' | 'number' }>;

/** A leaf as prettier prints it; the code printer and the data printer share it. */
export function printLeaf(expr: LeafExpr): string {
  switch (expr.kind) {
    case 'identifier':
      return expr.name;
    case 'keyword':
      return expr.text;
    case 'string':
      return printString(expr.value);
    case 'number':
      return printNumber(expr.text);
  }
}
