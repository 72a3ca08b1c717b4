import { printNumber } from './code/literals.js';
import { displayWidth } from './display-width.js';

const PRINT_WIDTH = 100;

/**
 * A JSON file as prettier formats it (printWidth 100): every non-empty
 * object one key per line; an array on one line when it fits, else one item
 * per line (numbers filled across lines); no trailing commas. Written
 * directly rather than through prettier's doc printer: manifests and
 * listing snapshots run to megabytes, and this is the whole rule set.
 *
 * With `inlineObjects`, an object that fits on its line is written on it
 * (`{ "type": "string" }`), as prettier keeps an object it finds on one line:
 * still prettier's layout, a third fewer lines for the manifest.
 */
export function formatJson(value: unknown, options: { inlineObjects?: boolean } = {}): string {
  const out: string[] = [];
  write({ value, indent: '', column: 0, trailing: 0, out, inline: options.inlineObjects === true });
  out.push('\n');
  return out.join('');
}

interface Place {
  value: unknown;
  indent: string;
  /** Where the value starts on its line. */
  column: number;
  /** Width of what follows the value on its line (a comma, or nothing). */
  trailing: number;
  out: string[];
  /** Objects that fit go on one line. */
  inline: boolean;
}

function write(place: Place): void {
  const { value, indent, out } = place;
  if (Array.isArray(value)) return writeArray({ ...place, value });
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    if (place.inline) {
      const flat = flatObject(value as Record<string, unknown>, PRINT_WIDTH - place.column - place.trailing);
      if (flat !== undefined) {
        out.push(flat.text);
        return;
      }
    }
    const inner = `${indent}  `;
    out.push('{');
    keys.forEach((key, index) => {
      const prefix = `${JSON.stringify(key)}: `;
      out.push('\n', inner, prefix);
      const last = index === keys.length - 1;
      const child = (value as Record<string, unknown>)[key];
      write({
        value: child,
        indent: inner,
        column: inner.length + displayWidth(prefix),
        trailing: last ? 0 : 1,
        out,
        inline: place.inline,
      });
      if (!last) out.push(',');
    });
    out.push('\n', indent, '}');
    return;
  }
  out.push(scalar(value));
}

function writeArray(place: Place & { value: unknown[] }): void {
  const { value: items, indent, out } = place;
  if (items.length === 0) {
    out.push('[]');
    return;
  }
  const flat = flatArray(items, place.inline);
  if (flat !== undefined && !mustBreak(items) && place.column + flat.width + place.trailing <= PRINT_WIDTH) {
    out.push(flat.text);
    return;
  }
  const inner = `${indent}  `;
  out.push('[');
  if (items.every((item) => typeof item === 'number')) {
    // prettier fills numbers: as many to a line as fit.
    const texts = items.map((item, index) => `${scalar(item)}${index < items.length - 1 ? ',' : ''}`);
    let column = PRINT_WIDTH + 1;
    for (const text of texts) {
      if (column + 1 + text.length <= PRINT_WIDTH) {
        out.push(' ', text);
        column += 1 + text.length;
      } else {
        out.push('\n', inner, text);
        column = inner.length + text.length;
      }
    }
  } else {
    items.forEach((item, index) => {
      const last = index === items.length - 1;
      out.push('\n', inner);
      write({ value: item, indent: inner, column: inner.length, trailing: last ? 0 : 1, out, inline: place.inline });
      if (!last) out.push(',');
    });
  }
  out.push('\n', indent, ']');
}

/** The array on one line, unless it holds an object (objects always break, unless `inline`). */
function flatArray(items: unknown[], inline = false): { text: string; width: number } | undefined {
  const parts: string[] = [];
  let width = 2 + 2 * (items.length - 1);
  for (const item of items) {
    if (Array.isArray(item)) {
      if (item.length > 0 && mustBreak(item)) return undefined;
      const inner = item.length === 0 ? { text: '[]', width: 2 } : flatArray(item, inline);
      if (inner === undefined) return undefined;
      parts.push(inner.text);
      width += inner.width;
    } else if (item !== null && typeof item === 'object') {
      const inner = inline ? flatObject(item as Record<string, unknown>, PRINT_WIDTH) : undefined;
      if (inner === undefined && Object.keys(item).length > 0) return undefined;
      parts.push(inner?.text ?? '{}');
      width += inner?.width ?? 2;
    } else {
      const text = scalar(item);
      parts.push(text);
      width += displayWidth(text);
    }
  }
  return { text: `[${parts.join(', ')}]`, width };
}

/**
 * The object on one line when it is at most `room` wide: scalars, arrays
 * `flatArray` writes flat, and objects of the same kind. Stops as soon as it
 * is too wide, so large objects cost no more than a line.
 */
function flatObject(value: Record<string, unknown>, room: number): { text: string; width: number } | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0) return { text: '{}', width: 2 };
  const parts: string[] = [];
  let width = 4 + 2 * (keys.length - 1);
  for (const key of keys) {
    if (width > room) return undefined;
    const child = value[key];
    const name = JSON.stringify(key);
    let flat: { text: string; width: number } | undefined;
    if (Array.isArray(child)) flat = child.length === 0 ? { text: '[]', width: 2 } : flatArray(child, true);
    else if (child !== null && typeof child === 'object')
      flat = flatObject(child as Record<string, unknown>, room - width);
    else {
      const text = scalar(child);
      flat = { text, width: displayWidth(text) };
    }
    if (flat === undefined || (Array.isArray(child) && mustBreak(child))) return undefined;
    parts.push(`${name}: ${flat.text}`);
    width += displayWidth(name) + 2 + flat.width;
  }
  return width > room ? undefined : { text: `{ ${parts.join(', ')} }`, width };
}

/** prettier breaks an array of two or more arrays (or objects) that each have two or more entries. */
function mustBreak(items: unknown[]): boolean {
  return (
    items.length > 1 &&
    items.every((item, index) => {
      const next = items[index + 1];
      if (item === null || typeof item !== 'object') return false;
      if (
        next !== undefined &&
        (next === null || typeof next !== 'object' || Array.isArray(next) !== Array.isArray(item))
      )
        return false;
      return (Array.isArray(item) ? item.length : Object.keys(item).length) > 1;
    })
  );
}

/** A string, number, boolean or null as prettier prints it in JSON (numbers normalized: `1e21`, not `1e+21`). */
function scalar(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`formatJson: a ${typeof value} is not JSON`);
  return typeof value === 'number' ? printNumber(text) : text;
}
