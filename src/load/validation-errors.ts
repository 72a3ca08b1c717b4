import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AjvError } from './tolerated-errors.js';

const MAX_REPORTED = 10;

/**
 * Turns swagger-parser's failures into diagnostics. Its schema errors come from
 * ajv, which reports every failed `oneOf` branch; keeping only the deepest
 * error per path leaves the ones a person can act on.
 */
export function validationDiagnostics(input: { label: string; error: unknown }): Diagnostic[] {
  const { label, error } = input;
  const details = (error as { details?: AjvError[] }).details;
  if (Array.isArray(details) && details.length > 0) return schemaErrors(label, details);
  const message = error instanceof Error ? error.message : String(error);
  const pointer = /(\/paths\/\S+)/.exec(message)?.[1] ?? '';
  const isRef = /\$ref|resolve|Error opening file|Missing \$ref/i.test(message);
  return [
    {
      code: isRef ? 'MCPGEN_SPEC_REF' : 'MCPGEN_SPEC_INVALID',
      severity: 'error',
      message: firstLine(message.replace(/^Validation failed\.\s*/, '')),
      location: { spec: label, pointer },
      hint: isRef
        ? 'Fix the $ref so it points at an existing schema or file.'
        : 'Fix the spec at this place; the document must follow its OpenAPI version.',
    },
  ];
}

function schemaErrors(label: string, details: AjvError[]): Diagnostic[] {
  const byPath = new Map<string, AjvError>();
  for (const detail of details) {
    const existing = byPath.get(detail.instancePath);
    // Prefer a concrete error (type, enum, missing property) over a oneOf summary.
    if (!existing || /must match/.test(existing.message ?? '')) byPath.set(detail.instancePath, detail);
  }
  const paths = [...byPath.keys()].filter(
    (candidate) => ![...byPath.keys()].some((other) => other !== candidate && other.startsWith(`${candidate}/`)),
  );
  const diagnostics = paths.slice(0, MAX_REPORTED).map((instancePath): Diagnostic => {
    const detail = byPath.get(instancePath);
    return {
      code: 'MCPGEN_SPEC_INVALID',
      severity: 'error',
      message: `the spec breaks the OpenAPI schema: ${instancePath || '(root)'} ${detail?.message ?? 'is invalid'}`,
      location: { spec: label, pointer: instancePath },
      hint: 'Fix the spec at this pointer; validators such as `npx @redocly/cli lint` show more detail.',
    };
  });
  if (paths.length > MAX_REPORTED) {
    diagnostics.push({
      code: 'MCPGEN_SPEC_INVALID',
      severity: 'error',
      message: `…and ${paths.length - MAX_REPORTED} more places where the spec breaks the OpenAPI schema`,
      location: { spec: label, pointer: '' },
    });
  }
  return diagnostics;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
