/**
 * Inputs that made generation hang, crash or take minutes (issue 13, items 13
 * and 14) end in bounded time with a diagnostic naming the JSON pointer: $refs
 * that expand exponentially, huge counts and lengths, enums of hundreds of
 * thousands of values. Patterns that backtrack catastrophically are kept and
 * run on RE2 (linear time); those RE2 cannot run are flagged and left out.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../src/diagnostics/format.js';
import { generate } from '../src/generate.js';

/** Far above what these inputs take now (well under a second each), far below what they took before (minutes, or never). */
const BOUND_MS = 15_000;

type Json = Record<string, unknown>;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-bounded-inputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One POST operation `op` on /x with a required query parameter `q` of `schema`, optionally a body, and components. */
function spec(input: { q?: Json; body?: Json; response?: Json; schemas?: Json }): Json {
  const operation: Json = {
    operationId: 'op',
    parameters: [{ name: 'q', in: 'query', required: true, schema: input.q ?? { type: 'string' } }],
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: input.response ?? { type: 'object' } } } },
    },
  };
  if (input.body)
    operation['requestBody'] = { required: true, content: { 'application/json': { schema: input.body } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Bounded', version: '1.0.0' },
    paths: { '/x': { post: operation } },
    components: { schemas: input.schemas ?? {} },
  };
}

async function run(
  name: string,
  document: Json,
): Promise<{ ms: number; diagnostics: Diagnostic[]; text: string; files: number; bytes: number; tool: string }> {
  const specFile = path.join(dir, `${name}.json`);
  const allowlist = path.join(dir, `${name}.yaml`);
  await writeFile(specFile, JSON.stringify(document));
  await writeFile(
    allowlist,
    'server: { name: bounded, version: 1.0.0, env_prefix: BOUNDED }\ntools:\n  t: { operation: op, risk: medium, description: "A tool." }\n',
  );
  const started = Date.now();
  const result = await generate({ allowlist, spec: specFile });
  const ms = Date.now() - started;
  expect(ms, `${name} took ${ms} ms`).toBeLessThan(BOUND_MS);
  const files = result.files ?? [];
  return {
    ms,
    diagnostics: result.diagnostics,
    text: result.diagnostics.map(formatDiagnostic).join('\n'),
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.content.length, 0),
    tool: files.find((file) => file.path === 'src/tools/t.ts')?.content ?? '',
  };
}

const pointerOf = (d: Diagnostic): string | undefined =>
  d.location && 'pointer' in d.location ? d.location.pointer : undefined;
const Q = '/paths/~1x/post/parameters/0/schema';

