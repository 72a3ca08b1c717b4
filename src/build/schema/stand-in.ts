import type { JsonSchema } from '../../model/json-schema.js';
import { ownString, type RawSchema } from './raw.js';
import { readTypes, typeValue } from './types.js';

export const TRUNCATED_NOTE = '(nested structure truncated)';

/**
 * What replaces a schema that would recurse past a budget or into itself:
 * its type when it has a simple one, and its description marked truncated.
 */
export function standIn(raw: RawSchema): JsonSchema {
  const types = readTypes(raw);
  const result: JsonSchema = {};
  const type = typeValue(types);
  if (type !== undefined) result.type = type;
  const description = ownString(raw, 'description')?.trim();
  result.description = description ? `${description} ${TRUNCATED_NOTE}` : TRUNCATED_NOTE;
  if (types.includes('array')) result.items = {};
  return result;
}
