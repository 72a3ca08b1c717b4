import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { companyConfig, connect, errorOf, testRuntime, type CallResult } from './support/company-mcp.js';

interface Confirmation {
  token: string;
  expires_at: string;
  request: { method: string; path: string; body?: unknown };
  message: string;
}

let api: RunningApi;

beforeAll(async () => {
  api = await startCompanyApi('governance-api-key-5678');
});
afterAll(async () => {
  await api.close();
});

async function apiGet<T>(pathname: string): Promise<T> {
  const response = await fetch(`${api.baseUrl}${pathname}`, { headers: { 'x-api-key': api.apiKey } });
  return (await response.json()) as T;
}
const ordersOf = async (customerId: string) =>
  (await apiGet<{ items: Array<{ id: string }> }>(`/customers/${customerId}/orders`)).items;
const orderStatus = async (orderId: string) => (await apiGet<{ status: string }>(`/orders/${orderId}`)).status;

async function newOrder(): Promise<string> {
  const response = await fetch(`${api.baseUrl}/orders`, {
    method: 'POST',
    headers: { 'x-api-key': api.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'cus_003', items: [{ productId: 'prd_002', quantity: 1 }] }),
  });
  return ((await response.json()) as { id: string }).id;
}

const structured = (result: CallResult) =>
  result.structuredContent as { status: string; result?: Record<string, unknown>; confirmation?: Confirmation };
const ORDER = { customerId: 'cus_002', items: [{ productId: 'prd_002', quantity: 1 }] };

describe('medium risk: create_order needs a confirmation', () => {
  it('returns a preview and a token first, runs once with the token, refuses a replay', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig(api));
    const client = await connect({ runtime });
    const before = (await ordersOf('cus_002')).length;

    const first = await client.callTool({ name: 'create_order', arguments: ORDER });
    expect(first.isError ?? false).toBe(false);
    const preview = structured(first);
    expect(preview.status).toBe('confirmation_required');
    expect(preview.confirmation?.request).toEqual({ method: 'POST', path: '/orders', body: ORDER });
    expect(await ordersOf('cus_002')).toHaveLength(before);

    const token = preview.confirmation?.token;
    const second = await client.callTool({ name: 'create_order', arguments: { ...ORDER, confirmation_token: token } });
    expect(second.isError ?? false).toBe(false);
    expect(structured(second).status).toBe('completed');
    expect(structured(second).result).toMatchObject({ customerId: 'cus_002', status: 'pending' });
    expect(await ordersOf('cus_002')).toHaveLength(before + 1);

    const replay = await client.callTool({ name: 'create_order', arguments: { ...ORDER, confirmation_token: token } });
    expect(replay.isError).toBe(true);
    expect(errorOf(replay).error).toBe('confirmation_replayed');
    expect(await ordersOf('cus_002')).toHaveLength(before + 1);

    expect(auditLines.map((line) => [line['outcome'], line['confirmation'], line['error'] ?? null])).toEqual([
      ['confirmation_required', 'none', null],
      ['ok', 'model_relayed', null],
      ['refused', 'none', 'confirmation_replayed'],
    ]);
    await client.close();
  });

  it('refuses a token for other arguments, a forged token and an expired one', async () => {
    const { runtime, advance } = testRuntime(companyConfig(api));
    const client = await connect({ runtime });
    const before = (await ordersOf('cus_002')).length;
    const token = async () =>
      structured(await client.callTool({ name: 'create_order', arguments: ORDER })).confirmation?.token ?? '';

    const tampered = await client.callTool({
      name: 'create_order',
      arguments: { ...ORDER, items: [{ productId: 'prd_002', quantity: 50 }], confirmation_token: await token() },
    });
    expect(errorOf(tampered).error).toBe('confirmation_mismatch');

    const valid = await token();
    const [body] = valid.split('.');
    const forgeries = [
      'not-a-token',
      `${body}.AAAA`,
      `${Buffer.from('{"tool":"create_order"}').toString('base64url')}.${valid.split('.')[1]}`,
    ];
    for (const forged of forgeries) {
      const result = await client.callTool({
        name: 'create_order',
        arguments: { ...ORDER, confirmation_token: forged },
      });
      expect(errorOf(result).error, forged).toBe('confirmation_invalid');
    }
    // A token signed with another secret is a forgery too.
    const other = testRuntime({
      ...companyConfig(api),
      confirmation: { ...companyConfig(api).confirmation, secret: Buffer.alloc(32, 7) },
    });
    const foreign = other.runtime.tokens.mint({ tool: 'create_order', args: ORDER }).token;
    expect(
      errorOf(await client.callTool({ name: 'create_order', arguments: { ...ORDER, confirmation_token: foreign } }))
        .error,
    ).toBe('confirmation_invalid');

    const expiring = await token();
    advance(301_000);
    const expired = await client.callTool({
      name: 'create_order',
      arguments: { ...ORDER, confirmation_token: expiring },
    });
    expect(errorOf(expired).error).toBe('confirmation_expired');
    expect(errorOf(expired).message).toContain('without confirmation_token');

    expect(await ordersOf('cus_002')).toHaveLength(before);
    await client.close();
  });

  it('asks the person instead when the client supports elicitation', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig(api));
    const client = await connect({ runtime, elicit: () => ({ action: 'accept', content: { approve: true } }) });
    const before = (await ordersOf('cus_002')).length;
    const result = await client.callTool({ name: 'create_order', arguments: ORDER });
    expect(structured(result).status).toBe('completed');
    expect(await ordersOf('cus_002')).toHaveLength(before + 1);
    expect(auditLines.at(-1)).toMatchObject({ outcome: 'ok', confirmation: 'person' });

    const declining = await connect({ runtime, elicit: () => ({ action: 'decline' }) });
    const declined = await declining.callTool({ name: 'create_order', arguments: ORDER });
    expect(errorOf(declined).error).toBe('confirmation_declined');
    expect(await ordersOf('cus_002')).toHaveLength(before + 1);
    await client.close();
    await declining.close();
  });
});

