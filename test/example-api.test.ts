import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../examples/company-api/src/app.js';

const API_KEY = 'test-company-api-key';
const SNAPSHOT = new URL('../examples/company-api/openapi.json', import.meta.url);

const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

interface Client {
  baseUrl: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

async function startApi(): Promise<Client> {
  const app = await buildApp({ apiKey: API_KEY });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    call: (method, path, body, headers = { 'x-api-key': API_KEY }) =>
      fetch(baseUrl + path, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

describe('company-api published spec', () => {
  it('serves exactly the committed openapi.json snapshot', async () => {
    const api = await startApi();
    const response = await fetch(`${api.baseUrl}/documentation/json`);
    expect(response.status).toBe(200);
    const live: unknown = await response.json();
    const committed: unknown = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
    expect(
      live,
      'examples/company-api/openapi.json is stale; regenerate it with: cd examples/company-api && npm run build && npm run snapshot',
    ).toEqual(committed);
  });
});

describe('company-api behaviour', () => {
  it('rejects missing or wrong API keys without echoing them', async () => {
    const api = await startApi();
    const missing = await api.call('GET', '/customers', undefined, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing or invalid API key',
    });

    const wrongKey = 'wrong-key-7f3a9c';
    const wrong = await api.call('GET', '/customers/cus_001', undefined, { 'x-api-key': wrongKey });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).not.toContain(wrongKey);
    expect(text).not.toContain(API_KEY);
  });

  it('serves health without a key', async () => {
    const api = await startApi();
    const response = await api.call('GET', '/health', undefined, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number), version: '1.0.0' });
  });

  it('finds Samer by name or email, case-insensitively', async () => {
    const api = await startApi();
    for (const query of ['samer', 'SAMER@EXAMPLE']) {
      const response = await api.call('GET', `/customers?query=${encodeURIComponent(query)}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { id: string; company: string }[]; total: number };
      expect(body.total).toBe(1);
      expect(body.items[0]).toMatchObject({ id: 'cus_001', company: 'Gulf Trading LLC' });
    }
    const prospects = (await (await api.call('GET', '/customers?status=prospect&limit=5')).json()) as {
      items: { id: string }[];
    };
    expect(prospects.items.map((c) => c.id)).toEqual(['cus_003']);
  });

  it('creates a customer that can then be retrieved', async () => {
    const api = await startApi();
    const created = await api.call('POST', '/customers', { name: 'Nadia Saleh', email: 'nadia@example.com' });
    expect(created.status).toBe(201);
    const customer = (await created.json()) as Record<string, unknown>;
    expect(customer).toMatchObject({
      id: 'cus_004',
      name: 'Nadia Saleh',
      email: 'nadia@example.com',
      phone: null,
      company: null,
      status: 'prospect',
    });

    const fetched = await api.call('GET', '/customers/cus_004');
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(customer);

    const duplicate = await api.call('POST', '/customers', { name: 'Someone', email: 'NADIA@example.com' });
    expect(duplicate.status).toBe(409);
  });

  it('updates and deletes a customer', async () => {
    const api = await startApi();
    const updated = await api.call('PATCH', '/customers/cus_003', { status: 'active', company: 'Khalid Logistics' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({
      id: 'cus_003',
      name: 'Omar Khalid',
      status: 'active',
      company: 'Khalid Logistics',
    });

    expect((await api.call('DELETE', '/customers/cus_003')).status).toBe(204);
    expect((await api.call('GET', '/customers/cus_003')).status).toBe(404);
  });

  it('creates an order with computed line and order totals', async () => {
    const api = await startApi();
    const response = await api.call('POST', '/orders', {
      customerId: 'cus_002',
      items: [
        { productId: 'prd_001', quantity: 2 },
        { productId: 'prd_002', quantity: 3 },
      ],
      notes: 'Urgent',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      id: 'ord_002',
      customerId: 'cus_002',
      status: 'pending',
      items: [
        {
          productId: 'prd_001',
          productName: 'MCP Integration Package',
          quantity: 2,
          unitPrice: 15000,
          lineTotal: 30000,
        },
        { productId: 'prd_002', productName: 'API Gateway License', quantity: 3, unitPrice: 4800, lineTotal: 14400 },
      ],
      total: { amount: 44400, currency: 'AED' },
      notes: 'Urgent',
      cancelledAt: null,
      cancellationReason: null,
    });

    const orders = (await (await api.call('GET', '/customers/cus_002/orders')).json()) as { items: { id: string }[] };
    expect(orders.items.map((o) => o.id)).toEqual(['ord_002']);

    const inactive = await api.call('POST', '/orders', {
      customerId: 'cus_002',
      items: [{ productId: 'prd_003', quantity: 1 }],
    });
    expect(inactive.status).toBe(409);
  });

  it('cancels an order once', async () => {
    const api = await startApi();
    const response = await api.call('POST', '/orders/ord_001/cancel', { reason: 'Budget moved to Q3' });
    expect(response.status).toBe(200);
    const order = (await response.json()) as { status: string; cancelledAt: string; cancellationReason: string };
    expect(order).toMatchObject({ status: 'cancelled', cancellationReason: 'Budget moved to Q3' });
    expect(Number.isNaN(Date.parse(order.cancelledAt))).toBe(false);

    const pending = (await (await api.call('GET', '/customers/cus_001/orders?status=pending')).json()) as {
      items: unknown[];
    };
    expect(pending.items).toEqual([]);

    const again = await api.call('POST', '/orders/ord_001/cancel', { reason: 'Twice' });
    expect(again.status).toBe(409);
  });

  it('returns 404 for unknown ids', async () => {
    const api = await startApi();
    for (const path of ['/customers/cus_999', '/products/prd_999', '/orders/ord_999', '/customers/cus_999/orders']) {
      const response = await api.call('GET', path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    const unknownCustomer = await api.call('POST', '/orders', {
      customerId: 'cus_999',
      items: [{ productId: 'prd_001', quantity: 1 }],
    });
    expect(unknownCustomer.status).toBe(404);
    const unknownProduct = await api.call('POST', '/orders', {
      customerId: 'cus_001',
      items: [{ productId: 'prd_999', quantity: 1 }],
    });
    expect(unknownProduct.status).toBe(404);
  });

  it('returns 400 for invalid bodies, including unknown properties', async () => {
    const api = await startApi();
    const invalid: [string, string, unknown][] = [
      ['POST', '/customers', { name: 'No Email' }],
      ['POST', '/customers', { name: 'Bad Email', email: 'not-an-email' }],
      ['POST', '/customers', { name: 'Extra', email: 'extra@example.com', vip: true }],
      ['PATCH', '/customers/cus_001', {}],
      ['POST', '/orders', { customerId: 'cus_001', items: [] }],
      ['POST', '/orders', { customerId: 'cus_001', items: [{ productId: 'prd_001', quantity: 0 }] }],
      ['POST', '/orders/ord_001/cancel', { reason: '' }],
    ];
    for (const [method, path, body] of invalid) {
      const response = await api.call(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
  });
});
