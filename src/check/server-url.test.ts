import { describe, expect, it } from 'vitest';
import type { RenderedFile } from '../plan/project-files.js';
import { MANIFEST_PATH, sha256 } from '../render/manifest-file.js';
import { changedParts, reconcileServerUrl, urlWrittenInstead } from './server-url.js';

const context = { allowlist: 'mcpgen.yaml', allowExternalRefs: false };

describe('urlWrittenInstead', () => {
  it('finds the one URL the committed text has wherever the fresh text has the current one', () => {
    const fresh = 'A_BASE_URL=http://127.0.0.1:4010\nsee http://127.0.0.1:4010 docs\n';
    const committed = 'A_BASE_URL=http://127.0.0.1:3000\nsee http://127.0.0.1:3000 docs\n';
    expect(urlWrittenInstead({ fresh, committed, url: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:3000');
  });

  it('refuses when anything else differs, or two places disagree', () => {
    const url = 'http://127.0.0.1:4010';
    expect(urlWrittenInstead({ fresh: `x ${url} y`, committed: 'x http://127.0.0.1:3000 z', url })).toBeUndefined();
    expect(urlWrittenInstead({ fresh: `${url} ${url}`, committed: 'http://a:1 http://b:2', url })).toBeUndefined();
    expect(urlWrittenInstead({ fresh: `x ${url}`, committed: `x ${url}`, url })).toBeUndefined();
  });
});

describe('changedParts', () => {
  it('names scheme, host, port and path separately', () => {
    expect(changedParts({ from: 'http://127.0.0.1:3000', to: 'http://127.0.0.1:4010' })).toEqual(['port']);
    expect(changedParts({ from: 'http://127.0.0.1:3000', to: 'https://api.example.com' })).toEqual([
      'scheme',
      'host',
      'port',
    ]);
    expect(changedParts({ from: 'http://h/v1', to: 'http://h/v2' })).toEqual(['path']);
    expect(changedParts({ from: 'http://h/', to: 'http://h' })).toEqual([]);
  });
});

describe('reconcileServerUrl', () => {
  const env = (url: string): RenderedFile => ({ path: '.env.example', content: `BASE_URL=${url}\n` });
  const manifest = (hash: string): RenderedFile => ({
    path: MANIFEST_PATH,
    content: `{"files":{".env.example":"${hash}"}}`,
  });

  it('puts the committed URL back when only the port moved, manifest hash included, and reports nothing', () => {
    const committedEnv = env('http://127.0.0.1:3000').content;
    const fresh = [env('http://127.0.0.1:4010'), manifest(sha256(env('http://127.0.0.1:4010').content))];
    const result = reconcileServerUrl({
      currentUrl: 'http://127.0.0.1:4010',
      regenerated: fresh,
      committed: new Map([['.env.example', committedEnv]]),
      context,
      at: { file: 'mcpgen.yaml', line: 14, column: 1 },
    });
    expect(result.finding).toBeUndefined();
    expect(result.regenerated.map((f) => f.content)).toEqual([
      committedEnv,
      `{"files":{".env.example":"${sha256(committedEnv)}"}}`,
    ]);
  });

  it('reports a path change, saying which part changed', () => {
    const result = reconcileServerUrl({
      currentUrl: 'http://127.0.0.1:3000/v2',
      regenerated: [env('http://127.0.0.1:3000/v2')],
      committed: new Map([['.env.example', env('http://127.0.0.1:3000').content]]),
      context,
      at: { file: 'mcpgen.yaml', line: 14, column: 1 },
    });
    expect(result.finding).toMatchObject({
      code: 'MCPGEN_DRIFT_SERVERS_CHANGED',
      before: 'http://127.0.0.1:3000',
      after: 'http://127.0.0.1:3000/v2',
    });
    expect(result.finding?.message).toContain('its path changed');
  });
});
