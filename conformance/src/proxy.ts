/**
 * A loopback HTTP proxy that puts an inbound bearer token on every request.
 *
 * The conformance suites send no Authorization header, and the generated
 * server answers 401 without one. The suites are pointed at this proxy
 * instead; it forwards every request to the target unchanged except for:
 *
 * - `Authorization`: set to `Bearer <token>` (any value the client sent is
 *   replaced), when a token is given;
 * - `Host` and `Origin` that name the proxy itself: they name the target
 *   instead, exactly as the suite would have sent them had it been pointed at
 *   the target directly. A server whose DNS-rebinding check compares the full
 *   `host:port` (as mcpgen's runtime does) would otherwise reject every
 *   request for naming the proxy's port. Any other value, such as the
 *   rebinding probe's `evil.example.com`, passes through verbatim;
 * - hop-by-hop headers (RFC 9110 §7.6.1), which belong to each connection.
 *
 * Bodies pass byte for byte in both directions and responses are streamed as
 * they arrive (server-sent events included); nothing is buffered.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthProxy {
  /** The target URL as reached through the proxy (same path and query). */
  readonly url: string;
  /** The proxy's own origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Requests forwarded so far. */
  readonly forwarded: number;
  close(): Promise<void>;
}

export interface AuthProxyOptions {
  /** The MCP server's URL; must be `http:` on a loopback address. */
  target: string;
  /** Inbound bearer token the target accepts; no Authorization header is added without one. */
  token?: string;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_HOSTNAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name);
}

export async function startAuthProxy(options: AuthProxyOptions): Promise<AuthProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:') throw new Error(`conformance proxy: target must be http:, got ${target.protocol}`);
  if (!isLoopbackHostname(target.hostname)) {
    throw new Error(`conformance proxy: target must be on a loopback address, got ${target.hostname}`);
  }
  if (options.token !== undefined && /[\r\n]/.test(options.token)) {
    throw new Error('conformance proxy: token must not contain line breaks');
  }
  const targetPort = target.port === '' ? '80' : target.port;
  const agent = new Agent({ keepAlive: true });
  let ownPort = 0;
  let forwarded = 0;

  const server = createServer((req, res) => {
    forwarded += 1;
    forward({ req, res });
  });

  function forward(input: { req: IncomingMessage; res: ServerResponse }): void {
    const { req, res } = input;
    const headers = requestHeaders(req.rawHeaders);
    const upstream = httpRequest({
      agent,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: targetPort,
      method: req.method,
      path: req.url,
      headers,
      setHost: false,
    });
    let answered = false;
    upstream.on('response', (up) => {
      answered = true;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, responseHeaders(up.rawHeaders));
      res.flushHeaders();
      up.pipe(res);
      // The target dropped the connection mid-response: the client must see a broken response, not a complete one.
      up.on('close', () => {
        if (!up.complete) res.destroy();
      });
    });
    upstream.on('error', (error) => {
      if (answered || res.headersSent) {
        res.destroy();
        return;
      }
      const body = JSON.stringify({ error: 'bad_gateway', message: `conformance proxy: ${error.message}` });
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    // The client went away (e.g. it closed an SSE stream): stop the upstream exchange too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  function requestHeaders(raw: string[]): string[] {
    const connectionScoped = connectionTokens(raw);
    const out: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as string;
      const value = raw[i + 1] as string;
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower) || connectionScoped.has(lower)) continue;
      if (lower === 'authorization' && options.token !== undefined) continue;
      if (lower === 'host') out.push(name, mapAuthority(value));
      else if (lower === 'origin') out.push(name, mapOrigin(value));
      else out.push(name, value);
    }
    if (options.token !== undefined) out.push('Authorization', `Bearer ${options.token}`);
    return out;
  }

  /** `127.0.0.1:<proxy port>` (any loopback name) becomes the target's authority; anything else is kept. */
  function mapAuthority(value: string): string {
    let parsed: URL;
    try {
      parsed = new URL(`http://${value}`);
    } catch {
      return value;
    }
    if (parsed.username !== '' || parsed.password !== '' || parsed.pathname !== '/' || parsed.search !== '')
      return value;
    if (!isLoopbackHostname(parsed.hostname) || parsed.port !== String(ownPort)) return value;
    if (value.toLowerCase() === `127.0.0.1:${ownPort}`) return target.host;
    return `${parsed.hostname}:${targetPort}`;
  }

  function mapOrigin(value: string): string {
    const match = /^(https?):\/\/([^/]+)$/i.exec(value);
    if (!match) return value;
    const mapped = mapAuthority(match[2] as string);
    return mapped === match[2] ? value : `${match[1]}://${mapped}`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  ownPort = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${ownPort}`;
  return {
    url: `${origin}${target.pathname}${target.search}`,
    origin,
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

function connectionTokens(raw: string[]): Set<string> {
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue;
    for (const token of (raw[i + 1] as string).split(',')) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

function responseHeaders(raw: string[]): string[] {
  const connectionScoped = connectionTokens(raw);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionScoped.has(lower)) continue;
    out.push(name, raw[i + 1] as string);
  }
  return out;
}
