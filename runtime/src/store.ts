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
  /** Stores `value` under `key` until `ttlMs` from now, replacing whatever was there. */
  put(input: { key: string; value: string; ttlMs: number }): Promise<void>;
  /** The value under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /**
   * Replaces the value of `key` with `value` only if it is exactly `expected`
   * right now, keeping its expiry; true when it did. Of several instances
   * swapping the same value at once, exactly one wins.
   */
  swap(input: { key: string; expected: string; value: string }): Promise<boolean>;
  /** Adds `member` to the index `key` until `expiresAt` (epoch ms). */
  index(input: { key: string; member: string; expiresAt: number }): Promise<void>;
  /** The members of the index `key` whose time has not passed, oldest first. */
  members(key: string): Promise<string[]>;
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
  private readonly values = new Map<string, { value: string; expires: number }>();
  private readonly indexes = new Map<string, Map<string, number>>();

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

  put(input: { key: string; value: string; ttlMs: number }): Promise<void> {
    const now = this.now();
    for (const [key, entry] of this.values) if (entry.expires <= now) this.values.delete(key);
    this.values.set(input.key, { value: input.value, expires: now + input.ttlMs });
    return Promise.resolve();
  }

  get(key: string): Promise<string | undefined> {
    const entry = this.values.get(key);
    if (!entry || entry.expires <= this.now()) return Promise.resolve(undefined);
    return Promise.resolve(entry.value);
  }

  swap(input: { key: string; expected: string; value: string }): Promise<boolean> {
    const entry = this.values.get(input.key);
    if (!entry || entry.expires <= this.now() || entry.value !== input.expected) {
      return Promise.resolve(false);
    }
    entry.value = input.value;
    return Promise.resolve(true);
  }

  index(input: { key: string; member: string; expiresAt: number }): Promise<void> {
    const index = this.indexes.get(input.key) ?? new Map<string, number>();
    index.set(input.member, input.expiresAt);
    this.indexes.set(input.key, index);
    return Promise.resolve();
  }

  members(key: string): Promise<string[]> {
    const index = this.indexes.get(key);
    if (!index) return Promise.resolve([]);
    const now = this.now();
    for (const [member, expiresAt] of index) if (expiresAt <= now) index.delete(member);
    return Promise.resolve(
      [...index.entries()].sort((a, b) => a[1] - b[1]).map(([member]) => member),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
