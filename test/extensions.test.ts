/**
 * `src/extensions.ts` is the user's: hooks around every generated tool's call
 * and hand-written tools beside them, run by the committed example's runtime
 * against a stub of the API that records what it receives.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extensions } from '../examples/company-api-mcp/src/runtime/types.js';
import { companyConfig, connect, errorOf, testRuntime } from './support/company-mcp.js';

const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
const upstream = createHttpServer((req, res) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [], total: 0 }));
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const extensions: Extensions = {
  beforeCall(context) {
    context.headers['x-tenant'] = 'acme';
    if (context.args['query'] === 'forbidden')
      return { veto: { error: 'not_allowed_here', message: 'Ask the admin.' } };
    if (context.args['query'] === 'rewrite') context.args = { ...context.args, query: 'rewritten' };
    return undefined;
  },
  afterCall({ tool, result }) {
    if (tool.name !== 'search_customers') return undefined;
    return { ...result, content: [{ type: 'text', text: 'reshaped by the extension' }] };
  },
  tools: [
    {
      risk: 'read',
      listing: { name: 'whoami', description: 'Names the caller.', inputSchema: { type: 'object', properties: {} } },
      call: async (_args, { principal }) => ({ content: [{ type: 'text', text: `you are ${principal.name}` }] }),
    },
  ],
};

describe('extensions', () => {
  it('add headers, rewrite arguments, veto calls and reshape results of generated tools', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: 'k-1234' }), extensions);
    const client = await connect({ runtime });
    const result = await client.callTool({ name: 'search_customers', arguments: { query: 'rewrite' } });
    expect(result.content).toEqual([{ type: 'text', text: 'reshaped by the extension' }]);
    expect(seen.at(-1)?.headers['x-tenant']).toBe('acme');
    expect(seen.at(-1)?.url).toContain('query=rewritten');

    const count = seen.length;
    const vetoed = await client.callTool({ name: 'search_customers', arguments: { query: 'forbidden' } });
    expect(errorOf(vetoed)).toMatchObject({ error: 'not_allowed_here', message: 'Ask the admin.' });
    expect(seen).toHaveLength(count);
    expect(auditLines.at(-1)).toMatchObject({
      tool: 'search_customers',
      outcome: 'refused',
      error: 'not_allowed_here',
    });
    await client.close();
  });

  it('serves hand-written tools beside the generated ones, audit-logged, within the caller scope', async () => {
    const { runtime, auditLines } = testRuntime(companyConfig({ baseUrl, apiKey: 'k-1234' }), extensions);
    const client = await connect({ runtime, scope: 'read' });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.at(-1)).toBe('whoami');
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'you are stdio' }]);
    expect(auditLines.at(-1)).toMatchObject({ tool: 'whoami', risk: 'read', outcome: 'ok', principal: 'stdio' });
    await client.close();
  });
});
