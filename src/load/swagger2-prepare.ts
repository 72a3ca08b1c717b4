import { HTTP_METHODS } from '../model/risk.js';
import { resolvePointer } from './json-pointer.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Hops followed through `$ref` → `$ref` chains; a longer chain is left for the validator to report. */
const MAX_REF_HOPS = 32;

/**
 * Renames repeated operationIds (`id`, `id__2`, …) in a copy used only for
 * validation, so the 2.0 validator goes on to check everything else.
 */
export function withUniqueOperationIds<T>(document: T): T {
  const paths = isRecord(document) ? document['paths'] : undefined;
  if (!isRecord(paths)) return document;
  const counts = new Map<string, number>();
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation['operationId'] !== 'string') continue;
      const id = operation['operationId'];
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      if (count > 1) operation['operationId'] = `${id}__${count}`;
    }
  }
  return document;
}

/**
 * Replaces each local `$ref` that points at a plain value (a string, a
 * number) by that value. Bundling can produce such refs (an `enum` entry
 * referring to another schema's `type`), and the converter would otherwise
 * move them into `components.schemas`, where a string is not a schema.
 * Mutates and returns `document`; walks iteratively, so depth cannot overflow the stack.
 */
export function inlineScalarRefs<T extends object>(document: T): T {
  const stack: unknown[] = [document];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? [...node.entries()] : Object.entries(node);
    for (const [key, child] of entries) {
      const scalar = scalarTarget({ document, node: child });
      if (scalar.found) (node as Record<string | number, unknown>)[key] = scalar.value;
      else stack.push(child);
    }
  }
  return document;
}

function scalarTarget(input: { document: object; node: unknown }): { found: true; value: unknown } | { found: false } {
  let current = input.node;
  let hops = 0;
  while (hops < MAX_REF_HOPS && isRecord(current)) {
    const ref = current['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#')) return { found: false };
    current = resolvePointer({ document: input.document, pointer: ref.slice(1) });
    hops += 1;
  }
  const isScalar = current !== undefined && (typeof current !== 'object' || current === null);
  return hops > 0 && isScalar ? { found: true, value: current } : { found: false };
}
