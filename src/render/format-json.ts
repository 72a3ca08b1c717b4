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
  const writer = new JsonWriter(options.inlineObjects === true);
  writer.write(value, 0, 0, 0);
  return `${writer.text}\n`;
}

/**
 * One formatting run. Manifests hold hundreds of thousands of keys, mostly
 * the same few names at the same depths, so the text that starts a key's
 * line (newline, indentation, quoted key) is built once per depth and key.
 * The text grows by concatenation: V8 keeps it as a rope until it is read,
 * which measured faster and smaller at the peak than joining an array of
 * millions of pieces (Stripe's 14 MB manifest: heap 102 MB against 143 MB).
 */
class JsonWriter {
  text = '';
  /** Per depth: `\n`, the indentation, and each key's `"key": ` (with its display width). */
  private readonly keyLines: Array<Map<string, { line: string; width: number }>> = [];
  /** Per depth: `\n` and the indentation. */
  private readonly breaks: string[] = [];
  /** Per depth: the indentation. */
  private readonly indents: string[] = [];

  /** @param inline objects that fit go on one line */
  constructor(private readonly inline: boolean) {}

  /**
   * @param depth nesting level (indentation is two spaces a level)
   * @param column where the value starts on its line
   * @param trailing width of what follows the value on its line (a comma, or nothing)
   */
  write(value: unknown, depth: number, column: number, trailing: number): void {
    if (typeof value !== 'object' || value === null) {
      this.text += scalar(value);
      return;
    }
    if (Array.isArray(value)) {
      this.writeArray(value, depth, column, trailing);
      return;
    }
    if (this.inline) {
      const flat = flatObject(value as Record<string, unknown>, PRINT_WIDTH - column - trailing);
      if (flat !== undefined) {
        this.text += flat.text;
        return;
      }
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      this.text += '{}';
      return;
    }
    const inner = depth + 1;
    const innerWidth = 2 * inner;
    const last = keys.length - 1;
    this.text += '{';
    for (let index = 0; index <= last; index += 1) {
      const key = keys[index] as string;
      const start = this.keyLine(inner, key);
      this.text += start.line;
      const child = (value as Record<string, unknown>)[key];
      this.write(child, inner, innerWidth + start.width, index === last ? 0 : 1);
      if (index !== last) this.text += ',';
    }
    this.text += `${this.lineBreak(depth)}}`;
  }

  private writeArray(items: unknown[], depth: number, column: number, trailing: number): void {
    if (items.length === 0) {
      this.text += '[]';
      return;
    }
    const flat = flatArray(items, PRINT_WIDTH - column - trailing, this.inline);
    if (flat !== undefined && !mustBreak(items)) {
      this.text += flat.text;
      return;
    }
    const inner = depth + 1;
    const innerWidth = 2 * inner;
    const innerBreak = this.lineBreak(inner);
    const last = items.length - 1;
    this.text += '[';
    if (items.every((item) => typeof item === 'number')) {
      // prettier fills numbers: as many to a line as fit.
      let lineColumn = PRINT_WIDTH + 1;
      for (let index = 0; index <= last; index += 1) {
        const text = index < last ? `${scalar(items[index])},` : scalar(items[index]);
        if (lineColumn + 1 + text.length <= PRINT_WIDTH) {
          this.text += ` ${text}`;
          lineColumn += 1 + text.length;
        } else {
          this.text += innerBreak + text;
          lineColumn = innerWidth + text.length;
        }
      }
    } else {
      for (let index = 0; index <= last; index += 1) {
        this.text += innerBreak;
        this.write(items[index], inner, innerWidth, index === last ? 0 : 1);
        if (index !== last) this.text += ',';
      }
    }
    this.text += `${this.lineBreak(depth)}]`;
  }

  private keyLine(depth: number, key: string): { line: string; width: number } {
    let keys = this.keyLines[depth];
    if (keys === undefined) {
      keys = new Map();
      this.keyLines[depth] = keys;
    }
    let start = keys.get(key);
    if (start === undefined) {
      const prefix = `${JSON.stringify(key)}: `;
      start = { line: `${this.lineBreak(depth)}${prefix}`, width: displayWidth(prefix) };
      keys.set(key, start);
    }
    return start;
  }

  private lineBreak(depth: number): string {
    let text = this.breaks[depth];
    if (text === undefined) {
      text = `\n${this.indent(depth)}`;
      this.breaks[depth] = text;
    }
    return text;
  }

  private indent(depth: number): string {
    let text = this.indents[depth];
    if (text === undefined) {
      text = '  '.repeat(depth);
      this.indents[depth] = text;
    }
    return text;
  }
}

/**
 * The array on one line, unless it holds an object (objects always break,
 * unless `inline`) or is wider than `room`: then undefined as soon as that is
 * known, so a long array is not written out whole only to be broken.
 */
function flatArray(items: unknown[], room: number, inline = false): { text: string; width: number } | undefined {
  const parts: string[] = [];
  let width = 2 + 2 * (items.length - 1);
  if (width > room) return undefined;
  for (const item of items) {
    if (Array.isArray(item)) {
      if (item.length > 0 && mustBreak(item)) return undefined;
      const inner = item.length === 0 ? { text: '[]', width: 2 } : flatArray(item, room - width, inline);
      if (inner === undefined) return undefined;
      parts.push(inner.text);
      width += inner.width;
    } else if (item !== null && typeof item === 'object') {
      const inner = inline ? flatObject(item as Record<string, unknown>, room - width) : undefined;
      if (inner === undefined && Object.keys(item).length > 0) return undefined;
      parts.push(inner?.text ?? '{}');
      width += inner?.width ?? 2;
    } else {
      const text = scalar(item);
      parts.push(text);
      width += displayWidth(text);
    }
    if (width > room) return undefined;
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
    if (Array.isArray(child))
      flat = child.length === 0 ? { text: '[]', width: 2 } : flatArray(child, room - width, true);
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
  // Integers below 1e21 print as their digits, which printNumber leaves as they are.
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`formatJson: a ${typeof value} is not JSON`);
  return typeof value === 'number' ? printNumber(text) : text;
}
