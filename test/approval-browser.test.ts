/**
 * The approval page in a real headless browser: the Debian `chromium` binary
 * (`.ci/run` installs it) driven by playwright-core, which lives in
 * `browser-tests/`, a package of its own installed here on first use, so the
 * product's own install stays lean. The page is served by the compiled
 * example (three instances sharing Redis, as in production).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import {
  ALICE_APPROVER,
  ALICE_SECRET,
  BOB_APPROVER,
  callTool,
  errorBody,
  makeWorkDir,
  placeOrder,
  removeWorkDir,
  startApprovalCluster,
  type Cluster,
} from './support/approval-cluster.js';

const run = promisify(execFile);
const BROWSER_DIR = path.join(REPO_ROOT, 'browser-tests');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The little of playwright-core this test uses (its types live in browser-tests/, outside the root's typecheck). */
interface Response {
  status(): number;
  text(): Promise<string>;
}
interface Page {
  goto(url: string): Promise<Response | null>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  textContent(selector: string): Promise<string | null>;
  content(): Promise<string>;
  url(): string;
  waitForURL(url: string | RegExp): Promise<void>;
  locator(selector: string): { count(): Promise<number> };
  waitForResponse(predicate: (response: Response & { url(): string }) => boolean): Promise<Response>;
}
interface Context {
  newPage(): Promise<Page>;
  request: { post(url: string, options: { form: Record<string, string>; maxRedirects?: number }): Promise<Response> };
  close(): Promise<void>;
}
interface Browser {
  newContext(): Promise<Context>;
  close(): Promise<void>;
}

let cluster: Cluster;
let workDir: string;
let browser: Browser;
let evil: Server;

