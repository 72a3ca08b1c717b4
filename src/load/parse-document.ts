import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecSource } from './read-source.js';

/** Parses spec text as JSON or YAML (YAML is a superset; JSON first for speed and exact errors). */
export function parseSpecText(source: SpecSource): { document?: unknown; diagnostics: Diagnostic[] } {
  const trimmed = source.text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return { document: JSON.parse(source.text) as unknown, diagnostics: [] };
    } catch {
      // Fall through: the YAML parser reports the position of the problem.
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const message = first.message.split('\n')[0] ?? first.message;
    return {
      diagnostics: [
        {
          code: 'MCPGEN_SPEC_SYNTAX',
          severity: 'error',
          message: `the spec is not valid JSON or YAML: ${message}`,
          location: pos
            ? { file: source.label, line: pos.line, column: pos.col }
            : { spec: source.label, pointer: '' },
          hint: 'Fix the syntax at this position, or point --spec at the OpenAPI document itself.',
        },
      ],
    };
  }
  return { document: doc.toJS({ maxAliasCount: 1000 }) as unknown, diagnostics: [] };
}
