import { resolvePointer } from './json-pointer.js';

/**
 * How many values the document holds once its local `$ref`s are replaced by
 * what they point to, as the resolver does before validation: a `$ref` to a
 * schema on a cycle stays a `$ref` (it counts one), any other is inlined
 * wherever it occurs. Validation walks that tree, so a few kilobytes whose
 * schemas each refer to the previous one twice take time doubling per schema.
 * Counted without expanding anything: each target's size is computed once,
 * from its own values and the sizes of the targets it refers to. Iterative
 * (any depth is safe); sizes saturate at `limit + 1`.
 */
export function expandedSize(input: { document: unknown; limit: number }): {
  size: number;
  largest?: { pointer: string; size: number };
} {
  const cap = input.limit + 1;
  const targets = discoverTargets(input.document);
  const order = stronglyConnected(targets);
  const sizes = new Map<string, number>();
  for (const component of order) {
    for (const ref of component.members) {
      const target = targets.get(ref) as Target;
      let size = target.own;
      for (const [child, count] of target.refs) {
        const each =
          component.cyclic && component.members.includes(child)
            ? 1
            : cyclicTarget(order, child)
              ? 1
              : (sizes.get(child) ?? 1);
        size = Math.min(cap, size + Math.min(cap, each * count));
      }
      sizes.set(ref, size);
    }
  }
  let largest: { pointer: string; size: number } | undefined;
  for (const [ref, size] of sizes) {
    if (ref === '#') continue;
    // Ties (sizes saturate) go to the later one: targets come after those they refer to.
    if (!largest || size >= largest.size) largest = { pointer: ref.slice(1), size };
  }
  return { size: sizes.get('#') ?? 0, ...(largest ? { largest } : {}) };
}

interface Target {
  /** Values under the target itself, `$ref` objects not followed. */
  own: number;
  /** Local `$ref`s under the target, with how often each occurs. */
  refs: Map<string, number>;
}

/** Every target reachable from the document root (`#`), with its own count and its `$ref`s. */
function discoverTargets(document: unknown): Map<string, Target> {
  const targets = new Map<string, Target>();
  const pending = ['#'];
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    if (targets.has(ref)) continue;
    const target = shallowCount(ref === '#' ? document : resolvePointer({ document, pointer: ref.slice(1) }));
    targets.set(ref, target);
    for (const child of target.refs.keys()) if (!targets.has(child)) pending.push(child);
  }
  return targets;
}

function shallowCount(root: unknown): Target {
  const refs = new Map<string, number>();
  let own = 0;
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    own += 1;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as Record<string, unknown>)['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#')) {
      refs.set(ref, (refs.get(ref) ?? 0) + 1);
      continue;
    }
    for (const value of Object.values(node)) stack.push(value);
  }
  return { own, refs };
}

interface Component {
  members: string[];
  /** On a cycle: more than one member, or one that refers to itself. */
  cyclic: boolean;
}

const cyclicMembers = new WeakMap<Component[], Set<string>>();

function cyclicTarget(order: Component[], ref: string): boolean {
  let set = cyclicMembers.get(order);
  if (!set) {
    set = new Set(order.filter((c) => c.cyclic).flatMap((c) => c.members));
    cyclicMembers.set(order, set);
  }
  return set.has(ref);
}

/** Tarjan's strongly connected components, iteratively; each comes after every component it refers to. */
function stronglyConnected(targets: Map<string, Target>): Component[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: Component[] = [];
  let counter = 0;
  for (const start of targets.keys()) {
    if (index.has(start)) continue;
    const frames: Array<{ ref: string; children: string[]; next: number }> = [];
    const enter = (ref: string): void => {
      index.set(ref, counter);
      low.set(ref, counter);
      counter += 1;
      stack.push(ref);
      onStack.add(ref);
      frames.push({ ref, children: [...(targets.get(ref)?.refs.keys() ?? [])], next: 0 });
    };
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { ref: string; children: string[]; next: number };
      const child = frame.children[frame.next];
      if (child !== undefined) {
        frame.next += 1;
        if (!targets.has(child)) continue;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child))
          low.set(frame.ref, Math.min(low.get(frame.ref) as number, index.get(child) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.ref, Math.min(low.get(parent.ref) as number, low.get(frame.ref) as number));
      if (low.get(frame.ref) !== index.get(frame.ref)) continue;
      const members: string[] = [];
      for (;;) {
        const member = stack.pop() as string;
        onStack.delete(member);
        members.push(member);
        if (member === frame.ref) break;
      }
      const only = members[0] as string;
      result.push({ members, cyclic: members.length > 1 || (targets.get(only)?.refs.has(only) ?? false) });
    }
  }
  return result;
}
