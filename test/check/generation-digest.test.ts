/**
 * `check` renders again only when the manifest's generation digest differs
 * from the current one: rendering is a pure function of what the digest
 * covers, so an equal digest means the recorded hashes are the fresh output.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/run-check.js';
import { MANIFEST_PATH, sha256 } from '../../src/render/manifest-file.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { generateInto, makeWorkspace, removeWorkspace } from '../support/drift.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');
const EDITED = 'README.md';

describe('the generation digest lets check skip rendering, and only when nothing it covers changed', () => {
  let workspace = '';
  let out = '';

  async function check(): Promise<{ codes: string[] }> {
    const result = await runCheck({
      allowlist: path.join(EXAMPLE, 'mcpgen.yaml'),
      spec: path.join(EXAMPLE, 'openapi.json'),
      out,
      strict: false,
      allowExternalRefs: false,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Operations no tool uses are information, whatever the digest.
    const codes = (result.report?.findings ?? []).filter((f) => f.class !== 'info').map((f) => f.code);
    return { codes };
  }

  async function editManifest(edit: (manifest: Record<string, unknown>) => void): Promise<void> {
    const file = path.join(out, MANIFEST_PATH);
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(manifest);
    await writeFile(file, JSON.stringify(manifest, null, 2));
  }

  beforeAll(async () => {
    workspace = await makeWorkspace();
    out = path.join(workspace, 'out');
    await generateInto({ allowlist: path.join(EXAMPLE, 'mcpgen.yaml'), spec: path.join(EXAMPLE, 'openapi.json'), out });
    // A generated file rewritten and its manifest hash updated to match: what a
    // fresh render would no longer produce, yet not an edit by the manifest's hashes.
    const readme = path.join(out, EDITED);
    const rewritten = `${await readFile(readme, 'utf8')}\nA line no template writes.\n`;
    await writeFile(readme, rewritten);
    await editManifest((manifest) => {
      (manifest['files'] as Record<string, string>)[EDITED] = sha256(rewritten);
    });
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  it('with the digest unchanged, the recorded hashes stand for a fresh render', async () => {
    expect((await check()).codes).toEqual([]);
  });

  it('with a different digest (another mcpgen, other templates or inputs), check renders and compares bytes', async () => {
    await editManifest((manifest) => {
      manifest['generationDigest'] = '0'.repeat(64);
    });
    expect((await check()).codes).toContain('MCPGEN_DRIFT_FILES_OUTDATED');
  });

  it('a manifest written before the digest existed is checked by rendering', async () => {
    await editManifest((manifest) => {
      delete manifest['generationDigest'];
    });
    expect((await check()).codes).toContain('MCPGEN_DRIFT_FILES_OUTDATED');
  });
});
