import type { JsonSchema } from '../../model/json-schema.js';
import type { SchemaIssue } from './limits.js';

/** Limits that keep a normalized schema small however deep or cyclic the spec is. */
export interface SchemaBudget {
  /** Levels of object/array nesting kept below the root (default 6). */
  maxDepth?: number;
  /** Schema nodes expanded per normalized root before subtrees become stand-ins (default 2,000). */
  maxNodes?: number;
  /**
   * Estimated bytes of the normalized root before subtrees become stand-ins
   * (default 32,000). Node counts alone let specs with long descriptions on
   * every property (Stripe, Discord) reach hundreds of kilobytes per tool.
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_DEPTH = 6;
export const DEFAULT_MAX_NODES = 2000;
export const DEFAULT_MAX_BYTES = 8_000;

/**
 * Composition members (allOf/anyOf/oneOf) do not count as nesting, so a chain
 * of them is bounded by this instead of by `maxDepth`.
 */
const MAX_ACTIVE_SCHEMAS = 64;

export type Direction = 'input' | 'output';

/** One schema to normalize, and where it sits. */
export interface NodeInput {
  raw: unknown;
  ctx: NormalizeContext;
  /** Object/array nesting levels between the root and this schema. */
  depth: number;
}

/** State shared by every node of one normalized root. */
export interface NormalizeContext {
  direction: Direction;
  openapiVersion: '3.0' | '3.1';
  maxDepth: number;
  maxNodes: number;
  maxBytes: number;
  /** Nodes expanded so far. */
  nodes: number;
  /** Estimated bytes of the nodes expanded so far. */
  bytes: number;
  /** Spec objects currently being expanded, by identity: re-entering one is a cycle. */
  active: Set<object>;
  /** The node normalizer, passed around so the keyword modules need not import it (no import cycle). */
  normalize: (input: NodeInput) => JsonSchema;
  /** Receives each keyword left out because it is beyond the limits (see limits.ts). */
  report: (issue: SchemaIssue) => void;
  /** How many times a value here repeats in the smallest valid value of the root (array items, extra properties). */
  repeat: number;
}

/** Builds the context for one root. */
export function createContext(input: {
  direction: Direction;
  openapiVersion: '3.0' | '3.1';
  budget?: SchemaBudget;
  normalize: (input: NodeInput) => JsonSchema;
  onIssue?: (issue: SchemaIssue) => void;
}): NormalizeContext {
  return {
    direction: input.direction,
    openapiVersion: input.openapiVersion,
    maxDepth: input.budget?.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxNodes: input.budget?.maxNodes ?? DEFAULT_MAX_NODES,
    maxBytes: input.budget?.maxBytes ?? DEFAULT_MAX_BYTES,
    nodes: 0,
    bytes: 0,
    active: new Set(),
    normalize: input.normalize,
    report: input.onIssue ?? (() => undefined),
    repeat: 1,
  };
}

/** Whether expanding `raw` here would break a budget or re-enter a cycle. */
export function isOverBudget(input: { raw: object; ctx: NormalizeContext; depth: number }): boolean {
  const { raw, ctx, depth } = input;
  return (
    ctx.active.has(raw) ||
    depth > ctx.maxDepth ||
    ctx.nodes >= ctx.maxNodes ||
    ctx.bytes >= ctx.maxBytes ||
    ctx.active.size >= MAX_ACTIVE_SCHEMAS
  );
}

/** Runs `fn` with `sources` marked as being expanded, so cycles through them are caught. */
export function withActive<T>(input: { ctx: NormalizeContext; sources: readonly object[]; fn: () => T }): T {
  const added = input.sources.filter((source) => !input.ctx.active.has(source));
  for (const source of added) input.ctx.active.add(source);
  try {
    return input.fn();
  } finally {
    for (const source of added) input.ctx.active.delete(source);
  }
}

/** Keywords whose values are schemas, counted when those schemas are expanded, or dropped. */
const NOT_COUNTED: ReadonlySet<string> = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'discriminator',
  'xml',
  'externalDocs',
]);

/**
 * What a node adds to the normalized output, roughly its shallow JSON size:
 * its keywords and their plain values, and the names of its properties.
 * Children are counted when they are expanded.
 */
export function estimateOwnBytes(raw: Record<string, unknown>): number {
  let bytes = 2;
  for (const key of Object.keys(raw)) {
    if (key.startsWith('x-')) continue;
    if (key === 'properties') {
      const properties = raw[key];
      if (typeof properties === 'object' && properties !== null) {
        for (const name of Object.keys(properties)) bytes += name.length + 4;
      }
      continue;
    }
    if (NOT_COUNTED.has(key)) continue;
    bytes += key.length + 4 + shallowBytes(raw[key]);
  }
  return bytes;
}

function shallowBytes(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (Array.isArray(value))
    return value.reduce(
      (sum: number, item: unknown) => sum + 1 + (typeof item === 'object' && item !== null ? 16 : shallowBytes(item)),
      2,
    );
  if (typeof value === 'object' && value !== null) return 16;
  return 6;
}

/** Runs `fn` with values here repeating `times` more (the items of an array of that many elements). */
export function repeated<T>(input: { ctx: NormalizeContext; times: number; fn: () => T }): T {
  const before = input.ctx.repeat;
  input.ctx.repeat = Math.min(Number.MAX_SAFE_INTEGER, before * Math.max(1, input.times));
  try {
    return input.fn();
  } finally {
    input.ctx.repeat = before;
  }
}
