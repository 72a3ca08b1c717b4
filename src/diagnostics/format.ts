import { isFileLocation, type Diagnostic, type Location } from './diagnostic.js';

export function formatLocation(location: Location): string {
  if (isFileLocation(location)) return `${location.file}:${location.line}:${location.column}`;
  return `${location.spec}${location.pointer ? `#${location.pointer}` : ''}`;
}

/**
 * One diagnostic as text, compilers' style:
 * `mcpgen.yaml:12:16: error MCPGEN_UNKNOWN_OPERATION: …` then an indented hint.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location ? `${formatLocation(diagnostic.location)}: ` : '';
  const head = `${where}${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
  return diagnostic.hint ? `${head}\n  hint: ${diagnostic.hint}` : head;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}
