import http from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
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

/**
 * An idle connection is closed after this long (sooner when the API says so
 * in `Keep-Alive`), before the API closes it under a request; fetch's default.
 */
const IDLE_SOCKET_MS = 4_000;
/**
 * Connections to the API, kept alive and shared by every call of the
 * process: `fetch` would do the same, but its per-request machinery (web
 * streams, `Request`/`Response` objects, an `AbortSignal` each) costs several
 * times what `node:http` does, and every call pays it.
 */
const clients: Partial<Record<string, UpstreamClient>> = {};

interface UpstreamClient {
  request: typeof http.request;
  agent: http.Agent;
}

/**
 * The client for a URL scheme, made on first use: `node:https` (TLS with it)
 * takes milliseconds to load, which a server whose API is plain HTTP never
 * needs to spend at start.
 */
function clientFor(protocol: string): UpstreamClient | undefined {
  const made = clients[protocol];
  if (made) return made;
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  if (protocol === 'http:') {
    return (clients[protocol] = { request: http.request, agent: new http.Agent(options) });
  }
  if (protocol === 'https:') {
    const https = process.getBuiltinModule('node:https');
    return (clients[protocol] = { request: https.request, agent: new https.Agent(options) });
  }
  return undefined;
}

/** What `fetch` asked for, and decodes: kept so that APIs compress as before. */
const ACCEPT_ENCODING = 'gzip, deflate';

class TimeoutError extends Error {}

async function sendOnce(
  request: PreparedRequest,
  timeoutMs: number,
  readLimitBytes: number,
): Promise<UpstreamResponse | UpstreamFailure> {
  let timer: NodeJS.Timeout | undefined;
  let exchange: http.ClientRequest | undefined;
  let timedOut = false;
  // One deadline for the whole exchange: connecting, the headers and the body.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const error = new TimeoutError();
      exchange?.destroy(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const run = async () => {
      const { body, headers } = await encodeBody(request);
      if (timedOut) throw new TimeoutError();
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const url = new URL(request.url);
        const client = clientFor(url.protocol);
        if (!client) throw new Error(`unsupported protocol ${url.protocol}`);
        exchange = client.request(
          url,
          { method: request.method, headers, agent: client.agent },
          resolve,
        );
        exchange.on('error', reject);
        exchange.end(body);
      });
      const { text, cut, bytes } = await readCapped(response, readLimitBytes);
      return { response, text, cut, bytes };
    };
    const { response, text, cut, bytes } = await Promise.race([run(), deadline]);
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    return {
      kind: 'response',
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      contentType: response.headers['content-type'] ?? '',
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      body: text,
      cut,
      bytes,
    };
  } catch (error) {
    if (error instanceof TimeoutError) {
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
  } finally {
    clearTimeout(timer);
    // The losing side of the race must not reject unobserved.
    deadline.catch(() => undefined);
  }
}

/**
 * The body as bytes and the headers to send with it, as `fetch` would send
 * them: a content type for bodies that imply one (form fields, multipart with
 * its boundary, a typed blob) unless the request names its own, a length, and
 * the encodings the response may use.
 */
async function encodeBody(
  request: PreparedRequest,
): Promise<{ body: Buffer | undefined; headers: Record<string, string> }> {
  const headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING };
  let typed = false;
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') typed = true;
    if (lower === 'accept-encoding') delete headers['accept-encoding'];
    headers[name] = value;
  }
  const { body } = request;
  if (body === undefined) {
    // As `fetch` does: a POST or PUT without a body still says its length.
    if (request.method === 'POST' || request.method === 'PUT') headers['content-length'] = '0';
    return { body: undefined, headers };
  }
  let bytes: Buffer;
  let impliedType: string | null = null;
  if (typeof body === 'string') {
    bytes = Buffer.from(body, 'utf8');
    impliedType = 'text/plain;charset=UTF-8';
  } else {
    // Form fields, multipart and blobs are serialized by the platform, exactly as fetch would.
    const encoded = new Response(body);
    bytes = Buffer.from(await encoded.arrayBuffer());
    impliedType = encoded.headers.get('content-type');
  }
  if (!typed && impliedType) headers['content-type'] = impliedType;
  headers['content-length'] = String(bytes.byteLength);
  return { body: bytes, headers };
}

/** The decoders for a response's `Content-Encoding`, outermost last (as `fetch` decodes). */
function decoders(header: string | undefined): Transform[] {
  if (!header) return [];
  const codings = header
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const chain: Transform[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') chain.push(zlib.createGunzip(LENIENT));
    else if (coding === 'deflate') chain.push(zlib.createInflate(LENIENT));
    else if (coding === 'br') chain.push(zlib.createBrotliDecompress(LENIENT_BROTLI));
    // An encoding not understood leaves the body as received, as fetch does.
    else return [];
  }
  return chain;
}

/** A body cut short by the server still yields what arrived, as browsers (and fetch) decode it. */
const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const LENIENT_BROTLI = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/** Reads at most `limit` bytes (decoded), so a huge response cannot exhaust memory. */
async function readCapped(
  response: http.IncomingMessage,
  limit: number,
): Promise<{ text: string; cut: boolean; bytes: number }> {
  const chain = decoders(response.headers['content-encoding']);
  // A failure anywhere (a reset connection, a corrupt encoding) fails the read, never stalls it.
  const source: Readable =
    chain.length === 0 ? response : pipeline(response, ...(chain as [Transform]), () => undefined);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let cut = false;
  try {
    for await (const chunk of source) {
      const value = chunk as Buffer;
      const room = limit - bytes;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        bytes += room;
        cut = true;
        break;
      }
      chunks.push(value);
      bytes += value.byteLength;
    }
  } finally {
    // Whatever is left is never read: the connection is dropped rather than drained.
    if (cut || !response.complete) response.destroy();
    for (const decoder of chain) decoder.destroy();
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut, bytes };
}

function parseRetryAfter(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A short reason for a network failure that names no host, port or credential. */
function networkReason(error: unknown): string {
  const failure = error as { code?: unknown; cause?: { code?: unknown } };
  const code = failure.code ?? failure.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (typeof code === 'string') return code;
  return 'network failure';
}
