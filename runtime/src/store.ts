/**
 * Where single-use records live. Everything that must be accepted once (sealed
 * request state) claims its key here; one interface, so a shared store can
 * take the place of this in-memory one when the server scales out.
 */
export interface SingleUseStore {
  /** True the first time `key` is claimed before it expires; false ever after. */
  claim(input: { key: string; ttlMs: number }): Promise<boolean>;
}

/** One process's memory: single use holds within this process only. */
export class MemoryStore implements SingleUseStore {
  private readonly claimed = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  claim(input: { key: string; ttlMs: number }): Promise<boolean> {
    const now = this.now();
    for (const [key, expires] of this.claimed) if (expires <= now) this.claimed.delete(key);
    if (this.claimed.has(input.key)) return Promise.resolve(false);
    this.claimed.set(input.key, now + input.ttlMs);
    return Promise.resolve(true);
  }
}
