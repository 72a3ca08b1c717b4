import { createHash, randomBytes } from 'node:crypto';
import { loadOAuthConfig, type OAuthConfig } from './oauth-config.js';
import type { AuthScheme, EnvNames, Risk, ServerSettings } from './types.js';

/** An inbound bearer token of the HTTP transport and the highest risk it may use. */
export interface InboundToken {
  token: string;
  /** Names the caller in audit lines without revealing the token: the token's name, or one derived from it. */
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
  /** OAuth 2.1 resource-server mode: JWT access tokens from this issuer are accepted too. */
  oauth?: OAuthConfig;
}

/** Prometheus metrics: who may read them, and where in stdio mode. */
export interface MetricsConfig {
  /** Bearer token for `/metrics`; without one only loopback clients not behind a proxy may read it. */
  token?: string;
  /** stdio mode: the loopback port `/metrics` is served on (off when unset). */
  port?: number;
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
  /** Redis of the shared store (single use, rate limits across instances); this process's memory when unset. */
  redisUrl?: string;
  transport: 'stdio' | 'http';
  http: HttpConfig;
  metrics?: MetricsConfig;
  /** Absent (as in hand-built configs) means no approval queue. */
  approvals?: ApprovalConfig;
}

/** The approval queue: on only when approver tokens are set. */
export interface ApprovalConfig {
  /** People who may approve or reject on the approval page; never the callers' tokens. */
  approvers: InboundToken[];
  /** Where a JSON notification is POSTed when an approval is requested. */
  webhookUrl?: string;
  /** The page's public address for links (webhook, pending results); the listener's own when unset. */
  baseUrl?: string;
  ttlSeconds: number;
  /** Port of the page's own loopback listener in stdio mode. */
  port: number;
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
  // Every problem is collected and reported at once, one line each, never with a value.
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number) =>
    wholeNumber({ env, name, fallback, min, max, problems });
  const credentials: Record<string, string> = {};
  for (const scheme of settings.auth) {
    for (const name of scheme.envVars) {
      const value = env[name];
      if (value) credentials[name] = value;
    }
  }
  const secret = env[ENV.confirmationSecret];
  if (secret !== undefined && secret.length < 32) {
    problems.push(`${ENV.confirmationSecret} must be at least 32 characters`);
  }
  const transport = argv.includes('--http') ? 'http' : (env[ENV.transport] ?? 'stdio');
  if (transport !== 'stdio' && transport !== 'http') {
    problems.push(`${ENV.transport} must be "stdio" or "http"`);
  }
  const http = loadHttpConfig({ env, ENV, problems, number });
  if (
    transport === 'http' &&
    http.tokens.length === 0 &&
    !http.oauth &&
    !problems.some((p) =>
      [ENV.httpTokens, ENV.oauthIssuer, ENV.oauthResource].some((name) => p.startsWith(name)),
    )
  ) {
    problems.push(
      `${ENV.httpTokens} is not set: the HTTP transport needs at least one inbound bearer token (or ${ENV.oauthIssuer})`,
    );
  }
  const metrics = loadMetricsConfig({ env, ENV, problems, number });
  const auditLog = env[ENV.auditLog];
  const redisUrl = loadRedisUrl(env, ENV, problems);
  const approvals = loadApprovalConfig({ env, ENV, problems, number, http });
  const config: ServerConfig = {
    baseUrl: loadBaseUrl(env, ENV, problems),
    timeoutMs: number(ENV.timeoutMs, 30_000, 1, MAX_TIMEOUT_MS),
    maxRetries: number(ENV.maxRetries, 2, 0, MAX_RETRIES),
    credentials,
    authSchemes: settings.auth,
    confirmation: {
      secret: secret ? Buffer.from(secret, 'utf8') : randomBytes(32),
      secretGenerated: !secret,
      ttlSeconds: number(ENV.confirmationTtlSeconds, 300, 1, MAX_TTL_SECONDS),
      allowTokenForHighRisk: isTrue(env[ENV.unsafeHighRiskTokens]),
    },
    ...(auditLog ? { auditLog } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    transport: transport === 'http' ? 'http' : 'stdio',
    http,
    ...(metrics ? { metrics } : {}),
    approvals,
  };
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return config;
}

