/**
 * Issue 14, the approval queue across instances: three spawned HTTP instances
 * of the compiled example share one real Redis; an approval requested through
 * A is approved on B's page and executed through C, exactly once, and the API
 * (behind a counting forwarder) sees exactly one request. (Redis outages of
 * gated calls in general are covered by scale-out.test.ts; here only what the
 * queue adds: its page and its calls fail closed and recover.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_APPROVER,
  BOB_APPROVER,
  auditLines,
  callTool,
  errorBody,
  makeWorkDir,
  orderStatus,
  placeOrder,
  removeWorkDir,
  startApprovalCluster,
  type Cluster,
} from './support/approval-cluster.js';

let cluster: Cluster;
let workDir: string;

beforeAll(async () => {
  workDir = await makeWorkDir();
  cluster = await startApprovalCluster({ workDir });
}, 180_000);

afterAll(async () => {
  await cluster?.close();
  await removeWorkDir(workDir);
});

async function signIn(page: string, token: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${page}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const list = await (await fetch(page, { headers: { cookie } })).text();
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(list)?.[1] ?? '' };
}

function decide(input: { page: string; id: string; cookie: string; form: Record<string, string> }): Promise<Response> {
  return fetch(`${input.page}/${input.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: input.cookie },
    body: new URLSearchParams(input.form),
    redirect: 'manual',
  });
}

function cancels(orderId: string): number {
  return cluster.apiRequests.filter((line) => line === `POST /orders/${orderId}/cancel`).length;
}

async function requestCancel(url: string, orderId: string): Promise<{ id: string; approval: Record<string, unknown> }> {
  const pending = await callTool({ url, name: 'cancel_order', args: { orderId, reason: 'customer asked' } });
  expect(pending['isError']).toBeFalsy();
  const structured = pending['structuredContent'] as { status: string; approval: Record<string, unknown> };
  expect(structured.status).toBe('approval_pending');
  return { id: String(structured.approval['id']), approval: structured.approval };
}

describe('the approval queue across three instances sharing Redis', () => {
  it('requested through A, approved on B, executed through C: exactly once, and the API sees one request', async () => {
    const [a, b, c] = cluster.instances as [Cluster['instances'][0], Cluster['instances'][0], Cluster['instances'][0]];
    const orderId = await placeOrder(cluster.api);
    const { id, approval } = await requestCancel(a.url, orderId);
    expect(approval).toMatchObject({
      status: 'pending',
      tool: 'cancel_order',
      requested_by: 'alice',
      request: { method: 'POST', path: `/orders/${orderId}/cancel`, body: { reason: 'customer asked' } },
      review_url: `${a.page}/${id}`,
    });
    expect(String(approval['message'])).toContain('approval_id');
    expect(cancels(orderId)).toBe(0);

    // Still pending, on any instance.
    const early = await callTool({
      url: c.url,
      name: 'cancel_order',
      args: { orderId, reason: 'customer asked', approval_id: id },
    });
    expect((early['structuredContent'] as { status: string }).status).toBe('approval_pending');

    // Alice holds an approver token too, but cannot approve her own request.
    const alice = await signIn(b.page, ALICE_APPROVER);
    expect(
      (await decide({ page: b.page, id, cookie: alice.cookie, form: { decision: 'approve', csrf: alice.csrf } }))
        .status,
    ).toBe(403);

    const bob = await signIn(b.page, BOB_APPROVER);
    const detail = await (await fetch(`${b.page}/${id}`, { headers: { cookie: bob.cookie } })).text();
    expect(detail).toContain(`/orders/${orderId}/cancel`);
    expect(detail).not.toContain(cluster.api.apiKey);
    expect(
      (await decide({ page: b.page, id, cookie: bob.cookie, form: { decision: 'approve', csrf: bob.csrf } })).status,
    ).toBe(303);

    // Changed arguments never run under the approval.
    const changed = await callTool({
      url: c.url,
      name: 'cancel_order',
      args: { orderId, reason: 'other reason', approval_id: id },
    });
    expect(errorBody(changed)?.['error']).toBe('approval_mismatch');
    expect(cancels(orderId)).toBe(0);

    const done = await callTool({
      url: c.url,
      name: 'cancel_order',
      args: { orderId, reason: 'customer asked', approval_id: id },
    });
    expect(done['structuredContent']).toMatchObject({
      status: 'completed',
      result: { id: orderId, status: 'cancelled' },
    });
    for (const instance of cluster.instances) {
      const again = await callTool({
        url: instance.url,
        name: 'cancel_order',
        args: { orderId, reason: 'customer asked', approval_id: id },
      });
      expect(errorBody(again)?.['error']).toBe('approval_used');
    }
    expect(cancels(orderId)).toBe(1);
    expect(await orderStatus(cluster.api, orderId)).toBe('cancelled');

    // The webhook heard of it, with a link to the detail page and no secret.
    const hook = cluster.webhooks.find((body) => body['approval_id'] === id);
    expect(hook).toMatchObject({ tool: 'cancel_order', requested_by: 'alice', url: `${a.page}/${id}` });
    expect(String(hook?.['text'])).toContain('cancel_order (high risk) by alice');
    expect(JSON.stringify(cluster.webhooks)).not.toContain(cluster.api.apiKey);

    // One audit line per step, on the instance where it happened.
    const events = (instance: Cluster['instances'][0]) =>
      auditLines([instance]).filter((line) => line['type'] === 'approval' && line['approval_id'] === id);
    expect(events(a).map((line) => line['event'])).toEqual(['requested']);
    expect(events(b)).toEqual([expect.objectContaining({ event: 'approved', approver: 'bob', requester: 'alice' })]);
    expect(events(c).map((line) => line['event'])).toEqual(['executed']);
    const ran = auditLines(cluster.instances).filter(
      (line) => line['type'] === 'audit' && line['outcome'] === 'ok' && line['tool'] === 'cancel_order',
    );
    expect(ran).toEqual([expect.objectContaining({ confirmation: 'approver', approval_id: id, principal: 'alice' })]);
  }, 90_000);

  it('six concurrent redemptions through the round-robin proxy run one call', async () => {
    const orderId = await placeOrder(cluster.api);
    const { id } = await requestCancel(cluster.proxyUrl, orderId);
    const bob = await signIn(cluster.instances[2]!.page, BOB_APPROVER);
    await decide({
      page: cluster.instances[2]!.page,
      id,
      cookie: bob.cookie,
      form: { decision: 'approve', csrf: bob.csrf },
    });
    const args = { orderId, reason: 'customer asked', approval_id: id };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => callTool({ url: cluster.proxyUrl, name: 'cancel_order', args })),
    );
    expect(results.filter((result) => !result['isError'])).toHaveLength(1);
    expect(results.map((result) => errorBody(result)?.['error']).filter(Boolean)).toEqual(
      Array(5).fill('approval_used'),
    );
    expect(cancels(orderId)).toBe(1);
  }, 60_000);

  it('a rejection reaches the caller with its reason, and nothing is sent', async () => {
    const orderId = await placeOrder(cluster.api);
    const { id } = await requestCancel(cluster.instances[1]!.url, orderId);
    const bob = await signIn(cluster.instances[0]!.page, BOB_APPROVER);
    await decide({
      page: cluster.instances[0]!.page,
      id,
      cookie: bob.cookie,
      form: { decision: 'reject', csrf: bob.csrf, reason: 'not without the manager' },
    });
    const refused = await callTool({
      url: cluster.instances[2]!.url,
      name: 'cancel_order',
      args: { orderId, reason: 'customer asked', approval_id: id },
    });
    expect(errorBody(refused)).toMatchObject({
      error: 'approval_rejected',
      approval_id: id,
      reason: 'not without the manager',
    });
    expect(cancels(orderId)).toBe(0);
    expect(auditLines(cluster.instances)).toContainEqual(
      expect.objectContaining({
        type: 'approval',
        event: 'rejected',
        approver: 'bob',
        reason: 'not without the manager',
      }),
    );
  }, 60_000);

  it('Redis stopped: the queue fails closed (calls and page), reads work, and it recovers', async () => {
    const orderId = await placeOrder(cluster.api);
    const { id } = await requestCancel(cluster.proxyUrl, orderId);
    const bob = await signIn(cluster.instances[0]!.page, BOB_APPROVER);
    await cluster.redis.stop();
    for (const instance of cluster.instances) {
      const call = await callTool({
        url: instance.url,
        name: 'cancel_order',
        args: { orderId, reason: 'customer asked', approval_id: id },
      });
      expect(errorBody(call)?.['error']).toBe('store_unavailable');
      expect((await fetch(instance.page, { headers: { cookie: bob.cookie } })).status).toBe(503);
      const read = await callTool({ url: instance.url, name: 'list_products', args: {} });
      expect(read['isError']).toBeFalsy();
    }
    await cluster.redis.start();
    // Redis came back empty: the session and the request are gone (sign in again; the request is unknown, never run).
    for (const instance of cluster.instances) {
      let status = 0;
      for (let i = 0; i < 100 && status !== 303; i++) {
        status = (await fetch(instance.page, { redirect: 'manual', headers: { cookie: bob.cookie } })).status;
        if (status !== 303) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(303);
      const call = await callTool({
        url: instance.url,
        name: 'cancel_order',
        args: { orderId, reason: 'customer asked', approval_id: id },
      });
      expect(errorBody(call)?.['error']).toBe('approval_unknown');
    }
    expect(cancels(orderId)).toBe(0);
    const fresh = await requestCancel(cluster.proxyUrl, orderId);
    expect(fresh.id).not.toBe(id);
  }, 90_000);
});
