import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { PRETTIER_OPTIONS } from '../src/render/code/print.js';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { listProjectFiles } from './support/files.js';

const GOLDEN_DIR = path.join(REPO_ROOT, 'examples/company-api-mcp');
const UPDATE_HINT = 'the committed example is stale: run `npm run golden:update` and review the diff like code';

describe('golden: examples/company-api-mcp', async () => {
  const result = await generate({ allowlist: EXAMPLE_ALLOWLIST });

  it('generates without diagnostics (create_customer, a POST that only creates, is low on purpose)', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files?.length).toBeGreaterThan(10);
  });

  const files = result.files ?? [];
  for (const file of files) {
    it(`${file.path} matches byte for byte`, () => {
      const golden = readFileSync(path.join(GOLDEN_DIR, file.path), 'utf8');
      expect(file.content, `${file.path}: ${UPDATE_HINT}`).toBe(golden);
    });
  }

  // Generation writes prettier's layout without running prettier: prettier must find nothing to change.
  const PARSERS: Record<string, string> = { '.ts': 'typescript', '.json': 'json', '.md': 'markdown' };
  for (const file of files) {
    const parser = PARSERS[path.extname(file.path)];
    if (parser === undefined) continue;
    it(`${file.path} is already formatted as prettier formats it`, async () => {
      expect(file.content).toBe(await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }));
    });
  }

  it('has no orphaned files (every committed file is one mcpgen generates)', () => {
    const generated = new Set(files.map((file) => file.path));
    const orphans = listProjectFiles(GOLDEN_DIR).filter((file) => !generated.has(file));
    expect(orphans, UPDATE_HINT).toEqual([]);
  });

  it('is deterministic: a second run gives the same bytes', async () => {
    const again = await generate({ allowlist: EXAMPLE_ALLOWLIST });
    expect(again.files).toEqual(files);
  });
});
