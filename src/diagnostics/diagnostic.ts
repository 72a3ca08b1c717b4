import type { DiagnosticCode } from './catalogue.js';

/** How bad a finding is: errors stop generation, warnings and information do not. */
export type Severity = 'error' | 'warning' | 'info';

/** A place in a YAML or JSON file the user wrote (1-based line and column). */
export interface FileLocation {
  file: string;
  line: number;
  column: number;
}

/** A place in the OpenAPI document: its URL or path, and a JSON pointer into it. */
export interface SpecLocation {
  spec: string;
  pointer: string;
}

export type Location = FileLocation | SpecLocation;

/** One problem found in the user's input, reported with all the others at once. */
export interface Diagnostic {
  /** Stable identifier from the catalogue, e.g. `MCPGEN_UNKNOWN_OPERATION`. */
  code: DiagnosticCode;
  severity: Severity;
  /** One line saying what is wrong. */
  message: string;
  location?: Location;
  /** What to do about it. */
  hint?: string;
}

export function isFileLocation(location: Location): location is FileLocation {
  return 'line' in location;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown only to abort a stage whose diagnostics are already collected. */
export class UserInputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'UserInputError';
    this.diagnostics = diagnostics;
  }
}
