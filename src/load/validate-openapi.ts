import {
  $RefParser,
  dereferenceInternal,
  jsonSchemaParserNormalizeArgs,
  type ParserOptions,
} from '@apidevtools/json-schema-ref-parser';
import { fixOasRelativeServers } from '@apidevtools/swagger-parser/lib/util.js';
import { checkOpenApiSchema } from './openapi-schema.js';

export type ResolveOptions = NonNullable<ParserOptions['resolve']>;

/** An OpenAPI 3 document read from `location`, with the resolvers that guard its `$ref`s. */
interface OpenApiInput {
  location: string;
  document: object;
  resolve: ResolveOptions;
}

/**
 * `SwaggerParser.validate` of an OpenAPI 3 document with `circular: true`,
 * step for step (its lib/index.js; its spec checks cover Swagger 2.0 only),
 * except that the schema check runs validators compiled ahead of time instead
 * of compiling the OpenAPI schema on every run. Dereferences in place and
 * throws what `SwaggerParser.validate` throws.
 */
export async function validateOpenApi(input: OpenApiInput): Promise<object> {
  const { location, document, resolve } = input;
  const parser = openApiRefParser({ location, document });
  // Circular $refs stay $refs while the schema is checked: the validator cannot walk a cyclic graph.
  await parser.dereference(location, document as never, { resolve, dereference: { circular: 'ignore' } });
  await checkOpenApiSchema(parser.schema as { openapi: string });
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

/**
 * `SwaggerParser.dereference` of an OpenAPI 3 document, unvalidated: the
 * retry for specs whose schema errors mcpgen tolerates.
 */
export async function dereferenceOpenApi(input: OpenApiInput): Promise<object> {
  const { location, document, resolve } = input;
  const parser = openApiRefParser({ location, document });
  return parser.dereference(location, document as never, { resolve, dereference: { circular: true } });
}

/**
 * What swagger-parser's parse adds for an OpenAPI 3 document we already read
 * and version-checked: relative `servers` URLs of a spec fetched over HTTP
 * resolve against its URL (its own helper, so the result is the same). The
 * SwaggerParser class itself is not loaded: its module loads ajv and every
 * OpenAPI schema at startup for a check mcpgen runs precompiled.
 */
function openApiRefParser(input: { location: string; document: object }): $RefParser {
  fixOasRelativeServers(input.document, input.location);
  return new $RefParser();
}
