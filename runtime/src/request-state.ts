import { createHmac, randomUUID } from 'node:crypto';
import { createRequestStateCodec, type RequestStateCodec } from '@modelcontextprotocol/server';
import { argumentsHash } from './confirmation-token.js';
import type { SharedStore } from './store.js';

/** What a sealed `requestState` vouches for: this tool, these exact arguments, this caller, once. */
interface SealedClaims {
  tool: string;
  args: string;
  principal: string;
  nonce: string;
}

export type OpenResult =
  | { ok: true }
  | {
      ok: false;
      code: 'confirmation_invalid' | 'confirmation_mismatch' | 'confirmation_replayed';
      message: string;
    };

const AGAIN = 'Call the tool again to ask the user afresh.';

/**
 * The state a 2026-07-28 client echoes between the question to a person and
 * the retried call. It travels through the client, so it is signed
 * (HMAC-SHA256 through the SDK's codec, with an expiry), bound to the tool,
 * the exact arguments and the caller, and accepted once.
 */
export class SealedRequestState {
  private readonly codec: RequestStateCodec<SealedClaims>;

  constructor(
    private readonly input: {
      secret: Buffer;
      ttlSeconds: number;
      store: Pick<SharedStore, 'claim'>;
    },
  ) {
    // A key of its own, derived from the shared secret, so a confirmation token never verifies as state.
    const key = createHmac('sha256', input.secret).update('mcpgen request state v1').digest();
    this.codec = createRequestStateCodec<SealedClaims>({ key, ttlSeconds: input.ttlSeconds });
  }

  seal(claims: { tool: string; args: unknown; principal: string }): Promise<string> {
    return this.codec.mint({
      tool: claims.tool,
      args: argumentsHash(claims.args),
      principal: claims.principal,
      nonce: randomUUID(),
    });
  }

  async open(input: {
    state: string;
    tool: string;
    args: unknown;
    principal: string;
  }): Promise<OpenResult> {
    let claims: SealedClaims;
    try {
      // The codec needs a context only for a binding, which these claims carry themselves.
      claims = await this.codec.verify(input.state, undefined as never);
    } catch {
      return {
        ok: false,
        code: 'confirmation_invalid',
        message: `The confirmation state is not valid or has expired; nothing was sent. ${AGAIN}`,
      };
    }
    if (
      claims.tool !== input.tool ||
      claims.args !== argumentsHash(input.args) ||
      claims.principal !== input.principal
    ) {
      return {
        ok: false,
        code: 'confirmation_mismatch',
        message: `The confirmation was given for another call; nothing was sent. ${AGAIN}`,
      };
    }
    const first = await this.input.store.claim({
      key: `state:${claims.nonce}`,
      ttlMs: this.input.ttlSeconds * 1000,
    });
    if (!first) {
      return {
        ok: false,
        code: 'confirmation_replayed',
        message: `This confirmation was already used; nothing was sent. ${AGAIN}`,
      };
    }
    return { ok: true };
  }
}
