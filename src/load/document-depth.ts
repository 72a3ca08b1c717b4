import { escapePointer } from './json-pointer.js';

/** A value waiting to be visited: its pointer is only spelled out for the deepest one. */
interface Pending {
  node: unknown;
  depth: number;
  parent: Pending | undefined;
  key: string;
}

/**
 * The deepest nesting of objects and arrays in a parsed document, and the
 * JSON pointer of a value that deep. Iterative, so any depth is safe to
 * measure; shared (aliased) values are visited once.
 */
export function documentDepth(document: unknown): { depth: number; pointer: string } {
  let deepest: Pending | undefined;
  let depthReached = 0;
  const seen = new Set<object>();
  const stack: Pending[] = [{ node: document, depth: 0, parent: undefined, key: '' }];
  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    const { node } = pending;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const level = pending.depth + 1;
    if (level > depthReached) {
      depthReached = level;
      deepest = pending;
    }
    for (const key of Object.keys(node))
      stack.push({ node: (node as Record<string, unknown>)[key], depth: level, parent: pending, key });
  }
  return { depth: depthReached, pointer: pointerOf(deepest) };
}

function pointerOf(pending: Pending | undefined): string {
  const keys: string[] = [];
  for (let at = pending; at?.parent !== undefined; at = at.parent) keys.push(escapePointer(at.key));
  return keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
}
