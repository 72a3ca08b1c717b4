import type { OpenAPIV3 } from 'openapi-types';
import type { JsonSchema } from '../model/json-schema.js';
import type { AuthSchemeModel, BodyFieldEncodingModel, BodyModel, ParamModel } from '../model/server.js';
import { ArgNamer } from './arg-names.js';

/** Normalizes one schema in the direction of a request (readOnly fields dropped). */
export type NormalizeInput = (schema: unknown) => JsonSchema;

/** Headers OpenAPI says to ignore as parameters: the server sets them itself. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

const JSON_TYPES = [/^application\/json$/i, /^application\/[\w.+-]*\+json$/i];
/** Bodies written as a string the model composes (anything else not JSON or a form is bytes). */
const TEXT_TYPES = [
  /^text\//i,
  /^application\/(?:[\w.+-]*\+)?xml$/i,
  /^application\/(?:x-)?yaml$/i,
  /^application\/(?:graphql|sql|javascript)$/i,
];

/** Request media types, most preferred first; any other is taken as text or bytes (see `bodyKind`). */
const BODY_MEDIA_PREFERENCE = [
  ...JSON_TYPES,
  /^application\/x-www-form-urlencoded$/i,
  /^multipart\/form-data$/i,
  /^text\/plain$/i,
  /^\*\/\*$/,
  ...TEXT_TYPES,
  /^application\/octet-stream$/i,
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
/** RFC 9110 `token`: the characters a header (or cookie) name may hold. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function buildParams(input: {
  parameters: SpecParameter[];
  requestBody?: OpenAPIV3.RequestBodyObject;
  auth: AuthSchemeModel[];
  normalize: NormalizeInput;
  /** Argument names the runtime uses itself; spec parameters with these names are renamed. */
  reserved?: string[];
}): { params: ParamModel[]; body?: BodyModel; unsendable: string[] } {
  const namer = new ArgNamer();
  const unsendable: string[] = [];
  for (const name of input.reserved ?? []) namer.reserve(name);
  const params: ParamModel[] = [];
  const isCredential = (p: SpecParameter) =>
    input.auth.some((scheme) => scheme.kind === 'apiKey' && scheme.in === p.in && scheme.paramName === p.name);

  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    for (const p of input.parameters.filter((candidate) => candidate.in === location)) {
      if (location === 'header' && RESERVED_HEADERS.has(p.name.toLowerCase())) continue;
      // No HTTP client can send a header or cookie whose name is not a token; such a parameter cannot be offered.
      if ((location === 'header' || location === 'cookie') && !HTTP_TOKEN.test(p.name)) {
        unsendable.push(`${location} "${p.name}"`);
        continue;
      }
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

  const body = input.requestBody
    ? buildBody({ requestBody: input.requestBody, namer, normalize: input.normalize })
    : undefined;
  if (!body) return { params, unsendable };
  params.push(...body.params);
  return { params, body: body.body, unsendable };
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
  const media = content[mediaType] ?? {};
  const required = input.requestBody.required === true;
  const rawSchema = media.schema ?? {};
  const schema = withDescription(input.normalize(rawSchema), input.requestBody.description);
  const bare = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const as = bodyKind({ mediaType: bare, schema, raw: rawSchema });

  if (as === undefined && isFlattenable(schema)) {
    const requiredFields = (schema.required ?? []).filter((name) => schema.properties?.[name] !== undefined);
    const multipart = bare === 'multipart/form-data';
    const form = bare === 'application/x-www-form-urlencoded';
    const fields: Record<string, BodyFieldEncodingModel> = {};
    const params = Object.entries(schema.properties ?? {}).map(([wireName, fieldSchema]): ParamModel => {
      const declared = fieldEncoding(media.encoding?.[wireName]);
      const rawField = rawProperty(rawSchema, wireName);
      const file = multipart && isFileSchema(fieldSchema, rawField);
      if (form || multipart) {
        const encoding = { ...declared, ...(file ? { file: true } : {}) };
        if (Object.keys(encoding).length > 0) fields[wireName] = encoding;
      }
      return {
        argName: input.namer.name({ wireName, in: 'body' }),
        wireName,
        in: 'body',
        required: required && requiredFields.includes(wireName),
        schema: file ? fileArgument(fieldSchema) : fieldSchema,
      };
    });
    return {
      body: {
        mediaType,
        required,
        mode: 'fields',
        ...(!required && requiredFields.length > 0 ? { requiredFields } : {}),
        ...(schema.minProperties !== undefined && schema.minProperties > 0
          ? { minProperties: schema.minProperties }
          : {}),
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
      },
      params,
    };
  }
  const argName = input.namer.name({ wireName: 'body', in: 'body' });
  const sentAs = mediaType.includes('*') ? 'application/octet-stream' : mediaType;
  const argSchema =
    as === 'binary'
      ? binaryArgument({ description: schema.description, note: `Base64-encoded content, sent as ${sentAs}.` })
      : as === 'text' && schema.type !== 'string'
        ? { type: 'string' as const, description: joinText(schema.description, `Sent as-is as ${mediaType}.`) }
        : schema;
  return {
    body: { mediaType, required, mode: 'whole', argName, ...(as ? { as } : {}) },
    params: [{ argName, wireName: 'body', in: 'body', required, schema: argSchema }],
  };
}

/**
 * How a media type's body is written when it is neither JSON nor a form:
 * textual types (XML, CSV, YAML…) as a string, everything else (octet-stream,
 * images, PDFs, a binary `*\/*` upload) as bytes from a base64 argument.
 */
function bodyKind(input: { mediaType: string; schema: JsonSchema; raw: unknown }): 'binary' | 'text' | undefined {
  const { mediaType, schema, raw } = input;
  if (mediaType === '*/*') return isFileSchema(schema, raw) ? 'binary' : undefined;
  if (JSON_TYPES.some((pattern) => pattern.test(mediaType))) return undefined;
  if (
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'multipart/form-data' ||
    mediaType === 'text/plain'
  ) {
    return undefined;
  }
  return TEXT_TYPES.some((pattern) => pattern.test(mediaType)) ? 'text' : 'binary';
}

/** A string of bytes: OpenAPI 3.0 `format: binary`, 3.1 `contentMediaType`/`contentEncoding`. */
function isFileSchema(schema: JsonSchema, raw: unknown): boolean {
  if (schema.type === 'array' && schema.items) {
    const rawItems = raw && typeof raw === 'object' ? (raw as { items?: unknown }).items : undefined;
    return isFileSchema(schema.items, rawItems);
  }
  if (schema.format === 'binary') return true;
  if (!raw || typeof raw !== 'object') return false;
  const record = raw as Record<string, unknown>;
  return record['contentMediaType'] !== undefined || record['contentEncoding'] === 'binary';
}

function rawProperty(raw: unknown, name: string): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const properties = (raw as { properties?: Record<string, unknown> }).properties;
  return properties?.[name];
}

