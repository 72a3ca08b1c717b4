/**
 * The generated project's bundle (scripts/bundle.mjs, what `npm run build` makes
 * and `npm start` runs): what a stdio start loads stays lean — no zod locale
 * but English, no ajv, no re2js, nothing of HTTP, OAuth, Redis, metrics or the
 * approval page — and what it leaves out still works when a call needs it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, REPO_ROOT, startCompanyApi, type RunningApi } from '../scripts/worked-example.js';

const run = promisify(execFile);
const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api-mcp');

interface Metafile {
  outputs: Record<
    string,
    { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }
  >;
}

let projectDir: string;
let metafile: Metafile;
let api: RunningApi;
let client: Client;

beforeAll(async () => {
  // Inside the repository, so that the project's dependencies resolve from the root install.
  projectDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json'])
    await cp(path.join(EXAMPLE, entry), path.join(projectDir, entry), { recursive: true });
  await run(process.execPath, ['scripts/bundle.mjs', '--metafile', 'meta.json'], { cwd: projectDir });
  metafile = JSON.parse(await readFile(path.join(projectDir, 'meta.json'), 'utf8')) as Metafile;
  api = await startCompanyApi('bundle-test-key');
  client = await connectClient({
    projectDir,
    env: { COMPANY_API_BASE_URL: api.baseUrl, COMPANY_API_KEY: api.apiKey },
  });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await api?.close();
  if (projectDir) await rm(projectDir, { recursive: true, force: true });
});

/**
 * The files a stdio start loads: the entry, whatever it imports statically, and
 * the two modules it always imports dynamically (the server, then stdio), with
 * their static imports in turn.
 */
function startupInputs(): string[] {
  const { outputs } = metafile;
  const always = new Set(['src/index.ts', 'src/runtime/stdio.ts']);
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
      if (imported.kind === 'dynamic-import' && always.has(outputs[imported.path]?.entryPoint ?? ''))
        visit(imported.path);
    }
  };
  visit('dist/server.js');
  const reached = [...seen].map((file) => outputs[file]?.entryPoint);
  expect(reached).toEqual(expect.arrayContaining(['src/index.ts', 'src/runtime/stdio.ts']));
  return [...seen].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}));
}

describe('the bundled server', () => {
  it('loads at a stdio start only what a stdio start uses', () => {
    const inputs = startupInputs();
    // zod's classic entry imports every locale; only `import * as z` lets the bundler keep English alone.
    const locales = inputs.filter((input) => input.includes('node_modules/zod/v4/locales/'));
    expect(locales.map((input) => path.basename(input))).toEqual(['en.js']);
    const unwanted =
      /ajv|re2js|hono|jose|redis|prom-client|runtime\/(http-transport|http-auth|oauth|approval-page|approval-listener|metrics)\.ts/;
    expect(inputs.filter((input) => unwanted.test(input))).toEqual([]);
  });

  it('bundles neither ajv nor re2js: both are loaded from node_modules on first use', () => {
    const all = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(all.filter((input) => /ajv|re2js/.test(input))).toEqual([]);
  });

  it('checks a spec pattern (re2js, loaded then) and answers the call', async () => {
    const refused = await client.callTool({ name: 'cancel_order', arguments: { orderId: 'order-1' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('must match the pattern ^ord_[0-9]+$');
    const listed = await client.callTool({ name: 'get_orders_for_customer', arguments: { customerId: 'cus_001' } });
    expect(listed.isError).toBeFalsy();
  });
});
