import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { HTTP_METHODS } from '../model/risk.js';
import type { OperationRef } from '../model/operation.js';
import { escapePointer } from './json-pointer.js';
import { parseSpecText } from './parse-document.js';
import { readSpecSource, type SpecSource } from './read-source.js';
import { guardedResolvers, refusedRefDiagnostics } from './ref-guard.js';
import { checkSpecBounds, refsTooDeep } from './spec-bounds.js';
import { stripExtensions } from './strip-extensions.js';
import { toleratedSchemaWarnings, type AjvError } from './tolerated-errors.js';
import { dereferenceOpenApi, validateOpenApi } from './validate-openapi.js';
import { validationDiagnostics } from './validation-errors.js';

export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

/** A validated, dereferenced spec (recursive schemas are cyclic object graphs). */
export interface LoadedSpec {
  /** How reports name the spec: URL or path as given. */
  label: string;
  openapiVersion: '3.0' | '3.1';
  document: OpenApiDocument;
  operations: OperationRef[];
}

export interface LoadSpecOptions {
  spec: string;
  allowExternalRefs?: boolean;
  /** Headers for fetching a spec behind auth (`--spec-header`); sent to the spec's origin only. */
  headers?: Readonly<Record<string, string>>;
}

export async function loadSpec(options: LoadSpecOptions): Promise<{ spec?: LoadedSpec; diagnostics: Diagnostic[] }> {
  const read = await readSpecSource(options.spec, options.headers);
  if (!read.source) return { diagnostics: read.diagnostics };
  const source = read.source;
  const parsed = parseSpecText(source);
  if (parsed.document === undefined) return { diagnostics: parsed.diagnostics };

  stripExtensions(parsed.document);
  const tooLarge = checkSpecBounds({ source, document: parsed.document });
  if (tooLarge) return { diagnostics: [tooLarge] };
  const version = detectVersion(parsed.document);
  if (!version.ok) return { diagnostics: [notOpenApi(source, version.reason)] };
  const allowExternalRefs = options.allowExternalRefs ?? false;
  let input = parsed.document as object;
  if (version.version === '2.0') {
    // The converter and its dependencies load only for the Swagger 2.0 documents that need them.
    const { convertSwagger2 } = await import('./convert-swagger2.js');
    const converted = await convertSwagger2({ source, document: input, allowExternalRefs });
    if (!converted.document) return { diagnostics: converted.diagnostics };
    input = converted.document;
  }

  // Dereferencing works in place. Rather than every run cloning the document
  // for the rare retry, the error paths read a fresh copy from the text.
  const reread = async (): Promise<object> => {
    const again = parseSpecText(source).document as object;
    stripExtensions(again);
    if (version.version !== '2.0') return again;
    const { convertSwagger2 } = await import('./convert-swagger2.js');
    return (await convertSwagger2({ source, document: again, allowExternalRefs })).document ?? again;
  };
  const checked = await validateAndDereference({ source, input, reread, allowExternalRefs });
  if (!checked.document) return { diagnostics: checked.diagnostics };
  const { document } = checked;
  const openapiVersion = version.version === '3.1' ? '3.1' : '3.0';
  return {
    spec: { label: source.label, openapiVersion, document, operations: listOperations(document) },
    diagnostics: checked.diagnostics,
  };
}

/** Validates and dereferences; schema errors of a tolerated kind become warnings (the spec is then dereferenced unvalidated). */
async function validateAndDereference(input: {
  source: SpecSource;
  /** Dereferenced in place. */
  input: object;
  /** The input as it was before: for the error paths. */
  reread: () => Promise<object>;
  allowExternalRefs: boolean;
}): Promise<{ document?: OpenApiDocument; diagnostics: Diagnostic[] }> {
  const { source, allowExternalRefs } = input;
  const guard = guardedResolvers({ source, allowExternalRefs });
  try {
    const document = (await validateOpenApi({
      location: source.location,
      document: input.input,
      resolve: guard.resolve,
    })) as OpenApiDocument;
    return { document, diagnostics: [] };
  } catch (error) {
    const intact = await input.reread();
    if (guard.refused.length > 0)
      return { diagnostics: refusedRefDiagnostics({ source, document: intact, refused: guard.refused }) };
    if (error instanceof RangeError) return { diagnostics: [refsTooDeep(source)] };
    const details = (error as { details?: AjvError[] }).details;
    const warnings = Array.isArray(details) ? toleratedSchemaWarnings({ label: source.label, details }) : undefined;
    if (!warnings) return { diagnostics: validationDiagnostics({ label: source.label, error }) };
    const retry = guardedResolvers({ source, allowExternalRefs });
    try {
      const document = (await dereferenceOpenApi({
        location: source.location,
        document: intact,
        resolve: retry.resolve,
      })) as OpenApiDocument;
      return { document, diagnostics: warnings };
    } catch (retryError) {
      if (retry.refused.length > 0)
        return {
          diagnostics: refusedRefDiagnostics({ source, document: await input.reread(), refused: retry.refused }),
        };
      if (retryError instanceof RangeError) return { diagnostics: [refsTooDeep(source)] };
      return { diagnostics: validationDiagnostics({ label: source.label, error: retryError }) };
    }
  }
}

function detectVersion(
  document: unknown,
): { ok: true; version: '2.0' | '3.0' | '3.1' } | { ok: false; reason: string } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, reason: 'the document is not a JSON/YAML object' };
  }
  const record = document as Record<string, unknown>;
  const openapi = record['openapi'];
  if (typeof openapi === 'string' && /^3\.0\.\d+/.test(openapi)) return { ok: true, version: '3.0' };
  if (typeof openapi === 'string' && /^3\.1\.\d+/.test(openapi)) return { ok: true, version: '3.1' };
  if (openapi !== undefined) return { ok: false, reason: `unsupported "openapi: ${String(openapi)}"` };
  const swagger = record['swagger'];
  if (swagger === '2.0') return { ok: true, version: '2.0' };
  if (swagger === 2) return { ok: false, reason: 'YAML reads "swagger: 2.0" as a number; quote it: swagger: "2.0"' };
  if (swagger !== undefined) {
    return {
      ok: false,
      reason: `unsupported "swagger: ${String(swagger)}" (Swagger 2.0 is converted; 1.x is not supported)`,
    };
  }
  return { ok: false, reason: 'it has no "openapi" field' };
}

function notOpenApi(source: SpecSource, reason: string): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_NOT_OPENAPI',
    severity: 'error',
    message: `${source.label} is not an OpenAPI 3.0/3.1 or Swagger 2.0 document: ${reason}`,
    location: { spec: source.label, pointer: '' },
    hint: 'Point --spec at the OpenAPI document (Fastify publishes it at /documentation/json).',
  };
}

/** Every operation under `paths`, in spec order. */
export function listOperations(document: OpenApiDocument): OperationRef[] {
  const operations: OperationRef[] = [];
  for (const [pathKey, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, unknown>)[method] as OpenAPIV3.OperationObject | undefined;
      if (!op || typeof op !== 'object') continue;
      operations.push({
        method,
        path: pathKey,
        ...(op.operationId ? { operationId: op.operationId } : {}),
        pointer: `/paths/${escapePointer(pathKey)}/${method}`,
        ...(op.summary ? { summary: op.summary } : {}),
        deprecated: op.deprecated === true,
        tags: op.tags ?? [],
      });
    }
  }
  return operations;
}

export { escapePointer };