/** Upper bounds that keep every value usable by timers and clocks (setTimeout caps near 24.8 days). */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_RETRIES = 10;
const MAX_TTL_SECONDS = 24 * 60 * 60;
const MAX_PORT = 65_535;

function loadBaseUrl(env: Env, ENV: EnvNames, problems: string[]): string {
  const raw = env[ENV.baseUrl]?.trim();
  if (!raw) {
    problems.push(`${ENV.baseUrl} is not set: give the API's base URL, e.g. http://127.0.0.1:3000`);
    return '';
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${ENV.baseUrl} is not a valid URL`);
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${ENV.baseUrl} must be an http(s) URL`);
  } else if (url.username || url.password) {
    problems.push(
      `${ENV.baseUrl} must not contain credentials; use the credential variables instead`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function loadHttpConfig(input: {
  env: Env;
  ENV: EnvNames;
  problems: string[];
  number: (name: string, fallback: number, min: number, max: number) => number;
}): HttpConfig {
  const { env, ENV, problems } = input;
  const host = env[ENV.httpHost] || '127.0.0.1';
  const tokens: InboundToken[] = [];
  const scopeOfName = new Map<string, Risk>();
  list(env[ENV.httpTokens]).forEach((item, index) => {
    const position = `token ${index + 1}`;
    const parsed = parseInboundToken(item);
    if ('problem' in parsed) {
      problems.push(`${ENV.httpTokens}: ${position} ${parsed.problem}`);
      return;
    }
    const { name, secret, scope } = parsed;
    if (secret.length < 16) {
      problems.push(`${ENV.httpTokens}: ${position} has a secret shorter than 16 characters`);
      return;
    }
    const principal = name ?? principalOf(secret);
    // One name may have several secrets (rotation), never several scopes: the name is who asks.
    const known = scopeOfName.get(principal);
    if (known !== undefined && known !== scope) {
      problems.push(
        `${ENV.httpTokens}: ${position} reuses the name of an earlier token with another scope; a name has one scope`,
      );
      return;
    }
    scopeOfName.set(principal, scope);
    tokens.push({ token: secret, principal, scope });
  });
  const oauth = loadOAuthConfig({ env, ENV, problems });
  return {
    host,
    port: input.number(ENV.httpPort, 3100, 0, MAX_PORT),
    tokens,
    allowedHosts: list(env[ENV.httpAllowedHosts]),
    allowedOrigins: list(env[ENV.httpAllowedOrigins]),
    ...(oauth ? { oauth } : {}),
  };
}

function loadMetricsConfig(input: {
  env: Env;
  ENV: EnvNames;
  problems: string[];
  number: (name: string, fallback: number, min: number, max: number) => number;
}): MetricsConfig | undefined {
  const { env, ENV, problems } = input;
  const token = env[ENV.metricsToken];
  if (token !== undefined && token.length < 16) {
    problems.push(`${ENV.metricsToken} must be at least 16 characters`);
  }
  const port = env[ENV.metricsPort] ? input.number(ENV.metricsPort, 0, 1, MAX_PORT) : undefined;
  if (token === undefined && port === undefined) return undefined;
  return { ...(token ? { token } : {}), ...(port !== undefined ? { port } : {}) };
}

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const SCOPE_HINT =
  'write name:secret:read, name:secret:low, name:secret:medium or name:secret:high (lower case), or name:secret for every tool';

/**
 * One entry of the inbound token list: `name:secret[:scope]`, or the older
 * `secret[:scope]` (no name; the principal is derived from the secret). A
 * secret never contains ":", so the forms are told apart by their parts: two
 * parts are `secret:scope` when the second is a risk level, else `name:secret`.
 */
export function parseInboundToken(
  item: string,
): { name?: string; secret: string; scope: Risk } | { problem: string } {
  const parts = item.split(':');
  const scopeOf = (raw: string): Risk | undefined =>
    RISKS.includes(raw as Risk) ? (raw as Risk) : undefined;
  const named = (name: string, secret: string, rawScope?: string) => {
    if (!TOKEN_NAME.test(name)) {
      return {
        problem:
          'has an invalid name; a name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
      };
    }
    const scope = rawScope === undefined ? 'high' : scopeOf(rawScope);
    if (!scope) return { problem: `has an unknown scope; ${SCOPE_HINT}` };
    return { name, secret, scope };
  };
  if (parts.length === 1) return { secret: item, scope: 'high' };
  if (parts.length === 2) {
    const [first = '', second = ''] = parts;
    const scope = scopeOf(second);
    if (scope) return { secret: first, scope };
    // A long first part with a short second one is a secret with a mistyped scope, not a name.
    if (first.length >= 16 && second.length < 16) {
      return { problem: `has an unknown scope; ${SCOPE_HINT}` };
    }
    return named(first, second);
  }
  if (parts.length === 3) return named(parts[0] ?? '', parts[1] ?? '', parts[2]);
  return { problem: 'has too many ":"; write name:secret or name:secret:scope' };
}

const MAX_APPROVAL_TTL_SECONDS = 7 * 24 * 60 * 60;

function loadApprovalConfig(input: {
  env: Env;
  ENV: EnvNames;
  problems: string[];
  number: (name: string, fallback: number, min: number, max: number) => number;
  http: HttpConfig;
}): ApprovalConfig {
  const { env, ENV, problems } = input;
  const approvers: InboundToken[] = [];
  list(env[ENV.approverTokens]).forEach((item, index) => {
    const position = `token ${index + 1}`;
    const parts = item.split(':');
    const [name = '', secret = ''] = parts;
    if (parts.length !== 2 || !TOKEN_NAME.test(name)) {
      problems.push(
        `${ENV.approverTokens}: ${position} must be name:secret (the name is the approver in audit lines)`,
      );
      return;
    }
    if (secret.length < 16) {
      problems.push(`${ENV.approverTokens}: ${position} has a secret shorter than 16 characters`);
      return;
    }
    // Separate credentials keep the roles apart: a caller's token never signs anyone in as an approver.
    if (input.http.tokens.some((caller) => caller.token === secret)) {
      problems.push(
        `${ENV.approverTokens}: ${position} has the secret of an inbound caller token; approvers need their own`,
      );
      return;
    }
    approvers.push({ token: secret, principal: name, scope: 'high' });
  });
  const webhookUrl = httpUrl({ env, name: ENV.approvalWebhookUrl, problems });
  const baseUrl = httpUrl({ env, name: ENV.approvalBaseUrl, problems })?.replace(/\/+$/, '');
  return {
    approvers,
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ttlSeconds: input.number(ENV.approvalTtlSeconds, 3600, 60, MAX_APPROVAL_TTL_SECONDS),
    port: input.number(ENV.approvalPort, 3101, 0, MAX_PORT),
  };
}

/** An optional http(s) URL without credentials in it. */
function httpUrl(input: { env: Env; name: string; problems: string[] }): string | undefined {
  const raw = input.env[input.name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    input.problems.push(`${input.name} is not a valid URL`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    input.problems.push(`${input.name} must be an http(s) URL`);
    return undefined;
  }
  return url.href;
}

function loadRedisUrl(env: Env, ENV: EnvNames, problems: string[]): string | undefined {
  const raw = env[ENV.redisUrl]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${ENV.redisUrl} is not a valid URL`);
    return undefined;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    problems.push(`${ENV.redisUrl} must be a redis:// or rediss:// URL`);
    return undefined;
  }
  return raw;
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

function wholeNumber(input: {
  env: Env;
  name: string;
  fallback: number;
  min: number;
  max: number;
  problems: string[];
}): number {
  const raw = input.env[input.name];
  if (raw === undefined || raw === '') return input.fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < input.min || value > input.max) {
    input.problems.push(`${input.name} must be a whole number from ${input.min} to ${input.max}`);
    return input.fallback;
  }
  return value;
}

/** A stable, non-reversible name for an inbound token, for audit lines. */
function principalOf(token: string): string {
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}
