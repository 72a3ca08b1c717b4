import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerModel } from '../model/server.js';
import { MCPGEN_VERSION } from '../version.js';
import { RUNTIME_DIR, TEMPLATES_DIR } from './asset-dirs.js';
import { GENERATOR_CODE_DIGEST } from './generator-code.js';

let assetsDigest: string | undefined;

/**
 * A digest of everything a generated project is rendered from: mcpgen's
 * version, its rendering code (GENERATOR_CODE_DIGEST), templates and runtime
 * sources, and the model; and of the file hashes the manifest records, so a
 * manifest edited by hand no longer matches it. Rendering is a pure function
 * of these, so an equal digest means a fresh render gives the recorded files,
 * except where the spec's server URL is written: its scheme, host and port are
 * left out, as `check` does not count their change as drift
 * (check/server-url.ts). `check` compares hashes instead of rendering again
 * while the digest is unchanged.
 */
export function generationDigest(input: { model: ServerModel; files: Readonly<Record<string, string>> }): string {
  assetsDigest ??= digestAssets();
  const { model } = input;
  const digested = model.defaultBaseUrl ? { ...model, defaultBaseUrl: urlPath(model.defaultBaseUrl) } : model;
  const files = Object.keys(input.files)
    .sort()
    .map((file) => `${file}\0${input.files[file] ?? ''}\n`)
    .join('');
  const hash = createHash('sha256').update(`mcpgen ${MCPGEN_VERSION}\n${GENERATOR_CODE_DIGEST}\n${assetsDigest}\n`);
  updateCanonical(hash, digested);
  return hash.update(`\n${files}`).digest('hex');
}

/** A URL without its origin; a value that is not an absolute URL as it is. */
function urlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The templates and the runtime's non-test sources, by path relative to the package root. */
function digestAssets(): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(TEMPLATES_DIR).map((file) => ({ root: TEMPLATES_DIR, file, label: 'templates' })),
    ...listFiles(RUNTIME_DIR)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => ({ root: RUNTIME_DIR, file, label: 'runtime' })),
  ];
  for (const { root, file, label } of files) {
    // Line endings are normalized when rendering, so a CRLF checkout must digest the same.
    const content = readFileSync(path.join(root, file), 'utf8').replace(/\r\n?/g, '\n');
    hash.update(`${label}/${file}\0${content.length}\0${content}`);
  }
  return hash.digest('hex');
}

/** Files under `dir` (symbolic links followed, as rendering reads through them) as sorted POSIX paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() || (entry.isSymbolicLink() && statSync(path.join(entry.parentPath, entry.name)).isFile()),
    )
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Levels of plain objects and arrays written piece by piece before whole values are stringified. */
const STREAMED_LEVELS = 2;

/** Bytes of JSON gathered before they go to the hash. */
const CHUNK = 1 << 16;

/**
 * Feeds `canonicalJson(value)` to the hash in chunks, never the whole text:
 * the model's JSON runs to 15 MB on Stripe, and a text with one non-Latin-1
 * character is stored at two bytes a character. The top levels (the model,
 * its tool and resource lists) are written here with `JSON.stringify`'s
 * rules; each value below them is one `canonicalJson`. Anything other than
 * plain objects and arrays up there (a `toJSON`, a class instance) takes the
 * whole-text path, so the bytes hashed are the same either way.
 */
function updateCanonical(hash: Hash, value: unknown): void {
  if (!isContainer(value) || !streamable(value, STREAMED_LEVELS)) {
    hash.update(canonicalJson(value) as string);
    return;
  }
  let pending = '';
  const write = (piece: string): void => {
    pending += piece;
    if (pending.length >= CHUNK) {
      hash.update(pending);
      pending = '';
    }
  };
  const writeValue = (item: unknown, levels: number): void => {
    if (levels === 0 || !isContainer(item)) {
      // A function comes out undefined: JSON.stringify writes null for it in an array (objects skip it above).
      write(canonicalJson(item) ?? 'null');
      return;
    }
    if (Array.isArray(item)) {
      write('[');
      // An index loop, not forEach: a hole is written (as null) like any other element.
      for (let index = 0; index < item.length; index += 1) {
        if (index > 0) write(',');
        writeValue(item[index], levels - 1);
      }
      write(']');
      return;
    }
    write('{');
    let first = true;
    for (const key of Object.keys(item)) {
      const child = (item as Record<string, unknown>)[key];
      // JSON.stringify leaves out properties whose value (after the replacer) is a function or a symbol.
      if (typeof child === 'function' || typeof child === 'symbol') continue;
      write(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      writeValue(child, levels - 1);
    }
    write('}');
  };
  writeValue(value, STREAMED_LEVELS);
  hash.update(pending);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Plain objects and arrays, without `toJSON`, down to `levels`. */
function streamable(value: unknown, levels: number): boolean {
  if (!isContainer(value)) return true;
  // A toJSON is called with the property's key, which only JSON.stringify of the whole text passes.
  if ('toJSON' in value) return false;
  if (levels === 0) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false;
    for (let index = 0; index < value.length; index += 1) if (!streamable(value[index], levels - 1)) return false;
    return true;
  }
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => streamable(item, levels - 1));
}

/**
 * JSON that keeps what `JSON.stringify` would blur: a property set to
 * `undefined` stays distinct from a missing one, and so do non-finite numbers.
 */
function canonicalJson(value: unknown): string | undefined {
  // A replacer costs a call per value; most values hold nothing it would change.
  if (plainJson(value, 0)) return JSON.stringify(value);
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === undefined) return { $undefined: true };
    if (typeof item === 'number' && !Number.isFinite(item)) return { $number: String(item) };
    return item;
  });
}

/** Deeper than this, `plainJson` leaves the answer to the replacer (a cycle throws there, as it always did). */
const PLAIN_JSON_MAX_DEPTH = 1000;

/**
 * True when `canonicalJson`'s replacer would change nothing in `value`: no
 * `undefined` and no non-finite number anywhere, and no `toJSON` (whose
 * result only `JSON.stringify` sees). Functions and symbols are left out
 * either way.
 */
function plainJson(value: unknown, depth: number): boolean {
  if (value === undefined) return false;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth > PLAIN_JSON_MAX_DEPTH || 'toJSON' in value) return false;
  if (Array.isArray(value)) {
    // An index loop: a hole reads as undefined.
    for (let index = 0; index < value.length; index += 1) if (!plainJson(value[index], depth + 1)) return false;
    return true;
  }
  for (const key of Object.keys(value))
    if (!plainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}
