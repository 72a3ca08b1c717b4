import type { JsonSchema } from '../../model/json-schema.js';
import { repeated, type NormalizeContext } from './context.js';
import { keptMinimum } from './limits.js';
import { defineOwn, isRecord, own, ownCount, type RawSchema } from './raw.js';

/**
 * properties (spec order, minus readOnly ones for input and writeOnly ones
 * for output), required (spec order, only existing properties),
 * additionalProperties (false, or a dictionary's value schema; `true` and
 * `{}` dropped since open is the default), min/maxProperties.
 */
export function readObjectKeywords(input: { raw: RawSchema; ctx: NormalizeContext; depth: number }): JsonSchema {
  const { raw, ctx, depth } = input;
  const result: JsonSchema = {};
  const properties = readProperties(input);
  if (properties !== undefined) {
    result.properties = properties;
    const required = readRequired({ raw, properties });
    if (required.length > 0) result.required = required;
  }
  const minProperties = keptMinimum({ raw, keyword: 'minProperties', value: ownCount(raw, 'minProperties'), ctx });
  const additional = own(raw, 'additionalProperties');
  if (additional === false) result.additionalProperties = false;
  else if (isRecord(additional) && Object.keys(additional).length > 0) {
    // The smallest valid object adds extra properties up to minProperties, each the smallest valid value.
    result.additionalProperties = repeated({
      ctx,
      times: minProperties ?? 1,
      fn: () => ctx.normalize({ raw: additional, ctx, depth: depth + 1 }),
    });
  }
  if (minProperties !== undefined) result.minProperties = minProperties;
  const maxProperties = ownCount(raw, 'maxProperties');
  if (maxProperties !== undefined) result.maxProperties = maxProperties;
  return result;
}

function readProperties(input: {
  raw: RawSchema;
  ctx: NormalizeContext;
  depth: number;
}): Record<string, JsonSchema> | undefined {
  const { raw, ctx, depth } = input;
  const declared = own(raw, 'properties');
  if (!isRecord(declared)) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const key of Object.keys(declared)) {
    const value = declared[key];
    // `false` forbids the property: leaving it out is the closest a plain object gets.
    if (value === false || isHiddenFor({ value, ctx })) continue;
    defineOwn({ target: properties, key, value: ctx.normalize({ raw: value, ctx, depth: depth + 1 }) });
  }
  return Object.keys(properties).length > 0 ? properties : undefined;
}

/** readOnly properties are not sent by clients; writeOnly ones are never returned. */
function isHiddenFor(input: { value: unknown; ctx: NormalizeContext }): boolean {
  if (!isRecord(input.value)) return false;
  const flag = input.ctx.direction === 'input' ? 'readOnly' : 'writeOnly';
  return own(input.value, flag) === true;
}

function readRequired(input: { raw: RawSchema; properties: Record<string, JsonSchema> }): string[] {
  const declared = own(input.raw, 'required');
  if (!Array.isArray(declared)) return [];
  const required: string[] = [];
  for (const name of declared) {
    if (typeof name === 'string' && Object.hasOwn(input.properties, name) && !required.includes(name)) {
      required.push(name);
    }
  }
  return required;
}
