import { randomUUID } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  isInputRequiredResult,
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server';
import { CallAuditingServer } from './call-auditing-server.js';
import { notifyWebhook } from './approval-webhook.js';
import { ApprovalQueue, type ApprovalEvent } from './approvals.js';
import {
  createAuditSink,
  redactArguments,
  writeApprovalAudit,
  writeAudit,
  type AuditEntry,
  type AuditSink,
} from './audit.js';
import type { ServerConfig } from './config.js';
import { ConfirmationTokens } from './confirmation-token.js';
import { passGate, previewOf, type Era, type RequestPreview, type TransportKind } from './gate.js';
import { send } from './http.js';
import { LazyJsonSchemaValidator } from './json-schema-validator.js';
import { createLogger, type Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import { SealedRequestState } from './request-state.js';
import { registerResources, type ResourceDefinition } from './resources.js';
import { prepareRequest, RequestError } from './request.js';
import {
  errorResult,
  failureResult,
  httpErrorResult,
  OUTPUT_DRIFT,
  successResult,
} from './results.js';
import { secretForms, scrubText, scrubValue } from './secrets.js';
import { MemoryStore, StoreUnavailableError, type SharedStore } from './store.js';
import { endClientSpan, endServerSpan, startClientSpan, startServerSpan } from './tracing.js';
import type { Context as TraceContext } from '@opentelemetry/api';
import type {
  Extensions,
  HandWrittenTool,
  Principal,
  Risk,
  ServerSettings,
  ToolDefinition,
} from './types.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/** Read at most this many times the tool's cap before giving up on a response. */
const READ_LIMIT_FACTOR = 10;
const MIN_READ_LIMIT_BYTES = 1_000_000;
const RISK_ORDER: readonly Risk[] = ['read', 'low', 'medium', 'high'];
/** The argument gated tools accept for a token confirmation; never sent upstream. */
export const CONFIRMATION_TOKEN_ARG = 'confirmation_token';
/** The argument tools using the approval queue accept to run an approved request; never sent upstream. */
export const APPROVAL_ID_ARG = 'approval_id';
/** `tools/list` changes only with a new build; 2026-07-28 clients may cache it (per caller: scopes filter it). */
const LIST_CACHE_MS = 5 * 60 * 1000;

/**
 * One JSON-schema validator per process: the SDK would otherwise build one
 * for every `Server`, and stateless HTTP makes a `Server` per request.
 */
let validator: LazyJsonSchemaValidator | undefined;

/**
 * State shared by every request of one process. Replay protection and rate
 * limits live in `store`, so they span every request here and, with Redis,
 * every instance.
 */
export interface Runtime {
  settings: ServerSettings;
  config: ServerConfig;
  logger: Logger;
  audit: AuditSink;
  now: () => number;
  tokens: ConfirmationTokens;
  sealed: SealedRequestState;
  limiter: RateLimiter;
  store: SharedStore;
  extensions: Extensions;
  /** Resources and resource templates, served beside the tools (read-risk). */
  resources: readonly ResourceDefinition[];
  /** Every form of every credential the server may send, scrubbed from results and logs. */
  secretForms: string[];
  /** Prometheus counters, where metrics are served. */
  metrics?: Metrics;
  /** The approval queue, when approvers are configured. */
  approvals: ApprovalQueue | undefined;
  /** Where the approval page is reached (env, else the listener once it listens); for links. */
  approvalPage: { url: string | undefined };
}

export function createRuntime(input: {
  settings: ServerSettings;
  config: ServerConfig;
  logger?: Logger;
  audit?: AuditSink;
  now?: () => number;
  store?: SharedStore;
  extensions?: Extensions;
  metrics?: Metrics;
  resources?: readonly ResourceDefinition[];
}): Runtime {
  const now = input.now ?? Date.now;
  const { confirmation } = input.config;
  const store = input.store ?? new MemoryStore(now);
  const forms = secretForms(input.config);
  const rawAudit = input.audit ?? createAuditSink(input.config.auditLog);
  const audit: AuditSink = (line) => {
    rawAudit(scrubText(line, forms));
  };
  const logger = scrubbedLogger(input.logger ?? createLogger(), forms);
  const approvalConfig = input.config.approvals;
  const approvalPage = {
    url: approvalConfig?.baseUrl ? `${approvalConfig.baseUrl}/approvals` : undefined,
  };
  const approvals =
    approvalConfig && approvalConfig.approvers.length > 0
      ? new ApprovalQueue({
          store,
          ttlMs: approvalConfig.ttlSeconds * 1000,
          now,
          onEvent: (event) => {
            onApprovalEvent({ event, audit, now, logger, config: input.config, approvalPage });
          },
        })
      : undefined;
  return {
    settings: input.settings,
    config: input.config,
    logger,
    audit,
    approvals,
    approvalPage,
    secretForms: forms,
    now,
    tokens: new ConfirmationTokens(confirmation.secret, confirmation.ttlSeconds * 1000, now, store),
    sealed: new SealedRequestState({
      secret: confirmation.secret,
      ttlSeconds: confirmation.ttlSeconds,
      store,
    }),
    limiter: new RateLimiter(store),
    store,
    extensions: input.extensions ?? {},
    ...(input.metrics ? { metrics: input.metrics } : {}),
    resources: input.resources ?? [],
  };
}

/** Every change of an approval is audited; a new request also notifies the webhook (never waited for). */
function onApprovalEvent(input: {
  event: ApprovalEvent;
  audit: AuditSink;
  now: () => number;
  logger: Logger;
  config: ServerConfig;
  approvalPage: { url: string | undefined };
}): void {
  const { record, event } = input.event;
  writeApprovalAudit({
    sink: input.audit,
    now: input.now(),
    entry: {
      event,
      approval_id: record.id,
      tool: record.tool,
      risk: record.risk,
      requester: record.requester,
      ...(record.approver && event !== 'requested' ? { approver: record.approver } : {}),
      ...(record.reason && event !== 'requested' ? { reason: record.reason } : {}),
      expires_at: new Date(record.expiresAt).toISOString(),
    },
  });
  const webhook = input.config.approvals?.webhookUrl;
  if (event === 'requested' && webhook) {
    void notifyWebhook({
      url: webhook,
      record,
      link: approvalLink(input.approvalPage, record.id),
      logger: input.logger,
    });
  }
}

function approvalLink(page: { url: string | undefined }, id: string): string | undefined {
  return page.url ? `${page.url}/${encodeURIComponent(id)}` : undefined;
}

/** Who asks, in which protocol era, over which transport: fixed for one server instance. */
export interface CreateServerOptions {
  runtime: Runtime;
  tools: readonly ToolDefinition[];
  principal: Principal;
  era: Era;
  transport: TransportKind;
}

/** An MCP server exposing exactly the given tools (and the hand-written ones) to one caller. */
export function createServer(options: CreateServerOptions): Server {
  const { runtime, tools, principal } = options;
  const { settings } = runtime;
  const allowed = (risk: Risk) => riskAllowed(principal, risk);
  const { byName, handWritten } = toolTables(runtime, tools);
  const server = new CallAuditingServer(
    { name: settings.name, version: settings.version },
    {
      capabilities: { tools: {}, ...(runtime.resources.length > 0 ? { resources: {} } : {}) },
      ...(settings.instructions ? { instructions: settings.instructions } : {}),
      jsonSchemaValidator: (validator ??= new LazyJsonSchemaValidator()),
      cacheHints: {
        'tools/list': { ttlMs: LIST_CACHE_MS, cacheScope: 'private' },
        'server/discover': { ttlMs: LIST_CACHE_MS, cacheScope: 'private' },
        // Both lists change only with a new build; what a read returns is the API's to date, so never cached.
        'resources/list': { ttlMs: LIST_CACHE_MS, cacheScope: 'private' },
        'resources/templates/list': { ttlMs: LIST_CACHE_MS, cacheScope: 'private' },
        'resources/read': { ttlMs: 0, cacheScope: 'private' },
      },
    },
  );

  server.onRejectedCall = (call) => {
    const known =
      call.tool === undefined ? undefined : (byName.get(call.tool) ?? handWritten.get(call.tool));
    const args = call.arguments;
    writeAudit({
      sink: runtime.audit,
      now: runtime.now(),
      entry: {
        tool: call.tool ?? '',
        risk: known?.risk ?? 'high',
        principal: principal.name,
        // Only an object can be redacted field by field; of anything else the line keeps only its kind.
        arguments: isPlainObject(args)
          ? redactArguments({ value: args, extra: [] })
          : `[${kindOf(args)}]`,
        outcome: 'refused',
        error: 'invalid_request',
        duration_ms: 0,
        confirmation: 'none',
      },
    });
  };

  if (runtime.resources.length > 0 && allowed('read'))
    registerResources({ server, runtime, principal });

  const tokenForHighRisk = runtime.config.confirmation.allowTokenForHighRisk;
  server.setRequestHandler('tools/list', (request, ctx) => {
    const traced = startServerSpan({
      method: 'tools/list',
      meta: request.params?._meta,
      requestId: ctx.mcpReq.id,
      ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
      transport: options.transport,
    });
    const listed = {
      tools: [
        ...tools
          .filter((tool) => allowed(tool.risk))
          .map((tool) => listingOf(tool, tokenForHighRisk)),
        ...[...handWritten.values()].filter((tool) => allowed(tool.risk)).map((t) => t.listing),
      ],
    };
    endServerSpan(traced.span, { isError: false });
    return listed;
  });
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name;
    const tool = byName.get(name);
    const extra = handWritten.get(name);
    const started = runtime.now();
    const args = request.params.arguments ?? {};
    const risk = tool?.risk ?? extra?.risk ?? 'high';
    const audit: AuditEntry = {
      tool: name,
      risk,
      principal: principal.name,
      arguments: redactArguments({ value: args, extra: tool?.redact ?? [] }),
      outcome: 'error',
      duration_ms: 0,
      confirmation: 'none',
    };
    const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
    const protocolVersion = envelope?.[PROTOCOL_VERSION_META_KEY];
    const traced = startServerSpan({
      method: 'tools/call',
      target: name,
      meta: request.params._meta,
      requestId: ctx.mcpReq.id,
      ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
      ...(typeof protocolVersion === 'string' ? { protocolVersion } : {}),
      transport: options.transport,
    });
    const finish = (isError: boolean) => {
      audit.duration_ms = runtime.now() - started;
      writeAudit({ sink: runtime.audit, entry: audit, now: runtime.now() });
      runtime.metrics?.call(audit);
      endServerSpan(traced.span, { isError, ...(audit.error ? { error: audit.error } : {}) });
    };
    if (!tool && !extra) {
      audit.outcome = 'refused';
      audit.error = 'unknown_tool';
      finish(true);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    }
    let result: CallToolResult | InputRequiredResult;
    try {
      result = await dispatch();
    } catch (error) {
      // Whatever failed, the call is answered and audited once; the model learns nothing internal.
      runtime.logger.error('tool call failed', {
        tool: name,
        error: error instanceof Error ? error.message : String(error),
      });
      audit.outcome = 'error';
      audit.error = 'internal_error';
      result = errorResult({
        error: 'internal_error',
        message: `${name} failed inside the server; nothing more is known. The call may not have reached the API.`,
      });
    }
    finish(!isInputRequiredResult(result) && result.isError === true);
    return isInputRequiredResult(result)
      ? result
      : scrubValue<CallToolResult>(result, runtime.secretForms);

    async function dispatch(): Promise<CallToolResult | InputRequiredResult> {
      if (!allowed(risk)) {
        audit.outcome = 'refused';
        audit.error = 'forbidden';
        return errorResult({
          error: 'forbidden',
          message: `This client's access does not include ${risk}-risk tools such as ${name}.`,
        });
      }
      if (tool)
        return callTool({ ...options, tool, args, ctx, audit, server, trace: traced.context });
      if (extra) return callHandWritten({ runtime, principal, args, audit, tool: extra });
      throw new Error(`no tool ${name}`);
    }
  });
  return server;
}