describe('high risk: cancel_order needs a person, failing closed', () => {
  it('refuses with human_approval_required when the client cannot ask a person', async () => {
    const orderId = await newOrder();
    const client = await connect({ runtime: testRuntime(companyConfig(api)).runtime });
    const result = await client.callTool({ name: 'cancel_order', arguments: { orderId, reason: 'test' } });
    expect(result.isError).toBe(true);
    expect(errorOf(result).error).toBe('human_approval_required');
    expect(await orderStatus(orderId)).toBe('pending');
    await client.close();
  });

  it('cancels when the person approves; a decline or a cancel changes nothing', async () => {
    const { runtime } = testRuntime(companyConfig(api));
    for (const answer of [
      { action: 'decline' as const },
      { action: 'cancel' as const },
      { action: 'accept' as const, content: { approve: false } },
    ]) {
      const orderId = await newOrder();
      const client = await connect({ runtime, elicit: () => answer });
      const result = await client.callTool({ name: 'cancel_order', arguments: { orderId, reason: 'test' } });
      expect(result.isError, JSON.stringify(answer)).toBe(true);
      expect(await orderStatus(orderId)).toBe('pending');
      await client.close();
    }
    const orderId = await newOrder();
    const approving = await connect({ runtime, elicit: () => ({ action: 'accept', content: { approve: true } }) });
    const approved = await approving.callTool({
      name: 'cancel_order',
      arguments: { orderId, reason: 'customer asked' },
    });
    expect(structured(approved)).toMatchObject({ status: 'completed', result: { id: orderId, status: 'cancelled' } });
    expect(await orderStatus(orderId)).toBe('cancelled');
    await approving.close();
  });

  it('accepts a token only when the operator opted in', async () => {
    const orderId = await newOrder();
    const client = await connect({
      runtime: testRuntime(companyConfig({ ...api, allowTokenForHighRisk: true })).runtime,
    });
    const args = { orderId, reason: 'operator allowed tokens' };
    const preview = structured(await client.callTool({ name: 'cancel_order', arguments: args }));
    expect(preview.status).toBe('confirmation_required');
    expect(await orderStatus(orderId)).toBe('pending');
    const done = await client.callTool({
      name: 'cancel_order',
      arguments: { ...args, confirmation_token: preview.confirmation?.token },
    });
    expect(structured(done).status).toBe('completed');
    expect(await orderStatus(orderId)).toBe('cancelled');
    await client.close();
  });
});

