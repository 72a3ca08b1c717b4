import { describe, expect, it } from 'vitest';
import { ConfirmationTokens } from './confirmation-token.js';
import { RateLimiter } from './rate-limit.js';
import { MemoryStore } from './store.js';

describe('memory store', () => {
  it('claims a key once until it expires', async () => {
    let now = 1_000;
    const store = new MemoryStore(() => now);
    expect(await store.claim({ key: 'a', ttlMs: 100 })).toBe(true);
    expect(await store.claim({ key: 'a', ttlMs: 100 })).toBe(false);
    expect(await store.claim({ key: 'b', ttlMs: 100 })).toBe(true);
    now += 100;
    expect(await store.claim({ key: 'a', ttlMs: 100 })).toBe(true);
  });

  it('takes from a bucket per key, refilling continuously', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryStore(() => now));
    const limit = { requests: 2, perSeconds: 10 };
    expect(await limiter.take({ tool: 't', limit })).toEqual({ ok: true });
    expect(await limiter.take({ tool: 't', limit })).toEqual({ ok: true });
    expect(await limiter.take({ tool: 't', limit })).toEqual({ ok: false, retryAfter: 5 });
    expect(await limiter.take({ tool: 'other', limit })).toEqual({ ok: true });
    now += 5_000;
    expect(await limiter.take({ tool: 't', limit })).toEqual({ ok: true });
    expect((await limiter.take({ tool: 't', limit })).ok).toBe(false);
  });

  it('holds a confirmation token to single use for every ConfirmationTokens sharing it', async () => {
    const store = new MemoryStore();
    const secret = Buffer.from('a-confirmation-secret-of-32-chars!!');
    const a = new ConfirmationTokens(secret, 60_000, Date.now, store);
    const b = new ConfirmationTokens(secret, 60_000, Date.now, store);
    const { token } = a.mint({ tool: 'x', args: { n: 1 } });
    expect(await b.redeem({ token, tool: 'x', args: { n: 1 } })).toEqual({ ok: true });
    expect(await a.redeem({ token, tool: 'x', args: { n: 1 } })).toMatchObject({
      code: 'confirmation_replayed',
    });
  });
});
