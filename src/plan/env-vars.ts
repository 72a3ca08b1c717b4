import type { ServerModel } from '../model/server.js';

/** One env variable the generated server reads, as documented in README and `.env.example`. */
export interface EnvVarDoc {
  name: string;
  required: boolean;
  meaning: string;
  example: string;
}

export function envNames(envPrefix: string) {
  return {
    baseUrl: `${envPrefix}_BASE_URL`,
    timeoutMs: `${envPrefix}_TIMEOUT_MS`,
    maxRetries: `${envPrefix}_MAX_RETRIES`,
    confirmationSecret: `${envPrefix}_CONFIRMATION_SECRET`,
    confirmationTtlSeconds: `${envPrefix}_CONFIRMATION_TTL_SECONDS`,
    unsafeHighRiskTokens: `${envPrefix}_UNSAFE_ALLOW_TOKEN_APPROVAL_FOR_HIGH_RISK`,
    auditLog: `${envPrefix}_AUDIT_LOG`,
    redisUrl: `${envPrefix}_REDIS_URL`,
    transport: `${envPrefix}_TRANSPORT`,
    httpHost: `${envPrefix}_HTTP_HOST`,
    httpPort: `${envPrefix}_HTTP_PORT`,
    httpTokens: `${envPrefix}_HTTP_TOKENS`,
    httpAllowedHosts: `${envPrefix}_HTTP_ALLOWED_HOSTS`,
    httpAllowedOrigins: `${envPrefix}_HTTP_ALLOWED_ORIGINS`,
    oauthIssuer: `${envPrefix}_OAUTH_ISSUER`,
    oauthResource: `${envPrefix}_OAUTH_RESOURCE`,
    oauthJwksUrl: `${envPrefix}_OAUTH_JWKS_URL`,
    oauthAlgorithms: `${envPrefix}_OAUTH_ALGORITHMS`,
    oauthScopes: `${envPrefix}_OAUTH_SCOPES`,
    oauthJwksCooldownSeconds: `${envPrefix}_OAUTH_JWKS_COOLDOWN_SECONDS`,
    metricsToken: `${envPrefix}_METRICS_TOKEN`,
    metricsPort: `${envPrefix}_METRICS_PORT`,
    approverTokens: `${envPrefix}_APPROVER_TOKENS`,
    approvalWebhookUrl: `${envPrefix}_APPROVAL_WEBHOOK_URL`,
    approvalBaseUrl: `${envPrefix}_APPROVAL_BASE_URL`,
    approvalTtlSeconds: `${envPrefix}_APPROVAL_TTL_SECONDS`,
    approvalPort: `${envPrefix}_APPROVAL_PORT`,
  };
}

