/**
 * `check` renders again only when the manifest's generation digest differs
 * from the current one or the manifest is not what generate writes: rendering
 * is a pure function of what the digest covers, so an unchanged digest means
 * the recorded hashes are the fresh output. A manifest edited by hand takes
 * the rendering path, where the edit is found.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/run-check.js';
import { MANIFEST_PATH, sha256 } from '../../src/render/manifest-file.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { generateInto, makeWorkspace, removeWorkspace } from '../support/drift.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');
type Manifest = Record<string, unknown> & { files: Record<string, string>; generator: { version: string } };

describe('check skips rendering only while the generation digest and the manifest are unchanged', () => {
  let workspace = '';
  let generated = '';
  let cases = 0;

  /** A copy of the generated project, edited, then checked: its non-information findings and whether it rendered. */
  async function checkCopy(input: {
    edit?: (out: string) => Promise<void>;
    spec?: string;
  }): Promise<{ codes: string[]; rendered: boolean }> {
    cases += 1;
    const out = path.join(workspace, `case-${cases}`);
    await cp(generated, out, { recursive: true });
    await input.edit?.(out);
    const stages: string[] = [];
    const result = await runCheck({
      allowlist: path.join(EXAMPLE, 'mcpgen.yaml'),
      spec: input.spec ?? path.join(EXAMPLE, 'openapi.json'),
      out,
      strict: false,
      allowExternalRefs: false,
      onStage: (stage) => stages.push(stage),
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Operations no tool uses are information, whatever the digest.
    const codes = (result.report?.findings ?? []).filter((f) => f.class !== 'info').map((f) => f.code);
    return { codes, rendered: stages.includes('render') };
  }

  async function editManifest(out: string, edit: (manifest: Manifest) => void): Promise<void> {
    const file = path.join(out, MANIFEST_PATH);
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    edit(manifest);
    await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  beforeAll(async () => {
    workspace = await makeWorkspace();
    generated = path.join(workspace, 'generated');
    await generateInto({
      allowlist: path.join(EXAMPLE, 'mcpgen.yaml'),
      spec: path.join(EXAMPLE, 'openapi.json'),
      out: generated,
    });
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  it('a project as generated is checked from its recorded hashes, without rendering', async () => {
    expect(await checkCopy({})).toEqual({ codes: [], rendered: false });
  });

  it('a hand edit is found from the hashes alone', async () => {
    const result = await checkCopy({
      edit: (out) => writeFile(path.join(out, 'README.md'), 'edited\n'),
    });
    expect(result).toEqual({ codes: ['MCPGEN_DRIFT_FILE_EDITED'], rendered: false });
  });

  it('a file rewritten with its manifest hash updated to match is rendered and found outdated', async () => {
    const result = await checkCopy({
      edit: async (out) => {
        const readme = path.join(out, 'README.md');
        const rewritten = `${await readFile(readme, 'utf8')}\nA line no template writes.\n`;
        await writeFile(readme, rewritten);
        await editManifest(out, (manifest) => {
          manifest.files['README.md'] = sha256(rewritten);
        });
      },
    });
    expect(result).toEqual({ codes: ['MCPGEN_DRIFT_FILES_OUTDATED'], rendered: true });
  });

  it('a file deleted together with its manifest entry is rendered and found missing', async () => {
    const result = await checkCopy({
      edit: async (out) => {
        await rm(path.join(out, 'src/tools/cancel-order.ts'));
        await editManifest(out, (manifest) => {
          delete manifest.files['src/tools/cancel-order.ts'];
        });
      },
    });
    expect(result.rendered).toBe(true);
    expect(result.codes).toContain('MCPGEN_DRIFT_FILE_MISSING');
  });

  it('a manifest whose other fields were edited (here the generator version) is rendered', async () => {
    const result = await checkCopy({
      edit: (out) =>
        editManifest(out, (manifest) => {
          manifest.generator.version = '9.9.9';
        }),
    });
    expect(result).toEqual({ codes: ['MCPGEN_DRIFT_FILES_OUTDATED'], rendered: true });
  });

  it('a manifest written before the digest existed is checked by rendering', async () => {
    const result = await checkCopy({
      edit: (out) =>
        editManifest(out, (manifest) => {
          delete manifest['generationDigest'];
        }),
    });
    expect(result).toEqual({ codes: ['MCPGEN_DRIFT_FILES_OUTDATED'], rendered: true });
  });

  it('a spec served on another host and port keeps the fast path: that alone is not drift', async () => {
    const spec = JSON.parse(await readFile(path.join(EXAMPLE, 'openapi.json'), 'utf8')) as {
      servers?: Array<{ url: string }>;
    };
    const url = new URL(spec.servers?.[0]?.url ?? 'http://127.0.0.1:3000');
    url.hostname = 'api.internal.example';
    url.port = '8443';
    spec.servers = [{ url: url.toString().replace(/\/$/, '') }];
    const moved = path.join(workspace, 'moved-openapi.json');
    await writeFile(moved, JSON.stringify(spec, null, 2));
    expect(await checkCopy({ spec: moved })).toEqual({ codes: [], rendered: false });
  });
});
