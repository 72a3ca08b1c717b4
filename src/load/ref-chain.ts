import { resolvePointer } from './json-pointer.js';

/**
 * Length of the longest chain of local `$ref`s from the document root
 * (`A` refers to `B`, which refers to `C`…), cycles cut. The `$ref` resolver
 * takes time growing much faster than linearly with it, so a spec built to
 * stall mcpgen is caught here first. Iterative: any length is safe.
 */
export function longestRefChain(document: unknown): { length: number; through?: string } {
  const edges = new Map<string, string[]>();
  const refsUnder = (node: unknown): string[] => collectRefs(node);
  const pending = ['#'];
  edges.set('#', refsUnder(document));
  while (pending.length > 0) {
    const from = pending.pop() ?? '#';
    for (const target of edges.get(from) ?? []) {
      if (edges.has(target)) continue;
      edges.set(target, refsUnder(resolvePointer({ document, pointer: target.slice(1) })));
      pending.push(target);
    }
  }
  return longestPath(edges);
}

/** Local `$ref` values (`#/…`) anywhere under `node`. */
function collectRefs(node: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [node];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const ref = (current as Record<string, unknown>)['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#')) found.add(ref);
    // One by one: spreading an array of 200,000 values as arguments overflows the stack.
    for (const value of Object.values(current)) stack.push(value);
  }
  return [...found];
}

/** Longest path from `#` in the ref graph, counting edges; an edge back into the current path is a cycle and ignored. */
function longestPath(edges: Map<string, string[]>): { length: number; through?: string } {
  const longest = new Map<string, number>();
  const onPath = new Set<string>();
  const frames: Array<{ node: string; next: number }> = [{ node: '#', next: 0 }];
  onPath.add('#');
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as { node: string; next: number };
    const children = edges.get(frame.node) ?? [];
    const child = children[frame.next];
    if (child !== undefined) {
      frame.next += 1;
      if (!longest.has(child) && !onPath.has(child)) {
        onPath.add(child);
        frames.push({ node: child, next: 0 });
      }
      continue;
    }
    const best = children.reduce((max, c) => (longest.has(c) ? Math.max(max, 1 + (longest.get(c) ?? 0)) : max), 0);
    longest.set(frame.node, best);
    onPath.delete(frame.node);
    frames.pop();
  }
  const length = longest.get('#') ?? 0;
  let deepest: string | undefined;
  for (const [node, value] of longest) if (node !== '#' && value === length - 1) deepest = deepest ?? node;
  return deepest === undefined ? { length } : { length, through: deepest };
}
