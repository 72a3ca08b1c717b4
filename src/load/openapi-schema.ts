import type { AjvError } from './tolerated-errors.js';

/** An ajv validate function: `errors` holds what the last call found. */
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/**
 * Checks a document against the OpenAPI 3.0 or 3.1 schema with validators
 * compiled ahead of time (scripts/openapi-validators.ts) and fails as
 * swagger-parser's schema check does: a SyntaxError whose `details` are
 * ajv's errors. Only the document's version is loaded.
 */
export async function checkOpenApiSchema(api: { openapi: string }): Promise<void> {
  const validate = await validatorFor(api.openapi);
  if (validate(api)) return;
  const details = validate.errors ?? [];
  const lines = details.map((error) => `  #${error.instancePath || '/'} ${error.message ?? ''}\n`);
  throw Object.assign(new SyntaxError(`Swagger schema validation failed.\n${lines.join('')}`), { details });
}

async function validatorFor(openapi: string): Promise<CompiledValidator> {
  const module = openapi.startsWith('3.1')
    ? await import('./generated/openapi-3.1-schema.js')
    : await import('./generated/openapi-3.0-schema.js');
  return module.validate as CompiledValidator;
}
