import { displayWidth } from '../display-width.js';
import { printKey, printLeaf, printString } from './literals.js';
import type { Expr, Property } from '../../plan/syntax.js';

/**
 * Declarations whose value is plain data (objects, arrays, literals and
 * identifiers: tool definitions, listings, test cases) printed straight to
 * text with the rules prettier applies to them, without building a document
 * for prettier's printer: these are most of a generated project's bytes.
 * `layout.ts` handles everything else; the parity tests hold both to prettier.
 */

const WIDTH = 100;

export type DataExpr = Exclude<Expr, { kind: 'call' | 'member' | 'arrow' | 'json' | 'measured' }>;

export function isData(expr: Expr): expr is DataExpr {
  switch (expr.kind) {
    case 'object':
      return expr.properties.every((property) => isData(property.value));
    case 'array':
      return expr.elements.every(isData);
    case 'negative':
      return isData(expr.argument);
    case 'identifier':
    case 'keyword':
    case 'string':
    case 'number':
      return true;
    default:
      return false;
  }
}

/** `[export] const left = value;` */
export function printDataDeclaration(input: { left: string; value: DataExpr }): string {
  const { left, value } = input;
  const flat = flatText(value);
  if (flat !== undefined && displayWidth(left) + 3 + flat.width + 1 <= WIDTH) return `${left} = ${flat.text};`;
  if (value.kind === 'string') return `${left} =\n  ${flat?.text ?? printString(value.value)};`;
  if (value.kind === 'number' || (value.kind === 'keyword' && value.text !== 'null'))
    return `${left} = ${flat?.text ?? ''};`;
  const column = displayWidth(left) + 3;
  if (column + headWidth(value) <= WIDTH) return `${left} = ${printValue({ value, column, indent: 0, trailing: 1 })};`;
  return `${left} =\n  ${printValue({ value, column: 2, indent: 2, trailing: 1 })};`;
}

interface Flat {
  text: string;
  width: number;
}

const flatCache = new WeakMap<Expr, Flat | null>();

/**
 * A collection wider than a line: it fits nowhere, so its one-line text is
 * never built (building it at every level of a deep value is quadratic).
 * Callers treat it as they treat a value that must break: neither fits.
 */
const TOO_WIDE: Flat = { text: '', width: Number.POSITIVE_INFINITY };

/**
 * The value on one line (TOO_WIDE for a collection wider than a line), or
 * undefined when prettier would break it whatever the width.
 */
function flatText(expr: DataExpr): Flat | undefined {
  const known = flatCache.get(expr);
  if (known !== undefined) return known ?? undefined;
  const flat = computeFlat(expr);
  flatCache.set(expr, flat ?? null);
  return flat;
}

function computeFlat(expr: DataExpr): Flat | undefined {
  switch (expr.kind) {
    case 'object': {
      if (expr.properties.length === 0) return { text: '{}', width: 2 };
      if (expr.expanded) return undefined;
      const parts: string[] = [];
      let width = 4 + 2 * (expr.properties.length - 1);
      for (const property of expr.properties) {
        const value = flatText(property.value as DataExpr);
        if (value === undefined) return undefined;
        const key = printKey(property.key);
        width += displayWidth(key) + 2 + value.width;
        if (width > WIDTH) return TOO_WIDE;
        parts.push(`${key}: ${value.text}`);
      }
      return { text: `{ ${parts.join(', ')} }`, width };
    }
    case 'array': {
      if (expr.elements.length === 0) return { text: '[]', width: 2 };
      if (mustBreak(expr.elements)) return undefined;
      const parts: string[] = [];
      let width = 2 + 2 * (expr.elements.length - 1);
      for (const element of expr.elements) {
        const value = flatText(element as DataExpr);
        if (value === undefined) return undefined;
        width += value.width;
        if (width > WIDTH) return TOO_WIDE;
        parts.push(value.text);
      }
      return { text: `[${parts.join(', ')}]`, width };
    }
    default: {
      const text = scalarText(expr);
      return { text, width: displayWidth(text) };
    }
  }
}

