import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import type { ServerSettings } from './types.js';

const env = {
  baseUrl: 'D_BASE_URL',
  timeoutMs: 'D_TIMEOUT_MS',
  maxRetries: 'D_MAX_RETRIES',
  confirmationSecret: 'D_CONFIRMATION_SECRET',
  confirmationTtlSeconds: 'D_CONFIRMATION_TTL_SECONDS',
  unsafeHighRiskTokens: 'D_UNSAFE',
  auditLog: 'D_AUDIT_LOG',
  redisUrl: 'D_REDIS_URL',
  transport: 'D_TRANSPORT',
  httpHost: 'D_HTTP_HOST',
  httpPort: 'D_HTTP_PORT',
  httpTokens: 'D_HTTP_TOKENS',
  httpAllowedHosts: 'D_HTTP_ALLOWED_HOSTS',
  httpAllowedOrigins: 'D_HTTP_ALLOWED_ORIGINS',
  oauthIssuer: 'D_OAUTH_ISSUER',
  oauthResource: 'D_OAUTH_RESOURCE',
  oauthJwksUrl: 'D_OAUTH_JWKS_URL',
  oauthAlgorithms: 'D_OAUTH_ALGORITHMS',
  oauthScopes: 'D_OAUTH_SCOPES',
  oauthJwksCooldownSeconds: 'D_OAUTH_JWKS_COOLDOWN_SECONDS',
  metricsToken: 'D_METRICS_TOKEN',
  metricsPort: 'D_METRICS_PORT',
  approverTokens: 'D_APPROVER_TOKENS',
  approvalWebhookUrl: 'D_APPROVAL_WEBHOOK_URL',
  approvalBaseUrl: 'D_APPROVAL_BASE_URL',
  approvalTtlSeconds: 'D_APPROVAL_TTL_SECONDS',
  approvalPort: 'D_APPROVAL_PORT',
};
const settings: ServerSettings = { name: 'demo', version: '1.0.0', env, auth: [] };
const BASE = { D_BASE_URL: 'http://127.0.0.1:3000', D_TRANSPORT: 'http' };

const problemsOf = (values: Record<string, string>): string[] => {
  try {
    loadConfig({ settings, env: { ...BASE, ...values } });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n');
  }
};

describe('OAuth and metrics configuration', () => {
  it('an issuer and a resource are enough for the HTTP transport, with documented defaults', () => {
    const config = loadConfig({
      settings,
      env: {
        ...BASE,
        D_OAUTH_ISSUER: 'https://login.example.com/tenant/',
        D_OAUTH_RESOURCE: 'https://mcp.example.com/mcp',
      },
    });
    expect(config.http.tokens).toEqual([]);
    expect(config.http.oauth).toEqual({
      issuer: 'https://login.example.com/tenant/',
      resource: 'https://mcp.example.com/mcp',
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      riskScopes: { read: 'mcp:read', low: 'mcp:write', medium: 'mcp:write', high: 'mcp:approve' },
      jwksCooldownMs: 30_000,
    });
  });

  it('overrides scopes per risk level and takes a JWKS URL', () => {
    const config = loadConfig({
      settings,
      env: {
        ...BASE,
        D_OAUTH_ISSUER: 'http://127.0.0.1:9000',
        D_OAUTH_RESOURCE: 'http://127.0.0.1:3100/mcp',
        D_OAUTH_JWKS_URL: 'http://127.0.0.1:9000/keys',
        D_OAUTH_SCOPES: 'high=orders:cancel, medium=orders:write',
        D_OAUTH_ALGORITHMS: 'ES256',
      },
    });
    expect(config.http.oauth).toMatchObject({
      jwksUrl: 'http://127.0.0.1:9000/keys',
      algorithms: ['ES256'],
      riskScopes: {
        read: 'mcp:read',
        low: 'mcp:write',
        medium: 'orders:write',
        high: 'orders:cancel',
      },
    });
  });

  it('reports each OAuth and metrics problem by variable, never by value', () => {
    expect(
      problemsOf({
        D_OAUTH_ISSUER: 'http://login.example.com',
        D_OAUTH_RESOURCE: 'https://mcp.example.com/mcp#frag',
        D_OAUTH_ALGORITHMS: 'HS256',
        D_OAUTH_SCOPES: 'admin=all,read=has space',
        D_METRICS_TOKEN: 'short',
        D_METRICS_PORT: 'x',
      }),
    ).toEqual([
      'D_OAUTH_ISSUER must be an https URL (http only on loopback)',
      'D_OAUTH_RESOURCE must not have a fragment (RFC 8707)',
      'D_OAUTH_ALGORITHMS names an unsupported algorithm; use asymmetric ones such as RS256, PS256, ES256, EdDSA',
      'D_METRICS_TOKEN must be at least 16 characters',
      'D_METRICS_PORT must be a whole number from 1 to 65535',
    ]);
    expect(problemsOf({ D_OAUTH_ISSUER: 'https://login.example.com' })).toEqual([
      "D_OAUTH_RESOURCE is not set: give this server's public MCP URL (e.g. https://mcp.example.com/mcp), the audience its tokens must name",
    ]);
    expect(problemsOf({})).toEqual([
      'D_HTTP_TOKENS is not set: the HTTP transport needs at least one inbound bearer token (or D_OAUTH_ISSUER)',
    ]);
    expect(problemsOf({ D_OAUTH_RESOURCE: 'https://mcp.example.com/mcp' })).toEqual([
      'D_OAUTH_RESOURCE is set but D_OAUTH_ISSUER is not',
    ]);
  });

  it('rejects scope mappings that are not risk=scope-token', () => {
    expect(
      problemsOf({
        D_OAUTH_ISSUER: 'https://login.example.com',
        D_OAUTH_RESOURCE: 'https://mcp.example.com/mcp',
        D_OAUTH_SCOPES: 'admin=all,read=has space',
      }),
    ).toEqual([
      'D_OAUTH_SCOPES: each entry is risk=scope with risk read, low, medium or high (e.g. high=mcp:approve)',
      'D_OAUTH_SCOPES: the scope for read is not a valid OAuth scope token',
    ]);
  });
});