beforeAll(async () => {
  if (!existsSync(path.join(BROWSER_DIR, 'node_modules/playwright-core'))) {
    await run('npm', ['--prefix', BROWSER_DIR, 'ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT });
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; install it (Debian: apt-get install chromium), as .ci/run does`);
  }
  const entry = pathToFileURL(path.join(BROWSER_DIR, 'node_modules/playwright-core/index.mjs')).href;
  const { chromium } = (await import(entry)) as {
    chromium: { launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> };
  };
  workDir = await makeWorkDir();
  [cluster, browser] = await Promise.all([
    startApprovalCluster({ workDir }),
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
  await cluster?.close();
  await removeWorkDir(workDir);
});

function cancels(orderId: string): number {
  return cluster.apiRequests.filter((line) => line === `POST /orders/${orderId}/cancel`).length;
}

async function requestCancel(orderId: string, reason: string): Promise<{ id: string; request: unknown }> {
  const pending = await callTool({ url: cluster.instances[0]!.url, name: 'cancel_order', args: { orderId, reason } });
  const approval = (pending['structuredContent'] as { approval: { id: string; request: unknown } }).approval;
  return { id: approval.id, request: approval.request };
}

async function signIn(context: Context, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(cluster.instances[1]!.page);
  expect(page.url()).toBe(`${cluster.instances[1]!.page}/sign-in`);
  await page.fill('input[name="token"]', token);
  await page.click('button[type="submit"]');
  return page;
}

describe('the approval page in headless chromium', () => {
  it('an approver signs in, sees the exact request and approves; the call then runs once with exactly those arguments', async () => {
    const orderId = await placeOrder(cluster.api);
    const { id, request } = await requestCancel(orderId, 'browser test');
    const context = await browser.newContext();
    const page = await signIn(context, BOB_APPROVER);
    await page.waitForURL(cluster.instances[1]!.page);
    expect(await page.textContent('body')).toContain('Signed in as bob');
    await page.click(`a[href="/approvals/${id}"]`);
    await page.waitForURL(`${cluster.instances[1]!.page}/${id}`);
    expect(JSON.parse((await page.textContent('#request')) ?? '')).toEqual(request);
    expect(request).toEqual({ method: 'POST', path: `/orders/${orderId}/cancel`, body: { reason: 'browser test' } });
    expect(await page.content()).not.toContain(cluster.api.apiKey);
    await page.fill('textarea[name="reason"]', 'checked with the customer');
    await page.click('button[value="approve"]');
    await page.waitForURL(`${cluster.instances[1]!.page}/${id}`);
    expect(await page.textContent('body')).toContain('approved');
    await context.close();

    // Changed arguments never run under the approval; the approved ones run once.
    const url = cluster.instances[2]!.url;
    const changed = await callTool({
      url,
      name: 'cancel_order',
      args: { orderId, reason: 'something else', approval_id: id },
    });
    expect(errorBody(changed)?.['error']).toBe('approval_mismatch');
    expect(cancels(orderId)).toBe(0);
    const done = await callTool({
      url,
      name: 'cancel_order',
      args: { orderId, reason: 'browser test', approval_id: id },
    });
    expect(done['structuredContent']).toMatchObject({
      status: 'completed',
      result: { status: 'cancelled', cancellationReason: 'browser test' },
    });
    const again = await callTool({
      url,
      name: 'cancel_order',
      args: { orderId, reason: 'browser test', approval_id: id },
    });
    expect(errorBody(again)?.['error']).toBe('approval_used');
    expect(cancels(orderId)).toBe(1);
  }, 120_000);

  it("the requester's token cannot approve: its caller token does not sign in, its approver token cannot decide its own request", async () => {
    const orderId = await placeOrder(cluster.api);
    const { id } = await requestCancel(orderId, 'own request');
    const context = await browser.newContext();
    const refused = await signIn(context, ALICE_SECRET);
    expect(await refused.textContent('body')).toContain('That is not an approver token');

    const page = await signIn(context, ALICE_APPROVER);
    await page.waitForURL(cluster.instances[1]!.page);
    await page.goto(`${cluster.instances[1]!.page}/${id}`);
    expect(await page.textContent('body')).toContain('a different approver must decide it');
    expect(await page.locator('button[value="approve"]').count()).toBe(0);
    // Posting the form anyway, with the session's valid CSRF token, is refused too.
    const html = await page.content();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const forced = await context.request.post(`${cluster.instances[1]!.page}/${id}`, {
      form: { csrf, decision: 'approve' },
      maxRedirects: 0,
    });
    expect(forced.status()).toBe(403);
    await context.close();
    const call = await callTool({
      url: cluster.instances[0]!.url,
      name: 'cancel_order',
      args: { orderId, reason: 'own request', approval_id: id },
    });
    expect((call['structuredContent'] as { status: string }).status).toBe('approval_pending');
    expect(cancels(orderId)).toBe(0);
  }, 120_000);

  it('a form post without the CSRF token is refused, and so is a cross-site form', async () => {
    const orderId = await placeOrder(cluster.api);
    const { id } = await requestCancel(orderId, 'csrf');
    const context = await browser.newContext();
    const page = await signIn(context, BOB_APPROVER);
    await page.waitForURL(cluster.instances[1]!.page);
    const target = `${cluster.instances[1]!.page}/${id}`;
    const bare = await context.request.post(target, { form: { decision: 'approve' }, maxRedirects: 0 });
    expect(bare.status()).toBe(403);
    expect(await bare.text()).toContain('The form was not sent from this page');

    // Another site the signed-in approver visits submits the form on its own.
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<form id="f" method="post" action="${target}"><input name="decision" value="approve"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    const landed = page.waitForResponse((response) => response.url() === target);
    await page.goto(evilUrl);
    expect((await landed).status()).toBe(403);
    await context.close();

    const call = await callTool({
      url: cluster.instances[0]!.url,
      name: 'cancel_order',
      args: { orderId, reason: 'csrf', approval_id: id },
    });
    expect((call['structuredContent'] as { status: string }).status).toBe('approval_pending');
    expect(cancels(orderId)).toBe(0);
  }, 120_000);
});
