import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApprovalQueue, type ApprovalEvent } from './approvals.js';
import { ConfirmationTokens } from './confirmation-token.js';
import { passGate, type GateRequest } from './gate.js';
import { SealedRequestState } from './request-state.js';
import { MemoryStore } from './store.js';
import type { ToolDefinition } from './types.js';

const preview = { method: 'POST', path: '/orders/ord_1/cancel', body: { reason: 'x' } };

function queueAt(clock: { now: number }) {
  const events: ApprovalEvent['event'][] = [];
  const queue = new ApprovalQueue({
    store: new MemoryStore(() => clock.now),
    ttlMs: 60_000,
    now: () => clock.now,
    onEvent: (event) => events.push(event.event),
  });
  return { queue, events };
}

const ask = {
  tool: 'cancel_order',
  risk: 'high' as const,
  args: { orderId: 'ord_1' },
  requester: 'alice',
  request: preview,
};

describe('approval queue', () => {
  it('runs an approved request once, for exactly its tool, arguments and requester', async () => {
    const { queue, events } = queueAt({ now: 1_000 });
    const record = await queue.request(ask);
    expect(record).toMatchObject({ status: 'pending', requester: 'alice', request: preview });
    expect(await queue.pending()).toHaveLength(1);
    const call = {
      id: record.id,
      tool: 'cancel_order',
      args: { orderId: 'ord_1' },
      principal: 'alice',
    };
    expect(await queue.redeem(call)).toMatchObject({ ok: false, code: 'pending' });
    expect(await queue.decide({ id: record.id, approver: 'bob', approve: true })).toMatchObject({
      ok: true,
    });
    expect(await queue.pending()).toHaveLength(0);
    expect(await queue.redeem({ ...call, args: { orderId: 'ord_2' } })).toMatchObject({
      code: 'mismatch',
    });
    expect(await queue.redeem({ ...call, principal: 'mallory' })).toMatchObject({
      code: 'mismatch',
    });
    expect(await queue.redeem({ ...call, tool: 'create_order' })).toMatchObject({
      code: 'mismatch',
    });
    expect(await queue.redeem(call)).toMatchObject({ ok: true });
    expect(await queue.redeem(call)).toMatchObject({ ok: false, code: 'used' });
    expect(events).toEqual(['requested', 'approved', 'executed']);
  });

  it('never lets the requester decide its own request, and decides once', async () => {
    const { queue } = queueAt({ now: 1_000 });
    const record = await queue.request(ask);
    expect(await queue.decide({ id: record.id, approver: 'alice', approve: true })).toMatchObject({
      ok: false,
      code: 'own_request',
    });
    expect(
      await queue.decide({ id: record.id, approver: 'bob', approve: false, reason: 'not today' }),
    ).toMatchObject({
      ok: true,
      record: { status: 'rejected', approver: 'bob', reason: 'not today' },
    });
    expect(await queue.decide({ id: record.id, approver: 'carol', approve: true })).toMatchObject({
      code: 'not_pending',
    });
    const call = {
      id: record.id,
      tool: 'cancel_order',
      args: { orderId: 'ord_1' },
      principal: 'alice',
    };
    expect(await queue.redeem(call)).toMatchObject({
      code: 'rejected',
      record: { reason: 'not today' },
    });
  });

  it('expires pending and approved requests, reporting each once', async () => {
    const clock = { now: 1_000 };
    const { queue, events } = queueAt(clock);
    const pending = await queue.request(ask);
    const approved = await queue.request(ask);
    await queue.decide({ id: approved.id, approver: 'bob', approve: true });
    clock.now += 60_000;
    expect(await queue.get(pending.id)).toMatchObject({ status: 'expired' });
    expect(await queue.get(pending.id)).toMatchObject({ status: 'expired' });
    expect(await queue.decide({ id: pending.id, approver: 'bob', approve: true })).toMatchObject({
      code: 'expired',
    });
    const call = {
      id: approved.id,
      tool: 'cancel_order',
      args: { orderId: 'ord_1' },
      principal: 'alice',
    };
    expect(await queue.redeem(call)).toMatchObject({ code: 'expired' });
    expect(events.filter((e) => e === 'expired')).toHaveLength(2);
    expect(await queue.pending()).toEqual([]);
  });

  it('knows no id it did not issue', async () => {
    const { queue } = queueAt({ now: 1_000 });
    expect(await queue.get('apr_nope')).toBeUndefined();
    expect(await queue.decide({ id: '../x', approver: 'bob', approve: true })).toMatchObject({
      code: 'not_found',
    });
  });
});

