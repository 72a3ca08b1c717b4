import type { JsonSchema } from '../../model/json-schema.js';
import { withActive, type NodeInput, type NormalizeContext } from './context.js';
import { isObjectLike, mergeRaw, restOf } from './merge.js';
import { isRecord, own, type RawSchema } from './raw.js';

/**
 * allOf: merged into one object when every part is an object (nested allOf
 * wrappers flattened first), collapsed when a single part remains, kept as
 * `allOf` otherwise. The caller applies the outer annotations.
 */
export function normalizeAllOf(input: NodeInput): JsonSchema {
  const { ctx, depth } = input;
  const raw = input.raw as RawSchema;
  const flat = flattenAllOf({ raw, ctx });
  const outerRest = restOf({ raw, keepAnnotations: false });
  // A union next to allOf is one more constraint on the same value.
  const union = own(raw, 'oneOf') !== undefined ? 'oneOf' : own(raw, 'anyOf') !== undefined ? 'anyOf' : undefined;
  if (union !== undefined) outerRest[union] = own(raw, union);
  if (Object.keys(outerRest).length > 0) flat.parts.push(outerRest);
  const { parts, sources } = flat;
  if (parts.length === 0) return {};
  if (!flat.cyclic && parts.every((part) => isObjectLike(part))) {
    const merged = mergeRaw(parts);
    merged.type = 'object';
    // The merged object is new; keep its parts active so cycles through them are still caught.
    const active = [...sources, ...parts.filter(isRecord)];
    return withActive({ ctx, sources: active, fn: () => ctx.normalize({ raw: merged, ctx, depth }) });
  }
  const members = withActive({ ctx, sources, fn: () => parts.map((part) => ctx.normalize({ raw: part, ctx, depth })) });
  const [only] = members;
  return members.length === 1 && only !== undefined ? only : { allOf: members };
}

interface FlatParts {
  parts: unknown[];
  /** The nested allOf wrappers flattened away, kept active while the parts are normalized. */
  sources: object[];
  /** A part re-enters a schema being expanded; merging would hide the cycle. */
  cyclic: boolean;
}

function flattenAllOf(input: { raw: RawSchema; ctx: NormalizeContext }): FlatParts {
  const flat: FlatParts = { parts: [], sources: [], cyclic: false };
  const seen = new Set<object>();
  const visit = (element: unknown): void => {
    if (element === true) return; // `true` constrains nothing
    if (!isRecord(element)) {
      flat.parts.push(element);
      return;
    }
    if (seen.has(element)) return; // diamond: the same part reached twice
    if (input.ctx.active.has(element)) {
      flat.cyclic = true;
      flat.parts.push(element);
      return;
    }
    seen.add(element);
    const inner = own(element, 'allOf');
    if (
      Array.isArray(inner) &&
      inner.length > 0 &&
      own(element, 'anyOf') === undefined &&
      own(element, 'oneOf') === undefined
    ) {
      flat.sources.push(element);
      inner.forEach(visit);
      const rest = restOf({ raw: element, keepAnnotations: true });
      if (Object.keys(rest).length > 0) flat.parts.push(rest);
      return;
    }
    flat.parts.push(element);
  };
  const elements = own(input.raw, 'allOf');
  if (Array.isArray(elements)) elements.forEach(visit);
  return flat;
}
