/**
 * Curation mistakes that still generate, but not silently: a write marked
 * `low` (runs unconfirmed, announced as not destructive) and an enabled tool
 * whose description is still the draft `mcpgen init` wrote. Each is a warning
 * at its allowlist line and column; generation succeeds (exit 0).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Output } from '../src/cli/output.js';

const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Things', version: '1.0.0' },
  paths: {
    '/things': {
      get: { summary: 'List things', responses: { '200': { description: 'OK' } } },
      post: { summary: 'Create a thing', responses: { '201': { description: 'Created' } } },
    },
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      put: {
        description: 'Replace a thing. Everything it held is overwritten.',
        responses: { '200': { description: 'OK' } },
      },
      delete: { summary: 'Delete a thing', responses: { '204': { description: 'Deleted' } } },
    },
  },
};

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-warnings-'));
  await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(SPEC, null, 2));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const output: Output = { result: (t) => out.push(t), error: (t) => err.push(t), progress: () => undefined };
  return { code: await main(argv, output), stderr: err.join('\n'), stdout: out.join('\n') };
}

describe('generate warns about risky curation, and still generates', () => {
  it('warns at the allowlist line of each write marked low and of each description init drafted', async () => {
    const allowlist = path.join(dir, 'mcpgen.yaml');
    expect((await run(['init', '--spec', path.join(dir, 'openapi.json'), '--out', allowlist])).code).toBe(0);
    // The engineer enables everything, lowers the DELETE to low, and rewrites only the PUT's description.
    const curated = (await readFile(allowlist, 'utf8'))
      .replace(/^ {4}enabled: false\n/gm, '')
      .replace('risk: high', 'risk: low')
      .replace(
        /description: Replace a thing\.[^\n]*/,
        'description: Replaces every field of a thing; use only to restore a backup.',
      );
    await writeFile(allowlist, curated);
    const line = (text: string, from = 0): number => curated.slice(0, curated.indexOf(text, from)).split('\n').length;
    const column = (text: string, from = 0): number =>
      curated.indexOf(text, from) - curated.lastIndexOf('\n', curated.indexOf(text, from));

    const result = await run(['generate', '--allowlist', allowlist]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'things-mcp/mcpgen.manifest.json'))).toBe(true);
    const at = (text: string, from = 0) =>
      `${allowlist}:${line(text, from)}:${column(text, from) + (text.startsWith('risk') ? 6 : 13)}`;
    const del = curated.indexOf('operation: DELETE /things/{id}');
    expect(result.stderr.split('\n').filter((l) => l.includes('warning'))).toEqual([
      `${at('description: List things')}: warning MCPGEN_DESCRIPTION_IS_DRAFT: tool "list_things" still has the description mcpgen init drafted from the spec ("List things"); the model reads it to decide when to call the tool`,
      `${at('description: Create a thing')}: warning MCPGEN_DESCRIPTION_IS_DRAFT: tool "create_thing" still has the description mcpgen init drafted from the spec ("Create a thing"); the model reads it to decide when to call the tool`,
      `${at('risk: low', del)}: warning MCPGEN_WRITE_RISK_LOW: tool "delete_thing" is marked risk "low", but DELETE /things/{id} overwrites or deletes data: the generated server runs it without any confirmation and tells clients it is not destructive (destructiveHint: false)`,
      `${at('description: Delete a thing')}: warning MCPGEN_DESCRIPTION_IS_DRAFT: tool "delete_thing" still has the description mcpgen init drafted from the spec ("Delete a thing"); the model reads it to decide when to call the tool`,
      // init offers the GET as a resource too, enabled with everything else.
      `${at('description: List things', curated.indexOf('resources:'))}: warning MCPGEN_DESCRIPTION_IS_DRAFT: resource "list_things" still has the description mcpgen init drafted from the spec ("List things"); the model reads it to decide when to read the resource`,
    ]);
    expect(result.stderr).toContain('  hint: If it can delete or overwrite data, use risk: medium');
    expect(result.stderr).toContain(
      '  hint: Rewrite it for the model: what the tool does, when to use it, and what it returns.',
    );
  });

  it('stays quiet for reads marked low, writes marked medium or high, and rewritten descriptions', async () => {
    const allowlist = path.join(dir, 'quiet.yaml');
    await writeFile(
      allowlist,
      [
        'spec: openapi.json',
        'out: quiet',
        'server: { name: quiet-mcp, version: 1.0.0, env_prefix: QUIET }',
        'tools:',
        '  list_things: { operation: GET /things, risk: low, description: "Lists every thing, newest first." }',
        '  delete_thing: { operation: "DELETE /things/{id}", risk: high, description: "Deletes one thing for good." }',
        '  replace_thing: { operation: "PUT /things/{id}", risk: medium }',
        '',
      ].join('\n'),
    );
    const result = await run(['generate', '--allowlist', allowlist]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
