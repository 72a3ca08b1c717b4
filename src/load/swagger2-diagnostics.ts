import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { HTTP_METHODS } from '../model/risk.js';
import { escapePointer, resolvePointer } from './json-pointer.js';
import { validationDiagnostics } from './validation-errors.js';

type Json = Record<string, unknown>;

const HINT = 'Fix the spec at this place: a Swagger 2.0 document must follow the Swagger 2.0 rules.';

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * swagger-parser's Swagger 2.0 rule violations name places as `/paths/users/{id}/get`
 * (not a JSON pointer) and sometimes drop the place altogether; this puts the
 * operation (`GET /users/{id}`) in the message and a real pointer in the location.
 */
export function swagger2Diagnostics(input: { label: string; error: unknown; document: object }): Diagnostic[] {
  const { label, error, document } = input;
  const message = error instanceof Error ? error.message : String(error);
  if (!/Validation failed\./.test(message) || hasSchemaDetails(error)) return validationDiagnostics({ label, error });
  const text =
    message
      .replace(/^(SyntaxError: )?Validation failed\.\s*/, '')
      .split('\n')[0]
      ?.trim() ?? message;
  const duplicate = /^Found multiple (\w+) parameters named "(.*)"$/.exec(text);
  if (duplicate) {
    const found = findDuplicateParameter({ document, in: duplicate[1] ?? '', name: duplicate[2] ?? '' });
    if (found)
      return [
        invalid({
          label,
          pointer: found.pointer,
          message: `${found.where} lists two ${duplicate[1]} parameters named "${duplicate[2]}"`,
        }),
      ];
  }
  const place = findOperation({ document, text });
  if (!place) return [invalid({ label, pointer: '', message: text })];
  return [
    invalid({
      label,
      pointer: `/paths/${escapePointer(place.path)}/${place.method}${place.rest}`,
      message: text.replace(place.written, `${place.method.toUpperCase()} ${place.path}${place.rest}`),
    }),
  ];
}

function hasSchemaDetails(error: unknown): boolean {
  const details = (error as { details?: unknown }).details;
  return Array.isArray(details) && details.length > 0;
}

function invalid(input: { label: string; pointer: string; message: string }): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_INVALID',
    severity: 'error',
    message: `the spec breaks a Swagger 2.0 rule: ${input.message}`,
    location: { spec: input.label, pointer: input.pointer },
    hint: HINT,
  };
}

/** The longest `/paths<path>/<method>` the message names (paths may contain method-like segments). */
function findOperation(input: {
  document: object;
  text: string;
}): { path: string; method: string; written: string; rest: string } | undefined {
  const paths = isRecord(input.document) ? input.document['paths'] : undefined;
  if (!isRecord(paths)) return undefined;
  let best: { path: string; method: string; written: string; rest: string } | undefined;
  for (const path of Object.keys(paths)) {
    for (const method of HTTP_METHODS) {
      const written = `/paths${path}/${method}`;
      const at = input.text.indexOf(written);
      if (at < 0 || (best && best.written.length >= written.length)) continue;
      const rest = /^\/\S*/.exec(input.text.slice(at + written.length))?.[0] ?? '';
      best = { path, method, written: `${written}${rest}`, rest };
    }
  }
  return best;
}

/** Where a path item or operation lists the same parameter twice. */
function findDuplicateParameter(input: {
  document: object;
  in: string;
  name: string;
}): { pointer: string; where: string } | undefined {
  const paths = isRecord(input.document) ? input.document['paths'] : undefined;
  if (!isRecord(paths)) return undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    const base = `/paths/${escapePointer(path)}`;
    if (countParameter({ document: input.document, list: item['parameters'], in: input.in, name: input.name }) > 1) {
      return { pointer: `${base}/parameters`, where: `the path ${path}` };
    }
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      if (
        countParameter({ document: input.document, list: operation['parameters'], in: input.in, name: input.name }) > 1
      ) {
        return { pointer: `${base}/${method}/parameters`, where: `${method.toUpperCase()} ${path}` };
      }
    }
  }
  return undefined;
}

function countParameter(input: { document: object; list: unknown; in: string; name: string }): number {
  if (!Array.isArray(input.list)) return 0;
  return input.list.filter((entry: unknown) => {
    const ref = isRecord(entry) ? entry['$ref'] : undefined;
    const parameter =
      typeof ref === 'string' && ref.startsWith('#')
        ? resolvePointer({ document: input.document, pointer: ref.slice(1) })
        : entry;
    return isRecord(parameter) && parameter['in'] === input.in && parameter['name'] === input.name;
  }).length;
}
