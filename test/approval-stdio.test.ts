/**
 * The approval queue in stdio mode: the page gets its own loopback listener,
 * started only when approvers are configured; the stdio caller (principal
 * `stdio`) is approved there by a person and the call then runs once.
 */
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanyApi, type RunningApi } from '../scripts/worked-example.js';
import { BOB_APPROVER, makeWorkDir, placeOrder, removeWorkDir } from './support/approval-cluster.js';
import { compileExample } from './support/example-server.js';

let api: RunningApi;
let workDir: string;
let entry: string;

beforeAll(async () => {
  workDir = await makeWorkDir();
  [api, entry] = await Promise.all([startCompanyApi('approval-stdio-key-4242'), compileExample(workDir)]);
}, 180_000);

afterAll(async () => {
  await api?.close();
  await removeWorkDir(workDir);
});

async function connect(env: Record<string, string>): Promise<{ client: Client; stderr: string[] }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: { PATH: process.env['PATH'] ?? '', COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey, ...env },
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const client = new Client({ name: 'approval-stdio', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr };
}

describe('the approval queue over stdio', () => {
  it('serves the page on its own loopback listener; an approved call runs once', async () => {
    const { client, stderr } = await connect({
      COMPANY_API_APPROVER_TOKENS: `bob:${BOB_APPROVER}`,
      COMPANY_API_APPROVAL_PORT: '0',
    });
    try {
      const orderId = await placeOrder(api);
      const args = { orderId, reason: 'stdio request' };
      const pending = await client.callTool({ name: 'cancel_order', arguments: args });
      const approval = (
        pending.structuredContent as { approval: { id: string; review_url: string; requested_by: string } }
      ).approval;
      expect(approval.requested_by).toBe('stdio');
      expect(approval.review_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/approvals\/apr_/);
      expect(stderr.join('')).toContain(`approval page on ${new URL('/approvals', approval.review_url).href}`);

      const page = new URL('/approvals', approval.review_url).href;
      const signIn = await fetch(`${page}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: BOB_APPROVER }),
        redirect: 'manual',
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const detail = await (await fetch(approval.review_url, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(detail)?.[1] ?? '';
      const decided = await fetch(approval.review_url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrf, decision: 'approve' }),
        redirect: 'manual',
      });
      expect(decided.status).toBe(303);

      const done = await client.callTool({ name: 'cancel_order', arguments: { ...args, approval_id: approval.id } });
      expect(done.structuredContent).toMatchObject({
        status: 'completed',
        result: { id: orderId, status: 'cancelled' },
      });
      const again = await client.callTool({ name: 'cancel_order', arguments: { ...args, approval_id: approval.id } });
      expect(JSON.parse((again.content as Array<{ text: string }>)[0]?.text ?? '{}')).toMatchObject({
        error: 'approval_used',
      });
    } finally {
      await client.close();
    }
  }, 60_000);

  it('starts no listener without approvers, and refuses the high-risk call saying why', async () => {
    const { client, stderr } = await connect({});
    try {
      const result = await client.callTool({ name: 'cancel_order', arguments: { orderId: 'ord_001', reason: 'x' } });
      const body = JSON.parse((result.content as Array<{ text: string }>)[0]?.text ?? '{}') as {
        error: string;
        message: string;
      };
      expect(body.error).toBe('human_approval_required');
      expect(body.message).toContain('approval queue that could ask one is not configured');
      expect(stderr.join('')).not.toContain('approval page on');
      expect(stderr.join('')).toContain(
        'COMPANY_API_APPROVER_TOKENS is not set, so the approval queue is off: calls of cancel_order',
      );
    } finally {
      await client.close();
    }
  }, 60_000);

  it('refuses to start when an approver reuses a caller token', async () => {
    const child = spawn(process.execPath, [entry, '--http'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        COMPANY_API_BASE_URL: api.baseUrl,
        COMPANY_API_HTTP_TOKENS: `alice:${BOB_APPROVER}`,
        COMPANY_API_APPROVER_TOKENS: `bob:${BOB_APPROVER}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(
      'COMPANY_API_APPROVER_TOKENS: token 1 has the secret of an inbound caller token; approvers need their own',
    );
    expect(stderr).not.toContain(BOB_APPROVER);
  }, 60_000);
});
