/** `/orders/{id}` → `~1orders~1{id}`: one segment of a JSON pointer. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at a JSON pointer (`/a/b~1c`), or undefined; only own properties are followed. */
export function resolvePointer(input: { document: unknown; pointer: string }): unknown {
  if (input.pointer === '') return input.document;
  let current: unknown = input.document;
  for (const raw of input.pointer.split('/').slice(1)) {
    const segment = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