export function planEnvVars(model: ServerModel): EnvVarDoc[] {
  const env = envNames(model.envPrefix);
  const docs: EnvVarDoc[] = [
    {
      name: env.baseUrl,
      required: true,
      meaning: `Base URL of ${model.api.title}; every request goes there and nowhere else.`,
      example: model.defaultBaseUrl ?? 'http://127.0.0.1:3000',
    },
  ];
  for (const scheme of model.auth) {
    const label = `security scheme "${scheme.name}"`;
    if (scheme.kind === 'apiKey') {
      docs.push({
        name: scheme.envVars[0] ?? '',
        required: true,
        meaning: `API key sent as ${scheme.in ?? 'header'} "${scheme.paramName ?? ''}" (${label}).`,
        example: '',
      });
    } else if (scheme.kind === 'bearer') {
      docs.push({
        name: scheme.envVars[0] ?? '',
        required: true,
        meaning: `Bearer token sent in the Authorization header (${label}).`,
        example: '',
      });
    } else {
      docs.push(
        {
          name: scheme.envVars[0] ?? '',
          required: true,
          meaning: `User name for HTTP basic auth (${label}).`,
          example: '',
        },
        {
          name: scheme.envVars[1] ?? '',
          required: true,
          meaning: `Password for HTTP basic auth (${label}).`,
          example: '',
        },
      );
    }
  }
  const optional = (name: string, meaning: string, example = ''): EnvVarDoc => ({
    name,
    required: false,
    meaning,
    example,
  });
  docs.push(
    optional(env.timeoutMs, 'Timeout of each API request in milliseconds (default 30000).', '30000'),
    optional(
      env.maxRetries,
      'Retries of idempotent requests on HTTP 429/502/503/504 or network errors, honouring Retry-After (default 2).',
      '2',
    ),
    optional(
      env.confirmationSecret,
      "Secret (32+ characters) that signs confirmation tokens and request state; instances sharing it honour each other's. Random per process when unset.",
    ),
    optional(env.confirmationTtlSeconds, 'How long a confirmation token stays valid, in seconds (default 300).', '300'),
    optional(
      env.unsafeHighRiskTokens,
      'Set to true to let high-risk tools accept a confirmation token when the client cannot ask a person. Off by default: high-risk tools need human approval.',
    ),
    optional(env.auditLog, 'File the audit log (one JSON line per tool call) is appended to; stderr when unset.'),
    optional(
      env.redisUrl,
      'Redis URL (redis:// or rediss://) of the store shared by every instance: single use of confirmations and rate limits then hold across instances. Memory of this process when unset. While Redis is unreachable, gated and rate-limited calls fail closed with store_unavailable; read calls keep working.',
    ),
    optional(env.transport, 'stdio (default) or http (streamable HTTP; also selected by the --http flag).', 'stdio'),
    optional(env.httpHost, 'Address the HTTP transport binds (default 127.0.0.1).', '127.0.0.1'),
    optional(env.httpPort, 'Port of the HTTP transport (default 3100).', '3100'),
    optional(
      env.httpTokens,
      'Inbound bearer tokens for the HTTP transport, comma-separated, each name:secret[:scope] (the name is the caller in audit lines; the secret 16+ characters; name:secret:read only sees and calls read tools). A bare secret[:scope] is accepted too, named after a hash of the secret. Required with http.',
    ),
    optional(
      env.httpAllowedHosts,
      'Extra Host header values the HTTP transport accepts (e.g. behind a proxy), comma-separated.',
    ),
    optional(
      env.httpAllowedOrigins,
      'Browser origins allowed to call the HTTP transport, comma-separated; none by default.',
    ),
    optional(
      env.oauthIssuer,
      'OAuth 2.1 authorization server (issuer URL) whose JWT access tokens the HTTP transport accepts, besides the static tokens. Turns on OAuth resource-server mode: Protected Resource Metadata at /.well-known/oauth-protected-resource, 401 challenges naming it.',
    ),
    optional(
      env.oauthResource,
      "This server's public MCP URL (e.g. https://mcp.example.com/mcp): its resource identifier (RFC 8707), the audience every access token must name. Required with the issuer.",
    ),
    optional(
      env.oauthJwksUrl,
      'JWKS URL of the issuer; discovered from its metadata (RFC 8414, then OpenID discovery) when unset.',
    ),
    optional(
      env.oauthAlgorithms,
      'Signature algorithms accepted on access tokens, comma-separated (default RS256,PS256,ES256,EdDSA).',
      'RS256,PS256,ES256,EdDSA',
    ),
    optional(
      env.oauthScopes,
      'OAuth scope each risk level needs, comma-separated risk=scope (default read=mcp:read,low=mcp:write,medium=mcp:write,high=mcp:approve). A token sees and calls the tools of the levels its scopes name.',
      'read=mcp:read,low=mcp:write,medium=mcp:write,high=mcp:approve',
    ),
    optional(
      env.oauthJwksCooldownSeconds,
      "Least time between two fetches of the issuer's keys when a token names an unknown key (default 30).",
      '30',
    ),
    optional(
      env.metricsToken,
      'Bearer token (16+ characters) required to read Prometheus metrics at /metrics. Unset: /metrics answers only loopback clients that came through no proxy.',
    ),
    optional(
      env.metricsPort,
      'stdio mode: serve Prometheus metrics at http://127.0.0.1:<port>/metrics. Off when unset.',
    ),
    optional(
      env.approverTokens,
      'Approvers of the approval queue, comma-separated, each name:secret (16+ characters; never a caller token). Set, it turns the queue on: tools using it wait for a person other than the caller to approve the exact request on the approval page (/approvals).',
    ),
    optional(
      env.approvalWebhookUrl,
      'URL that receives a JSON POST (a "text" field a Slack incoming webhook shows as is, plus structured fields and a link) when an approval is requested. Failures are logged, never blocking.',
    ),
    optional(
      env.approvalBaseUrl,
      "Public base URL of the approval page for links (e.g. behind a proxy); the listener's own address when unset.",
    ),
    optional(env.approvalTtlSeconds, 'How long an approval request stays valid, in seconds (default 3600).', '3600'),
    optional(
      env.approvalPort,
      "In stdio mode, the loopback port of the approval page's own listener, started only when approvers are set (default 3101).",
      '3101',
    ),
  );
  return docs;
}
