/**
 * `--spec-header` for specs behind auth: a real Fastify server that answers
 * 401 without the header serves the example spec, one path item of it as a
 * separate file (a relative `$ref`, fetched with the same header). The value
 * comes from the environment and appears nowhere: not in the generated files,
 * not in the output.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { listProjectFiles } from './support/files.js';

const execFileAsync = promisify(execFile);
const TOKEN = 'spec-reader-token-5d1c0e9a';
const GOLDEN = path.join(REPO_ROOT, 'examples/company-api-mcp');

let app: FastifyInstance;
let specUrl: string;
let dir: string;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  const spec = JSON.parse(await readFile(path.join(REPO_ROOT, 'examples/company-api/openapi.json'), 'utf8')) as {
    paths: Record<string, unknown>;
  };
  const health = spec.paths['/health'];
  spec.paths['/health'] = { $ref: 'health.json' };
  app = Fastify();
  app.addHook('onRequest', async (request, reply) => {
    seen.push({ url: request.url, authorization: request.headers.authorization });
    if (request.headers.authorization !== `Bearer ${TOKEN}`) await reply.code(401).send({ error: 'unauthorized' });
  });
  app.get('/specs/openapi.json', async () => spec);
  app.get('/specs/health.json', async () => health);
  await app.listen({ host: '127.0.0.1', port: 0 });
  specUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/specs/openapi.json`;
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-spec-header-'));
});
afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function mcpgen(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(REPO_ROOT, 'bin/mcpgen.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('--spec-header', () => {
  it('without it, the 401 is reported with a hint naming --spec-header; nothing is written', async () => {
    const out = path.join(dir, 'none');
    const result = await mcpgen(['generate', '--spec', specUrl, '--allowlist', EXAMPLE_ALLOWLIST, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('answered HTTP 401');
    expect(result.stderr).toContain('--spec-header');
    expect(existsSync(out)).toBe(false);
  });

  it('with $VAR from the environment: the spec and its relative $ref are fetched with the header; the output is the committed example', async () => {
    seen.length = 0;
    const out = path.join(dir, 'with-header');
    const result = await mcpgen(
      ['generate', '--spec', specUrl, '--spec-header', 'Authorization: $SPEC_TOKEN', '--spec-header', 'X-Trace: mcpgen-test', '--allowlist', EXAMPLE_ALLOWLIST, '--out', out],
      { SPEC_TOKEN: `Bearer ${TOKEN}` },
    ); // prettier-ignore
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/specs/openapi.json', '/specs/health.json']));
    expect(seen.every((s) => s.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const files = listProjectFiles(out);
    expect(files).toEqual(listProjectFiles(GOLDEN));
    for (const file of files) {
      const content = await readFile(path.join(out, file), 'utf8');
      expect(content, file).toBe(await readFile(path.join(GOLDEN, file), 'utf8'));
      expect(content, file).not.toContain(TOKEN);
    }
    expect(result.stdout).not.toContain(TOKEN);
  });

  it('an unset variable or a malformed header is a usage error naming the header, never a value; nothing is fetched', async () => {
    seen.length = 0;
    const out = path.join(dir, 'unset');
    const unset = await mcpgen(['generate', '--spec', specUrl, '--spec-header', 'Authorization: ${SPEC_TOKEN}', '--allowlist', EXAMPLE_ALLOWLIST, '--out', out]); // prettier-ignore
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('MCPGEN_SPEC_HEADER_INVALID');
    expect(unset.stderr).toContain('environment variable SPEC_TOKEN is not set');
    const malformed = await mcpgen(['generate', '--spec', specUrl, '--spec-header', `Bad Name: ${TOKEN}`, '--allowlist', EXAMPLE_ALLOWLIST, '--out', out]); // prettier-ignore
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('MCPGEN_SPEC_HEADER_INVALID');
    expect(malformed.stderr).not.toContain(TOKEN);
    expect(seen).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('init takes it too', async () => {
    const file = path.join(dir, 'mcpgen.yaml');
    const result = await mcpgen(
      ['init', '--spec', specUrl, '--spec-header', 'Authorization: $SPEC_TOKEN', '--out', file],
      {
        SPEC_TOKEN: `Bearer ${TOKEN}`,
      },
    );
    expect(result.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('GET /health');
    expect(text).not.toContain(TOKEN);
  });

  it('check takes it too: against the committed example, no drift with the header, a 401 with a hint without it', async () => {
    const check = (extra: string[]) =>
      mcpgen(['check', '--spec', specUrl, ...extra, '--allowlist', EXAMPLE_ALLOWLIST, '--out', GOLDEN], {
        SPEC_TOKEN: `Bearer ${TOKEN}`,
      });
    const withHeader = await check(['--spec-header', 'Authorization: $SPEC_TOKEN']);
    expect(withHeader.code).toBe(0);
    expect(withHeader.stdout + withHeader.stderr).not.toContain(TOKEN);
    const without = await check([]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--spec-header');
  });
});
