import type { OpenAPIV3 } from 'openapi-types';
import type { JsonSchema } from '../model/json-schema.js';
import type { AuthSchemeModel, BodyModel, ParamModel } from '../model/server.js';
import { ArgNamer } from './arg-names.js';

/** Normalizes one schema in the direction of a request (readOnly fields dropped). */
export type NormalizeInput = (schema: unknown) => JsonSchema;

/** Headers OpenAPI says to ignore as parameters: the server sets them itself. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Request media types we can build, most preferred first. */
const BODY_MEDIA_PREFERENCE = [
  /^application\/json$/i,
  /^application\/[\w.+-]*\+json$/i,
  /^application\/x-www-form-urlencoded$/i,
  /^multipart\/form-data$/i,
  /^text\/plain$/i,
  /^\*\/\*$/,
];

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: unknown;
  content?: Record<string, { schema?: unknown }>;
  style?: string;
  explode?: boolean;
}

/** Path-item parameters apply to every operation unless the operation redefines them (same name and location). */
export function effectiveParameters(input: {
  pathItem: OpenAPIV3.PathItemObject;
  operation: OpenAPIV3.OperationObject;
}): SpecParameter[] {
  const own = (input.operation.parameters ?? []) as SpecParameter[];
  const inherited = ((input.pathItem.parameters ?? []) as SpecParameter[]).filter(
    (p) => !own.some((o) => o.name === p.name && o.in === p.in),
  );
  return [...inherited, ...own].filter((p) => p && typeof p === 'object' && typeof p.name === 'string');
}

/**
 * Maps parameters and body onto tool arguments. Credentials never become
 * arguments: a parameter that is a security scheme's API key is dropped,
 * since the server adds it from env.
 */
export function buildParams(input: {
  parameters: SpecParameter[];
  requestBody?: OpenAPIV3.RequestBodyObject;
  auth: AuthSchemeModel[];
  normalize: NormalizeInput;
  /** Argument names the runtime uses itself; spec parameters with these names are renamed. */
  reserved?: string[];
}): { params: ParamModel[]; body?: BodyModel } {
  const namer = new ArgNamer();
  for (const name of input.reserved ?? []) namer.reserve(name);
  const params: ParamModel[] = [];
  const isCredential = (p: SpecParameter) =>
    input.auth.some((scheme) => scheme.kind === 'apiKey' && scheme.in === p.in && scheme.paramName === p.name);

  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    for (const p of input.parameters.filter((candidate) => candidate.in === location)) {
      if (location === 'header' && RESERVED_HEADERS.has(p.name.toLowerCase())) continue;
      if (isCredential(p)) continue;
      const schema = withDescription(input.normalize(parameterSchema(p)), p.description);
      params.push({
        argName: namer.name({ wireName: p.name, in: location }),
        wireName: p.name,
        in: location,
        required: location === 'path' || p.required === true,
        schema: p.deprecated ? { ...schema, deprecated: true } : schema,
        ...(p.style ? { style: p.style as ParamModel['style'] } : {}),
        ...(p.explode !== undefined ? { explode: p.explode } : {}),
      });
    }
  }

  const body = input.requestBody ? buildBody({ requestBody: input.requestBody, namer, normalize: input.normalize }) : undefined;
  if (!body) return { params };
  params.push(...body.params);
  return { params, body: body.body };
}

function parameterSchema(p: SpecParameter): unknown {
  if (p.schema !== undefined) return p.schema;
  const first = p.content ? Object.values(p.content)[0] : undefined;
  return first?.schema ?? { type: 'string' };
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  if (!description || schema.description) return schema;
  return { ...schema, description };
}

function buildBody(input: {
  requestBody: OpenAPIV3.RequestBodyObject;
  namer: ArgNamer;
  normalize: NormalizeInput;
}): { body: BodyModel; params: ParamModel[] } | undefined {
  const content = input.requestBody.content ?? {};
  const mediaType = pickMediaType(Object.keys(content));
  if (!mediaType) return undefined;
  const required = input.requestBody.required === true;
  const schema = withDescription(input.normalize(content[mediaType]?.schema ?? {}), input.requestBody.description);

  if (isFlattenable(schema)) {
    const requiredFields = new Set(schema.required ?? []);
    const params = Object.entries(schema.properties ?? {}).map(
      ([wireName, fieldSchema]): ParamModel => ({
        argName: input.namer.name({ wireName, in: 'body' }),
        wireName,
        in: 'body',
        required: required && requiredFields.has(wireName),
        schema: fieldSchema,
      }),
    );
    return { body: { mediaType, required, mode: 'fields' }, params };
  }
  const argName = input.namer.name({ wireName: 'body', in: 'body' });
  return {
    body: { mediaType, required, mode: 'whole', argName },
    params: [{ argName, wireName: 'body', in: 'body', required, schema }],
  };
}

function pickMediaType(available: string[]): string | undefined {
  for (const pattern of BODY_MEDIA_PREFERENCE) {
    const match = available.find((type) => pattern.test(type.split(';')[0]?.trim() ?? ''));
    if (match) return match;
  }
  return undefined;
}

/** An object body with named properties becomes one argument per property; anything else is one `body` argument. */
function isFlattenable(schema: JsonSchema): boolean {
  const isObject = schema.type === 'object';
  const hasProperties = schema.properties !== undefined && Object.keys(schema.properties).length > 0;
  const isDictionary = typeof schema.additionalProperties === 'object';
  return isObject && hasProperties && !isDictionary && !schema.anyOf && !schema.oneOf && !schema.allOf;
}
