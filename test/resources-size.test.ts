/**
 * The size report covers resources: `measureResourceLists` measures exactly
 * what the generated server sends for `resources/list` and
 * `resources/templates/list` (read by a real 2025-era client from the
 * committed example's runtime), and `mcpgen generate` reports it, in text and
 * JSON, beside `tools/list`.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllowlistFile } from '../src/load/allowlist-file.js';
import { loadSpec } from '../src/load/spec.js';
import { buildServerModel } from '../src/build/server-model.js';
import type { ServerModel } from '../src/model/server.js';
import { measureResourceLists } from '../src/plan/tools-size.js';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { makeWorkspace, removeWorkspace, runCli } from './support/drift.js';
import { companyConfig, connect, testRuntime } from './support/company-mcp.js';

let model: ServerModel;
let workspace = '';

beforeAll(async () => {
  const allowlist = (await loadAllowlistFile(EXAMPLE_ALLOWLIST)).allowlist!;
  const spec = (
    await loadSpec({ spec: path.join(REPO_ROOT, 'examples/company-api/openapi.json'), allowExternalRefs: false })
  ).spec!;
  model = buildServerModel({ spec, allowlist }).model!;
  workspace = await makeWorkspace();
});
afterAll(async () => removeWorkspace(workspace));

describe('the size report of resources', () => {
  it('measures exactly the lists the generated server sends', async () => {
    // No API call is made for listing: an unreachable base URL will do.
    const { runtime } = testRuntime(companyConfig({ baseUrl: 'http://127.0.0.1:9', apiKey: 'size-key-0123' }));
    const client = await connect({ runtime, era: 'legacy' });
    const resources = await client.listResources();
    const templates = await client.listResourceTemplates();
    await client.close();
    const sent =
      Buffer.byteLength(JSON.stringify({ resources: resources.resources })) +
      Buffer.byteLength(JSON.stringify({ resourceTemplates: templates.resourceTemplates }));
    const measured = measureResourceLists(model);
    expect(measured.totalBytes).toBe(sent);
    const entries = [...resources.resources, ...templates.resourceTemplates];
    expect(measured.tools).toEqual(
      entries.map((entry) => {
        const bytes = Buffer.byteLength(JSON.stringify(entry));
        return { name: entry.name, bytes, tokens: Math.ceil(bytes / 4) };
      }),
    );
  });

  it('is printed by generate beside tools/list, in text and JSON', async () => {
    const spec = path.join(REPO_ROOT, 'examples/company-api/openapi.json');
    const measured = measureResourceLists(model);
    const args = ['generate', '--allowlist', EXAMPLE_ALLOWLIST, '--spec', spec];
    const text = await runCli({ cwd: workspace, args: [...args, '--out', 'text-out'] });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `resources/list and resources/templates/list: 2 resources, ${measured.totalBytes} bytes (~${measured.totalTokens} tokens)`,
    );
    for (const entry of measured.tools)
      expect(text.stdout).toMatch(new RegExp(`^  ${entry.name} +${entry.bytes} B`, 'm'));

    const json = await runCli({ cwd: workspace, args: [...args, '--out', 'json-out', '--format', 'json'] });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { summary: { resourceLists: unknown } };
    expect(report.summary.resourceLists).toEqual({
      resources: measured.tools,
      totalBytes: measured.totalBytes,
      totalTokens: measured.totalTokens,
    });
  });
});
