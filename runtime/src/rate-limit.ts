import type { BucketTake, SharedStore } from './store.js';

/**
 * Token buckets per tool: `requests` calls per `perSeconds`, refilled
 * continuously. The bucket lives in the shared store, so with Redis the limit
 * holds across every instance, not per process.
 */
export class RateLimiter {
  constructor(private readonly store: SharedStore) {}

  /** Takes one call from the tool's bucket; when empty, says how many seconds until the next one. */
  take(input: {
    tool: string;
    limit: { requests: number; perSeconds: number };
  }): Promise<BucketTake> {
    return this.store.take({
      key: `rate:${input.tool}`,
      requests: input.limit.requests,
      perSeconds: input.limit.perSeconds,
    });
  }
}
