import { HTTP_METHODS } from '../model/risk.js';
import { escapePointer } from './json-pointer.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deletes `x-*` keys where they can only be extensions: the root, `info`,
 * `paths`, path items, operations and `components` (their other keys are
 * fixed fields, never names a spec author chose). mcpgen uses no extension,
 * and a `$ref` inside one (a policy file, code samples) would otherwise be
 * resolved, or refused, for nothing. An extension some `$ref` points into is
 * kept. Mutates the parsed document.
 */
export function stripExtensions(document: unknown): void {
  if (!isRecord(document)) return;
  const kept = referredPrefixes(localRefTargets(document));
  const strip = (target: unknown, pointer: string): void => {
    if (!isRecord(target)) return;
    for (const key of Object.keys(target)) {
      if (!key.startsWith('x-')) continue;
      if (!kept.has(`#${pointer}/${escapePointer(key)}`)) delete target[key];
    }
  };
  strip(document, '');
  strip(document['info'], '/info');
  strip(document['components'], '/components');
  const paths = document['paths'];
  if (!isRecord(paths)) return;
  strip(paths, '/paths');
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    const itemPointer = `/paths/${escapePointer(path)}`;
    strip(item, itemPointer);
    for (const method of HTTP_METHODS) strip(item[method], `${itemPointer}/${method}`);
  }
}

/**
 * Each `$ref` value and each of its prefixes that ends where a `/` follows:
 * an extension is kept when it is one of these (a `$ref` points at it or
 * into it). A set, as specs hold thousands of each (GitHub: an `x-github`
 * on every operation).
 */
function referredPrefixes(refs: string[]): Set<string> {
  const prefixes = new Set<string>();
  for (const ref of refs) {
    prefixes.add(ref);
    for (let slash = ref.indexOf('/'); slash !== -1; slash = ref.indexOf('/', slash + 1))
      prefixes.add(ref.slice(0, slash));
  }
  return prefixes;
}

/** Every local `$ref` value (`#/…`) in the document. */
function localRefTargets(document: Json): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [document];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as Json)['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#')) found.add(ref);
    // One by one: spreading an array of 200,000 values as arguments overflows the stack.
    for (const value of Object.values(node)) stack.push(value);
  }
  return [...found];
}
