import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../model/json-schema.js';
import { normalizeSchema } from '../../build/schema/index.js';
import { compactCode, jsonValue, type Expr } from '../syntax.js';
import { emitZod, sampleValue } from './index.js';

/** Compact source of a tree (valid TypeScript: the printer only lays it out). */
const code = (tree: Expr): string => compactCode(tree);
import { planZodModules, type ToolSchemas } from './shared.js';

const here = dirname(fileURLToPath(import.meta.url));

const recursive: Record<string, unknown> = {
  type: 'object',
  description: 'Node',
  properties: { name: { type: 'string' } },
};
(recursive.properties as Record<string, unknown>).children = { type: 'array', items: recursive };

const SCHEMAS: JsonSchema[] = [
  { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
  { type: 'string', enum: ['a', 'b'], default: 'b' },
  { enum: ['a', 1, true, null], default: 1 },
  { type: ['string', 'null'], format: 'date-time', default: null },
  { type: 'array', items: { type: 'string', format: 'email' }, default: ['a@b.co'] },
  { type: 'object', additionalProperties: { type: 'integer' }, default: { a: 1 } },
  {
    type: 'object',
    properties: { a: { type: 'string' } },
    additionalProperties: { type: 'string' },
    default: { a: 'x', b: 'y' },
  },
  {
    oneOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    default: { a: 'x' },
  },
  {
    allOf: [
      { type: 'object', properties: { a: { type: 'string' } } },
      { anyOf: [{ type: 'object' }, { type: 'null' }] },
    ],
  },
  JSON.parse(
    '{"type":"object","properties":{"constructor":{"type":"string","default":"c"},"__proto__":{"type":"string"},"a-b":{"type":"integer"},"1x":{"type":"boolean"}},"required":["1x"],"default":{"1x":true,"__proto__":"p"}}',
  ) as JsonSchema,
  normalizeSchema({ schema: recursive, direction: 'input', openapiVersion: '3.0' }),
  { type: 'string', pattern: '^[a-z]+\\d*$', description: 'hostile */ `${x}` \u2028 </script> "\\' },
];

/** Type-checks `source` as a module inside this folder (so `zod` resolves) under the project's strict options. */
function typeErrors(source: string): string[] {
  const file = join(here, '__emitted__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest);
  const program = ts.createProgram({ rootNames: [file], options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('emitted zod type-checks under strict tsc', () => {
  it('compiles every schema, its inferred type, and its sample as input', () => {
    // The runtime's signature (runtime/src/pattern.ts), which generated tool modules import.
    const lines = [
      "import { z } from 'zod';",
      'declare function specPattern(source: string): z.core.$ZodCheck<string>;',
    ];
    SCHEMAS.forEach((schema, index) => {
      lines.push(`export const s${index} = ${code(emitZod({ schema, strictRoot: index % 2 === 0 }))};`);
      lines.push(`export type T${index} = z.infer<typeof s${index}>;`);
      lines.push(`export const v${index}: z.input<typeof s${index}> = ${code(jsonValue(sampleValue(schema)))};`);
    });
    const source = lines.join('\n');
    expect(typeErrors(source)).toEqual([]);
    expect(source).toContain('.default(');
  }, 60_000);

  it('infers the same types from shared constants as from inline code', () => {
    const component = (title: string, extra: JsonSchema): JsonSchema => ({
      type: 'object',
      title,
      properties: {
        id: { type: 'integer', minimum: 1 },
        login: { type: 'string', maxLength: 39 },
        url: { type: 'string', format: 'uri' },
        created_at: { type: 'string', format: 'date-time' },
        role: { type: 'string', enum: ['admin', 'member'], default: 'member' },
        extra,
      },
      required: ['id', 'login'],
    });
    const user = component('User', { type: ['string', 'null'] });
    const team = component('Team', { type: 'array', items: user });
    const tools: ToolSchemas[] = [
      { name: 'a', input: { type: 'object', properties: { user, team } }, output: team },
      { name: 'b', input: { type: 'object', properties: { u: user }, required: ['u'] }, output: user },
      { name: 'c', input: { type: 'object', properties: {} }, output: { type: 'array', items: team } },
      { name: 'd', input: { type: 'object', properties: {} }, output: { anyOf: [user, { type: 'null' }] } },
    ];
    const modules = planZodModules(tools);
    expect(modules.shared.map((d) => d.name)).toEqual(['userSchema', 'teamSchema']);
    const lines = [
      "import { z } from 'zod';",
      'declare function specPattern(source: string): z.core.$ZodCheck<string>;',
      'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
      ...modules.shared.map((d) => `const ${d.name} = ${code(d.body)};`),
    ];
    tools.forEach((tool, index) => {
      const zod = modules.tools[index]!;
      const pairs = [
        [code(zod.input), code(emitZod({ schema: tool.input, strictRoot: true }))],
        [code(zod.output!), code(emitZod({ schema: tool.output! }))],
      ];
      pairs.forEach(([shared, inline], part) => {
        lines.push(`const shared${index}_${part} = ${shared};`, `const inline${index}_${part} = ${inline};`);
        for (const kind of ['infer', 'input']) {
          const [a, b] = [`shared${index}_${part}`, `inline${index}_${part}`];
          lines.push(
            `export const ${kind}${index}_${part}: Equal<z.${kind}<typeof ${a}>, z.${kind}<typeof ${b}>> = true;`,
          );
        }
      });
    });
    expect(typeErrors(lines.join('\n'))).toEqual([]);
    // Live: a different type is caught.
    expect(
      typeErrors(
        `${lines.join('\n')}\nexport const wrong: Equal<z.infer<typeof shared0_0>, { user?: string }> = true;`,
      ),
    ).toHaveLength(1);
  }, 60_000);

  it('reports errors it should (the harness is live)', () => {
    expect(typeErrors("import { z } from 'zod';\nexport const s: z.ZodString = z.number();").length).toBeGreaterThan(0);
  }, 60_000);
});
