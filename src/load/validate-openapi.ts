import {
  dereferenceInternal,
  jsonSchemaParserNormalizeArgs,
  type ParserOptions,
} from '@apidevtools/json-schema-ref-parser';
import SwaggerParser from '@apidevtools/swagger-parser';
import { checkOpenApiSchema } from './openapi-schema.js';

type ResolveOptions = NonNullable<SwaggerParser.Options['resolve']>;

/**
 * `SwaggerParser.validate` of an OpenAPI 3 document with `circular: true`,
 * step for step (its lib/index.js; its spec checks cover Swagger 2.0 only),
 * except that the schema check runs validators compiled ahead of time instead
 * of compiling the OpenAPI schema on every run. Dereferences in place and
 * throws what `SwaggerParser.validate` throws.
 */
export async function validateOpenApi(input: {
  location: string;
  document: object;
  resolve: ResolveOptions;
}): Promise<object> {
  const { location, document, resolve } = input;
  const parser = new SwaggerParser();
  // Circular $refs stay $refs while the schema is checked: the validator cannot walk a cyclic graph.
  await parser.dereference(location, document as never, { resolve, dereference: { circular: 'ignore' } });
  await checkOpenApiSchema(parser.api as { openapi: string });
  const refParser = parser as unknown as Parameters<typeof dereferenceInternal>[0];
  if (parser.$refs.circular) {
    const { options } = jsonSchemaParserNormalizeArgs([
      location,
      { resolve, dereference: { circular: true } },
    ] as unknown as IArguments);
    dereferenceInternal(refParser, options as ParserOptions);
  }
  return refParser.schema as object;
}
