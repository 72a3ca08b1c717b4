/**
 * Corpus documents mcpgen must refuse, each with a clear diagnostic (and the
 * swagger-parser fixture with repeated operationIds, which mcpgen accepts as
 * it accepts them in 3.x documents: the allowlist then names the operation
 * by method and path).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { generate } from '../../src/generate.js';
import { loadSpec } from '../../src/load/spec.js';
import { CORPUS_DIR, INVALID_SPECS } from './corpus.js';

const available = existsSync(CORPUS_DIR);

describe.skipIf(!available)('corpus documents mcpgen refuses', () => {
  for (const [file, expected] of Object.entries(INVALID_SPECS)) {
    it(file, async () => {
      const result = await loadSpec({ spec: path.join(CORPUS_DIR, file) });
      expect(result.spec).toBeUndefined();
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]?.severity).toBe('error');
      expect(formatDiagnostics(result.diagnostics)).toContain(expected);
      expect(result.diagnostics[0]?.hint).toBeTruthy();
    });
  }
});

describe.skipIf(!available)('repeated operationIds (swagger-parser duplicate-operation-ids.yaml)', () => {
  const spec = path.join(
    CORPUS_DIR,
    'APIDevTools__swagger-parser/test/specs/validate-spec/invalid/duplicate-operation-ids.yaml',
  );
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-duplicate-ids-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function generateWith(operation: string) {
    const allowlist = path.join(dir, 'mcpgen.yaml');
    await writeFile(
      allowlist,
      `server: { name: users, version: 1.0.0, env_prefix: USERS }\ntools:\n  get_users: { operation: "${operation}", risk: read }\n`,
    );
    return generate({ allowlist, spec });
  }

  it('says which operations share the id when the allowlist uses it', async () => {
    const result = await generateWith('users');
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      [
        'MCPGEN_AMBIGUOUS_OPERATION_ID',
        'name the operation by method and path instead: operation: GET /users or operation: POST /users',
      ],
    ]);
  });

  it('generates when the allowlist names the operation by method and path', async () => {
    const result = await generateWith('GET /users');
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.tools.map((tool) => tool.operationId)).toEqual(['users']);
  });
});
