import { escapePointer } from './json-pointer.js';

/**
 * The deepest nesting of objects and arrays in a parsed document, and the
 * JSON pointer of a value that deep. Iterative, so any depth is safe to
 * measure; shared (aliased) values are visited once.
 */
export function documentDepth(document: unknown): { depth: number; pointer: string } {
  let deepest = { depth: 0, pointer: '' };
  const seen = new Set<object>();
  const stack: Array<{ node: unknown; depth: number; pointer: string }> = [{ node: document, depth: 0, pointer: '' }];
  while (stack.length > 0) {
    const { node, depth, pointer } = stack.pop() ?? { node: undefined, depth: 0, pointer: '' };
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const level = depth + 1;
    if (level > deepest.depth) deepest = { depth: level, pointer };
    for (const [key, child] of Object.entries(node))
      stack.push({ node: child, depth: level, pointer: `${pointer}/${escapePointer(key)}` });
  }
  return deepest;
}
