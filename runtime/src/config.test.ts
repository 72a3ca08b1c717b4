import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import type { ServerSettings } from './types.js';

const settings: ServerSettings = {
  name: 'demo',
  version: '1.0.0',
  env: {
    baseUrl: 'DEMO_BASE_URL',
    timeoutMs: 'DEMO_TIMEOUT_MS',
    maxRetries: 'DEMO_MAX_RETRIES',
    confirmationSecret: 'DEMO_CONFIRMATION_SECRET',
    confirmationTtlSeconds: 'DEMO_CONFIRMATION_TTL_SECONDS',
    unsafeHighRiskTokens: 'DEMO_UNSAFE',
    auditLog: 'DEMO_AUDIT_LOG',
    redisUrl: 'DEMO_REDIS_URL',
    transport: 'DEMO_TRANSPORT',
    httpHost: 'DEMO_HTTP_HOST',
    httpPort: 'DEMO_HTTP_PORT',
    httpTokens: 'DEMO_HTTP_TOKENS',
    httpAllowedHosts: 'DEMO_HTTP_ALLOWED_HOSTS',
    httpAllowedOrigins: 'DEMO_HTTP_ALLOWED_ORIGINS',
    oauthIssuer: 'DEMO_OAUTH_ISSUER',
    oauthResource: 'DEMO_OAUTH_RESOURCE',
    oauthJwksUrl: 'DEMO_OAUTH_JWKS_URL',
    oauthAlgorithms: 'DEMO_OAUTH_ALGORITHMS',
    oauthScopes: 'DEMO_OAUTH_SCOPES',
    oauthJwksCooldownSeconds: 'DEMO_OAUTH_JWKS_COOLDOWN_SECONDS',
    metricsToken: 'DEMO_METRICS_TOKEN',
    metricsPort: 'DEMO_METRICS_PORT',
    approverTokens: 'DEMO_APPROVER_TOKENS',
    approvalWebhookUrl: 'DEMO_APPROVAL_WEBHOOK_URL',
    approvalBaseUrl: 'DEMO_APPROVAL_BASE_URL',
    approvalTtlSeconds: 'DEMO_APPROVAL_TTL_SECONDS',
    approvalPort: 'DEMO_APPROVAL_PORT',
  },
  auth: [{ name: 'key', kind: 'apiKey', in: 'header', paramName: 'x-key', envVars: ['DEMO_KEY'] }],
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ settings, env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n');
  }
};

