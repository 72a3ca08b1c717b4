import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readPlainYaml } from './fast-yaml.js';
import type { SpecSource } from './read-source.js';

/**
 * Parses spec text as JSON or YAML (YAML is a superset; JSON first for speed
 * and exact errors), plain YAML by js-yaml when it reads it as `yaml` would,
 * the rest by `yaml`, whose errors carry line and column.
 */
export function parseSpecText(source: SpecSource): { document?: unknown; diagnostics: Diagnostic[] } {
  const trimmed = source.text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return { document: JSON.parse(source.text) as unknown, diagnostics: [] };
    } catch {
      // Fall through: the YAML parser reports the position of the problem.
    }
  }
  const plain = readPlainYaml(source.text);
  if (plain !== undefined) return { document: plain, diagnostics: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const raw = first.message.split('\n')[0] ?? first.message;
    const message = /Maximum call stack size exceeded/.test(raw) ? 'it nests too deeply to parse' : raw;
    return {
      diagnostics: [
        {
          code: 'MCPGEN_SPEC_SYNTAX',
          severity: 'error',
          message: `the spec is not valid JSON or YAML: ${message}`,
          location: pos ? { file: source.label, line: pos.line, column: pos.col } : { spec: source.label, pointer: '' },
          hint: 'Fix the syntax at this position, or point --spec at the OpenAPI document itself.',
        },
      ],
    };
  }
  try {
    return { document: doc.toJS({ maxAliasCount: 1000 }) as unknown, diagnostics: [] };
  } catch (error) {
    // toJS throws on alias bombs (aliases expanding past the count) and on nesting too deep to copy.
    return {
      diagnostics: [
        {
          code: 'MCPGEN_SPEC_SYNTAX',
          severity: 'error',
          message: `the spec's YAML cannot be read as data: ${error instanceof Error ? error.message : String(error)}`,
          location: { spec: source.label, pointer: '' },
          hint: 'Expand YAML aliases (*name) that repeat large parts of the document, or reduce nesting.',
        },
      ],
    };
  }
}