function tool(input: Partial<ToolDefinition>): ToolDefinition {
  return {
    name: 'cancel_order',
    risk: 'high',
    confirmation: 'approve',
    redact: [],
    listing: { name: 'cancel_order', inputSchema: { type: 'object' } },
    input: z.object({}),
    request: { method: 'POST', path: '/x', params: [], security: [] },
    response: { maxBytes: 1000, strictness: 'lenient' },
    ...input,
  };
}

describe('the gate with an approval queue', () => {
  const secret = Buffer.alloc(32, 7);
  const store = new MemoryStore();
  const approvals = new ApprovalQueue({
    store,
    ttlMs: 60_000,
    now: Date.now,
    onEvent: () => undefined,
  });
  const deps = {
    tokens: new ConfirmationTokens(secret, 60_000, Date.now, store),
    sealed: new SealedRequestState({ secret, ttlSeconds: 60, store }),
    allowTokenForHighRisk: true,
    approvals,
    approvalLink: (id: string) => `http://127.0.0.1:1/approvals/${id}`,
  };
  const request = (overrides: Partial<GateRequest>): GateRequest => ({
    tool: tool({ approvalQueue: true }),
    args: { orderId: 'ord_1' },
    token: undefined,
    preview,
    principal: { name: 'alice', scope: 'high' },
    era: 'legacy',
    transport: 'http',
    capabilities: undefined,
    requestState: undefined,
    inputResponses: undefined,
    ...overrides,
  });

  it('asks a person through the client first, where it can carry the question', async () => {
    const decision = await passGate(
      request({ era: 'modern', capabilities: { elicitation: { form: {} } } }),
      deps,
    );
    expect(decision).toMatchObject({ run: false, outcome: 'confirmation_required' });
  });

  it('else queues the exact request (before any relayed token), then runs it once approved by another person', async () => {
    const first = await passGate(request({}), deps);
    expect(first).toMatchObject({
      run: false,
      outcome: 'approval_pending',
      result: {
        structuredContent: {
          status: 'approval_pending',
          approval: { status: 'pending', requested_by: 'alice', request: preview },
        },
      },
    });
    const id = (first as { approvalId: string }).approvalId;
    expect(await passGate(request({ approvalId: id }), deps)).toMatchObject({
      outcome: 'approval_pending',
    });
    await approvals.decide({ id, approver: 'bob', approve: true });
    expect(
      await passGate(request({ approvalId: id, args: { orderId: 'ord_9' } }), deps),
    ).toMatchObject({
      error: 'approval_mismatch',
    });
    expect(await passGate(request({ approvalId: id }), deps)).toEqual({
      run: true,
      confirmedBy: 'approver',
      approvalId: id,
    });
    expect(await passGate(request({ approvalId: id }), deps)).toMatchObject({
      error: 'approval_used',
    });
  });

  it('refuses with the reason when rejected', async () => {
    const first = await passGate(request({}), deps);
    const id = (first as { approvalId: string }).approvalId;
    await approvals.decide({ id, approver: 'bob', approve: false, reason: 'wrong order' });
    const refused = await passGate(request({ approvalId: id }), deps);
    expect(refused).toMatchObject({ run: false, error: 'approval_rejected' });
    const text =
      (refused as { result: { content: Array<{ text: string }> } }).result.content[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ approval_id: id, reason: 'wrong order' });
  });

  it('a medium tool requiring a person never takes a relayed token, and is refused where no person is reachable', async () => {
    const person = tool({ risk: 'medium', confirmation: 'person' });
    const minted = deps.tokens.mint({ tool: 'cancel_order', args: { orderId: 'ord_1' } });
    const withoutQueue = { ...deps, approvals: undefined };
    expect(
      await passGate(request({ tool: person, token: minted.token }), withoutQueue),
    ).toMatchObject({
      run: false,
      error: 'human_approval_required',
    });
    expect(
      await passGate(request({ tool: { ...person, approvalQueue: true } }), deps),
    ).toMatchObject({
      outcome: 'approval_pending',
    });
  });
});
