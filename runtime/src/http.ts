import type { PreparedRequest } from './request.js';

export interface UpstreamResponse {
  kind: 'response';
  status: number;
  statusText: string;
  contentType: string;
  /** Seconds the API asked to wait (`Retry-After`), when it said. */
  retryAfter?: number;
  body: string;
  /** The body was longer than the read limit and was cut. */
  cut: boolean;
  /** Bytes received before cutting. */
  bytes: number;
}

export interface UpstreamFailure {
  kind: 'failure';
  code: 'timeout' | 'network_error';
  message: string;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/** Never wait longer than this for a retry; a longer Retry-After is reported to the model instead. */
const MAX_RETRY_WAIT_MS = 10_000;

/**
 * Sends one request. Redirects are not followed: following one could carry
 * credentials to another host. Only idempotent calls are retried.
 */
export async function send(input: {
  request: PreparedRequest;
  timeoutMs: number;
  maxRetries: number;
  idempotent: boolean;
  readLimitBytes: number;
}): Promise<UpstreamResponse | UpstreamFailure> {
  const { request, timeoutMs, idempotent, readLimitBytes } = input;
  const attempts = idempotent ? input.maxRetries + 1 : 1;
  let last: UpstreamResponse | UpstreamFailure | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    last = await sendOnce(request, timeoutMs, readLimitBytes);
    if (attempt === attempts) break;
    const waitMs = retryDelay(last, attempt);
    if (waitMs === undefined) break;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  return last as UpstreamResponse | UpstreamFailure;
}

function retryDelay(
  result: UpstreamResponse | UpstreamFailure,
  attempt: number,
): number | undefined {
  const backoff = 200 * 2 ** (attempt - 1);
  if (result.kind === 'failure') return result.code === 'network_error' ? backoff : undefined;
  if (!RETRYABLE_STATUS.has(result.status)) return undefined;
  if (result.retryAfter === undefined) return backoff;
  const asked = result.retryAfter * 1000;
  return asked <= MAX_RETRY_WAIT_MS ? asked : undefined;
}

async function sendOnce(
  request: PreparedRequest,
  timeoutMs: number,
  readLimitBytes: number,
): Promise<UpstreamResponse | UpstreamFailure> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal,
    });
    const { text, cut, bytes } = await readCapped(response, readLimitBytes);
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type') ?? '',
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      body: text,
      cut,
      bytes,
    };
  } catch (error) {
    if (signal.aborted) {
      return {
        kind: 'failure',
        code: 'timeout',
        message: `The API did not answer within ${timeoutMs} ms.`,
      };
    }
    return {
      kind: 'failure',
      code: 'network_error',
      message: `The API could not be reached (${networkReason(error)}).`,
    };
  }
}

/** Reads at most `limit` bytes, so a huge response cannot exhaust memory. */
async function readCapped(
  response: Response,
  limit: number,
): Promise<{ text: string; cut: boolean; bytes: number }> {
  if (!response.body) return { text: '', cut: false, bytes: 0 };
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - bytes;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      bytes += room;
      cut = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    bytes += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut, bytes };
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A short reason for a network failure that names no host, port or credential. */
function networkReason(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (typeof code === 'string') return code;
  return 'network failure';
}
