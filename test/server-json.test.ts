/**
 * The generated `server.json` against the MCP registry's own published JSON
 * Schema (2025-12-11, shipped in test/fixtures/mcp-registry with its source).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const SCHEMA_FILE = path.join(REPO_ROOT, 'test/fixtures/mcp-registry/server.schema.2025-12-11.json');
const SPEC = path.join(REPO_ROOT, 'examples/company-api/openapi.json');

let validate: ReturnType<Ajv['compile']>;
let dir: string;

beforeAll(async () => {
  const schema = JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // `example` is OpenAPI documentation the registry's generator leaves in; ajv stays strict about everything else.
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('example');
  addFormats(ajv);
  validate = ajv.compile(schema);
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-server-json-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The example allowlist with its `server:` section replaced. */
async function variant(name: string, server: string): Promise<string> {
  const text = await readFile(EXAMPLE_ALLOWLIST, 'utf8');
  const start = text.indexOf('server:\n');
  const end = text.indexOf('tools:\n');
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(
    file,
    `spec: ${JSON.stringify(SPEC)}\n${text.slice(0, start).replace(/^(spec|out):.*$/gm, '')}${server}${text.slice(end)}`,
  );
  return file;
}

async function serverJson(allowlist: string): Promise<Record<string, unknown>> {
  const result = await generate({ allowlist });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = result.files?.find((f) => f.path === 'server.json');
  expect(file).toBeDefined();
  return JSON.parse(file!.content) as Record<string, unknown>;
}

describe('server.json', () => {
  it('the fixture schema rejects what the registry rejects (the validator can fail)', () => {
    expect(validate({ name: 'no-slash', description: 'x', version: '1.0.0' })).toBe(false);
    expect(validate({ name: 'a.b/c', description: 'x'.repeat(101), version: '1.0.0' })).toBe(false);
    expect(
      validate({
        name: 'a.b/c',
        description: 'x',
        version: '1.0.0',
        packages: [{ registryType: 'npm', identifier: 'c', version: 'latest', transport: { type: 'stdio' } }],
      }),
    ).toBe(false);
    expect(validate({ name: 'a.b/c', description: 'x', version: '1.0.0' })).toBe(true);
  });

  it('the committed example is valid, names its env variables and marks the secrets', async () => {
    const json = JSON.parse(await readFile(path.join(REPO_ROOT, 'examples/company-api-mcp/server.json'), 'utf8')) as {
      name: string;
      packages: Array<{
        identifier: string;
        transport: { type: string };
        environmentVariables: Array<{ name: string; isSecret: boolean; isRequired: boolean; default?: string }>;
      }>;
      remotes?: unknown;
    };
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.name).toBe('com.example/company-api-mcp');
    const [pkg] = json.packages;
    expect(pkg?.identifier).toBe('company-api-mcp');
    expect(pkg?.transport).toEqual({ type: 'stdio' });
    const byName = new Map(pkg?.environmentVariables.map((v) => [v.name, v]));
    expect(byName.get('COMPANY_API_KEY')).toMatchObject({ isSecret: true, isRequired: true });
    expect(byName.get('COMPANY_API_KEY')?.default).toBeUndefined();
    expect(byName.get('COMPANY_API_BASE_URL')).toMatchObject({ isSecret: false, isRequired: true });
    expect(byName.get('COMPANY_API_HTTP_TOKENS')).toMatchObject({ isSecret: true, isRequired: false });
    expect(byName.get('COMPANY_API_CONFIRMATION_SECRET')).toMatchObject({ isSecret: true });
    expect(json.remotes).toBeUndefined();
    const packageJson = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'examples/company-api-mcp/package.json'), 'utf8'),
    ) as { mcpName: string };
    expect(packageJson.mcpName).toBe(json.name);
  });

  it('with remote_url, a scoped package and a long description: remotes with a secret bearer header, a derived name', async () => {
    const allowlist = await variant(
      'remote',
      [
        'server:',
        '  name: "@acme_corp/orders-mcp"',
        '  version: 2.1.0-beta.1',
        '  env_prefix: ORDERS',
        `  description: ${JSON.stringify('Orders, customers and products of the Acme API, curated for an agent that places orders on behalf of sales staff.')}`,
        '  remote_url: https://mcp.acme.example/mcp',
        '',
      ].join('\n'),
    );
    const json = (await serverJson(allowlist)) as {
      name: string;
      description: string;
      version: string;
      remotes: Array<{ type: string; url: string; headers: Array<{ name: string; isSecret: boolean; value: string }> }>;
    };
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.name).toBe('io.github.acme-corp/orders-mcp');
    expect(json.version).toBe('2.1.0-beta.1');
    expect(json.description.length).toBeLessThanOrEqual(100);
    expect(json.description.endsWith('…')).toBe(true);
    expect(json.remotes).toEqual([
      expect.objectContaining({
        type: 'streamable-http',
        url: 'https://mcp.acme.example/mcp',
        headers: [expect.objectContaining({ name: 'Authorization', isSecret: true, value: 'Bearer {token}' })],
      }),
    ]);
  });

  it('registry_name is used as written; a malformed one or a bad remote_url is an error at its line and column', async () => {
    const good = await variant(
      'named',
      'server:\n  name: orders\n  version: 1.0.0\n  env_prefix: ORDERS\n  registry_name: io.github.acme/orders\n',
    );
    expect((await serverJson(good)).name).toBe('io.github.acme/orders');

    const bad = await variant(
      'bad',
      'server:\n  name: orders\n  version: 1.0.0\n  env_prefix: ORDERS\n  registry_name: orders\n  remote_url: "ftp://x y"\n',
    );
    const lines = (await readFile(bad, 'utf8')).split('\n');
    const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
    const result = await generate({ allowlist: bad });
    expect(result.files).toBeUndefined();
    const codes = result.diagnostics.map((d) => [d.code, d.location]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [
          'MCPGEN_INVALID_REGISTRY_NAME',
          expect.objectContaining({ line: lineOf('registry_name: orders'), column: 18 }),
        ],
        ['MCPGEN_INVALID_REMOTE_URL', expect.objectContaining({ line: lineOf('remote_url:'), column: 15 })],
      ]),
    );
  });
});