describe('audit log', () => {
  it('writes one line per call with redacted arguments, outcome, status, duration, request id and confirmation', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig(api));
    const client = await connect({ runtime });
    await client.callTool({ name: 'search_customers', arguments: { query: 'samer' } });
    await client.callTool({
      name: 'create_customer',
      arguments: { name: 'Audit Person', email: 'audit@example.com', phone: '+971 50 000 0000' },
    });
    await client.callTool({ name: 'get_orders_for_customer', arguments: { customerId: 'cus_999' } });
    expect(auditLines).toHaveLength(3);
    const [search, create, missing] = auditLines;
    expect(search).toMatchObject({
      type: 'audit',
      tool: 'search_customers',
      risk: 'read',
      arguments: { query: 'samer' },
      outcome: 'ok',
      http_status: 200,
      confirmation: 'none',
    });
    expect(search?.['request_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof search?.['duration_ms']).toBe('number');
    expect(typeof search?.['time']).toBe('string');
    expect(create).toMatchObject({
      tool: 'create_customer',
      risk: 'low',
      arguments: { name: 'Audit Person', email: '[redacted]', phone: '[redacted]' },
      outcome: 'ok',
      http_status: 201,
    });
    expect(missing).toMatchObject({ outcome: 'error', error: 'not_found', http_status: 404 });
    expect(JSON.stringify(auditLines)).not.toContain(api.apiKey);
    await client.close();
  });

  it('redacts secret-looking argument names whatever the allowlist says', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig(api));
    const client = await connect({ runtime });
    await client.callTool({
      name: 'create_order',
      arguments: { ...ORDER, confirmation_token: 'tok-should-not-appear' },
    });
    expect(auditLines[0]?.['arguments']).toMatchObject({ confirmation_token: '[redacted]' });
    expect(JSON.stringify(auditLines)).not.toContain('tok-should-not-appear');
    await client.close();
  });
});

describe('rate limit', () => {
  it('answers rate_limited with retry_after past the limit, and the API sees none of those calls', async () => {
    const { runtime } = testRuntime(companyConfig(api));
    const client = await connect({ runtime });
    const count = async () => (await apiGet<{ total: number }>('/customers?query=ratelimit&limit=100')).total;
    const before = await count();
    const results = [];
    for (let i = 0; i < 7; i += 1) {
      results.push(
        await client.callTool({
          name: 'create_customer',
          arguments: { name: `Rate ${i}`, email: `ratelimit${i}@example.com` },
        }),
      );
    }
    expect(results.map((r) => r.isError ?? false)).toEqual([false, false, false, false, false, true, true]);
    expect(errorOf(results[5]!)).toMatchObject({ error: 'rate_limited' });
    expect(errorOf(results[5]!).retry_after).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(before + 5);
    await client.close();
  });
});

describe('scopes', () => {
  it('a read-scoped session sees only read tools and is forbidden the others', async () => {
    const client = await connect({ runtime: testRuntime(companyConfig(api)).runtime, scope: 'read' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'api_health',
      'search_customers',
      'list_products',
      'get_orders_for_customer',
    ]);
    const result = await client.callTool({ name: 'create_order', arguments: ORDER });
    expect(errorOf(result).error).toBe('forbidden');
    await client.close();
  });
});