function scalarText(expr: DataExpr): string {
  if (expr.kind === 'negative') return `-${scalarText(expr.argument as DataExpr)}`;
  if (expr.kind === 'object' || expr.kind === 'array') throw new TypeError(`print-data: ${expr.kind} is not a scalar`);
  return printLeaf(expr);
}

/** An array of two or more objects (or arrays) of the same kind, each with two or more entries. */
function mustBreak(elements: Expr[]): boolean {
  return (
    elements.length > 1 &&
    elements.every((element, index) => {
      const next = elements[index + 1];
      if (next !== undefined && next.kind !== element.kind) return false;
      if (element.kind === 'object') return element.properties.length > 1;
      if (element.kind === 'array') return element.elements.length > 1;
      return false;
    })
  );
}

/** Width up to the first place the value could break: `{` or `[`, or the whole of anything else. */
function headWidth(expr: DataExpr): number {
  if ((expr.kind === 'object' && expr.properties.length > 0) || (expr.kind === 'array' && expr.elements.length > 0))
    return 1;
  return (flatText(expr)?.width ?? 0) + 1;
}

/**
 * The value starting at `column`, its later lines indented from `indent`,
 * followed on its last line by `trailing` characters (a comma or semicolon).
 */
function printValue(input: { value: DataExpr; column: number; indent: number; trailing: number }): string {
  const { value, column, indent, trailing } = input;
  const flat = flatText(value);
  if (flat !== undefined && column + flat.width + trailing <= WIDTH) return flat.text;
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  if (value.kind === 'object' && value.properties.length > 0) {
    const lines = value.properties.map((property) => `\n${pad}${printProperty(property, inner)},`);
    return `{${lines.join('')}\n${' '.repeat(indent)}}`;
  }
  if (value.kind === 'array' && value.elements.length > 0) {
    if (
      value.elements.every(
        (element) => element.kind === 'number' || (element.kind === 'negative' && element.argument.kind === 'number'),
      )
    ) {
      return `[${fillNumbers(value.elements as DataExpr[], inner)}\n${' '.repeat(indent)}]`;
    }
    const lines = value.elements.map(
      (element) => `\n${pad}${printValue({ value: element as DataExpr, column: inner, indent: inner, trailing: 1 })},`,
    );
    return `[${lines.join('')}\n${' '.repeat(indent)}]`;
  }
  return flat?.text ?? scalarText(value);
}

/** prettier fills number arrays: as many per line as fit, each with its comma. */
function fillNumbers(elements: DataExpr[], indent: number): string {
  let text = '';
  let column = WIDTH + 1;
  for (const element of elements) {
    const item = `${scalarText(element)},`;
    if (column + 1 + item.length <= WIDTH) {
      text += ` ${item}`;
      column += 1 + item.length;
    } else {
      text += `\n${' '.repeat(indent)}${item}`;
      column = indent + item.length;
    }
  }
  return text;
}

/** `key: value` inside a broken object, at `indent`, followed by a comma. */
function printProperty(property: Property, indent: number): string {
  const key = printKey(property.key);
  const value = property.value as DataExpr;
  const keyWidth = displayWidth(key);
  const flat = flatText(value);
  if (flat !== undefined && indent + keyWidth + 2 + flat.width + 1 <= WIDTH) return `${key}: ${flat.text}`;
  // prettier keeps a value on the line of a very short key.
  const shortKey = keyWidth < 5;
  const sameLine = (): string => `${key}: ${printValue({ value, column: indent + keyWidth + 2, indent, trailing: 1 })}`;
  const nextLine = (): string =>
    `${key}:\n${' '.repeat(indent + 2)}${printValue({ value, column: indent + 2, indent: indent + 2, trailing: 1 })}`;
  if (shortKey || value.kind === 'number' || (value.kind === 'keyword' && value.text !== 'null')) return sameLine();
  if (value.kind === 'string') return nextLine();
  return indent + keyWidth + 2 + headWidth(value) <= WIDTH ? sameLine() : nextLine();
}
