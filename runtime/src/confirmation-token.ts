import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SharedStore } from './store.js';

/**
 * Stateless confirmation tokens: `<payload>.<signature>`, the payload naming
 * the tool, a hash of the exact arguments, an expiry and a nonce, signed with
 * HMAC-SHA256. Any instance holding the secret can check a token, so servers
 * scale out; a nonce is claimed in the shared store, so a token is accepted
 * once wherever the store reaches (one process with memory, every instance
 * with Redis).
 */
interface TokenPayload {
  tool: string;
  args: string;
  exp: number;
  nonce: string;
}

export type TokenCheck =
  | { ok: true }
  | {
      ok: false;
      code:
        | 'confirmation_invalid'
        | 'confirmation_mismatch'
        | 'confirmation_expired'
        | 'confirmation_replayed';
      message: string;
    };

const AGAIN = 'Call the tool again without confirmation_token to get a new preview and token.';

/** JSON with object keys sorted at every depth, so equal arguments always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Values with no JSON text hash as null, as JSON.stringify writes them inside arrays.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
    return 'null';
  return JSON.stringify(value);
}

export function argumentsHash(args: unknown): string {
  return createHash('sha256').update(canonicalJson(args)).digest('base64url');
}

export class ConfirmationTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Where used nonces are claimed, until the token would have expired anyway. */
    private readonly store: Pick<SharedStore, 'claim'>,
  ) {}

  mint(input: { tool: string; args: unknown }): { token: string; expiresAt: number } {
    const payload: TokenPayload = {
      tool: input.tool,
      args: argumentsHash(input.args),
      exp: this.now() + this.ttlMs,
      nonce: randomBytes(12).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: payload.exp };
  }

  /**
   * Checks a token for this exact call and, when it is good, uses it up.
   * Rejects with `StoreUnavailableError` when the store cannot say whether it was used.
   */
  async redeem(input: { token: string; tool: string; args: unknown }): Promise<TokenCheck> {
    const [body, signature, extra] = input.token.split('.');
    if (!body || !signature || extra !== undefined || !this.signatureMatches(body, signature)) {
      return {
        ok: false,
        code: 'confirmation_invalid',
        message: `The confirmation token is not one this server issued. ${AGAIN}`,
      };
    }
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      return {
        ok: false,
        code: 'confirmation_invalid',
        message: `The confirmation token is malformed. ${AGAIN}`,
      };
    }
    if (payload.tool !== input.tool || payload.args !== argumentsHash(input.args)) {
      return {
        ok: false,
        code: 'confirmation_mismatch',
        message: `The confirmation token was issued for different arguments; a token confirms exactly the previewed call. ${AGAIN}`,
      };
    }
    const now = this.now();
    if (payload.exp <= now) {
      return {
        ok: false,
        code: 'confirmation_expired',
        message: `The confirmation token has expired. ${AGAIN}`,
      };
    }
    const first = await this.store.claim({
      key: `token:${payload.nonce}`,
      ttlMs: payload.exp - now,
    });
    if (!first) {
      return {
        ok: false,
        code: 'confirmation_replayed',
        message: `The confirmation token was already used. ${AGAIN}`,
      };
    }
    return { ok: true };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  private signatureMatches(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
