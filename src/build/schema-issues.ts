import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { escapePointer } from '../load/json-pointer.js';
import type { SchemaIssue } from './schema/limits.js';

/**
 * The keywords the normalizer left out, as warnings at the JSON pointer where
 * the spec writes them (the component a shared schema is defined in, not each
 * place it is used), once each however many tools use the schema.
 */
export function schemaIssueDiagnostics(input: {
  issues: readonly SchemaIssue[];
  document: unknown;
  specLabel: string;
}): Diagnostic[] {
  if (input.issues.length === 0) return [];
  const pointers = new PointerIndex(input.document);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of input.issues) {
    const pointer = pointers.locate(issue);
    const key = `${issue.code} ${pointer ?? issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({
      code: issue.code,
      severity: 'warning',
      message: issue.message,
      location: { spec: input.specLabel, pointer: pointer ?? '' },
      hint:
        issue.code === 'MCPGEN_SCHEMA_PATTERN_UNSUPPORTED'
          ? 'Rewrite the pattern without lookarounds or backreferences, or hide the parameter with a fixed value in the allowlist.'
          : 'Nothing is required; to keep the constraint, make it smaller in the spec, or hide the parameter with a fixed value in the allowlist.',
    });
  }
  return diagnostics;
}

/**
 * JSON pointers of the objects of a dereferenced spec (a graph: a component
 * is the same object wherever it is used). Breadth first, `components` before
 * `paths`, so each object gets its shortest pointer, which for a shared schema
 * is where `components` defines it.
 */
class PointerIndex {
  private readonly byObject = new Map<object, string>();
  private readonly order: Array<{ node: object; pointer: string }> = [];

  constructor(document: unknown) {
    if (typeof document !== 'object' || document === null) return;
    const rootKeys = Object.keys(document).sort((a, b) => rank(a) - rank(b));
    const queue: Array<{ node: unknown; pointer: string }> = rootKeys.map((key) => ({
      node: (document as Record<string, unknown>)[key],
      pointer: `/${escapePointer(key)}`,
    }));
    for (let next = 0; next < queue.length; next += 1) {
      const { node, pointer } = queue[next] as { node: unknown; pointer: string };
      if (typeof node !== 'object' || node === null || this.byObject.has(node)) continue;
      this.byObject.set(node, pointer);
      this.order.push({ node, pointer });
      for (const [key, child] of Object.entries(node))
        queue.push({ node: child, pointer: `${pointer}/${escapePointer(key)}` });
    }
  }

  /** Where the keyword is written: its schema object when the spec holds it, else the first schema with that keyword and value. */
  locate(issue: SchemaIssue): string | undefined {
    const own = this.byObject.get(issue.raw);
    if (own !== undefined) return `${own}/${escapePointer(issue.keyword)}`;
    const byValue =
      typeof issue.value === 'object' && issue.value !== null ? this.byObject.get(issue.value) : undefined;
    if (byValue !== undefined) return byValue;
    const holder = this.order.find(
      ({ node }) =>
        !Array.isArray(node) &&
        Object.hasOwn(node, issue.keyword) &&
        (node as Record<string, unknown>)[issue.keyword] === issue.value,
    );
    return holder ? `${holder.pointer}/${escapePointer(issue.keyword)}` : undefined;
  }
}

function rank(key: string): number {
  return key === 'components' ? 0 : key === 'paths' ? 1 : 2;
}
