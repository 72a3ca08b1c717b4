import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';

/**
 * Spans through the OpenTelemetry API only: without an SDK installed by the
 * operator every call here is a no-op. Names and attributes follow the
 * OpenTelemetry semantic conventions for MCP (server side) and HTTP
 * (client side); contexts are passed explicitly, so no context manager is
 * needed for the tree to hold.
 */
const tracer = () => trace.getTracer('mcpgen-runtime');

const metaGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};

/** The caller's trace, carried in `params._meta` as `traceparent` / `tracestate` (MCP convention). */
export function contextFromMeta(meta: unknown): Context {
  if (typeof meta !== 'object' || meta === null) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, meta as Record<string, unknown>, metaGetter);
}

/** The server span of one MCP request: `{mcp.method.name} {target}`. */
export function startServerSpan(input: {
  method: string;
  target?: string;
  meta: unknown;
  requestId?: string | number;
  sessionId?: string;
  protocolVersion?: string;
  transport: 'stdio' | 'http';
}): { span: Span; context: Context } {
  const parent = contextFromMeta(input.meta);
  const span = tracer().startSpan(
    input.target ? `${input.method} ${input.target}` : input.method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'mcp.method.name': input.method,
        ...(input.target
          ? { 'gen_ai.tool.name': input.target, 'gen_ai.operation.name': 'execute_tool' }
          : {}),
        ...(input.requestId !== undefined ? { 'jsonrpc.request.id': String(input.requestId) } : {}),
        ...(input.sessionId ? { 'mcp.session.id': input.sessionId } : {}),
        ...(input.protocolVersion ? { 'mcp.protocol.version': input.protocolVersion } : {}),
        'network.transport': input.transport === 'http' ? 'tcp' : 'pipe',
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends a tool call's span; an `isError` result is an error of type `tool_error` (MCP convention). */
export function endServerSpan(span: Span, outcome: { error?: string; isError: boolean }): void {
  if (outcome.isError) {
    span.setAttribute('error.type', outcome.error ?? 'tool_error');
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The client span of the API request (`{method} {path template}`), and the headers that carry it upstream. */
export function startClientSpan(input: {
  parent: Context;
  method: string;
  pathTemplate: string;
  url: URL;
  headers: Record<string, string>;
}): Span {
  const span = tracer().startSpan(
    `${input.method} ${input.pathTemplate}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': input.method,
        'url.template': input.pathTemplate,
        'server.address': input.url.hostname,
        'server.port': Number(input.url.port || (input.url.protocol === 'https:' ? 443 : 80)),
        // The query may carry an API key: the URL is recorded without it.
        'url.full': `${input.url.origin}${input.url.pathname}`,
      },
    },
    input.parent,
  );
  propagation.inject(trace.setSpan(input.parent, span), input.headers);
  return span;
}

export function endClientSpan(span: Span, outcome: { status?: number; error?: string }): void {
  if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
  const errorType =
    outcome.error ??
    (outcome.status !== undefined && outcome.status >= 400 ? String(outcome.status) : undefined);
  if (errorType) {
    span.setAttribute('error.type', errorType);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
