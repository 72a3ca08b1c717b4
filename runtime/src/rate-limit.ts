/** Token buckets per tool: `requests` calls per `perSeconds`, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(private readonly now: () => number) {}

  /** Takes one call from the tool's bucket; when empty, says how many seconds until the next one. */
  take(input: {
    tool: string;
    limit: { requests: number; perSeconds: number };
  }): { ok: true } | { ok: false; retryAfter: number } {
    const { requests, perSeconds } = input.limit;
    const ratePerMs = requests / (perSeconds * 1000);
    const now = this.now();
    const bucket = this.buckets.get(input.tool) ?? { tokens: requests, updated: now };
    bucket.tokens = Math.min(requests, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(input.tool, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)),
    };
  }
}
