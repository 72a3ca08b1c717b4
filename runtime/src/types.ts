import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { z } from 'zod';

export type Risk = 'read' | 'low' | 'medium' | 'high';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/** Where one tool argument goes in the HTTP request. */
export interface ParamBinding {
  /** Argument name the model uses. */
  arg: string;
  /** Name on the wire (path variable, query key, header, cookie or body property). */
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie' | 'body';
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'simple';
  explode?: boolean;
  /** Hidden from the model: always sent with this value. */
  fixed?: unknown;
}

/** How one property of a form or multipart body is written (OpenAPI `encoding`). */
export interface BodyFieldEncoding {
  /** Form bodies: `form` (the default, arrays as repeated keys) or `deepObject` (`key[sub][0]=v`). */
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  /** Multipart: the part's content type (files). */
  contentType?: string;
  /** Multipart: the argument holds a file as base64, sent as a part with a filename. */
  file?: boolean;
}

/** How the request body is built from the arguments. */
export interface BodyDefinition {
  mediaType: string;
  /** `fields`: one argument per top-level property; `whole`: one argument holds the body. */
  mode: 'fields' | 'whole';
  required: boolean;
  /**
   * Where the media type alone does not say how to write the body: `binary`
   * decodes a base64 argument and sends its bytes, `text` sends a string as-is.
   */
  as?: 'binary' | 'text';
  /** Properties (wire names) the body needs whenever it is sent; given for an optional body. */
  requiredFields?: string[];
  /** The body's `minProperties`: fewer properties than this is refused before sending. */
  minProperties?: number;
  /** Per-property encoding of form and multipart bodies; absent properties use the defaults. */
  fields?: Record<string, BodyFieldEncoding>;
}

/**
 * How a call is confirmed before it runs (never looser than the risk's default):
 * `confirm` accepts a token the model relays where no person can be asked;
 * `approve` needs a person unless the operator opts in to tokens by env;
 * `person` always needs a person (through the client or the approval queue).
 */
export type ConfirmationMode = 'none' | 'confirm' | 'approve' | 'person';

/** Everything the runtime needs to turn a call of one tool into one HTTP request and back. */
export interface ToolDefinition {
  name: string;
  risk: Risk;
  confirmation: ConfirmationMode;
  /** Calls allowed per window, across every instance sharing the store (per process with the memory store). */
  rateLimit?: { requests: number; perSeconds: number };
  /** A person other than the caller approves each call on the approval page, where the client cannot ask one. */
  approvalQueue?: boolean;
  /** Argument names the audit log redacts (besides secret-looking ones). */
  redact: string[];
  /** The exact entry `tools/list` returns. */
  listing: Tool;
  /** Validates (and applies defaults to) the arguments; unknown arguments are rejected. */
  input: z.ZodType;
  /** Validates `structuredContent` when the tool has an output schema. */
  output?: z.ZodType;
  request: {
    method: HttpMethod;
    path: string;
    params: ParamBinding[];
    body?: BodyDefinition;
    /** Alternatives (any one suffices) of security scheme sets (all needed). */
    security: string[][];
  };
  response: {
    /** Non-object responses are returned as `{ [wrapKey]: response }`. */
    wrapKey?: string;
    /** Dot paths of the fields kept (`items.name` reaches into arrays). */
    fields?: string[];
    maxBytes: number;
    strictness: 'lenient' | 'strict';
  };
}

/** A credential scheme the server reads from env. */
export interface AuthScheme {
  name: string;
  kind: 'apiKey' | 'bearer' | 'basic';
  in?: 'header' | 'query' | 'cookie';
  paramName?: string;
  envVars: string[];
}

/** Names of the env variables the server reads, all under the project's prefix. */
export interface EnvNames {
  baseUrl: string;
  timeoutMs: string;
  maxRetries: string;
  confirmationSecret: string;
  confirmationTtlSeconds: string;
  unsafeHighRiskTokens: string;
  auditLog: string;
  redisUrl: string;
  transport: string;
  httpHost: string;
  httpPort: string;
  httpTokens: string;
  httpAllowedHosts: string;
  httpAllowedOrigins: string;
  oauthIssuer: string;
  oauthResource: string;
  oauthJwksUrl: string;
  oauthAlgorithms: string;
  oauthScopes: string;
  oauthJwksCooldownSeconds: string;
  metricsToken: string;
  metricsPort: string;
  approverTokens: string;
  approvalWebhookUrl: string;
  approvalBaseUrl: string;
  approvalTtlSeconds: string;
  approvalPort: string;
}

/** The per-project values the runtime is built around; generated into `src/settings.ts`. */
export interface ServerSettings {
  name: string;
  version: string;
  /** Guidance every model receives when it connects (both protocol eras). */
  instructions?: string;
  env: EnvNames;
  auth: AuthScheme[];
}

/** Who is calling: an inbound token's name over HTTP, `stdio` for the local process. */
export interface Principal {
  name: string;
  /** Highest risk this caller may see and call. */
  scope: Risk;
  /**
   * The exact risk levels this caller may see and call, where they are not
   * every level up to `scope` (OAuth scopes map to levels one by one).
   */
  risks?: readonly Risk[];
}

/** What a before-call hook sees and may change; it runs before the gates, on every attempt. */
export interface CallContext {
  tool: ToolDefinition;
  /** Validated arguments (defaults applied); a hook may replace them. */
  args: Record<string, unknown>;
  principal: Principal;
  /** Extra headers sent to the API with this call. */
  headers: Record<string, string>;
}

/** A hook's refusal: the call is not sent and the model gets this message. */
export interface Veto {
  veto: { error: string; message: string };
}

/** A tool written by hand in `src/extensions.ts`, served beside the generated ones. */
export interface HandWrittenTool {
  listing: Tool;
  risk: Risk;
  call(args: Record<string, unknown>, context: { principal: Principal }): Promise<CallToolResult>;
}

/** What `src/extensions.ts` may provide; every member is optional. */
export interface Extensions {
  /**
   * Runs before the request is sent. Return a veto to refuse the call. Resource
   * reads run it too, as a read tool named `resource:<name>` whose arguments are
   * the URI's variables (see `resourceAsTool` in resources.ts).
   */
  beforeCall?(context: CallContext): Veto | undefined | Promise<Veto | undefined>;
  /**
   * Runs on every result of a generated tool; return a replacement to reshape it.
   * Not on resource reads: they produce contents, not a tool result, and are
   * shaped by the allowlist's `response.fields` alone.
   */
  afterCall?(context: {
    tool: ToolDefinition;
    args: Record<string, unknown>;
    principal: Principal;
    result: CallToolResult;
  }): CallToolResult | undefined | Promise<CallToolResult | undefined>;
  /** Extra tools, listed after the generated ones. */
  tools?: readonly HandWrittenTool[];
}
