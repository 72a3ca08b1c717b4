import type { JsonSchema, JsonValue } from './json-schema.js';
import type { ConfirmationMode, RateLimit } from './allowlist.js';
import type { HttpMethod, Risk } from './risk.js';

/** Where a tool argument goes in the HTTP request. */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** One argument of a tool, mapped to one place in the request. */
export interface ParamModel {
  /** Argument name the model sees (unique within the tool, readable, deterministic). */
  argName: string;
  /** Name on the wire: the path template variable, query key, header or body property. */
  wireName: string;
  in: ParamLocation;
  required: boolean;
  /** The argument's schema (already normalized). */
  schema: JsonSchema;
  /** Query serialization of arrays and objects (OpenAPI `style` + `explode`). */
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'simple';
  explode?: boolean;
  /** A fixed value the server always sends; such parameters are hidden from the model. */
  fixedValue?: JsonValue;
}

/** How the request body is built from the arguments. */
export interface BodyModel {
  mediaType: string;
  required: boolean;
  /**
   * `fields`: each top-level property of an object body is its own argument
   * (params with `in: 'body'`); `whole`: one argument holds the entire body.
   */
  mode: 'fields' | 'whole';
  /** With `whole`, the argument that holds the body. */
  argName?: string;
  /**
   * Where the media type alone does not say how to write the body: `binary`
   * (a base64 argument sent as bytes) or `text` (a string sent as-is).
   */
  as?: 'binary' | 'text';
  /** For an optional `fields` body: the properties the spec requires whenever the body is sent. */
  requiredFields?: string[];
  /** The body schema's `minProperties` (`fields` mode: the arguments no longer carry it). */
  minProperties?: number;
  /** Per-property OpenAPI `encoding` of form and multipart bodies (only properties that declare one, or files). */
  fields?: Record<string, BodyFieldEncodingModel>;
}

/** How one property of a form or multipart body is written (OpenAPI `encoding`). */
export interface BodyFieldEncodingModel {
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  contentType?: string;
  /** Multipart: a file, taken as base64 and sent as a part with a filename. */
  file?: boolean;
}

/** What the tool returns for a successful JSON response. */
export interface OutputModel {
  /** Schema of `structuredContent` (always an object). */
  schema: JsonSchema;
  /** Non-object responses are wrapped under this key, e.g. `{ items: [...] }`. */
  wrapKey?: string;
  /** Top-level fields kept from the response; absent keeps all. */
  fields?: string[];
}

/** One credential scheme of the API, read from env by the generated server. */
export interface AuthSchemeModel {
  /** Name under `components.securitySchemes`. */
  name: string;
  kind: 'apiKey' | 'bearer' | 'basic';
  /** For apiKey: where the key goes and under which name. */
  in?: 'header' | 'query' | 'cookie';
  paramName?: string;
  /** Env variables holding the secret(s): one, or username then password for basic. */
  envVars: string[];
  description?: string;
}

/** Annotations sent with the tool (hints for the host's UI; the gates enforce). */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** One generated tool and the operation contract it was built from. */
export interface ToolModel {
  name: string;
  title: string;
  description: string;
  risk: Risk;
  /** Effective confirmation: the risk's default or the allowlist's stricter choice. */
  confirmation: ConfirmationMode;
  /** Waits for a person on the approval queue where the client cannot ask one. */
  approvalQueue?: boolean;
  rateLimit?: RateLimit;
  annotations: ToolAnnotations;
  method: HttpMethod;
  /** Path template as in the spec, e.g. `/orders/{orderId}`. */
  path: string;
  operationId?: string;
  /** JSON pointer to the operation in the spec. */
  pointer: string;
  deprecated: boolean;
  /** The operation's own summary and description, recorded so `check` notices when the spec rewrites them. */
  specText: { summary?: string; description?: string };
  params: ParamModel[];
  body?: BodyModel;
  inputSchema: JsonSchema;
  output?: OutputModel;
  /** The output schema `tools/list` advertises: the response's, or the envelope of a gated tool. */
  listedOutputSchema?: JsonSchema;
  /** Alternatives (OR) of scheme sets (AND); empty list: no auth; `[]` inside: anonymous allowed. */
  security: string[][];
  /** Response size cap in bytes. */
  maxResponseBytes: number;
  outputStrictness: 'lenient' | 'strict';
  /** Argument names the audit log redacts. */
  redact: string[];
}

/** One generated resource (fixed URI) or resource template, and the operation contract behind it. */
export interface ResourceModel {
  name: string;
  /** The fixed URI, or the RFC 6570 level-1 template. */
  uri: string;
  /** Template variables in URI order (each a path parameter); empty for a fixed URI. */
  variables: string[];
  title: string;
  description: string;
  mimeType: string;
  rateLimit?: RateLimit;
  method: HttpMethod;
  path: string;
  operationId?: string;
  pointer: string;
  deprecated: boolean;
  specText: { summary?: string; description?: string };
  /** Path parameters (named like the template variables) and the fixed query/header values; optional others are not sent. */
  params: ParamModel[];
  /** Kept fields and the wrap key of a non-object JSON response, as for tools. */
  output?: OutputModel;
  security: string[][];
  maxResponseBytes: number;
  /** Template variables the audit log redacts. */
  redact: string[];
}

/** Everything the generated project is rendered from. */
export interface ServerModel {
  name: string;
  version: string;
  description: string;
  envPrefix: string;
  /** Guidance every model receives when it connects (MCP `instructions`), if the allowlist gives it. */
  instructions?: string;
  /** Name in the MCP registry (`server.json`), reverse-DNS `namespace/name`, if the allowlist gives it. */
  registryName?: string;
  /** Public URL of the deployed streamable HTTP endpoint, if the allowlist gives it. */
  remoteUrl?: string;
  /** Title and version of the API the server was generated from. */
  api: { title: string; version: string };
  /** First server URL of the spec, offered as the example base URL (never trusted as code). */
  defaultBaseUrl?: string;
  auth: AuthSchemeModel[];
  tools: ToolModel[];
  resources: ResourceModel[];
}
