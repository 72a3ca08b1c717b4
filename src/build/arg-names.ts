import type { ParamLocation } from '../model/server.js';

/** Characters every major client accepts in a property name of a tool's input schema. */
const UNSAFE = /[^A-Za-z0-9_.-]+/g;

/** `filter[status]` → `filter_status`; never empty, at most 64 characters. */
export function sanitizeArgName(wireName: string): string {
  const cleaned = wireName
    .replace(UNSAFE, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return cleaned || 'param';
}

/**
 * Hands out argument names in a fixed precedence (path, query, header,
 * cookie, body), so the name a parameter gets depends only on the spec:
 * a clash is settled by prefixing the later one with its location
 * (`body_id`), then by a numeric suffix.
 */
export class ArgNamer {
  private readonly taken = new Set<string>();

  name(input: { wireName: string; in: ParamLocation }): string {
    const base = sanitizeArgName(input.wireName);
    if (this.claim(base)) return base;
    const prefixed = `${input.in}_${base}`.slice(0, 64);
    if (this.claim(prefixed)) return prefixed;
    for (let n = 2; ; n += 1) {
      const numbered = `${prefixed.slice(0, 60)}_${n}`;
      if (this.claim(numbered)) return numbered;
    }
  }

  reserve(name: string): void {
    this.taken.add(name);
  }

  private claim(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }
}