describe('bounded: exponential $ref expansion', () => {
  it('refuses 24 schemas that each $ref the previous one twice (as properties)', async () => {
    const schemas: Json = { S0: { type: 'object', properties: { v: { type: 'string' } } } };
    for (let i = 1; i < 24; i += 1) {
      schemas[`S${i}`] = {
        type: 'object',
        properties: { a: { $ref: `#/components/schemas/S${i - 1}` }, b: { $ref: `#/components/schemas/S${i - 1}` } },
      };
    }
    const result = await run('doubling', spec({ body: { $ref: '#/components/schemas/S23' }, schemas }));
    expect(result.diagnostics.map((d) => [d.severity, d.code, pointerOf(d)])).toEqual([
      ['error', 'MCPGEN_SPEC_TOO_LARGE', '/components/schemas/S23'],
    ]);
    expect(result.text).toMatch(/its \$refs expand to more than [\d,]+ values/);
  });

  it('refuses the same through allOf', async () => {
    const schemas: Json = { S0: { type: 'object', properties: { v: { type: 'string' } } } };
    for (let i = 1; i < 30; i += 1)
      schemas[`S${i}`] = {
        allOf: [{ $ref: `#/components/schemas/S${i - 1}` }, { $ref: `#/components/schemas/S${i - 1}` }],
      };
    const result = await run('doubling-all-of', spec({ body: { $ref: '#/components/schemas/S29' }, schemas }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_SPEC_TOO_LARGE']);
  });
});

describe('bounded: patterns, counts, lengths and enums are flagged and left out', () => {
  it('flags a pattern RE2 cannot run (a lookahead) in a required parameter, and generates without it', async () => {
    const result = await run('redos', spec({ q: { type: 'string', pattern: '^(a+)+(?=b)' } }));
    expect(result.diagnostics.map((d) => [d.severity, d.code, pointerOf(d)])).toEqual([
      ['warning', 'MCPGEN_SCHEMA_PATTERN_UNSUPPORTED', `${Q}/pattern`],
    ]);
    expect(result.text).toContain('pattern "^(a+)+(?=b)" cannot run in linear time');
    expect(result.tool).not.toContain('specPattern');
    expect(result.files).toBeGreaterThan(10);
  });

  it('keeps nested repetitions, checked by RE2 wherever the schema is used', async () => {
    const result = await run(
      'redos-shared',
      spec({
        q: { $ref: '#/components/schemas/Code' },
        body: { type: 'object', properties: { code: { $ref: '#/components/schemas/Code' } } },
        response: { type: 'object', properties: { code: { $ref: '#/components/schemas/Code' } } },
        schemas: { Code: { type: 'string', pattern: '^(\\w+\\s?)*$' } },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.tool).toContain("import { specPattern } from '../runtime/pattern.js';");
    // Arguments (query and body) and the response: every use of the component.
    expect(result.tool.split(String.raw`specPattern('^(\\w+\\s?)*$')`)).toHaveLength(4);
  });

  it('names the component a shared pattern RE2 cannot run is written in, once for all its uses', async () => {
    const result = await run(
      'redos-shared-lookbehind',
      spec({
        q: { $ref: '#/components/schemas/Code' },
        body: { type: 'object', properties: { code: { $ref: '#/components/schemas/Code' } } },
        schemas: { Code: { type: 'string', pattern: '(?<!x)y' } },
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, pointerOf(d)])).toEqual([
      ['MCPGEN_SCHEMA_PATTERN_UNSUPPORTED', '/components/schemas/Code/pattern'],
    ]);
  });

  it('flags huge counts in a pattern', async () => {
    const result = await run('huge-quantifier', spec({ q: { type: 'string', pattern: 'a{600000000}' } }));
    expect(result.diagnostics.map((d) => [d.severity, d.code, pointerOf(d)])).toEqual([
      ['warning', 'MCPGEN_SCHEMA_LIMIT', `${Q}/pattern`],
    ]);
    expect(result.text).toContain('pattern "a{600000000}" repeats something 600000000 times');
  });

  it('flags huge minimum lengths, item and property counts', async () => {
    const result = await run(
      'huge-counts',
      spec({
        q: { type: 'string', minLength: 600_000_000 },
        body: {
          type: 'object',
          required: ['list', 'grid', 'map'],
          properties: {
            list: { type: 'array', minItems: 600_000_000, items: { type: 'string' } },
            grid: {
              type: 'array',
              minItems: 100,
              items: {
                type: 'array',
                minItems: 100,
                items: { type: 'array', minItems: 100, items: { type: 'integer' } },
              },
            },
            map: { type: 'object', minProperties: 600_000_000, additionalProperties: { type: 'string' } },
          },
        },
      }),
    );
    expect(result.diagnostics.map((d) => [d.severity, d.code, pointerOf(d)])).toEqual([
      ['warning', 'MCPGEN_SCHEMA_LIMIT', `${Q}/minLength`],
      [
        'warning',
        'MCPGEN_SCHEMA_LIMIT',
        '/paths/~1x/post/requestBody/content/application~1json/schema/properties/list/minItems',
      ],
      [
        'warning',
        'MCPGEN_SCHEMA_LIMIT',
        '/paths/~1x/post/requestBody/content/application~1json/schema/properties/grid/items/items/minItems',
      ],
      [
        'warning',
        'MCPGEN_SCHEMA_LIMIT',
        '/paths/~1x/post/requestBody/content/application~1json/schema/properties/map/minProperties',
      ],
    ]);
    expect(result.bytes).toBeLessThan(1_000_000);
  });

  for (const count of [60_000, 200_000]) {
    it(`flags an enum of ${count} values`, async () => {
      const values = Array.from({ length: count }, (_, i) => `value-${i}`);
      const result = await run(`enum-${count}`, spec({ q: { type: 'string', enum: values } }));
      expect(result.diagnostics.map((d) => [d.severity, d.code, pointerOf(d)])).toEqual([
        ['warning', 'MCPGEN_SCHEMA_LIMIT', `${Q}/enum`],
      ]);
      expect(result.text).toContain(`enum of ${count} values`);
      expect(result.bytes).toBeLessThan(1_000_000);
    });
  }

  it('keeps what real specs have: safe patterns, small counts and enums', async () => {
    const result = await run(
      'ordinary',
      spec({
        q: { type: 'string', pattern: '^(\\d{1,3}\\.){3}\\d{1,3}$', minLength: 7, maxLength: 15 },
        body: {
          type: 'object',
          properties: { tags: { type: 'array', minItems: 2, items: { type: 'string', enum: ['a', 'b', 'c'] } } },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
  });
});
