import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { convertObj } from 'swagger2openapi';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecSource } from './read-source.js';
import { guardedResolvers, refusedRefDiagnostics } from './ref-guard.js';
import { inlineScalarRefs, withUniqueOperationIds } from './swagger2-prepare.js';
import { swagger2Diagnostics } from './swagger2-diagnostics.js';

/**
 * Swagger 2.0 → OpenAPI 3.0. External `$ref`s are bundled in first through
 * the ref guard (the converter itself is never allowed to fetch), so that
 * schemas and parameters from other files are converted too; the bundle is
 * validated as 2.0, where the rules are precise, and only then converted.
 */
export async function convertSwagger2(input: {
  source: SpecSource;
  document: object;
  allowExternalRefs: boolean;
}): Promise<{ document?: OpenAPIV3.Document; diagnostics: Diagnostic[] }> {
  const { source } = input;
  const guard = guardedResolvers({ source, allowExternalRefs: input.allowExternalRefs });
  let bundled: object;
  try {
    bundled = await SwaggerParser.bundle(source.location, structuredClone(input.document) as never, {
      resolve: guard.resolve,
    });
    // Duplicate operationIds are tolerated as in 3.x documents: the allowlist names such operations by method and path.
    await SwaggerParser.validate(source.location, withUniqueOperationIds(structuredClone(bundled)) as never, {
      resolve: guard.resolve,
      dereference: { circular: true },
    });
  } catch (error) {
    if (guard.refused.length > 0)
      return { diagnostics: refusedRefDiagnostics({ source, document: input.document, refused: guard.refused }) };
    return { diagnostics: swagger2Diagnostics({ label: source.label, error, document: input.document }) };
  }
  try {
    const converted = await convertObj(inlineScalarRefs(bundled), {
      patch: true,
      warnOnly: true,
      direct: true,
      origin: false,
      // Without the text the converter re-serializes the whole document to YAML, for nothing.
      text: source.text,
    });
    return { document: converted as OpenAPIV3.Document, diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [
        {
          code: 'MCPGEN_SPEC_CONVERSION',
          severity: 'error',
          message: `the Swagger 2.0 document could not be converted to OpenAPI 3.0: ${firstLine(error)}`,
          location: { spec: source.label, pointer: '' },
          hint: 'Convert it yourself (e.g. `npx swagger2openapi`), fix what the converter reports, and pass the OpenAPI 3 document to --spec.',
        },
      ],
    };
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() ?? text;
}
