import type { EnvNames, Risk } from './types.js';

/** OAuth 2.1 resource-server mode of the HTTP transport; absent when no issuer is configured. */
export interface OAuthConfig {
  /** The authorization server's issuer identifier, exactly as its tokens carry it in `iss`. */
  issuer: string;
  /** This server's resource identifier (RFC 8707): the audience its tokens must name. */
  resource: string;
  /** Where the issuer's signing keys are; discovered from its metadata when unset. */
  jwksUrl?: string;
  /** JWS algorithms accepted; anything else (`none`, HMAC with a public key) is refused. */
  algorithms: string[];
  /** The scope each risk level needs. */
  riskScopes: Record<Risk, string>;
  /** Least time between two JWKS fetches triggered by an unknown key id. */
  jwksCooldownMs: number;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
export const DEFAULT_RISK_SCOPES: Readonly<Record<Risk, string>> = {
  read: 'mcp:read',
  low: 'mcp:write',
  medium: 'mcp:write',
  high: 'mcp:approve',
};
const KNOWN_ALGORITHMS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);
/** RFC 6749 scope-token: printable ASCII without space, `"` or `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const MAX_COOLDOWN_SECONDS = 3600;

/** Reads the OAuth block; problems are appended, one line each, naming the variable and never a value. */
export function loadOAuthConfig(input: {
  env: Env;
  ENV: EnvNames;
  problems: string[];
}): OAuthConfig | undefined {
  const { env, ENV, problems } = input;
  const rawIssuer = env[ENV.oauthIssuer]?.trim();
  if (!rawIssuer) {
    for (const name of [ENV.oauthResource, ENV.oauthJwksUrl, ENV.oauthScopes]) {
      if (env[name]) problems.push(`${name} is set but ${ENV.oauthIssuer} is not`);
    }
    return undefined;
  }
  const issuer = secureUrl({ raw: rawIssuer, name: ENV.oauthIssuer, problems });
  const rawResource = env[ENV.oauthResource]?.trim();
  let resource: URL | undefined;
  if (!rawResource) {
    problems.push(
      `${ENV.oauthResource} is not set: give this server's public MCP URL (e.g. https://mcp.example.com/mcp), the audience its tokens must name`,
    );
  } else {
    resource = secureUrl({ raw: rawResource, name: ENV.oauthResource, problems });
    if (resource?.hash) problems.push(`${ENV.oauthResource} must not have a fragment (RFC 8707)`);
  }
  const rawJwks = env[ENV.oauthJwksUrl]?.trim();
  const jwks = rawJwks ? secureUrl({ raw: rawJwks, name: ENV.oauthJwksUrl, problems }) : undefined;
  const algorithms = list(env[ENV.oauthAlgorithms]);
  for (const alg of algorithms) {
    if (!KNOWN_ALGORITHMS.has(alg)) {
      problems.push(
        `${ENV.oauthAlgorithms} names an unsupported algorithm; use asymmetric ones such as RS256, PS256, ES256, EdDSA`,
      );
      break;
    }
  }
  const cooldown = env[ENV.oauthJwksCooldownSeconds]?.trim();
  let cooldownSeconds = 30;
  if (cooldown) {
    cooldownSeconds = /^\d+$/.test(cooldown) ? Number(cooldown) : Number.NaN;
    if (!(cooldownSeconds >= 0 && cooldownSeconds <= MAX_COOLDOWN_SECONDS)) {
      problems.push(
        `${ENV.oauthJwksCooldownSeconds} must be a whole number from 0 to ${MAX_COOLDOWN_SECONDS}`,
      );
      cooldownSeconds = 30;
    }
  }
  if (!issuer || !resource) return undefined;
  return {
    // The issuer is compared as given: `iss` must match it byte for byte (RFC 8414 §3.3).
    issuer: rawIssuer,
    resource: resource.href,
    ...(jwks ? { jwksUrl: jwks.href } : {}),
    algorithms: algorithms.length > 0 ? algorithms : [...DEFAULT_ALGORITHMS],
    riskScopes: parseRiskScopes({ raw: env[ENV.oauthScopes], name: ENV.oauthScopes, problems }),
    jwksCooldownMs: cooldownSeconds * 1000,
  };
}

/** `read=mcp:read,high=mcp:approve`: each given level overrides its default. */
export function parseRiskScopes(input: {
  raw: string | undefined;
  name: string;
  problems: string[];
}): Record<Risk, string> {
  const scopes: Record<Risk, string> = { ...DEFAULT_RISK_SCOPES };
  for (const item of list(input.raw)) {
    const at = item.indexOf('=');
    const risk = item.slice(0, at).trim();
    const scope = item.slice(at + 1).trim();
    if (at < 0 || !(risk in scopes)) {
      input.problems.push(
        `${input.name}: each entry is risk=scope with risk read, low, medium or high (e.g. high=mcp:approve)`,
      );
      continue;
    }
    if (!SCOPE_TOKEN.test(scope)) {
      input.problems.push(`${input.name}: the scope for ${risk} is not a valid OAuth scope token`);
      continue;
    }
    scopes[risk as Risk] = scope;
  }
  return scopes;
}

/** HTTPS, except on loopback where a test or a local authorization server runs. */
function secureUrl(input: { raw: string; name: string; problems: string[] }): URL | undefined {
  let url: URL;
  try {
    url = new URL(input.raw);
  } catch {
    input.problems.push(`${input.name} is not a valid URL`);
    return undefined;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    input.problems.push(`${input.name} must be an https URL (http only on loopback)`);
    return undefined;
  }
  if (url.username || url.password || url.search) {
    input.problems.push(`${input.name} must not carry credentials or a query`);
    return undefined;
  }
  return url;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
