import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { JsonValue } from './json-schema.js';
import type { Risk } from './risk.js';

/** Per-parameter refinements an allowlist entry may make. */
export interface ParamOverride {
  /** Replaces the spec's description (the model reads this one). */
  description?: string;
  /** A default the model may omit the argument for. */
  default?: JsonValue;
  /** When set, the parameter is hidden from the model and always sent with this value. */
  value?: JsonValue;
  location: FileLocation;
}

/** What the generated tool does with the upstream response. */
export interface ResponseOptions {
  /** Top-level fields to keep; the output schema lists only these. */
  fields?: string[];
  /** Responses larger than this many bytes are cut, with a note saying so. */
  maxBytes?: number;
  /** `lenient`: a response that drifts from the schema is returned and logged; `strict`: the call fails. */
  strictness: 'lenient' | 'strict';
}

/**
 * How a call is confirmed before it runs, from least to most strict:
 * `none` runs at once; `confirm` needs a confirmation (the person through
 * elicitation, or a signed token the model relays); `approve` needs a
 * person's approval (token only if the operator opts in by env); `person`
 * always needs a person (through the client or the approval queue), never a token.
 */
export type ConfirmationMode = 'none' | 'confirm' | 'approve' | 'person';

export const CONFIRMATION_MODES: readonly ConfirmationMode[] = ['none', 'confirm', 'approve', 'person'];

/** A token bucket: at most `requests` calls per `perSeconds`, refilled continuously. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** One curated tool: an operation exposed to the model under a chosen name. */
export interface AllowlistTool {
  /** Tool name as the model sees it. */
  name: string;
  /** `operationId` or `"METHOD /path"`, as written. */
  operation: string;
  risk: Risk;
  title?: string;
  description?: string;
  /** The operation reaches third parties (sets `openWorldHint`). */
  openWorld: boolean;
  /**
   * `false`: listed but not exposed (as `mcpgen init` writes every operation).
   * `generate` skips the entry; `check` treats its operation as reviewed. Absent means enabled.
   */
  enabled?: boolean;
  params: Record<string, ParamOverride>;
  response: ResponseOptions;
  /** Argument names whose values the audit log must not show. */
  redact: string[];
  /** Stricter confirmation than the risk's default; never looser. */
  confirmation?: ConfirmationMode;
  /** `true`: a person other than the caller approves each call on the approval page; `false`: never (overrides the server default). */
  approvalQueue?: boolean;
  rateLimit?: RateLimit;
  /** Where the tool's key is, and where each of its fields is. */
  location: FileLocation;
  fieldLocations: Record<string, FileLocation>;
}

/**
 * One curated resource: a GET operation the model (or the person, through the
 * host) can read without a tool call. A fixed URI for an operation without
 * path parameters; an RFC 6570 level-1 template whose variables are exactly
 * the path parameters otherwise.
 */
export interface AllowlistResource {
  /** Resource name (the key under `resources:`). */
  name: string;
  /** `operationId` or `"GET /path"`, as written. */
  operation: string;
  /** `company://products`, or a template such as `company://customers/{customerId}`. */
  uri: string;
  title?: string;
  description?: string;
  /** MIME type of what a read returns; `application/json` by default. */
  mimeType?: string;
  /** `false`: listed but not exposed (as `mcpgen init` drafts every GET operation). */
  enabled?: boolean;
  /** Query (and header) parameters, only as hidden fixed values. */
  params: Record<string, ParamOverride>;
  response: ResponseOptions;
  /** Template variables whose values the audit log must not show. */
  redact: string[];
  rateLimit?: RateLimit;
  location: FileLocation;
  fieldLocations: Record<string, FileLocation>;
}

/** Identity of the generated MCP server. */
export interface ServerOptions {
  /** MCP server name and npm package name. */
  name: string;
  version: string;
  /** Prefix of every env variable the server reads, e.g. `COMPANY_API`. */
  envPrefix: string;
  description?: string;
  /** Guidance every model receives when it connects to the server. */
  instructions?: string;
  /** Name in the MCP registry's `server.json`, reverse-DNS `namespace/name` (`server.registry_name`). */
  registryName?: string;
  /** Public URL of the deployed streamable HTTP endpoint (`server.remote_url`): `remotes` in `server.json`, HTTP host configs. */
  remoteUrl?: string;
  /** High-risk tools use the approval queue unless a tool says `approval_queue: false`. */
  highRiskApprovalQueue?: boolean;
}

/** The parsed, shape-checked allowlist file (operations not yet resolved). */
export interface Allowlist {
  /** Path of the file, as given on the command line. */
  file: string;
  spec?: string;
  out?: string;
  server: ServerOptions;
  tools: AllowlistTool[];
  /** Resources and resource templates; empty when the file has no `resources:`. */
  resources: AllowlistResource[];
}
