import { randomBytes } from 'node:crypto';
import { argumentsHash } from './confirmation-token.js';
import type { RequestPreview } from './gate.js';
import type { SharedStore } from './store.js';
import type { Risk } from './types.js';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'executed' | 'expired';

/** One request waiting for, or given, a person's decision; stored as JSON in the shared store. */
export interface ApprovalRecord {
  id: string;
  tool: string;
  risk: Risk;
  /** The exact arguments, hashed: the call that runs must hash the same. */
  argsHash: string;
  /** The inbound principal who asked; it can never approve its own request. */
  requester: string;
  /** What will be sent, credentials left out and fixed values masked. */
  request: RequestPreview;
  requestedAt: number;
  /** After this (epoch ms) the approval can neither be decided nor used. */
  expiresAt: number;
  status: ApprovalStatus;
  approver?: string;
  reason?: string;
  decidedAt?: number;
}

/** What happened to an approval; each is reported once, by the instance that made it happen. */
export interface ApprovalEvent {
  event: 'requested' | 'approved' | 'rejected' | 'executed' | 'expired';
  record: ApprovalRecord;
}

export type DecideResult =
  | { ok: true; record: ApprovalRecord }
  | {
      ok: false;
      code: 'not_found' | 'own_request' | 'not_pending' | 'expired';
      record?: ApprovalRecord;
    };

export type RedeemResult =
  | { ok: true; record: ApprovalRecord }
  | {
      ok: false;
      code: 'not_found' | 'mismatch' | 'pending' | 'rejected' | 'used' | 'expired';
      record?: ApprovalRecord;
    };

const INDEX_KEY = 'approvals:pending';
/** A decided or expired approval is kept this long past its expiry, so a late call hears why it is refused. */
const RETAIN_MS = 24 * 60 * 60 * 1000;
/** Swaps lost to a concurrent writer are retried this many times before giving up. */
const MAX_ATTEMPTS = 5;

const ID_PATTERN = /^apr_[A-Za-z0-9_-]{22}$/;

/**
 * The approval queue: a request for a person's approval, bound to one tool,
 * one exact set of arguments and one requester. Every state change is a
 * compare-and-set in the shared store, so with Redis exactly one instance
 * wins each transition (one approval, one execution) however many race.
 */
export class ApprovalQueue {
  constructor(
    private readonly input: {
      store: SharedStore;
      ttlMs: number;
      now: () => number;
      onEvent: (event: ApprovalEvent) => void;
    },
  ) {}

  async request(input: {
    tool: string;
    risk: Risk;
    args: unknown;
    requester: string;
    request: RequestPreview;
  }): Promise<ApprovalRecord> {
    const now = this.input.now();
    const record: ApprovalRecord = {
      id: `apr_${randomBytes(16).toString('base64url')}`,
      tool: input.tool,
      risk: input.risk,
      argsHash: argumentsHash(input.args),
      requester: input.requester,
      request: input.request,
      requestedAt: now,
      expiresAt: now + this.input.ttlMs,
      status: 'pending',
    };
    await this.input.store.put({
      key: keyOf(record.id),
      value: JSON.stringify(record),
      ttlMs: this.input.ttlMs + RETAIN_MS,
    });
    await this.input.store.index({
      key: INDEX_KEY,
      member: record.id,
      expiresAt: record.expiresAt,
    });
    this.input.onEvent({ event: 'requested', record });
    return record;
  }

  /** The record as it stands; a pending one past its expiry becomes `expired` (reported once). */
  async get(id: string): Promise<ApprovalRecord | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.input.store.get(keyOf(id));
      if (raw === undefined) return undefined;
      const record = JSON.parse(raw) as ApprovalRecord;
      const lapsed = record.status === 'pending' || record.status === 'approved';
      if (!lapsed || record.expiresAt > this.input.now()) return record;
      const expired: ApprovalRecord = { ...record, status: 'expired' };
      if (await this.replace(raw, expired)) {
        this.input.onEvent({ event: 'expired', record: expired });
        return expired;
      }
    }
    return undefined;
  }

  /** Pending requests, oldest first. */
  async pending(): Promise<ApprovalRecord[]> {
    const ids = await this.input.store.members(INDEX_KEY);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is ApprovalRecord => r?.status === 'pending');
  }

  /** A person's decision: only on a pending request, never by the one who asked. */
  async decide(input: {
    id: string;
    approver: string;
    approve: boolean;
    reason?: string;
  }): Promise<DecideResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.input.store.get(keyOf(input.id));
      const record = await this.get(input.id);
      if (raw === undefined || !record) return { ok: false, code: 'not_found' };
      if (record.status === 'expired') return { ok: false, code: 'expired', record };
      if (record.requester === input.approver) return { ok: false, code: 'own_request', record };
      if (record.status !== 'pending') return { ok: false, code: 'not_pending', record };
      const decided: ApprovalRecord = {
        ...record,
        status: input.approve ? 'approved' : 'rejected',
        approver: input.approver,
        decidedAt: this.input.now(),
        ...(input.reason ? { reason: input.reason } : {}),
      };
      if (await this.replace(raw, decided)) {
        this.input.onEvent({ event: input.approve ? 'approved' : 'rejected', record: decided });
        return { ok: true, record: decided };
      }
    }
    return { ok: false, code: 'not_pending' };
  }

  /**
   * The repeated call: it runs only if this exact call (tool, arguments,
   * requester) was approved and not yet run; it is marked executed first,
   * so of several racing calls exactly one runs.
   */
  async redeem(input: {
    id: string;
    tool: string;
    args: unknown;
    principal: string;
  }): Promise<RedeemResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.input.store.get(keyOf(input.id));
      const record = await this.get(input.id);
      if (raw === undefined || !record) return { ok: false, code: 'not_found' };
      if (
        record.tool !== input.tool ||
        record.requester !== input.principal ||
        record.argsHash !== argumentsHash(input.args)
      ) {
        return { ok: false, code: 'mismatch', record };
      }
      if (record.status === 'pending') return { ok: false, code: 'pending', record };
      if (record.status === 'rejected') return { ok: false, code: 'rejected', record };
      if (record.status === 'executed') return { ok: false, code: 'used', record };
      if (record.status === 'expired') return { ok: false, code: 'expired', record };
      const executed: ApprovalRecord = { ...record, status: 'executed' };
      if (await this.replace(raw, executed)) {
        this.input.onEvent({ event: 'executed', record: executed });
        return { ok: true, record: executed };
      }
    }
    return { ok: false, code: 'used' };
  }

  private replace(raw: string, next: ApprovalRecord): Promise<boolean> {
    return this.input.store.swap({
      key: keyOf(next.id),
      expected: raw,
      value: JSON.stringify(next),
    });
  }
}

function keyOf(id: string): string {
  return `approval:${id}`;
}