interface ToolTables {
  byName: ReadonlyMap<string, ToolDefinition>;
  handWritten: ReadonlyMap<string, HandWrittenTool>;
}

/** Built once per tool list: over HTTP every request makes a server, and a spec may have hundreds of tools. */
const tablesOf = new WeakMap<readonly ToolDefinition[], WeakMap<Runtime, ToolTables>>();

function toolTables(runtime: Runtime, tools: readonly ToolDefinition[]): ToolTables {
  let perRuntime = tablesOf.get(tools);
  if (!perRuntime) tablesOf.set(tools, (perRuntime = new WeakMap()));
  let tables = perRuntime.get(runtime);
  if (!tables) {
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const handWritten = new Map(
      (runtime.extensions.tools ?? [])
        .filter((tool) => !byName.has(tool.listing.name))
        .map((tool) => [tool.listing.name, tool]),
    );
    tables = { byName, handWritten };
    perRuntime.set(runtime, tables);
  }
  return tables;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

async function callHandWritten(input: {
  runtime: Runtime;
  principal: Principal;
  args: Record<string, unknown>;
  audit: AuditEntry;
  tool: HandWrittenTool;
}): Promise<CallToolResult> {
  try {
    const result = await input.tool.call(input.args, { principal: input.principal });
    input.audit.outcome = result.isError ? 'error' : 'ok';
    return result;
  } catch (error) {
    input.runtime.logger.error('hand-written tool failed', {
      tool: input.audit.tool,
      error: error instanceof Error ? error.message : String(error),
    });
    input.audit.error = 'extension_failed';
    return errorResult({
      error: 'extension_failed',
      message: 'The tool failed; nothing more is known.',
    });
  }
}

const TOKEN_ARGUMENT = {
  type: 'string',
  description:
    'Leave out on the first call. The first call returns a preview and a token; after the user confirms, repeat the call with the same arguments and this token.',
};
const withTokenArgument = new WeakMap<ToolDefinition, Tool>();

/**
 * A tool advertises only arguments it can use: an `approve` tool takes a
 * relayed token only when the operator opted in, so only then is the
 * argument listed.
 */
function listingOf(tool: ToolDefinition, tokenForHighRisk: boolean): Tool {
  if (tool.confirmation !== 'approve' || !tokenForHighRisk) return tool.listing;
  let listing = withTokenArgument.get(tool);
  if (!listing) {
    const schema = tool.listing.inputSchema;
    listing = {
      ...tool.listing,
      inputSchema: {
        ...schema,
        properties: { ...schema.properties, [CONFIRMATION_TOKEN_ARG]: TOKEN_ARGUMENT },
      },
    };
    withTokenArgument.set(tool, listing);
  }
  return listing;
}

/** What the client declared: carried by every 2026-07-28 request, fixed at `initialize` in 2025. */
function clientCapabilities(server: Server, ctx: ServerContext): ClientCapabilities | undefined {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const declared = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  return declared ?? server.getClientCapabilities();
}

async function callTool(input: {
  server: Server;
  ctx: ServerContext;
  tool: ToolDefinition;
  args: Record<string, unknown>;
  runtime: Runtime;
  principal: Principal;
  era: Era;
  transport: TransportKind;
  audit: AuditEntry;
  /** The tool call's span: the API request's span is its child. */
  trace: TraceContext;
}): Promise<CallToolResult | InputRequiredResult> {
  const { tool, runtime, audit, ctx, principal } = input;
  const { config } = runtime;
  // A gated tool's token is the gate's, not the API's: taken out before the arguments are checked.
  // An ungated tool has no token, so an API parameter of that name stays an argument.
  const { [CONFIRMATION_TOKEN_ARG]: tokenArg, ...withoutToken } = input.args;
  const gated = tool.confirmation !== 'none';
  const rawToken = gated ? tokenArg : undefined;
  // Likewise the approval id of a tool that uses the approval queue.
  const { [APPROVAL_ID_ARG]: approvalArg, ...withoutApproval } = withoutToken;
  const queued = gated && tool.approvalQueue === true;
  const callArgs = queued ? withoutApproval : gated ? withoutToken : input.args;
  const parsed = tool.input.safeParse(callArgs);
  if (!parsed.success) {
    audit.error = 'invalid_arguments';
    return errorResult({
      error: 'invalid_arguments',
      message: `The arguments do not match the input schema of ${tool.name}.`,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  const validated = parsed.data as Record<string, unknown>;
  const token = typeof rawToken === 'string' && rawToken !== '' ? rawToken : undefined;
  const approvalId =
    queued && typeof approvalArg === 'string' && approvalArg !== '' ? approvalArg : undefined;

  // Before the gates, so what a person confirms is what the hook made of the call.
  const context = { tool, args: validated, principal, headers: {} as Record<string, string> };
  const beforeHook = { ...validated };
  const before = await runtime.extensions.beforeCall?.(context);
  if (before) {
    audit.outcome = 'refused';
    audit.error = before.veto.error;
    return errorResult({ error: before.veto.error, message: before.veto.message });
  }
  const { args, headers } = context;
  // What the caller gave, and what the hook set or changed; the rest are schema defaults.
  const given = new Set([
    ...Object.keys(callArgs),
    ...Object.keys(args).filter((key) => args[key] !== beforeHook[key]),
  ]);

  let preview: RequestPreview;
  try {
    preview = previewOf({
      request: prepareRequest({ tool, args, config, withCredentials: false, given }),
      baseUrl: config.baseUrl,
    });
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    audit.error = error.code;
    return errorResult({ error: error.code, message: error.message });
  }

  /** The gate, then the rate limit: an answer when the call must not run, undefined when it may. */
  async function gateAndLimit(): Promise<CallToolResult | InputRequiredResult | undefined> {
    const rawState = ctx.mcpReq.requestState();
    const decision = await passGate(
      {
        tool,
        args,
        token,
        approvalId,
        preview,
        principal,
        era: input.era,
        transport: input.transport,
        capabilities: clientCapabilities(input.server, ctx),
        requestState: typeof rawState === 'string' ? rawState : undefined,
        inputResponses: ctx.mcpReq.inputResponses,
      },
      {
        tokens: runtime.tokens,
        sealed: runtime.sealed,
        allowTokenForHighRisk: config.confirmation.allowTokenForHighRisk,
        approvals: runtime.approvals,
        approvalLink: (id) => approvalLink(runtime.approvalPage, id),
      },
    );
    if (tool.confirmation !== 'none') {
      runtime.metrics?.gate({
        tool: tool.name,
        decision: decision.run
          ? `confirmed_${decision.confirmedBy}`
          : (decision.error ?? decision.outcome),
      });
    }
    if (decision.approvalId) audit.approval_id = decision.approvalId;
    if (!decision.run) {
      audit.outcome = decision.outcome;
      if (decision.error) audit.error = decision.error;
      return decision.result;
    }
    audit.confirmation = decision.confirmedBy;

    if (tool.rateLimit) {
      const taken = await runtime.limiter.take({ tool: tool.name, limit: tool.rateLimit });
      if (!taken.ok) {
        audit.outcome = 'refused';
        audit.error = 'rate_limited';
        return errorResult({
          error: 'rate_limited',
          message: `${tool.name} is limited to ${tool.rateLimit.requests} calls per ${tool.rateLimit.perSeconds} s; nothing was sent.`,
          retry_after: taken.retryAfter,
        });
      }
    }
    return undefined;
  }

  // Single use and counting need the shared store: without it, gated and rate-limited calls fail closed.
  const needsStore = tool.confirmation !== 'none' || tool.rateLimit !== undefined;
  if (needsStore && !runtime.store.ready) return storeUnavailable({ tool, audit });
  try {
    const passed = await gateAndLimit();
    if (passed) return passed;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    runtime.logger.warn('shared store unavailable; the call failed closed', {
      tool: tool.name,
      error: error.message,
    });
    return storeUnavailable({ tool, audit });
  }

  let prepared;
  try {
    prepared = prepareRequest({ tool, args, config, given });
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    audit.error = error.code;
    return errorResult({ error: error.code, message: error.message });
  }
  for (const [name, value] of Object.entries(headers)) prepared.headers[name.toLowerCase()] = value;
  const requestId = randomUUID();
  audit.request_id = requestId;
  prepared.headers['x-request-id'] = requestId;
  prepared.headers['user-agent'] = `${runtime.settings.name}/${runtime.settings.version} (mcpgen)`;
  // One client span covers the retries of one call; it carries `traceparent` to the API.
  const clientSpan = startClientSpan({
    parent: input.trace,
    method: prepared.method,
    pathTemplate: tool.request.path,
    url: new URL(prepared.url),
    headers: prepared.headers,
  });
  const upstream = await send({
    request: prepared,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    idempotent: IDEMPOTENT.has(tool.request.method),
    readLimitBytes: Math.max(tool.response.maxBytes * READ_LIMIT_FACTOR, MIN_READ_LIMIT_BYTES),
  });
  runtime.metrics?.upstream({
    tool: tool.name,
    status: upstream.kind === 'failure' ? upstream.code : upstream.status,
  });
  endClientSpan(
    clientSpan,
    upstream.kind === 'failure' ? { error: upstream.code } : { status: upstream.status },
  );
  if (upstream.kind === 'failure') {
    audit.error = upstream.code;
    return failureResult(upstream);
  }
  audit.http_status = upstream.status;
  let result =
    upstream.status >= 200 && upstream.status < 300
      ? successResult({
          tool,
          response: upstream,
          secretForms: runtime.secretForms,
          onOutputMismatch: (issues) => {
            runtime.logger.warn('response does not match the output schema', {
              tool: tool.name,
              issues,
            });
          },
        })
      : httpErrorResult({
          response: upstream,
          credentialHint: credentialHint(tool, config),
        });
  const reshaped = await runtime.extensions.afterCall?.({ tool, args, principal, result });
  if (reshaped) result = reshaped;
  if (result.isError) {
    audit.error = errorCodeOf(result);
    // The request ran and the API accepted it; only its answer drifted from the schema.
    if (audit.error === OUTPUT_DRIFT) audit.outcome = 'ok';
    return result;
  }
  audit.outcome = 'ok';
  return tool.confirmation === 'none' ? result : completed(result);
}
/**
 * Whether a caller may see and call tools of a risk: the exact levels its
 * OAuth scopes name, else every level up to its static token's scope.
 */
export function riskAllowed(principal: Principal, risk: Risk): boolean {
  if (principal.risks) return principal.risks.includes(risk);
  return RISK_ORDER.indexOf(risk) <= RISK_ORDER.indexOf(principal.scope);
}

function storeUnavailable(input: { tool: ToolDefinition; audit: AuditEntry }): CallToolResult {
  input.audit.outcome = 'refused';
  input.audit.error = 'store_unavailable';
  return errorResult({
    error: 'store_unavailable',
    message: `${input.tool.name} needs the server's shared store (for confirmations or rate limits), which is unreachable right now; nothing was sent. Try again later.`,
  });
}

/** Gated tools answer in an envelope, so a preview and a result are both valid output. */
function completed(result: CallToolResult): CallToolResult {
  const structured = {
    status: 'completed',
    ...(result.structuredContent ? { result: result.structuredContent } : {}),
  };
  return { ...result, structuredContent: structured };
}

function errorCodeOf(result: CallToolResult): string | undefined {
  const first = result.content[0];
  if (first?.type !== 'text') return undefined;
  try {
    return (JSON.parse(first.text) as { error?: string }).error;
  } catch {
    return undefined;
  }
}

/** Names the env variables behind a tool's credentials (never their values). */
function credentialHint(tool: ToolDefinition, config: ServerConfig): string {
  const names = [...new Set(tool.request.security.flat())];
  const envVars = names.flatMap(
    (name) => config.authSchemes.find((scheme) => scheme.name === name)?.envVars ?? [],
  );
  return envVars.length > 0
    ? `check ${envVars.join(', ')}`
    : 'the operation may need credentials the server does not have';
}

/** Log lines pass through the same scrubber as results: an upstream message may echo a credential. */
function scrubbedLogger(logger: Logger, forms: readonly string[]): Logger {
  if (forms.length === 0) return logger;
  const scrub = (write: Logger['info']) => (message: string, fields?: Record<string, unknown>) => {
    write(scrubText(message, forms), fields ? scrubValue(fields, forms) : undefined);
  };
  return {
    info: scrub((message, fields) => {
      logger.info(message, fields);
    }),
    warn: scrub((message, fields) => {
      logger.warn(message, fields);
    }),
    error: scrub((message, fields) => {
      logger.error(message, fields);
    }),
  };
}
