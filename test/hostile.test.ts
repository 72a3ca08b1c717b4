/**
 * A spec whose every string is hostile (`*\/`, backticks, `${…}`, U+2028/9,
 * `</script>`, `{{x}}`, quotes, backslashes, newlines, NUL) and whose
 * property names are `constructor`, `__proto__`, `a-b`, `1x`: the generated
 * project compiles, and the strings reach a real MCP client as data, unchanged.
 */
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { JSONRPCMessage, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordedManifest } from '../src/check/recorded-manifest.js';
import { writeProject } from '../src/emit/write-project.js';
import { generate } from '../src/generate.js';
import { compileProject, REPO_ROOT } from '../scripts/worked-example.js';
import { listToolsOverStdio } from './support/stdio-listing.js';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/hostile');

type Json = Record<string, unknown>;
interface SpecSchema {
  description?: string;
  title?: string;
  example?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, SpecSchema>;
}
interface SpecOperation {
  summary: string;
  description?: string;
  parameters?: Array<{ name: string; description?: string; schema: SpecSchema }>;
  requestBody?: { content: Record<string, { schema: SpecSchema }> };
  responses: Record<string, { content?: Record<string, { schema: SpecSchema }> }>;
}

/** JSON.parse keeps `__proto__` as an own key, like the spec loader does. */
const spec = JSON.parse(readFileSync(path.join(FIXTURE, 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, SpecOperation>>;
};
const getNotes = spec.paths['/notes']?.['get'] as SpecOperation;
const postNotes = spec.paths['/notes']?.['post'] as SpecOperation;
const outputProperties = getNotes.responses['200']?.content?.['application/json']?.schema.properties ?? {};
const bodyProperties = postNotes.requestBody?.content['application/json']?.schema.properties ?? {};

let workDir: string;
let warnings: Array<{ code: string; severity: string }> = [];
const run = promisify(execFile);
const testFiles = async () =>
  (await readdir(path.join(projectDir, 'dist/test')))
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join('dist/test', f));
let projectDir: string;
let tools: Tool[];
/** Every message the client received, parsed from the wire before the SDK's own schema validation. */
let wire: JSONRPCMessage[] = [];

beforeAll(async () => {
  const result = await generate({ allowlist: path.join(FIXTURE, 'mcpgen.yaml') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  projectDir = path.join(workDir, 'hostile-api');
  expect((await writeProject({ outDir: projectDir, files: result.files ?? [] })).diagnostics).toEqual([]);
  await compileProject(projectDir);
  ({ tools, wire } = await listToolsOverStdio({
    entry: path.join(projectDir, 'dist/src/index.js'),
    env: { HOSTILE_API_BASE_URL: 'http://127.0.0.1:5' },
    clientName: 'mcpgen-hostile',
  }));
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function tool(name: string): Tool {
  const found = tools.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

function properties(schema: unknown): Record<string, Json> {
  return ((schema as { properties?: Record<string, Json> }).properties ?? {}) as Record<string, Json>;
}

describe('hostile strings survive as data', () => {
  it('descriptions and titles reach the client byte for byte', () => {
    expect(tool('list_notes').description).toBe(`${getNotes.summary}\n\n${getNotes.description ?? ''}`);
    expect(tool('list_notes').title).toBe(getNotes.summary);
    expect(tool('list_notes').annotations?.title).toBe(getNotes.summary);
    expect(tool('create_note').description).toBe(postNotes.summary);
    const deleteSummary = spec.paths['/notes*/{id}']?.['delete']?.summary;
    expect(tool('delete_note').description).toBe(deleteSummary);
  });

  it('enum values, defaults, parameter descriptions and examples are unchanged', () => {
    const filterSpec = getNotes.parameters?.find((p) => p.name === 'filter');
    const filter = properties(tool('list_notes').inputSchema)['filter'];
    expect(filter?.['enum']).toEqual(filterSpec?.schema.enum);
    expect(filter?.['default']).toBe(filterSpec?.schema.default);
    expect(filter?.['description']).toBe(filterSpec?.description);
    const kind = properties(tool('create_note').inputSchema)['kind'];
    expect(kind?.['enum']).toEqual(bodyProperties['kind']?.enum);
    expect(kind?.['default']).toBe(bodyProperties['kind']?.default);
  });

  it('leaves out, with a warning, a header parameter whose name HTTP cannot carry', () => {
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'MCPGEN_PARAM_UNSENDABLE', severity: 'warning' }));
    expect(properties(tool('list_notes').inputSchema)).not.toHaveProperty('X-_-Header');
  });

  it("passes the generated project's own tests (contract tests and the tools/list check against the manifest)", async () => {
    // A failing run rejects; its report is what a reader of this test needs.
    const stdout = await run(process.execPath, ['--test', ...(await testFiles())], { cwd: projectDir }).then(
      (done) => done.stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(stdout).toMatch(/# fail 0\b/);
  }, 60_000);

  it('keeps hostile property names of the response as they are, and their text in the manifest', async () => {
    // The listed output schema carries structure only; the annotations stay in the recorded contract.
    const output = properties(tool('list_notes').outputSchema);
    // Read as check reads it: schemas the manifest shares are resolved.
    const manifest = parseRecordedManifest(await readFile(path.join(projectDir, 'mcpgen.manifest.json'), 'utf8'));
    if (typeof manifest === 'string') throw new Error(manifest);
    const recorded = properties(manifest.tools['list_notes']?.outputSchema);
    for (const name of ['constructor', 'a-b', '1x', 'toString', 'hasOwnProperty']) {
      expect(output[name], name).toBeDefined();
      expect(output[name], name).not.toHaveProperty('description');
      expect(recorded[name]?.['description'], name).toBe(outputProperties[name]?.description);
    }
    const weird = Object.keys(outputProperties).find((name) => name.startsWith('weird key'));
    expect(weird).toBeDefined();
    expect(output[weird ?? '']).toEqual({ type: 'string' });
    expect(recorded[weird ?? '']?.['title']).toBe(outputProperties[weird ?? '']?.title);
    expect(recorded['constructor']?.['examples']).toEqual([outputProperties['constructor']?.example]);
  });

  it('sends `__proto__` as a property name on the wire', () => {
    // The SDK client's own result schema drops a `__proto__` key while copying objects, so read the raw message.
    const response = wire.find((message) => 'result' in message && Array.isArray((message.result as Json)['tools']));
    const result = (response && 'result' in response ? response.result : {}) as {
      tools?: Array<{ name: string; outputSchema?: unknown }>;
    };
    const listed = (result.tools ?? []).find((entry) => entry.name === 'list_notes');
    const sent = properties(listed?.outputSchema);
    expect(Object.hasOwn(sent, '__proto__')).toBe(true);
    expect(sent['__proto__']).toEqual({ type: 'string' });
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
  });

  it('gives hostile body and parameter names usable argument names', () => {
    expect(Object.keys(properties(tool('create_note').inputSchema))).toEqual(
      expect.arrayContaining(['constructor', 'proto', 'a-b', '1x', 'toString', 'hasOwnProperty']),
    );
    expect(properties(tool('create_note').inputSchema)['a-b']?.['description']).toBe(
      bodyProperties['a-b']?.description,
    );
    expect(Object.keys(properties(tool('list_notes').inputSchema))).toEqual(['filter', 'constructor', 'proto']);
  });

  it('writes no spec text unescaped into Markdown or env files', async () => {
    const readme = await readFile(path.join(projectDir, 'README.md'), 'utf8');
    const envExample = await readFile(path.join(projectDir, '.env.example'), 'utf8');
    // Code blocks show their text as text; elsewhere spec text is Markdown-escaped.
    const outsideCodeBlocks = readme.replace(/```[a-z]*\n[\s\S]*?```/g, '');
    expect(outsideCodeBlocks).not.toContain('</script>');
    expect(readme).not.toContain('\u0000');
    // A value holding a single quote cannot be written so that both a shell and dotenv read it literally: none is suggested.
    expect(envExample).toMatch(/^HOSTILE_API_BASE_URL=$/m);
    expect(envExample).not.toMatch(/[\u0000\u2028\u2029]/);
  });
});
