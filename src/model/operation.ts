import type { HttpMethod } from './risk.js';

/** One operation of the spec, as listed for lookup by the allowlist. */
export interface OperationRef {
  method: HttpMethod;
  /** Path template as written in the spec. */
  path: string;
  operationId?: string;
  /** JSON pointer, e.g. `/paths/~1orders/post`. */
  pointer: string;
  summary?: string;
  deprecated: boolean;
  tags: string[];
}

/** `"POST /orders"`: how the allowlist and every report name an operation. */
export function operationKey(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
