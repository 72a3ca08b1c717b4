import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfirmationTokens } from '../runtime/src/confirmation-token.js';
import type { Logger } from '../runtime/src/log.js';
import { RedisStore } from '../runtime/src/redis-store.js';
import { StoreUnavailableError } from '../runtime/src/store.js';
import { startRedis, type TestRedis } from './support/redis.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
let redis: TestRedis;
const stores: RedisStore[] = [];

function store(keyPrefix = 'store-test', logger: Logger = quiet): RedisStore {
  const created = new RedisStore({ url: redis.url, keyPrefix, logger });
  created.start();
  stores.push(created);
  return created;
}

async function untilReady(...targets: RedisStore[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!targets.every((target) => target.ready)) {
    if (Date.now() > deadline) throw new Error('store did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  for (const created of stores) await created.close();
  await redis?.close();
});

describe('Redis store', () => {
  it('claims a key once across clients, per server-name prefix, until it expires', async () => {
    const [a, b, other] = [store(), store(), store('another-server')];
    await untilReady(a, b, other);
    expect(await a.claim({ key: 'token:n1', ttlMs: 300 })).toBe(true);
    expect(await b.claim({ key: 'token:n1', ttlMs: 300 })).toBe(false);
    expect(await a.claim({ key: 'token:n1', ttlMs: 300 })).toBe(false);
    expect(await other.claim({ key: 'token:n1', ttlMs: 300 })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await b.claim({ key: 'token:n1', ttlMs: 300 })).toBe(true);
  });

  it('a bucket of N per window allows exactly N takes across concurrent clients, then says when to retry', async () => {
    const clients = [store(), store(), store()];
    await untilReady(...clients);
    const takes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => clients[i % 3]!.take({ key: 'rate:bucket-a', requests: 7, perSeconds: 60 })),
    );
    expect(takes.filter((take) => take.ok)).toHaveLength(7);
    const refused = takes.find((take) => !take.ok);
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1);
    expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(9);
    // Another tool's bucket is its own.
    expect(await clients[0]!.take({ key: 'rate:bucket-b', requests: 1, perSeconds: 60 })).toEqual({ ok: true });
  });

  it('refills continuously', async () => {
    const [a] = [store()];
    await untilReady(a);
    expect(await a.take({ key: 'rate:fast', requests: 2, perSeconds: 1 })).toEqual({ ok: true });
    expect(await a.take({ key: 'rate:fast', requests: 2, perSeconds: 1 })).toEqual({ ok: true });
    expect((await a.take({ key: 'rate:fast', requests: 2, perSeconds: 1 })).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await a.take({ key: 'rate:fast', requests: 2, perSeconds: 1 })).toEqual({ ok: true });
  });

  it('confirmation tokens share their single use through it', async () => {
    const secret = Buffer.from('a-confirmation-secret-of-32-chars!!');
    const [a, b] = [store(), store()];
    await untilReady(a, b);
    const first = new ConfirmationTokens(secret, 60_000, Date.now, a);
    const second = new ConfirmationTokens(secret, 60_000, Date.now, b);
    const { token } = first.mint({ tool: 'create_order', args: { n: 1 } });
    expect(await second.redeem({ token, tool: 'create_order', args: { n: 1 } })).toEqual({ ok: true });
    expect(await first.redeem({ token, tool: 'create_order', args: { n: 1 } })).toMatchObject({
      ok: false,
      code: 'confirmation_replayed',
    });
  });

  it('fails fast with StoreUnavailableError while Redis is down, reports the outage once, and recovers', async () => {
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger: Logger = {
      info: (m: string) => void infos.push(m),
      warn: (m: string) => void warnings.push(m),
      error: () => {},
    };
    const a = store('outage-test', logger);
    await untilReady(a);
    await redis.stop();
    const started = Date.now();
    await expect(a.claim({ key: 'k', ttlMs: 1000 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(a.take({ key: 'rate:x', requests: 1, perSeconds: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(a.ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(warnings.filter((w) => w.includes('shared store unreachable'))).toHaveLength(1);
    await redis.start();
    await untilReady(a);
    expect(await a.claim({ key: 'k', ttlMs: 1000 })).toBe(true);
    expect(infos).toContain('shared store reachable again');
  }, 30_000);

  it('starts without Redis (nothing waits for it) and connects once Redis is up', async () => {
    await redis.stop();
    const late = store('late-start');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(late.ready).toBe(false);
    await expect(late.claim({ key: 'k', ttlMs: 1000 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await redis.start();
    await untilReady(late);
    expect(await late.claim({ key: 'k', ttlMs: 1000 })).toBe(true);
  }, 30_000);
});
