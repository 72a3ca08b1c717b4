/**
 * A real OAuth 2.1 authorization server (oidc-provider) on 127.0.0.1, issuing
 * JWT access tokens by the client_credentials grant with resource indicators
 * (RFC 8707): the token's audience is the resource asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** Lifetime of the `short-lived` client's tokens: long enough to be used once on a loaded machine, short enough to wait out. */
export const SHORT_LIVED_TTL_SECONDS = 4;

export const CLIENT_SECRET = 'a-client-secret-for-the-tests-0123456789';
export const ALL_SCOPES = 'mcp:read mcp:write mcp:approve';

/** Clients of the test server; `short-lived` gets tokens that expire after one second. */
const CLIENTS = ['agent', 'short-lived'] as const;
export type TestClient = (typeof CLIENTS)[number];

export interface AuthServer {
  issuer: string;
  port: number;
  token(input: { resource: string; scope: string; client?: TestClient }): Promise<string>;
  close(): Promise<void>;
}

/** An RS256 signing key with a key id, as a JWKS entry holding the private part. */
export async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

/**
 * Starts the provider on `port` (0: any free one) with `keys`; the first key
 * signs. Restarting on the same port with a new first key is a key rotation
 * as an issuer does it (the old key still published beside the new one).
 */
export async function startAuthServer(input: { keys: JWK[]; port?: number }): Promise<AuthServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: CLIENTS.map((id) => ({
      client_id: id,
      client_secret: CLIENT_SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
      scope: ALL_SCOPES,
    })),
    jwks: { keys: input.keys },
    scopes: ALL_SCOPES.split(' '),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined as unknown as string,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator, client) => ({
          scope: ALL_SCOPES,
          audience: resourceIndicator,
          accessTokenTTL: client.clientId === 'short-lived' ? SHORT_LIVED_TTL_SECONDS : 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    port,
    token: async ({ resource, scope, client }) => {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client ?? 'agent',
          client_secret: CLIENT_SECRET,
          resource,
          scope,
        }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!response.ok || !body.access_token) {
        throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
      }
      return body.access_token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A free loopback port, for a server whose own URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