function fileArgument(schema: JsonSchema): JsonSchema {
  if (schema.type === 'array' && schema.items) return { ...schema, items: fileArgument(schema.items) };
  return binaryArgument({ description: schema.description, note: 'Base64-encoded file content.' });
}

function binaryArgument(input: { description: string | undefined; note: string }): JsonSchema {
  return { type: 'string', format: 'byte', description: joinText(input.description, input.note) };
}

function joinText(first: string | undefined, second: string): string {
  return first ? `${first.trim()} ${second}` : second;
}

function fieldEncoding(raw: OpenAPIV3.EncodingObject | undefined): BodyFieldEncodingModel {
  if (!raw || typeof raw !== 'object') return {};
  const styles = ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'] as const;
  const style = styles.find((candidate) => candidate === raw.style);
  return {
    ...(style ? { style } : {}),
    ...(typeof raw.explode === 'boolean' ? { explode: raw.explode } : {}),
    ...(typeof raw.contentType === 'string' ? { contentType: raw.contentType } : {}),
  };
}

function pickMediaType(available: string[]): string | undefined {
  for (const pattern of BODY_MEDIA_PREFERENCE) {
    const match = available.find((type) => pattern.test(type.split(';')[0]?.trim() ?? ''));
    if (match) return match;
  }
  return available[0];
}

/** An object body with named properties becomes one argument per property; anything else is one `body` argument. */
function isFlattenable(schema: JsonSchema): boolean {
  const isObject = schema.type === 'object';
  const hasProperties = schema.properties !== undefined && Object.keys(schema.properties).length > 0;
  const isDictionary = typeof schema.additionalProperties === 'object';
  return isObject && hasProperties && !isDictionary && !schema.anyOf && !schema.oneOf && !schema.allOf;
}
