/**
 * The guarantees behind "not drift": changes outside the allowlist and
 * refactors that keep every tool's contract leave `generate` byte-identical
 * (so `check` has nothing to report), with the same spec edits as the
 * scenarios of test/fixtures/drift.
 */
import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import type { RenderedFile } from '../../src/plan/project-files.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import keyOrder from '../fixtures/drift/refactor-key-order/scenario.js';
import inlineToComponents from '../fixtures/drift/refactor-inline-to-components/scenario.js';
import defsRenumbered from '../fixtures/drift/refactor-defs-renumbered/scenario.js';
import unlistedChanged from '../fixtures/drift/unlisted-operations-changed/scenario.js';
import { makeWorkspace, removeWorkspace, type DriftScenario } from '../support/drift.js';
import { SpecEditor, type Json } from '../support/spec-mutations.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/company-api');

describe('changes that are not drift leave generate byte-identical', () => {
  let workspace = '';
  let baseSpec: Json = {};
  let baseline: RenderedFile[] = [];

  async function generateWith(input: { name: string; spec: Json }): Promise<RenderedFile[]> {
    const specFile = path.join(workspace, `${input.name}.json`);
    await writeFile(specFile, JSON.stringify(input.spec, null, 2));
    const result = await generate({ allowlist: path.join(workspace, 'mcpgen.yaml'), spec: specFile });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return result.files ?? [];
  }

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await copyFile(path.join(EXAMPLE, 'mcpgen.yaml'), path.join(workspace, 'mcpgen.yaml'));
    baseSpec = JSON.parse(readFileSync(path.join(EXAMPLE, 'openapi.json'), 'utf8')) as Json;
    baseline = await generateWith({ name: 'baseline', spec: baseSpec });
  });

  afterAll(async () => {
    await removeWorkspace(workspace);
  });

  const cases: Array<[string, DriftScenario]> = [
    ['operations outside the allowlist changed, removed and added', unlistedChanged],
    ['inline schemas moved into components', inlineToComponents],
    ["Fastify's def-N schemas renumbered", defsRenumbered],
    ['every key in reverse order (properties kept)', keyOrder],
  ];
  for (const [title, scenario] of cases) {
    it(title, async () => {
      const spec = structuredClone(baseSpec);
      scenario.editSpec?.(new SpecEditor(spec));
      const edited = scenario.replaceSpec?.(spec) ?? spec;
      expect(JSON.stringify(edited), 'the edit changes the spec').not.toBe(JSON.stringify(baseSpec));
      expect(await generateWith({ name: title.replace(/\W+/g, '-'), spec: edited })).toEqual(baseline);
    });
  }
});
