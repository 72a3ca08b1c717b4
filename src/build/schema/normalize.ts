import type { JsonSchema } from '../../model/json-schema.js';
import { normalizeAllOf } from './all-of.js';
import { readArrayKeywords } from './array.js';
import {
  createContext,
  estimateOwnBytes,
  isOverBudget,
  withActive,
  type NodeInput,
  type SchemaBudget,
} from './context.js';
import { applyAnnotations, readAnnotations, readScalarConstraints, readValueKeywords } from './keywords.js';
import { readObjectKeywords } from './object.js';
import { isRecord, own, ownNonEmptyArray, type RawSchema } from './raw.js';
import { standIn, TRUNCATED_NOTE } from './stand-in.js';
import type { SchemaIssue } from './limits.js';
import { isNullable, makeNullable, readTypes, typeValue } from './types.js';
import { normalizeUnion } from './union.js';

/**
 * Reduces one dereferenced OpenAPI schema (possibly a cyclic object graph) to
 * the bounded, deterministic {@link JsonSchema} subset. Never throws: input
 * it cannot use becomes `{}`, and nesting past the budget becomes a
 * description-only stand-in.
 */
export function normalizeSchema(input: {
  schema: unknown;
  direction: 'input' | 'output';
  openapiVersion: '3.0' | '3.1';
  budget?: SchemaBudget;
  /** Receives each keyword left out because it is beyond the limits (an unsafe pattern, a huge enum…). */
  onIssue?: (issue: SchemaIssue) => void;
}): JsonSchema {
  const ctx = createContext({
    direction: input.direction,
    openapiVersion: input.openapiVersion,
    budget: input.budget,
    normalize: normalizeNode,
    ...(input.onIssue ? { onIssue: input.onIssue } : {}),
  });
  return normalizeNode({ raw: input.schema, ctx, depth: 0 });
}

function normalizeNode(input: NodeInput): JsonSchema {
  const { raw, ctx, depth } = input;
  if (!isRecord(raw)) return {};
  if (isContainer(raw) && isOverBudget({ raw, ctx, depth })) return standIn(raw);
  ctx.nodes += 1;
  ctx.bytes += estimateOwnBytes(raw);
  return withActive({ ctx, sources: [raw], fn: () => expand({ raw, ctx, depth }) });
}

/** Schemas that can nest others; scalars are always kept whole since they are small. */
function isContainer(raw: RawSchema): boolean {
  const types = readTypes(raw);
  return (
    types.includes('object') ||
    types.includes('array') ||
    ['allOf', 'anyOf', 'oneOf', 'properties', 'additionalProperties', 'items', 'prefixItems'].some(
      (key) => own(raw, key) !== undefined,
    )
  );
}

function expand(input: NodeInput & { raw: RawSchema }): JsonSchema {
  const { raw } = input;
  const composite =
    ownNonEmptyArray(raw, 'allOf') !== undefined
      ? normalizeAllOf(input)
      : ownNonEmptyArray(raw, 'oneOf') !== undefined || ownNonEmptyArray(raw, 'anyOf') !== undefined
        ? normalizeUnion(input)
        : undefined;
  if (composite === undefined) return normalizeTyped(input);
  const annotations = readAnnotations(raw);
  // Keep the truncation note when the outer description replaces a stand-in's.
  if (annotations.description !== undefined && composite.description?.endsWith(TRUNCATED_NOTE)) {
    annotations.description = `${annotations.description} ${TRUNCATED_NOTE}`;
  }
  const annotated = applyAnnotations({ target: composite, annotations });
  return isNullable(raw) ? makeNullable(annotated) : annotated;
}

function normalizeTyped(input: NodeInput & { raw: RawSchema }): JsonSchema {
  const { raw } = input;
  const types = readTypes(raw);
  const result: JsonSchema = {};
  const type = typeValue(types);
  if (type !== undefined) result.type = type;
  Object.assign(
    result,
    readAnnotations(raw),
    readValueKeywords({ raw, ctx: input.ctx }),
    readScalarConstraints({ raw, types, ctx: input.ctx }),
  );
  if (types.includes('object')) Object.assign(result, readObjectKeywords(input));
  if (types.includes('array')) Object.assign(result, readArrayKeywords(input));
  return isNullable(raw) ? makeNullable(result) : result;
}
