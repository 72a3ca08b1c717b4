import {
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
  type AuthInfo,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { OAuthConfig } from './oauth-config.js';
import type { Risk } from './types.js';

const RISKS: readonly Risk[] = ['read', 'low', 'medium', 'high'];
const DISCOVERY_TIMEOUT_MS = 10_000;
const JWKS_TIMEOUT_MS = 5_000;

/** A caller whose access token was verified: who it is and which risk levels its scopes open. */
export interface OAuthCaller {
  /** The token's subject, else its client: the principal audit lines name. */
  principal: string;
  scopes: string[];
  risks: Risk[];
}

export type OAuthOutcome =
  | { ok: true; caller: OAuthCaller }
  | {
      ok: false;
      response: Response;
      reason: 'invalid_token' | 'insufficient_scope' | 'server_error';
    };

/**
 * The OAuth 2.1 resource server (MCP authorization spec): tokens are JWTs
 * from one issuer, checked against its keys (fetched once, refetched when a
 * token names a key not seen yet, at most once per cooldown), for issuer,
 * audience (this server's resource URL), expiry and algorithm. The SDK's
 * bearer helpers parse the header, compare the resource and shape every
 * challenge; this module only supplies the JWT verification.
 */
export class OAuthResourceServer {
  readonly metadataUrl: string;
  /** Paths that serve the metadata: the RFC 9728 one for the resource's path, and the bare one. */
  readonly metadataPaths: ReadonlySet<string>;
  private keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  constructor(
    private readonly config: OAuthConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    const resource = new URL(config.resource);
    this.metadataUrl = getOAuthProtectedResourceMetadataUrl(resource);
    this.metadataPaths = new Set([
      new URL(this.metadataUrl).pathname,
      '/.well-known/oauth-protected-resource',
    ]);
  }

  /** RFC 9728 document: where tokens come from and which scopes mean something here. */
  metadata(): OAuthProtectedResourceMetadata {
    return {
      resource: this.config.resource,
      authorization_servers: [this.config.issuer],
      scopes_supported: [...new Set(RISKS.map((risk) => this.config.riskScopes[risk]))],
      bearer_methods_supported: ['header'],
    };
  }

  /** Starts key discovery early, so a misconfigured issuer is logged at start, not at the first call. */
  async warmUp(): Promise<void> {
    await this.keySet();
  }

  async authenticate(authorization: string | undefined): Promise<OAuthOutcome> {
    const options = {
      verifier: { verifyAccessToken: (token: string) => this.verify(token) },
      expectedResource: new URL(this.config.resource),
      resourceMetadataUrl: this.metadataUrl,
    };
    let info: AuthInfo;
    try {
      info = await verifyBearerToken(authorization, options);
    } catch (error) {
      const reason =
        error instanceof OAuthError && error.code === (OAuthErrorCode.InvalidToken as string)
          ? 'invalid_token'
          : 'server_error';
      return { ok: false, reason, response: bearerAuthChallengeResponse(error, options) };
    }
    const risks = RISKS.filter((risk) => info.scopes.includes(this.config.riskScopes[risk]));
    if (risks.length === 0) {
      return {
        ok: false,
        reason: 'insufficient_scope',
        response: this.scopeChallenge({ held: info.scopes, needed: this.config.riskScopes.read }),
      };
    }
    const subject = info.extra?.['subject'];
    return {
      ok: true,
      caller: {
        principal: typeof subject === 'string' ? subject : info.clientId,
        scopes: info.scopes,
        risks,
      },
    };
  }

  /** The scope a risk level needs. */
  scopeFor(risk: Risk): string {
    return this.config.riskScopes[risk];
  }

  /**
   * 403 `insufficient_scope` naming the scopes to ask for: the ones held plus
   * the one missing, so a client stepping up does not lose what it had.
   */
  scopeChallenge(input: { held: readonly string[]; needed: string }): Response {
    return bearerAuthChallengeResponse(
      new OAuthError(OAuthErrorCode.InsufficientScope, 'The token lacks the scope this needs'),
      {
        requiredScopes: [...new Set([...input.held, input.needed])],
        resourceMetadataUrl: this.metadataUrl,
      },
    );
  }

  /** 401 for a request with no credentials at all: only where to find out how to get one (RFC 6750 §3.1). */
  missingChallenge(): Response {
    return Response.json(
      { error: 'unauthorized', message: 'A valid bearer token is required' },
      {
        status: 401,
        headers: { 'WWW-Authenticate': `Bearer resource_metadata="${this.metadataUrl}"` },
      },
    );
  }

  private async verify(token: string): Promise<AuthInfo> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.resource,
        algorithms: this.config.algorithms,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new OAuthError(OAuthErrorCode.InvalidToken, rejection(error));
    }
    const clientId =
      stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp') ?? payload.sub;
    return {
      token,
      clientId: clientId ?? 'unknown',
      scopes: scopesOf(payload),
      ...(payload.exp !== undefined ? { expiresAt: payload.exp } : {}),
      // jwtVerify checked that `aud` names this resource.
      resource: new URL(this.config.resource),
      extra: payload.sub ? { subject: payload.sub } : {},
    };
  }

  private keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keys ??= this.jwksUrl().then((url) =>
      createRemoteJWKSet(url, {
        cooldownDuration: this.config.jwksCooldownMs,
        timeoutDuration: JWKS_TIMEOUT_MS,
      }),
    );
    // A failed discovery is retried by the next request rather than remembered.
    this.keys.catch(() => {
      this.keys = undefined;
    });
    return this.keys.catch((error: unknown) => {
      throw new OAuthError(
        OAuthErrorCode.ServerError,
        `The authorization server's keys are unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  /** The configured JWKS URL, else the one the issuer's metadata names (RFC 8414, then OpenID discovery). */
  private async jwksUrl(): Promise<URL> {
    if (this.config.jwksUrl) return new URL(this.config.jwksUrl);
    const issuer = new URL(this.config.issuer);
    const path = issuer.pathname.replace(/\/$/, '');
    const candidates = [
      `${issuer.origin}/.well-known/oauth-authorization-server${path}`,
      `${issuer.origin}${path}/.well-known/openid-configuration`,
    ];
    for (const candidate of candidates) {
      const response = await this.fetchImpl(candidate, {
        signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) continue;
      const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      // RFC 8414 §3.3: metadata naming another issuer must not be used.
      if (metadata.issuer !== this.config.issuer) {
        throw new Error('the discovery document names another issuer');
      }
      if (typeof metadata.jwks_uri !== 'string')
        throw new Error('the discovery document has no jwks_uri');
      return new URL(metadata.jwks_uri);
    }
    throw new Error('no discovery document at the issuer (RFC 8414 or OpenID)');
  }
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `scope` (RFC 9068, space-separated) or `scp` (an array, as some providers send). */
function scopesOf(payload: JWTPayload): string[] {
  const scope = payload['scope'];
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  const scp = payload['scp'];
  if (Array.isArray(scp)) return scp.filter((item): item is string => typeof item === 'string');
  if (typeof scp === 'string') return scp.split(' ').filter(Boolean);
  return [];
}

/** Why a token was refused, in words safe to send back (no token content). */
function rejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'The token was not issued by the trusted issuer';
    if (error.claim === 'aud') return 'The token was not issued for this resource';
    if (error.claim === 'nbf') return 'The token is not valid yet';
    return `The token's ${error.claim} claim is not acceptable`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The token is signed with an algorithm not accepted here';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed with an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'The token signature is not valid';
  if (error instanceof errors.JWKSTimeout)
    return "The authorization server's keys could not be fetched in time";
  return 'The token is not a valid access token';
}
