/**
 * Where everything single-use or counted lives: confirmation tokens and
 * sealed request state claim their nonce here, rate limits take from their
 * bucket here. One interface, two stores: this process's memory by default,
 * Redis (`redis-store.ts`) when several instances must share the guarantees.
 */
export interface SharedStore {
  /** `memory` holds only inside this process; `redis` spans every instance using it. */
  readonly kind: 'memory' | 'redis';
  /** False while the store is known to be unreachable: callers fail closed without waiting. */
  readonly ready: boolean;
  /** True the first time `key` is claimed before it expires; false ever after. */
  claim(input: { key: string; ttlMs: number }): Promise<boolean>;
  /**
   * Takes one call from the token bucket `key` (`requests` per `perSeconds`,
   * refilled continuously), atomically; when empty, says how many seconds
   * until the next call is allowed.
   */
  take(input: { key: string; requests: number; perSeconds: number }): Promise<BucketTake>;
  close(): Promise<void>;
}

export type BucketTake = { ok: true } | { ok: false; retryAfter: number };

/** The store cannot answer: whatever needed it must fail closed (nothing sent upstream). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** One process's memory: single use and rate limits hold within this process only. */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  readonly ready = true;
  private readonly claimed = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  claim(input: { key: string; ttlMs: number }): Promise<boolean> {
    const now = this.now();
    for (const [key, expires] of this.claimed) if (expires <= now) this.claimed.delete(key);
    if (this.claimed.has(input.key)) return Promise.resolve(false);
    this.claimed.set(input.key, now + input.ttlMs);
    return Promise.resolve(true);
  }

  take(input: { key: string; requests: number; perSeconds: number }): Promise<BucketTake> {
    const { requests, perSeconds } = input;
    const ratePerMs = requests / (perSeconds * 1000);
    const now = this.now();
    const bucket = this.buckets.get(input.key) ?? { tokens: requests, updated: now };
    bucket.tokens = Math.min(requests, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(input.key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Promise.resolve({ ok: true });
    }
    return Promise.resolve({
      ok: false,
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)),
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