describe('configuration', () => {
  it('treats empty values as unset, as .env.example leaves them', () => {
    const config = loadConfig({
      settings,
      env: {
        DEMO_BASE_URL: 'http://127.0.0.1:3000',
        DEMO_CONFIRMATION_SECRET: '',
        DEMO_TIMEOUT_MS: '',
        DEMO_KEY: '',
      },
    });
    expect(config.confirmation.secretGenerated).toBe(true);
    expect(config.timeoutMs).toBe(30_000);
    expect(config.credentials).toEqual({});
  });

  it('reports every problem at once, one line each, naming variables and never values', () => {
    const problems = problemsOf({
      DEMO_TIMEOUT_MS: '5000000000',
      DEMO_CONFIRMATION_TTL_SECONDS: '1e14',
      DEMO_MAX_RETRIES: '-1',
      DEMO_HTTP_PORT: '70000',
      DEMO_TRANSPORT: 'http',
      DEMO_HTTP_TOKENS: 'secret-token-number-one:READ,another-long-token-xyz:readonly,short',
      DEMO_REDIS_URL: 'http://redis.internal:6379',
    });
    expect(problems).toEqual([
      'DEMO_HTTP_TOKENS: token 1 has an unknown scope; write name:secret:read, name:secret:low, name:secret:medium or name:secret:high (lower case), or name:secret for every tool',
      'DEMO_HTTP_TOKENS: token 2 has an unknown scope; write name:secret:read, name:secret:low, name:secret:medium or name:secret:high (lower case), or name:secret for every tool',
      'DEMO_HTTP_TOKENS: token 3 has a secret shorter than 16 characters',
      'DEMO_HTTP_PORT must be a whole number from 0 to 65535',
      'DEMO_REDIS_URL must be a redis:// or rediss:// URL',
      "DEMO_BASE_URL is not set: give the API's base URL, e.g. http://127.0.0.1:3000",
      'DEMO_TIMEOUT_MS must be a whole number from 1 to 600000',
      'DEMO_MAX_RETRIES must be a whole number from 0 to 10',
      'DEMO_CONFIRMATION_TTL_SECONDS must be a whole number from 1 to 86400',
    ]);
    expect(problems.join('\n')).not.toContain('secret-token-number-one');
  });

  it('a scope typo never grants the full scope', () => {
    expect(
      problemsOf({
        DEMO_BASE_URL: 'http://127.0.0.1:3000',
        DEMO_HTTP_TOKENS: 'a-valid-token-0123456789:Read',
      }),
    ).toHaveLength(1);
    const config = loadConfig({
      settings,
      env: {
        DEMO_BASE_URL: 'http://127.0.0.1:3000',
        DEMO_HTTP_TOKENS: 'a-valid-token-0123456789:read',
      },
    });
    expect(config.http.tokens).toEqual([
      {
        token: 'a-valid-token-0123456789',
        principal: expect.stringMatching(/^token:[0-9a-f]{12}$/),
        scope: 'read',
      },
    ]);
  });

  it('names inbound tokens: name:secret[:scope], beside the older secret[:scope]', () => {
    const config = loadConfig({
      settings,
      env: {
        DEMO_BASE_URL: 'http://127.0.0.1:3000',
        DEMO_HTTP_TOKENS: [
          'ci-bot:ci-bot-secret-0123456789:read',
          'alice:alice-secret-0123456789',
          'alice:alice-rotated-secret-0123',
          'legacy-token-0123456789:low',
        ].join(','),
        DEMO_REDIS_URL: 'redis://127.0.0.1:6379/0',
      },
    });
    expect(config.http.tokens).toEqual([
      { token: 'ci-bot-secret-0123456789', principal: 'ci-bot', scope: 'read' },
      { token: 'alice-secret-0123456789', principal: 'alice', scope: 'high' },
      { token: 'alice-rotated-secret-0123', principal: 'alice', scope: 'high' },
      {
        token: 'legacy-token-0123456789',
        principal: expect.stringMatching(/^token:[0-9a-f]{12}$/),
        scope: 'low',
      },
    ]);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379/0');
    const problems = problemsOf({
      DEMO_BASE_URL: 'http://127.0.0.1:3000',
      DEMO_HTTP_TOKENS: [
        'bob:bob-secret-0123456789:Read',
        'bad name:some-secret-0123456789',
        'bob:bob-other-secret-01234:read',
        'carol:short',
        'a:b:c:d',
      ].join(','),
    });
    expect(problems).toEqual([
      'DEMO_HTTP_TOKENS: token 1 has an unknown scope; write name:secret:read, name:secret:low, name:secret:medium or name:secret:high (lower case), or name:secret for every tool',
      'DEMO_HTTP_TOKENS: token 2 has an invalid name; a name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
      'DEMO_HTTP_TOKENS: token 4 has a secret shorter than 16 characters',
      'DEMO_HTTP_TOKENS: token 5 has too many ":"; write name:secret or name:secret:scope',
    ]);
    expect(problems.join('\n')).not.toContain('secret-0123456789');
    // One name, two scopes: refused, since the name is the principal that sealed state binds to.
    expect(
      problemsOf({
        DEMO_BASE_URL: 'http://127.0.0.1:3000',
        DEMO_HTTP_TOKENS: 'bob:bob-secret-0123456789:read,bob:bob-other-secret-01234:high',
      }),
    ).toEqual([
      'DEMO_HTTP_TOKENS: token 2 reuses the name of an earlier token with another scope; a name has one scope',
    ]);
  });
});

describe('approval queue configuration', () => {
  const base = { DEMO_BASE_URL: 'http://127.0.0.1:3000' };

  it('is off without approver tokens, on with them', () => {
    expect(loadConfig({ settings, env: base }).approvals?.approvers).toEqual([]);
    const config = loadConfig({
      settings,
      env: {
        ...base,
        DEMO_APPROVER_TOKENS: 'bob:bob-secret-0123456789, carol:carol-secret-012345678',
        DEMO_APPROVAL_WEBHOOK_URL: 'https://hooks.example/T0/B0/x',
        DEMO_APPROVAL_BASE_URL: 'https://mcp.example/',
        DEMO_APPROVAL_TTL_SECONDS: '600',
      },
    });
    expect(config.approvals).toEqual({
      approvers: [
        { token: 'bob-secret-0123456789', principal: 'bob', scope: 'high' },
        { token: 'carol-secret-012345678', principal: 'carol', scope: 'high' },
      ],
      webhookUrl: 'https://hooks.example/T0/B0/x',
      baseUrl: 'https://mcp.example',
      ttlSeconds: 600,
      port: 3101,
    });
  });

  it('names every problem without a value: unnamed, short, reused caller secrets, bad URLs', () => {
    const problems = problemsOf({
      ...base,
      DEMO_HTTP_TOKENS: 'alice:shared-secret-0123456789',
      DEMO_APPROVER_TOKENS: 'lonely-secret-0123456789,bob:short,carol:shared-secret-0123456789',
      DEMO_APPROVAL_WEBHOOK_URL: 'ftp://x',
      DEMO_APPROVAL_TTL_SECONDS: '5',
    });
    expect(problems).toEqual([
      'DEMO_APPROVER_TOKENS: token 1 must be name:secret (the name is the approver in audit lines)',
      'DEMO_APPROVER_TOKENS: token 2 has a secret shorter than 16 characters',
      'DEMO_APPROVER_TOKENS: token 3 has the secret of an inbound caller token; approvers need their own',
      'DEMO_APPROVAL_WEBHOOK_URL must be an http(s) URL',
      'DEMO_APPROVAL_TTL_SECONDS must be a whole number from 60 to 604800',
    ]);
    expect(problems.join('\n')).not.toContain('secret-0123456789');
  });
});
