import type { Diagnostic, FileLocation } from '../diagnostics/diagnostic.js';
import { closestCandidates, didYouMeanSentence } from '../diagnostics/did-you-mean.js';
import type { JsonSchema } from '../model/json-schema.js';

/**
 * `redact:` names arguments the audit log must hide: a name matches that
 * property at any depth of the arguments, a dot path (`customer.email`) one
 * place from the top, arrays walked through. An entry that matches nothing
 * would silently hide nothing, so it is an error with the names that exist.
 */
export function checkRedact(input: {
  tool: string;
  redact: readonly string[];
  inputSchema: JsonSchema;
  location: FileLocation | undefined;
}): Diagnostic[] {
  const names = new Set<string>();
  collectNames(input.inputSchema, names, 0);
  const diagnostics: Diagnostic[] = [];
  for (const entry of input.redact) {
    const problem = entry.includes('.')
      ? missingPathSegment(input.inputSchema, entry.split('.'))
      : names.has(entry)
        ? undefined
        : { segment: entry, available: [...names].sort() };
    if (!problem) continue;
    const suggestions = closestCandidates({ input: problem.segment, candidates: problem.available });
    diagnostics.push({
      code: 'MCPGEN_UNKNOWN_REDACT_FIELD',
      severity: 'error',
      message: `tool "${input.tool}" redacts "${entry}", which is not an argument of the tool`,
      ...(input.location ? { location: input.location } : {}),
      hint: [didYouMeanSentence(suggestions), `Argument names here: ${problem.available.join(', ') || '(none)'}.`]
        .filter(Boolean)
        .join(' '),
    });
  }
  return diagnostics;
}

/** Bounded like every schema walk: recursive schemas are already cut to a depth budget. */
const MAX_DEPTH = 32;

function collectNames(schema: JsonSchema, names: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    names.add(name);
    collectNames(child, names, depth + 1);
  }
  if (schema.items) collectNames(schema.items, names, depth + 1);
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    collectNames(variant, names, depth + 1);
  }
}

function missingPathSegment(
  schema: JsonSchema,
  segments: readonly string[],
): { segment: string; available: string[] } | undefined {
  let here: JsonSchema[] = [schema];
  for (const segment of segments) {
    const expanded = here.flatMap(objectVariants);
    const next = expanded.flatMap((s) => (s.properties?.[segment] ? [s.properties[segment]] : []));
    if (next.length === 0) {
      const available = [...new Set(expanded.flatMap((s) => Object.keys(s.properties ?? {})))].sort();
      return { segment, available };
    }
    here = next;
  }
  return undefined;
}

/** The object schemas a value may be, arrays walked through. */
function objectVariants(schema: JsonSchema): JsonSchema[] {
  if (schema.items) return objectVariants(schema.items);
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return variants.length > 0 ? [schema, ...variants.flatMap(objectVariants)] : [schema];
}
