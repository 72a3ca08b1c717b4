/**
 * Projects committed before manifest format 2 keep a format-1 manifest (every
 * schema written where it is used) until they are regenerated: `check` must
 * still read it and classify drift against it exactly as against format 2.
 * The fixture is the company example's manifest as mcpgen wrote it in format 1.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/run-check.js';
import type { Finding } from '../../src/check/report.js';
import { MANIFEST_FORMAT } from '../../src/plan/manifest.js';
import { MANIFEST_PATH } from '../../src/render/manifest-file.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { generateInto, makeWorkspace, removeWorkspace, type DriftScenario } from '../support/drift.js';
import { SpecEditor, type Json } from '../support/spec-mutations.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');
const FORMAT_1 = path.join(REPO_ROOT, 'test/check/fixtures/manifest-format-1/mcpgen.manifest.json');
const DRIFT_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/drift');

/** Spec edits of the drift scenarios; several touch a schema format 2 shares between tools (`Customer`, `Money`). */
const SCENARIOS = [
  'param-type-changed',
  'response-field-removed',
  'description-changed',
  'security-changed',
  'enum-narrowed',
  'operation-removed',
  'kept-field-removed-and-required-param-added',
  'response-field-renamed',
];

/** What the tools and allowlist comparisons found, in a form two runs can be compared by. */
function semantic(
  findings: Finding[],
): Array<Pick<Finding, 'code' | 'class' | 'tool' | 'message' | 'before' | 'after'>> {
  return findings
    .filter((f) => f.category !== 'files')
    .map((f) => ({ code: f.code, class: f.class, tool: f.tool, message: f.message, before: f.before, after: f.after }));
}

describe('check reads a format-1 manifest as it reads format 2', () => {
  let workspace = '';
  let current = '';
  let previous = '';
  const baseSpec = path.join(EXAMPLE, 'openapi.json');

  async function check(input: { out: string; spec: string }): Promise<Finding[]> {
    const result = await runCheck({
      allowlist: path.join(EXAMPLE, 'mcpgen.yaml'),
      spec: input.spec,
      out: input.out,
      strict: false,
      allowExternalRefs: false,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return result.report?.findings ?? [];
  }

  beforeAll(async () => {
    workspace = await makeWorkspace();
    current = path.join(workspace, 'current');
    await generateInto({ allowlist: path.join(EXAMPLE, 'mcpgen.yaml'), spec: baseSpec, out: current });
    // The same project with the manifest a user committed before format 2.
    previous = path.join(workspace, 'previous');
    await cp(current, previous, { recursive: true });
    await cp(FORMAT_1, path.join(previous, MANIFEST_PATH));
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  it('the fixture is format 1 and the generated manifest is the current format, which shares schemas', async () => {
    const old = JSON.parse(await readFile(FORMAT_1, 'utf8')) as Record<string, unknown>;
    const now = JSON.parse(await readFile(path.join(current, MANIFEST_PATH), 'utf8')) as Record<string, unknown>;
    expect(old['format']).toBe(1);
    expect(old).not.toHaveProperty('schemas');
    expect(now['format']).toBe(MANIFEST_FORMAT);
    expect(MANIFEST_FORMAT).toBe(2);
    expect(Object.keys(now['schemas'] as object)).toContain('customer');
  });

  it('against the unchanged spec: no tool drift, only the files generate would now write differently', async () => {
    const findings = await check({ out: previous, spec: baseSpec });
    expect(semantic(findings).filter((f) => f.class !== 'info')).toEqual([]);
    expect(findings.map((f) => f.code)).not.toContain('MCPGEN_DRIFT_MANIFEST_INVALID');
    // Regenerating rewrites the manifest (and the tests that read it) in format 2.
    expect(findings.filter((f) => f.category === 'files').map((f) => f.code)).toContain('MCPGEN_DRIFT_FILES_OUTDATED');
    expect(semantic(await check({ out: current, spec: baseSpec }))).toEqual(semantic(findings));
  });

  for (const name of SCENARIOS) {
    it(`${name}: the same findings from either format`, async () => {
      const scenario = (
        (await import(pathToFileURL(path.join(DRIFT_FIXTURES, name, 'scenario.ts')).href)) as {
          default: DriftScenario;
        }
      ).default;
      const spec = JSON.parse(await readFile(baseSpec, 'utf8')) as Json;
      scenario.editSpec?.(new SpecEditor(spec));
      const dir = path.join(workspace, name);
      await mkdir(dir);
      const edited = path.join(dir, 'openapi.json');
      await writeFile(edited, JSON.stringify(spec, null, 2));
      const fromFormat1 = semantic(await check({ out: previous, spec: edited }));
      const fromFormat2 = semantic(await check({ out: current, spec: edited }));
      expect(fromFormat1.length, 'the edit is drift').toBeGreaterThan(0);
      expect(fromFormat1).toEqual(fromFormat2);
    });
  }
});
