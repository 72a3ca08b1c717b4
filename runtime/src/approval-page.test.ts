import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApprovalListener } from './approval-listener.js';
import { createApprovalPage } from './approval-page.js';
import { ApprovalQueue, type ApprovalRecord } from './approvals.js';
import { MemoryStore } from './store.js';

const BOB = 'bob-approver-secret-0123456789';
const ALICE = 'alice-approver-secret-012345678';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let listener: Awaited<ReturnType<typeof startApprovalListener>>;
let queue: ApprovalQueue;

beforeAll(async () => {
  const store = new MemoryStore();
  queue = new ApprovalQueue({ store, ttlMs: 60_000, now: Date.now, onEvent: () => undefined });
  const page = createApprovalPage({
    queue,
    approvers: [
      { token: BOB, principal: 'bob', scope: 'high' },
      { token: ALICE, principal: 'alice', scope: 'high' },
    ],
    store,
    logger: quiet,
    secure: false,
  });
  listener = await startApprovalListener({ port: 0, page, logger: quiet });
});

afterAll(async () => {
  await listener.close();
});

function requestOrder(note = 'please'): Promise<ApprovalRecord> {
  return queue.request({
    tool: 'cancel_order',
    risk: 'high',
    args: { orderId: 'ord_1' },
    requester: 'alice',
    request: { method: 'POST', path: '/orders/ord_1/cancel', body: { note } },
  });
}

async function signIn(token: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${listener.url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly; SameSite=Strict/);
  const cookie = setCookie.split(';')[0] ?? '';
  const list = await (await fetch(listener.url, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(list)?.[1] ?? '';
  return { cookie, csrf };
}

function post(input: {
  id: string;
  cookie: string;
  form: Record<string, string>;
}): Promise<Response> {
  return fetch(`${listener.url}/${input.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: input.cookie },
    body: new URLSearchParams(input.form),
    redirect: 'manual',
  });
}

describe('approval page', () => {
  it('sends a visitor to sign in, and refuses a token that is not an approver token', async () => {
    const first = await fetch(listener.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/approvals/sign-in');
    const refused = await fetch(`${listener.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'caller-token-not-an-approver' }),
    });
    expect(refused.status).toBe(401);
  });

  it('serves strict security headers and refuses another Host', async () => {
    const response = await fetch(`${listener.url}/sign-in`);
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'; frame-ancestors 'none'/,
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const { port } = new URL(listener.url);
    // fetch will not send another Host; a raw request does, as a rebinding page would make the browser do.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(
        { host: '127.0.0.1', port, path: '/approvals', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
  });

  it('lists and shows the exact request, escaped, and approves it with the CSRF token only', async () => {
    const record = await requestOrder('<script>alert(1)</script>');
    const { cookie, csrf } = await signIn(BOB);
    const list = await (await fetch(listener.url, { headers: { cookie } })).text();
    expect(list).toContain(record.id);
    const detail = await (
      await fetch(`${listener.url}/${record.id}`, { headers: { cookie } })
    ).text();
    expect(detail).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail).not.toContain('<script>');
    expect(detail).toContain('/orders/ord_1/cancel');

    const noToken = await post({ id: record.id, cookie, form: { decision: 'approve' } });
    expect(noToken.status).toBe(403);
    const wrongToken = await post({
      id: record.id,
      cookie,
      form: { decision: 'approve', csrf: `${csrf}x` },
    });
    expect(wrongToken.status).toBe(403);
    expect((await queue.get(record.id))?.status).toBe('pending');

    const approved = await post({
      id: record.id,
      cookie,
      form: { decision: 'approve', csrf, reason: 'ok' },
    });
    expect(approved.status).toBe(303);
    expect(await queue.get(record.id)).toMatchObject({
      status: 'approved',
      approver: 'bob',
      reason: 'ok',
    });
  });

  it('never lets the requester approve its own request', async () => {
    const record = await requestOrder();
    const { cookie, csrf } = await signIn(ALICE);
    const detail = await (
      await fetch(`${listener.url}/${record.id}`, { headers: { cookie } })
    ).text();
    expect(detail).toContain('a different approver must decide it');
    const response = await post({ id: record.id, cookie, form: { decision: 'approve', csrf } });
    expect(response.status).toBe(403);
    expect((await queue.get(record.id))?.status).toBe('pending');
  });

  it('rejects with a reason; a form without a session is refused', async () => {
    const record = await requestOrder();
    const { cookie, csrf } = await signIn(BOB);
    expect(
      (await post({ id: record.id, cookie: '', form: { decision: 'reject', csrf } })).status,
    ).toBe(403);
    const rejected = await post({
      id: record.id,
      cookie,
      form: { decision: 'reject', csrf, reason: 'wrong order' },
    });
    expect(rejected.status).toBe(303);
    expect(await queue.get(record.id)).toMatchObject({ status: 'rejected', reason: 'wrong order' });
    const again = await post({ id: record.id, cookie, form: { decision: 'approve', csrf } });
    expect(again.status).toBe(409);
  });
});
