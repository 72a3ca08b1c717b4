import type { CompiledPattern } from '../../build/schema/spec-pattern.js';
import { compilePattern } from './formats.js';

/** How much longer than the minimum each unbounded repetition may be made, tried in order. */
const STRETCHES = [0, 1, 2, 4, 8, 16, 32, 64];
/** Characters tried for a character class or class escape, most natural first. */
const CANDIDATES = ['a', 'A', '0', 'x', '1', '_', '-', '.', ' ', '@', '+', '/', ':'];

/**
 * A string matching `pattern` (and the length bounds), built by walking the
 * regex: first alternatives, minimal repetitions, a natural character per
 * class. Undefined when the pattern uses something this walk cannot satisfy
 * (backreferences) or the result does not actually match.
 */
export function stringForPattern(input: {
  pattern: string;
  minLength?: number;
  maxLength?: number;
}): string | undefined {
  const regex = compilePattern(input.pattern);
  if (regex === undefined) return undefined;
  for (const stretch of STRETCHES) {
    const built = build({ source: input.pattern, stretch });
    if (built === undefined) return undefined;
    const fits =
      (input.minLength === undefined || built.length >= input.minLength) &&
      (input.maxLength === undefined || built.length <= input.maxLength);
    if (fits && regex.test(built)) return built;
  }
  return padToMinimum({ regex, ...input });
}

/**
 * An unanchored pattern (`\d`) matches a short string that the length bounds
 * reject; padding it on either side keeps the match, which is re-checked.
 */
function padToMinimum(input: {
  regex: CompiledPattern;
  pattern: string;
  minLength?: number;
  maxLength?: number;
}): string | undefined {
  const built = build({ source: input.pattern, stretch: 0 });
  if (built === undefined || input.minLength === undefined || built.length >= input.minLength) return undefined;
  const padding = 'a'.repeat(input.minLength - built.length);
  return [built + padding, padding + built].find(
    (candidate) =>
      input.regex.test(candidate) && (input.maxLength === undefined || candidate.length <= input.maxLength),
  );
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

interface Cursor {
  source: string;
  at: number;
  stretch: number;
}

class Unsupported extends Error {}

function build(input: { source: string; stretch: number }): string | undefined {
  const cursor: Cursor = { source: input.source, at: 0, stretch: input.stretch };
  try {
    return alternation(cursor);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function alternation(cursor: Cursor): string {
  const first = sequence(cursor);
  while (cursor.source[cursor.at] === '|') {
    cursor.at += 1;
    sequence(cursor); // parsed only to move past it: the first alternative is used
  }
  return first;
}

function sequence(cursor: Cursor): string {
  let out = '';
  while (cursor.at < cursor.source.length && cursor.source[cursor.at] !== '|' && cursor.source[cursor.at] !== ')') {
    const piece = atom(cursor);
    const { min, max } = quantifier(cursor);
    const count = Math.min(max, min + cursor.stretch);
    out += piece.repeat(count);
  }
  return out;
}

function atom(cursor: Cursor): string {
  const { source } = cursor;
  const char = source[cursor.at] as string;
  cursor.at += 1;
  if (char === '^' || char === '$') return '';
  if (char === '.') return 'a';
  if (char === '[') return characterClass(cursor);
  if (char === '\\') return escape(cursor);
  if (char !== '(') return char;
  const lookaround = /^\?<?[=!]/.exec(source.slice(cursor.at));
  const named = /^\?<[^>]*>|^\?:/.exec(source.slice(cursor.at));
  cursor.at += (lookaround ?? named)?.[0].length ?? 0;
  const inner = alternation(cursor);
  if (source[cursor.at] !== ')') throw new Unsupported();
  cursor.at += 1;
  return lookaround ? '' : inner;
}

function characterClass(cursor: Cursor): string {
  const start = cursor.at - 1;
  while (cursor.at < cursor.source.length && cursor.source[cursor.at] !== ']') {
    cursor.at += cursor.source[cursor.at] === '\\' ? 2 : 1;
  }
  cursor.at += 1;
  return pick(cursor.source.slice(start, cursor.at));
}

function escape(cursor: Cursor): string {
  const { source } = cursor;
  const start = cursor.at - 1;
  const char = source[cursor.at] ?? '';
  cursor.at += 1;
  if (/[1-9k]/.test(char)) throw new Unsupported(); // backreferences
  if (char === 'b' || char === 'B') return '';
  if (char === 'p' || char === 'P') {
    const close = source.indexOf('}', cursor.at);
    cursor.at = close < 0 ? source.length : close + 1;
    return pick(source.slice(start, cursor.at));
  }
  const code = /^u\{[0-9a-fA-F]+\}|^u[0-9a-fA-F]{4}|^x[0-9a-fA-F]{2}/.exec(source.slice(cursor.at - 1))?.[0];
  if (code !== undefined) {
    cursor.at += code.length - 1;
    return String.fromCodePoint(Number.parseInt(code.replace(/[ux{}]/g, ''), 16));
  }
  if (/[dDwWsS]/.test(char)) return pick(source.slice(start, cursor.at));
  return CONTROL_ESCAPES[char] ?? char;
}

function quantifier(cursor: Cursor): { min: number; max: number } {
  const rest = cursor.source.slice(cursor.at);
  const match = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
  if (match === null) return { min: 1, max: 1 };
  cursor.at += match[0].length;
  const [, symbol, low, comma, high] = match;
  if (symbol === '*') return { min: 0, max: Infinity };
  if (symbol === '+') return { min: 1, max: Infinity };
  if (symbol === '?') return { min: 0, max: 1 };
  const min = Number(low);
  if (comma === undefined) return { min, max: min };
  return { min, max: high ? Number(high) : Infinity };
}

/** The first candidate the class (or class escape) `text` accepts. */
function pick(text: string): string {
  const regex = compilePattern(`^${text}$`);
  if (regex === undefined) throw new Unsupported();
  const inClass = [...text].filter((char) => !'[]^\\-'.includes(char));
  const found = [...CANDIDATES, ...inClass].find((candidate) => regex.test(candidate));
  if (found === undefined) throw new Unsupported();
  return found;
}
