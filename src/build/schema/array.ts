import type { JsonSchema } from '../../model/json-schema.js';
import { repeated, type NormalizeContext } from './context.js';
import { keptMinimum } from './limits.js';
import { isRecord, own, ownCount, type RawSchema } from './raw.js';

/**
 * items (always present: `{}` when missing or boolean; the first element of
 * a tuple-style array, since zod tools take homogeneous arrays), minItems,
 * maxItems, uniqueItems.
 */
export function readArrayKeywords(input: { raw: RawSchema; ctx: NormalizeContext; depth: number }): JsonSchema {
  const { raw, ctx, depth } = input;
  const itemSchema = pickItems(raw);
  const minItems = keptMinimum({ raw, keyword: 'minItems', value: ownCount(raw, 'minItems'), ctx });
  const maxItems = ownCount(raw, 'maxItems');
  // The smallest valid array has this many items, each the smallest valid item.
  const count = Math.min(Math.max(minItems ?? 0, 1), maxItems ?? Infinity);
  const result: JsonSchema = {
    items: isRecord(itemSchema)
      ? repeated({ ctx, times: count, fn: () => ctx.normalize({ raw: itemSchema, ctx, depth: depth + 1 }) })
      : {},
  };
  if (minItems !== undefined) result.minItems = minItems;
  if (maxItems !== undefined) result.maxItems = maxItems;
  if (own(raw, 'uniqueItems') === true) result.uniqueItems = true;
  return result;
}

function pickItems(raw: RawSchema): unknown {
  const items = own(raw, 'items');
  if (Array.isArray(items)) return items[0];
  if (items !== undefined) return items;
  const prefixItems = own(raw, 'prefixItems');
  return Array.isArray(prefixItems) ? prefixItems[0] : undefined;
}
