import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { documentDepth } from './document-depth.js';
import type { SpecSource } from './read-source.js';
import { longestRefChain } from './ref-chain.js';
import { expandedSize } from './ref-expansion.js';

/**
 * Limits checked before any recursive library (cloning, validation, `$ref`
 * resolution) walks a parsed spec: beyond them a spec would overflow the
 * stack or take minutes. Undefined when the spec is within them.
 */
export function checkSpecBounds(input: { source: SpecSource; document: unknown }): Diagnostic | undefined {
  const nesting = documentDepth(input.document);
  if (nesting.depth > MAX_DOCUMENT_DEPTH) return tooDeep({ source: input.source, ...nesting });
  const chain = longestRefChain(input.document);
  if (chain.length > MAX_REF_CHAIN) return refChainTooLong({ source: input.source, ...chain });
  const expanded = expandedSize({ document: input.document, limit: MAX_EXPANDED_VALUES });
  if (expanded.size > MAX_EXPANDED_VALUES) return expandsTooMuch({ source: input.source, largest: expanded.largest });
  return undefined;
}

/**
 * Values the document may expand to once its non-cyclic `$ref`s are inlined,
 * which is what validation walks (about 0.4 µs each: 10 million take ~4 s).
 * The largest real spec of the corpus expands to 2.1 million (Discord).
 */
export const MAX_EXPANDED_VALUES = 10_000_000;

function expandsTooMuch(input: {
  source: SpecSource;
  largest: { pointer: string; size: number } | undefined;
}): Diagnostic {
  const limit = MAX_EXPANDED_VALUES.toLocaleString('en-US');
  const largest = input.largest;
  const detail = largest
    ? ` (${largest.pointer} alone to ${largest.size > MAX_EXPANDED_VALUES ? `more than ${limit}` : largest.size.toLocaleString('en-US')})`
    : '';
  return {
    code: 'MCPGEN_SPEC_TOO_LARGE',
    severity: 'error',
    message: `its $refs expand to more than ${limit} values once inlined${detail}; mcpgen reads at most ${limit}`,
    location: { spec: input.source.label, pointer: largest?.pointer ?? '' },
    hint: 'A schema that refers to another several times, which refers to another several times, grows exponentially: refer to shared schemas fewer times per level, or shorten the chain.',
  };
}

/** Deepest nesting of objects and arrays read; real specs stay far below (Stripe 25, swagger-parser's deep-circular fixture 67). */
export const MAX_DOCUMENT_DEPTH = 256;

function tooDeep(input: { source: SpecSource; depth: number; pointer: string }): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_TOO_DEEP',
    severity: 'error',
    message: `the spec nests objects and arrays ${input.depth} levels deep; mcpgen reads at most ${MAX_DOCUMENT_DEPTH}`,
    location: { spec: input.source.label, pointer: input.pointer.split('/').slice(0, 12).join('/') },
    hint: 'Move nested schemas into components and refer to them with $ref; no API needs this depth.',
  };
}

/**
 * Longest chain of local `$ref`s followed: resolving takes time growing much
 * faster than linearly with it (400 links: seconds; 1,000: minutes). Real
 * specs stay far below (Stripe: 29).
 */
export const MAX_REF_CHAIN = 512;

function refChainTooLong(input: { source: SpecSource; length: number; through?: string }): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_TOO_DEEP',
    severity: 'error',
    message: `the spec's $refs form a chain ${input.length} long; mcpgen follows at most ${MAX_REF_CHAIN}`,
    location: { spec: input.source.label, pointer: input.through?.slice(1) ?? '' },
    hint: 'Shorten chains of schemas that refer to the next one ($ref to $ref, or nested through properties).',
  };
}

/** For a `$ref` graph that still overflowed the resolver's stack. */
export function refsTooDeep(source: SpecSource): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_TOO_DEEP',
    severity: 'error',
    message: "the spec's $refs chain too deeply to resolve",
    location: { spec: source.label, pointer: '' },
    hint: 'Shorten chains of schemas that only refer to the next one ($ref to $ref), or reduce nesting.',
  };
}
