import {
  Server,
  type JSONRPCRequest,
  type Result,
  type ServerContext,
} from '@modelcontextprotocol/server';

/** A `tools/call` the SDK refused before the server's handler saw it: what the audit line can say of it. */
export interface RejectedCall {
  /** The tool name, when the request carried one as a string. */
  tool: string | undefined;
  /** The request's `arguments` as sent (not validated). */
  arguments: unknown;
  message: string;
}

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

/**
 * A `Server` that reports every `tools/call` rejected before the tool handler
 * runs (arguments that are not an object, a name that is not a string): the
 * SDK validates the request first and answers -32602 itself, and without this
 * such a call would leave no audit line. It uses the SDK's documented hook for
 * subclasses that wrap registered handlers.
 */
export class CallAuditingServer extends Server {
  onRejectedCall: ((call: RejectedCall) => void) | undefined;

  protected override _wrapHandler(method: string, handler: Handler): Handler {
    if (method !== 'tools/call') return super._wrapHandler(method, handler);
    const reached = new WeakSet<JSONRPCRequest>();
    const wrapped = super._wrapHandler(method, (request, ctx) => {
      reached.add(request);
      return handler(request, ctx);
    });
    return async (request, ctx) => {
      try {
        return await wrapped(request, ctx);
      } catch (error) {
        if (!reached.has(request)) this.onRejectedCall?.(rejectedCall(request, error));
        throw error;
      }
    };
  }
}

function rejectedCall(request: JSONRPCRequest, error: unknown): RejectedCall {
  const params: Record<string, unknown> = request.params ?? {};
  const name = params['name'];
  return {
    tool: typeof name === 'string' ? name : undefined,
    arguments: params['arguments'],
    message: error instanceof Error ? error.message : String(error),
  };
}
