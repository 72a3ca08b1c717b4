/**
 * mcpgen's programmatic API: the library the CLI runs, without its printing
 * and exit codes. `generate` and `check` read their inputs and write nothing;
 * `writeProject` is the one writer (atomic, confined to the output folder).
 */
export { generate, type GenerateOptions, type GenerateResult } from './generate.js';
export { runCheck as check, type CheckOptions, type CheckResult } from './check/run-check.js';
export { init, type InitOptions } from './init/init.js';
export { writeProject, type WriteProjectOptions, type WriteSummary } from './emit/write-project.js';
export { formatDiagnostics } from './diagnostics/format.js';
export { CATALOGUE, type CatalogueEntry, type DiagnosticCode } from './diagnostics/catalogue.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export { MCPGEN_VERSION } from './version.js';
