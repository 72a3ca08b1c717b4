import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapePointer } from './json-pointer.js';
import type { SpecSource } from './read-source.js';

/** Nodes visited at most: a refused target is worth a pointer, not an unbounded walk. */
const MAX_NODES = 2_000_000;

/** Where a `$ref` target ends up: an absolute URL or file path without its `#fragment`, as the ref guard sees it. */
export function refTarget(input: { ref: string; source: SpecSource }): string | undefined {
  const { ref, source } = input;
  const address = ref.split('#')[0] ?? '';
  if (address === '') return undefined;
  if (/^https?:\/\//i.test(address)) return address;
  if (source.isUrl) return new URL(address, source.location).href;
  if (address.startsWith('file:')) return fileURLToPath(address);
  return path.resolve(path.dirname(source.location), safeDecode(address));
}

/**
 * The first `$ref` in the spec document that leads to `target` (a URL, or an
 * absolute path): its JSON pointer and its value as written. Undefined when
 * only a referenced file refers there.
 */
export function findRef(input: {
  document: unknown;
  source: SpecSource;
  target: string;
}): { pointer: string; ref: string } | undefined {
  const wanted = normalize(input.target);
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: input.document, pointer: '' }];
  for (let visited = 0; stack.length > 0 && visited < MAX_NODES; visited += 1) {
    const { node, pointer } = stack.pop() ?? { node: undefined, pointer: '' };
    if (typeof node !== 'object' || node === null) continue;
    const ref = (node as Record<string, unknown>)['$ref'];
    if (typeof ref === 'string' && refTarget({ ref, source: input.source }) === wanted) return { pointer, ref };
    const entries = Object.entries(node).reverse();
    for (const [key, child] of entries) stack.push({ node: child, pointer: `${pointer}/${escapePointer(key)}` });
  }
  return undefined;
}

function normalize(target: string): string {
  if (/^https?:\/\//i.test(target)) return target;
  return target.startsWith('file:') ? fileURLToPath(target) : path.resolve(safeDecode(target));
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}
