import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiledTemplatesModule } from '../../scripts/precompile-templates.js';
import { generate } from '../generate.js';
import { planProject } from '../plan/plan-project.js';
import { array, constant, jsonValue } from '../plan/syntax.js';
import { EXAMPLE_ALLOWLIST } from '../../scripts/worked-example.js';
import { TEMPLATES_DIR } from './asset-dirs.js';
import type { PrecompiledTemplates } from './precompiled-templates.js';
import { loadTemplates } from './templates.js';

let work: string;
let imports = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mcpgen-templates-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** What the build bundles for the templates in `dir`: the generated module, imported as it is written. */
async function precompile(dir: string): Promise<PrecompiledTemplates> {
  const file = path.join(work, `precompiled-${++imports}.mjs`);
  await writeFile(file, precompiledTemplatesModule(dir));
  const module = (await import(pathToFileURL(file).href)) as { PRECOMPILED_TEMPLATES: PrecompiledTemplates };
  return module.PRECOMPILED_TEMPLATES;
}

/** A templates folder of its own: `page.hbs` with a partial, for the compile options under test. */
async function smallTemplates(page: string): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'templates-'));
  await mkdir(path.join(dir, 'partials'));
  await writeFile(path.join(dir, 'partials/greeting.hbs'), 'Hello {{comment name}}!');
  await writeFile(path.join(dir, 'page.hbs'), page);
  return dir;
}

describe('precompiled templates', () => {
  it("render the worked example's files exactly as the templates compiled at run time do", async () => {
    const result = await generate({ allowlist: EXAMPLE_ALLOWLIST });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const precompiled = await precompile(TEMPLATES_DIR);
    const fromBuild = loadTemplates({ dir: TEMPLATES_DIR, precompiled });
    const compiledHere = loadTemplates({ dir: TEMPLATES_DIR, precompiled: undefined });
    const planned = planProject(result.model!).flatMap((file) => ('template' in file ? [file] : []));
    expect(new Set(planned.map((file) => file.template)).size).toBeGreaterThan(5);
    for (const file of planned) {
      expect(fromBuild.get(file.template)!(file.view), file.path).toBe(compiledHere.get(file.template)!(file.view));
    }
  });

  it('are used while the files have the digest they were compiled from', async () => {
    const dir = await smallTemplates('{{> greeting}} ({{n}})');
    await writeFile(path.join(dir, 'other.hbs'), 'other {{n}}');
    const precompiled = await precompile(dir);
    // Swapped specifications under an unchanged digest show which of the two renders.
    const swapped = {
      ...precompiled,
      templates: { ...precompiled.templates, 'page.hbs': precompiled.templates['other.hbs'] },
    };
    expect(loadTemplates({ dir, precompiled }).get('page.hbs')!({ name: 'Ann', n: 1 })).toBe('Hello Ann! (1)');
    expect(loadTemplates({ dir, precompiled: swapped }).get('page.hbs')!({ n: 1 })).toBe('other 1');
  });

  it('are not used once a template or partial changed after the build: the files are compiled', async () => {
    const dir = path.join(work, 'edited');
    await cp(TEMPLATES_DIR, dir, { recursive: true });
    const precompiled = await precompile(dir);
    const header = path.join(dir, 'partials/header.hbs');
    await writeFile(header, `// edited after the build\n${await readFile(header, 'utf8')}`);
    await writeFile(path.join(dir, 'project/gitignore.hbs'), 'edited/\n');
    const templates = loadTemplates({ dir, precompiled });
    expect(templates.get('project/gitignore.hbs')!({})).toBe('edited/\n');
    const declaration = constant({ name: 'TOOLS', type: 'readonly ToolDefinition[]', value: array([]) });
    expect(templates.get('project/src/tools/index.ts.hbs')!({ tools: [], declaration })).toMatch(
      /^\/\/ edited after the build\n/,
    );
  });

  it.each([
    ['precompiled', true],
    ['compiled at run time', false],
  ])('%s, escape nothing, fail on a missing view field, and know only our helpers', async (_label, built) => {
    const dir = await smallTemplates('{{> greeting}} <{{raw}}> {{code list}}');
    const load = async () => loadTemplates({ dir, precompiled: built ? await precompile(dir) : undefined });
    const page = (await load()).get('page.hbs')!;
    const list = constant({ name: 'list', value: jsonValue(['a"b', 1]), exported: false });
    expect(page({ name: 'a*/b', raw: '&<>', list })).toBe("Hello a*\\/b! <&<>> const list = ['a\"b', 1];");
    expect(() => page({ name: 'x', list })).toThrow(/"raw" not defined/);
    await writeFile(path.join(dir, 'page.hbs'), '{{shout name}}');
    await expect(async () => (await load()).get('page.hbs')!({ name: 'x' })).rejects.toThrow(/shout/);
  });
});
