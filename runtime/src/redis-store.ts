import { createClient } from 'redis';
import type { Logger } from './log.js';
import { StoreUnavailableError, type BucketTake, type SharedStore } from './store.js';

/** No call waits longer than this on Redis: past it, the call fails closed. */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect back-off: 100 ms more per attempt, at most 2 s, for as long as it takes. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * A token bucket in one script, so concurrent calls on every instance see one
 * count. Redis's clock is the only clock, so instances with skewed clocks
 * agree. Returns `{1, 0}` when a call was taken, `{0, ms until the next}` when not.
 */
const TAKE_SCRIPT = `
local requests = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = requests / window
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(bucket[1]) or requests
local updated = tonumber(bucket[2]) or now
tokens = math.min(requests, tokens + math.max(0, now - updated) * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], window)
if taken == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate)}
`;

/** Compare and set in one step, keeping the key's expiry: 1 when replaced, 0 when the value differed. */
const SWAP_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return 1
end
return 0
`;

/** Adds a member; the index outlives its latest member by a minute, so an idle server leaves nothing behind. */
const INDEX_SCRIPT = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], tonumber(last[2]) + 60000)
return 1
`;

/** Drops members whose time passed (Redis's clock), then lists the rest, oldest first. */
const MEMBERS_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
`;

type Client = ReturnType<typeof createClient>;

/**
 * Redis as the shared store: `SET NX PX` claims a key once across every
 * instance, a Lua script takes from a bucket atomically. Keys are prefixed
 * with the server name, so servers can share one Redis. The client reconnects
 * by itself; while it is down, commands fail at once (no offline queue) and
 * every command has a deadline, so a call never hangs on the store.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly client: Client;
  private readonly prefix: string;
  private reportedDown = false;
  private closed = false;

  constructor(input: { url: string; keyPrefix: string; logger: Logger }) {
    const { logger } = input;
    this.prefix = `${input.keyPrefix}:`;
    this.client = createClient({
      url: input.url,
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries) => Math.min((retries + 1) * 100, MAX_RECONNECT_DELAY_MS),
      },
    });
    // Without a listener an error event would end the process; the store reports it once per outage.
    this.client.on('error', (error: unknown) => {
      if (this.reportedDown || this.closed) return;
      this.reportedDown = true;
      logger.warn(
        'shared store unreachable: gated and rate-limited calls fail closed until it is back',
        {
          store: 'redis',
          error: describe(error),
        },
      );
    });
    this.client.on('ready', () => {
      if (this.reportedDown) logger.info('shared store reachable again', { store: 'redis' });
      this.reportedDown = false;
    });
  }

  /** Starts connecting; never waits for Redis, so the server comes up (and serves reads) without it. */
  start(): void {
    this.client.connect().catch(() => {
      // The error listener has reported it; the client keeps reconnecting.
    });
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  async claim(input: { key: string; ttlMs: number }): Promise<boolean> {
    const reply = await this.run(() =>
      this.client.set(this.prefix + input.key, '1', {
        condition: 'NX',
        expiration: { type: 'PX', value: Math.max(1, Math.ceil(input.ttlMs)) },
      }),
    );
    return reply === 'OK';
  }

  async take(input: { key: string; requests: number; perSeconds: number }): Promise<BucketTake> {
    const reply = await this.run(() =>
      this.client.eval(TAKE_SCRIPT, {
        keys: [this.prefix + input.key],
        arguments: [String(input.requests), String(input.perSeconds * 1000)],
      }),
    );
    const [taken, waitMs] = reply as [number, number];
    if (taken === 1) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  async put(input: { key: string; value: string; ttlMs: number }): Promise<void> {
    await this.run(() =>
      this.client.set(this.prefix + input.key, input.value, {
        expiration: { type: 'PX', value: Math.max(1, Math.ceil(input.ttlMs)) },
      }),
    );
  }

  async get(key: string): Promise<string | undefined> {
    const reply = await this.run(() => this.client.get(this.prefix + key));
    return typeof reply === 'string' ? reply : undefined;
  }

  async swap(input: { key: string; expected: string; value: string }): Promise<boolean> {
    const reply = await this.run(() =>
      this.client.eval(SWAP_SCRIPT, {
        keys: [this.prefix + input.key],
        arguments: [input.expected, input.value],
      }),
    );
    return reply === 1;
  }

  async index(input: { key: string; member: string; expiresAt: number }): Promise<void> {
    await this.run(() =>
      this.client.eval(INDEX_SCRIPT, {
        keys: [this.prefix + input.key],
        arguments: [String(input.expiresAt), input.member],
      }),
    );
  }

  async members(key: string): Promise<string[]> {
    const reply = await this.run(() =>
      this.client.eval(MEMBERS_SCRIPT, { keys: [this.prefix + key], arguments: [] }),
    );
    return Array.isArray(reply) ? reply.map(String) : [];
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.client.isOpen)
      await this.client.close().catch(() => {
        this.client.destroy();
      });
    else this.client.destroy();
  }

  /** One command, bounded in time; any failure is `StoreUnavailableError`. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) throw new StoreUnavailableError('the shared store is not connected');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new StoreUnavailableError('the shared store did not answer in time'));
      }, COMMAND_TIMEOUT_MS + 100);
    });
    try {
      return await Promise.race([command(), deadline]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`the shared store failed: ${describe(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
