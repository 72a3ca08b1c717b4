/**
 * Spec values that are valid JSON but awkward everywhere else: parameter
 * defaults HTTP cannot carry as they are (CR LF in a header, lone surrogates
 * in a path, query or cookie), an integer default past 2^53, a property name
 * holding U+2E2F (a letter no identifier may hold) and an object default with
 * hostile keys, too wide for its line. The project generates, is already in
 * prettier's layout, compiles, passes its own tests, and lists the values
 * unchanged to a real MCP client over stdio.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProject } from '../src/emit/write-project.js';
import { generate } from '../src/generate.js';
import { PRETTIER_OPTIONS } from '../src/render/code/print.js';
import { compileProject, REPO_ROOT } from '../scripts/worked-example.js';
import { listToolsOverStdio } from './support/stdio-listing.js';

const HOSTILE = '*/ `${globalThis.pwned = 1}` \'"\u2028';
/** JSON.parse keeps `__proto__` as an own key, as the spec loader does. */
const WIDE_DEFAULT = JSON.parse(
  JSON.stringify({ proto: { polluted: true }, '*/': HOSTILE, '': [1e21, -1.5, null], long: 'x'.repeat(60) }).replace(
    '"proto"',
    '"__proto__"',
  ),
) as Record<string, unknown>;
/** An integer past 2^53 (not a safe integer, so zod's `.int()` refuses it). */
const UNSAFE = Number.MAX_SAFE_INTEGER + 3;
const ODD_KEYS = ['\u2e2f', 'a\u2e2f', '\u08a0'];

const SPEC = {
  openapi: '3.0.3',
  info: { title: 'values', version: '1.0.0' },
  servers: [{ url: 'http://127.0.0.1:5' }],
  paths: {
    '/items/{id}': {
      post: {
        operationId: 'postItem',
        summary: 'Post an item',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', default: 'x\ud800y' } },
          { name: 'X-Note', in: 'header', schema: { type: 'string', default: 'a\r\nb' } },
          { name: 'session', in: 'cookie', schema: { type: 'string', default: 'c\udc00' } },
          { name: 'q', in: 'query', schema: { type: 'string', enum: ['q\ud800', 'plain'], default: 'q\ud800' } },
          {
            name: 'big',
            in: 'query',
            schema: { type: 'integer', enum: [UNSAFE, 1], default: UNSAFE },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  config: { default: WIDE_DEFAULT },
                  ...Object.fromEntries(ODD_KEYS.map((key) => [key, { type: 'string', default: key }])),
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(ODD_KEYS.map((key) => [key, { type: 'string' }])),
                },
              },
            },
          },
        },
      },
    },
  },
};

const ALLOWLIST = `spec: openapi.json
server:
  name: hostile-values
  version: 1.0.0
  env_prefix: HOSTILE_VALUES
tools:
  post_item:
    operation: postItem
    risk: low
`;

const PARSERS: Record<string, string> = { '.ts': 'typescript', '.json': 'json', '.md': 'markdown' };
const run = promisify(execFile);
let workDir: string;
let projectDir: string;
let files: Array<{ path: string; content: string }> = [];
let errors: unknown[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  // JSON.stringify writes the lone surrogates as `\ud800` escapes, which JSON.parse reads back.
  await writeFile(path.join(workDir, 'openapi.json'), JSON.stringify(SPEC, null, 2));
  await writeFile(path.join(workDir, 'mcpgen.yaml'), ALLOWLIST);
  const result = await generate({ allowlist: path.join(workDir, 'mcpgen.yaml') });
  errors = result.diagnostics.filter((d) => d.severity === 'error');
  files = result.files ?? [];
  projectDir = path.join(workDir, 'hostile-values');
  if (errors.length > 0) return;
  expect((await writeProject({ outDir: projectDir, files })).diagnostics).toEqual([]);
  await compileProject(projectDir);
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('spec values HTTP, identifiers and prettier find awkward', () => {
  it('generate without an error (a lone surrogate in a path default crashed the contract test planner)', () => {
    expect(errors).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });

  it('are written in prettier’s layout already', async () => {
    for (const file of files) {
      const parser = PARSERS[path.extname(file.path)];
      if (parser === undefined) continue;
      expect(file.content, file.path).toBe(await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }));
    }
  });

  it("leave the generated project's own tests passing", async () => {
    const testDir = path.join(projectDir, 'dist/test');
    const stdout = await run(process.execPath, ['--test', path.join(testDir, 'contract.test.js')], {
      cwd: projectDir,
    }).then(
      (done) => done.stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(stdout).toMatch(/# fail 0\b/);
  }, 60_000);

  it('reach a real MCP client unchanged in tools/list', async () => {
    const { wire } = await listToolsOverStdio({
      entry: path.join(projectDir, 'dist/src/index.js'),
      env: { HOSTILE_VALUES_BASE_URL: 'http://127.0.0.1:5' },
      clientName: 'mcpgen-hostile-values',
    });
    // Read from the wire: the SDK's own schema drops a `__proto__` key while copying objects.
    const response = wire.find((message) => 'result' in message && 'tools' in (message.result as object));
    const tools = (response && 'result' in response ? response.result['tools'] : []) as Array<{
      inputSchema: { properties: Record<string, Record<string, unknown>> };
      outputSchema: { properties: Record<string, unknown> };
    }>;
    const input = tools[0]?.inputSchema.properties ?? {};
    expect(input['X-Note']?.['default']).toBe('a\r\nb');
    expect(input['q']?.['default']).toBe('q\ud800');
    expect(input['id']?.['default']).toBe('x\ud800y');
    // Body fields are renamed to argument names every client accepts; their defaults stay.
    const defaults = Object.values(input).map((property) => property['default']);
    for (const key of ODD_KEYS) expect(defaults).toContain(key);
    expect(JSON.stringify(input['config']?.['default'])).toBe(JSON.stringify(WIDE_DEFAULT));
    expect(Object.keys(tools[0]?.outputSchema.properties ?? {})).toEqual(ODD_KEYS);
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });

  it('keep the object default as own data in the compiled module', async () => {
    const source = await readFile(path.join(projectDir, 'src/tools/post-item.ts'), 'utf8');
    expect(source).toContain("['__proto__']: { polluted: true }");
  });
});
