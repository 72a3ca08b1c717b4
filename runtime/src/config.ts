import { createHash, randomBytes } from 'node:crypto';
import type { AuthScheme, EnvNames, Risk, ServerSettings } from './types.js';

/** An inbound bearer token of the HTTP transport and the highest risk it may use. */
export interface InboundToken {
  token: string;
  /** Names the caller in audit lines without revealing the token. */
  principal: string;
  scope: Risk;
}

export interface HttpConfig {
  host: string;
  port: number;
  tokens: InboundToken[];
  /** Extra `Host` header values accepted besides the bound address (e.g. behind a proxy). */
  allowedHosts: string[];
  /** Browser origins allowed to call the server; none by default. */
  allowedOrigins: string[];
}

export interface ServerConfig {
  /** Base URL of the API, without a trailing slash; never taken from tool arguments. */
  baseUrl: string;
  timeoutMs: number;
  /** Retries of idempotent calls on 429/502/503/504 and network errors. */
  maxRetries: number;
  /** Credential values by env variable name (only the ones set). */
  credentials: Record<string, string>;
  /** The API's credential schemes, from the generated settings. */
  authSchemes: AuthScheme[];
  confirmation: {
    /** Signs confirmation tokens and seals request state; instances sharing it honour each other's. */
    secret: Buffer;
    /** True when no secret was configured and a random one was made for this process. */
    secretGenerated: boolean;
    ttlSeconds: number;
    /** Operator opt-in: high-risk tools accept token confirmation when the client cannot ask a person. */
    allowTokenForHighRisk: boolean;
  };
  /** Audit log file; stderr when unset. */
  auditLog?: string;
  transport: 'stdio' | 'http';
  http: HttpConfig;
}

/** A configuration problem the operator must fix; the message names the variable, never a value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const RISKS: readonly Risk[] = ['read', 'low', 'medium', 'high'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

export function loadConfig(input: {
  settings: ServerSettings;
  env?: Env;
  argv?: readonly string[];
}): ServerConfig {
  const { settings } = input;
  const ENV = settings.env;
  // An empty value means unset: `.env.example` lists every variable with nothing after `=`.
  const env: Env = Object.fromEntries(
    Object.entries(input.env ?? process.env).filter(([, value]) => value !== ''),
  );
  const argv = input.argv ?? [];
  const credentials: Record<string, string> = {};
  for (const scheme of settings.auth) {
    for (const name of scheme.envVars) {
      const value = env[name];
      if (value) credentials[name] = value;
    }
  }
  const secret = env[ENV.confirmationSecret];
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError(`${ENV.confirmationSecret} must be at least 32 characters`);
  }
  const transport = argv.includes('--http') ? 'http' : (env[ENV.transport] ?? 'stdio');
  if (transport !== 'stdio' && transport !== 'http')
    throw new ConfigError(`${ENV.transport} must be "stdio" or "http"`);
  const http = loadHttpConfig(env, ENV);
  if (transport === 'http' && http.tokens.length === 0) {
    throw new ConfigError(
      `${ENV.httpTokens} is not set: the HTTP transport needs at least one inbound bearer token`,
    );
  }
  const auditLog = env[ENV.auditLog];
  return {
    baseUrl: loadBaseUrl(env, ENV),
    timeoutMs: wholeNumber({ env, name: ENV.timeoutMs, fallback: 30_000, min: 1 }),
    maxRetries: wholeNumber({ env, name: ENV.maxRetries, fallback: 2, min: 0 }),
    credentials,
    authSchemes: settings.auth,
    confirmation: {
      secret: secret ? Buffer.from(secret, 'utf8') : randomBytes(32),
      secretGenerated: !secret,
      ttlSeconds: wholeNumber({ env, name: ENV.confirmationTtlSeconds, fallback: 300, min: 1 }),
      allowTokenForHighRisk: isTrue(env[ENV.unsafeHighRiskTokens]),
    },
    ...(auditLog ? { auditLog } : {}),
    transport,
    http,
  };
}

function loadBaseUrl(env: Env, ENV: EnvNames): string {
  const raw = env[ENV.baseUrl]?.trim();
  if (!raw)
    throw new ConfigError(
      `${ENV.baseUrl} is not set: give the API's base URL, e.g. http://127.0.0.1:3000`,
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${ENV.baseUrl} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`${ENV.baseUrl} must be an http(s) URL`);
  if (url.username || url.password) {
    throw new ConfigError(
      `${ENV.baseUrl} must not contain credentials; use the credential variables instead`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function loadHttpConfig(env: Env, ENV: EnvNames): HttpConfig {
  const host = env[ENV.httpHost] || '127.0.0.1';
  const tokens = list(env[ENV.httpTokens]).map((item): InboundToken => {
    const separator = item.lastIndexOf(':');
    const scope = separator > 0 ? item.slice(separator + 1) : '';
    if (separator > 0 && RISKS.includes(scope as Risk)) {
      const token = item.slice(0, separator);
      return { token, principal: principalOf(token), scope: scope as Risk };
    }
    return { token: item, principal: principalOf(item), scope: 'high' };
  });
  if (tokens.some((t) => t.token.length < 16)) {
    throw new ConfigError(`${ENV.httpTokens}: every inbound token must be at least 16 characters`);
  }
  return {
    host,
    port: wholeNumber({ env, name: ENV.httpPort, fallback: 3100, min: 0 }),
    tokens,
    allowedHosts: list(env[ENV.httpAllowedHosts]),
    allowedOrigins: list(env[ENV.httpAllowedOrigins]),
  };
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function isTrue(raw: string | undefined): boolean {
  return raw === '1' || raw?.toLowerCase() === 'true';
}

function wholeNumber(input: { env: Env; name: string; fallback: number; min: number }): number {
  const raw = input.env[input.name];
  if (raw === undefined || raw === '') return input.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < input.min)
    throw new ConfigError(`${input.name} must be a whole number of at least ${input.min}`);
  return value;
}

/** A stable, non-reversible name for an inbound token, for audit lines. */
function principalOf(token: string): string {
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}
