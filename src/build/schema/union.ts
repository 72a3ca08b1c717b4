import type { JsonSchema } from '../../model/json-schema.js';
import { withActive, type NodeInput } from './context.js';
import { applyDiscriminator } from './discriminator.js';
import { mergeRaw, restOf } from './merge.js';
import { isRecord, own, ownNonEmptyArray, type RawSchema } from './raw.js';

/**
 * oneOf/anyOf: members normalized at the same depth; keywords shared next to
 * the union (e.g. `type: object` plus common properties) folded into each
 * member; a single member collapses. The caller applies outer annotations.
 */
export function normalizeUnion(input: NodeInput): JsonSchema {
  const { ctx, depth } = input;
  const raw = input.raw as RawSchema;
  const key = ownNonEmptyArray(raw, 'oneOf') !== undefined ? 'oneOf' : 'anyOf';
  const members = ownNonEmptyArray(raw, key) ?? [];
  const shared = restOf({ raw, keepAnnotations: false });
  const hasShared = Object.keys(shared).length > 0;
  const normalized = members.map((member) => {
    if (!hasShared || !isRecord(member) || ctx.active.has(member)) return ctx.normalize({ raw: member, ctx, depth });
    const merged = mergeRaw([shared, member]);
    return withActive({ ctx, sources: [member], fn: () => ctx.normalize({ raw: merged, ctx, depth }) });
  });
  const withTags = applyDiscriminator({
    members: normalized,
    rawMembers: members,
    discriminator: own(raw, 'discriminator'),
  });
  const [only] = withTags;
  if (withTags.length === 1 && only !== undefined) return only;
  return key === 'oneOf' ? { oneOf: withTags } : { anyOf: withTags };
}
