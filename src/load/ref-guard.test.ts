/**
 * The external-$ref guard judges where a $ref really leads: a file through
 * its real path (symbolic links resolved), a URL through every redirect hop.
 * Two loopback servers on different ports stand for two hosts.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from './spec.js';

const SECRET = { type: 'object', properties: { secret: { type: 'string', description: 'TOP-SECRET-VALUE' } } };
const THING = { type: 'object', properties: { id: { type: 'string' } } };

function specReferring(ref: string): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Guarded', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } },
        },
      },
    },
  });
}

const POINTER = '/paths/~1things/get/responses/200/content/application~1json/schema';

describe('file $refs: real paths, symbolic links resolved', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-ref-guard-'));
    await mkdir(path.join(dir, 'spec/inside'), { recursive: true });
    await mkdir(path.join(dir, 'outside'));
    await writeFile(path.join(dir, 'outside/secret.json'), JSON.stringify(SECRET));
    await writeFile(path.join(dir, 'spec/inside/thing.json'), JSON.stringify(THING));
    await symlink(path.join(dir, 'outside/secret.json'), path.join(dir, 'spec/components.json'));
    await symlink(path.join(dir, 'outside'), path.join(dir, 'spec/shared'));
    await symlink(path.join(dir, 'spec/inside/thing.json'), path.join(dir, 'spec/alias.json'));
    await writeFile(path.join(dir, 'spec/file-link.json'), specReferring('./components.json'));
    await writeFile(path.join(dir, 'spec/dir-link.json'), specReferring('./shared/secret.json'));
    await writeFile(path.join(dir, 'spec/inner-link.json'), specReferring('./alias.json'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a $ref to a file that is a symbolic link to a file outside the spec folder', async () => {
    const result = await loadSpec({ spec: path.join(dir, 'spec/file-link.json') });
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.location, d.message])).toEqual([
      [
        'MCPGEN_SPEC_REF',
        { spec: path.join(dir, 'spec/file-link.json'), pointer: POINTER },
        `the spec refers outside itself: $ref "./components.json" is refused (it is a symbolic link to ${path.join(dir, 'outside/secret.json')})`,
      ],
    ]);
    expect(JSON.stringify(result)).not.toContain('TOP-SECRET-VALUE');
  });

  it('refuses a $ref through a folder that is a symbolic link to a folder outside', async () => {
    const result = await loadSpec({ spec: path.join(dir, 'spec/dir-link.json') });
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_SPEC_REF']);
    expect(result.diagnostics[0]?.message).toContain(
      '$ref "./shared/secret.json" is refused (it is a symbolic link to',
    );
  });

  it('follows a symbolic link that stays inside the spec folder, and anything with --allow-external-refs', async () => {
    expect((await loadSpec({ spec: path.join(dir, 'spec/inner-link.json') })).diagnostics).toEqual([]);
    const allowed = await loadSpec({ spec: path.join(dir, 'spec/file-link.json'), allowExternalRefs: true });
    expect(allowed.diagnostics).toEqual([]);
    expect(JSON.stringify(allowed.spec?.document)).toContain('TOP-SECRET-VALUE');
  });
});

describe('URL $refs: every redirect hop is checked', () => {
  let specHost: http.Server;
  let otherHost: http.Server;
  let specBase = '';
  let otherBase = '';
  const otherHits: string[] = [];

  beforeAll(async () => {
    otherHost = http.createServer((request, response) => {
      otherHits.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SECRET));
    });
    otherBase = await listen(otherHost);
    specHost = http.createServer((request, response) => {
      const url = request.url ?? '';
      const json = (body: string) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      const redirect = (location: string) => response.writeHead(302, { location }).end();
      if (url === '/api/to-other-host.json') return json(specReferring('./components.json'));
      if (url === '/api/components.json') return redirect(`${otherBase}/secret.json`);
      if (url === '/api/to-same-host.json') return json(specReferring('./moved.json'));
      if (url === '/api/moved.json') return redirect('/private/secret.json');
      if (url === '/private/secret.json') return json(JSON.stringify(SECRET));
      if (url === '/api/chained.json') return json(specReferring('./hop.json'));
      if (url === '/api/hop.json') return redirect('/api/v2/thing.json');
      if (url === '/api/v2/thing.json') return json(JSON.stringify(THING));
      response.writeHead(404).end();
    });
    specBase = await listen(specHost);
  });
  afterAll(async () => {
    await Promise.all([close(specHost), close(otherHost)]);
  });

  it('refuses a $ref in the spec folder that redirects to another host, without contacting it', async () => {
    const spec = `${specBase}/api/to-other-host.json`;
    const result = await loadSpec({ spec });
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.location, d.message])).toEqual([
      [
        'MCPGEN_SPEC_REF',
        { spec, pointer: POINTER },
        `the spec refers outside itself: $ref "./components.json" is refused (it redirects to ${otherBase}/secret.json)`,
      ],
    ]);
    expect(otherHits).toEqual([]);
  });

  it('refuses a redirect to the same host outside the spec folder', async () => {
    const result = await loadSpec({ spec: `${specBase}/api/to-same-host.json` });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_SPEC_REF']);
    expect(result.diagnostics[0]?.message).toContain(`(it redirects to ${specBase}/private/secret.json)`);
  });

  it('follows a redirect that stays in the spec folder', async () => {
    const result = await loadSpec({ spec: `${specBase}/api/chained.json` });
    expect(result.diagnostics).toEqual([]);
    expect(JSON.stringify(result.spec?.document)).toContain('"id"');
  });
});

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
