import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfirmationTokens } from './confirmation-token.js';
import { canAskPerson, passGate, type GateRequest } from './gate.js';
import { SealedRequestState } from './request-state.js';
import { MemoryStore } from './store.js';
import type { ToolDefinition } from './types.js';

const form = { elicitation: { form: {} } };

describe('who can be asked', () => {
  it.each([
    ['modern', 'http', form, true],
    ['modern', 'stdio', form, true],
    ['legacy', 'stdio', form, true],
    ['legacy', 'stdio', { elicitation: {} }, true],
    ['legacy', 'http', form, false],
    ['modern', 'http', {}, false],
    ['modern', 'stdio', { elicitation: { url: {} } }, false],
  ] as const)('%s over %s with %j: %s', (era, transport, capabilities, expected) => {
    expect(canAskPerson({ era, transport, capabilities })).toBe(expected);
  });
});

function tool(confirmation: ToolDefinition['confirmation']): ToolDefinition {
  return {
    name: 'cancel_order',
    risk: confirmation === 'approve' ? 'high' : 'medium',
    confirmation,
    redact: [],
    listing: { name: 'cancel_order', inputSchema: { type: 'object' } },
    input: z.object({}),
    request: { method: 'POST', path: '/x', params: [], security: [] },
    response: { maxBytes: 1000, strictness: 'lenient' },
  };
}

function setup(allowTokenForHighRisk = false) {
  const secret = Buffer.alloc(32, 5);
  const deps = {
    tokens: new ConfirmationTokens(secret, 60_000, Date.now, new MemoryStore()),
    sealed: new SealedRequestState({ secret, ttlSeconds: 60, store: new MemoryStore() }),
    allowTokenForHighRisk,
  };
  const base = (
    confirmation: ToolDefinition['confirmation'],
    overrides: Partial<GateRequest> = {},
  ): GateRequest => ({
    tool: tool(confirmation),
    args: { orderId: 'ord_1' },
    token: undefined,
    preview: { method: 'POST', path: '/x' },
    principal: { name: 'stdio', scope: 'high' },
    era: 'modern',
    transport: 'http',
    capabilities: form,
    requestState: undefined,
    inputResponses: undefined,
    ...overrides,
  });
  return { deps, base };
}

describe('the gate', () => {
  it('asks a person with sealed state, and runs the retried call once on an explicit approval', async () => {
    const { deps, base } = setup();
    const first = await passGate(base('approve'), deps);
    expect(first).toMatchObject({
      run: false,
      outcome: 'confirmation_required',
      result: { resultType: 'input_required' },
    });
    const requestState = (first as { result: { requestState: string } }).result.requestState;
    const approved = { approve: { action: 'accept', content: { approve: true } } };
    expect(
      await passGate(base('approve', { requestState, inputResponses: approved }), deps),
    ).toEqual({ run: true, confirmedBy: 'person' });
    expect(
      await passGate(base('approve', { requestState, inputResponses: approved }), deps),
    ).toMatchObject({ run: false, error: 'confirmation_replayed' });
  });

  it.each([
    ['decline', { approve: { action: 'decline' } }, 'confirmation_declined'],
    ['cancel', { approve: { action: 'cancel' } }, 'confirmation_cancelled'],
    [
      'accept without approving',
      { approve: { action: 'accept', content: { approve: false } } },
      'confirmation_declined',
    ],
    ['no answer', {}, 'confirmation_failed'],
    ['a malformed answer', { approve: 'yes' }, 'confirmation_failed'],
  ])('fails closed on %s', async (_label, inputResponses, error) => {
    const { deps, base } = setup();
    const first = await passGate(base('confirm'), deps);
    const requestState = (first as { result: { requestState: string } }).result.requestState;
    expect(await passGate(base('confirm', { requestState, inputResponses }), deps)).toMatchObject({
      run: false,
      outcome: 'refused',
      error,
    });
  });

  it('a 2025 client over stateless HTTP gets a relayed token for medium and a truthful refusal for high', async () => {
    const { deps, base } = setup();
    const legacyHttp = { era: 'legacy' as const, capabilities: undefined };
    const medium = await passGate(base('confirm', legacyHttp), deps);
    expect(medium).toMatchObject({
      run: false,
      outcome: 'confirmation_required',
      result: {
        structuredContent: {
          status: 'confirmation_required',
          confirmation: { kind: 'model_relayed' },
        },
      },
    });
    const token = (medium as { result: { structuredContent: { confirmation: { token: string } } } })
      .result.structuredContent.confirmation.token;
    expect(await passGate(base('confirm', { ...legacyHttp, token }), deps)).toEqual({
      run: true,
      confirmedBy: 'model_relayed',
    });
    const high = await passGate(base('approve', legacyHttp), deps);
    expect(high).toMatchObject({ run: false, error: 'human_approval_required' });
    expect(JSON.stringify(high)).toContain('stdio');
    expect(JSON.stringify(high)).toContain('2026-07-28');
  });

  it('a high-risk tool takes no token unless the operator opts in', async () => {
    const { deps, base } = setup();
    expect(
      await passGate(base('approve', { capabilities: {}, token: 'forged' }), deps),
    ).toMatchObject({ error: 'human_approval_required' });
    const optedIn = setup(true);
    const preview = await passGate(optedIn.base('approve', { capabilities: {} }), optedIn.deps);
    expect(preview).toMatchObject({ outcome: 'confirmation_required' });
  });
});
