/**
 * Property test: generated code is laid out exactly as prettier lays it out.
 * mcpgen does not run prettier when it generates (it made generation 10–50×
 * slower); it prints in prettier's layout itself. Random schemas (with
 * descriptions of every length, quotes and non-ASCII text) go through the
 * zod emitter and the code printer, random JSON through `formatJson`, random
 * cells through `markdownTable`; prettier must leave every result unchanged.
 */
import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import type { JsonSchema, JsonValue } from '../../model/json-schema.js';
import { emitZod } from '../../plan/zod/emit.js';
import { constant, id, json, jsonValue, object, prop } from '../../plan/syntax.js';
import { markdownText } from '../escape.js';
import { formatJson } from '../format-json.js';
import { markdownTable } from '../markdown-table.js';
import { PRETTIER_OPTIONS, printDeclarations } from './print.js';

const RUNS = Number(process.env['PARITY_RUNS'] ?? 150);
const SEED = process.env['PARITY_SEED'] === undefined ? 20261123 : Number(process.env['PARITY_SEED']);

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 40, maxLength: 140 }),
  fc.constantFrom(
    'it\'s "quoted"',
    "'''",
    'a\\b',
    'line\nbreak',
    '\u2028',
    '日本語のテキスト',
    'emoji 😀👍🏽',
    'café — ×',
    '</p>',
    '${x}',
    '*/',
  ),
  fc
    .array(fc.constantFrom('word', 'longer-word', 'x', '—', 'ünïcödé', '"', "'", ' '), { maxLength: 30 })
    .map((words) => words.join(' ')),
);
const key = fc.oneof(
  fc.constantFrom(
    'id',
    'name',
    'a-b',
    '1x',
    'constructor',
    'items',
    'value',
    'x',
    'déjà',
    '$ref',
    '200',
    'a very long property name that goes on',
  ),
  fc.string({ maxLength: 10 }),
);

const scalar: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string' as const),
      description: text,
      minLength: fc.nat(3),
      maxLength: fc.integer({ min: 3, max: 80 }),
      pattern: fc.constantFrom('^[a-z]+$', '^x', '\\d', '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('integer' as const, 'number' as const),
      description: text,
      minimum: fc.integer({ min: -5, max: 0 }),
      maximum: fc.double({ min: 1, max: 1e22, noNaN: true }),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({
    type: fc.constant('string' as const),
    format: fc.constantFrom('date-time', 'email', 'uuid', 'uri', 'date'),
  }),
  fc.record(
    {
      enum: fc.uniqueArray(fc.oneof(text, fc.integer({ min: -3, max: 3000 }), fc.constant(null)), {
        minLength: 1,
        maxLength: 12,
      }),
      description: text,
    },
    { requiredKeys: ['enum'] },
  ),
  fc.record({ const: fc.oneof(text, fc.integer()) }),
  fc.constant<JsonSchema>({ type: 'boolean' }),
  fc.constant<JsonSchema>({}),
);

const schema: fc.Arbitrary<JsonSchema> = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc
      .record({
        properties: fc.dictionary(key, tie('schema'), { maxKeys: 5 }),
        requiredCount: fc.nat(5),
        description: fc.option(text, { nil: undefined }),
      })
      .map(({ properties, requiredCount, description }): JsonSchema => ({
        type: 'object',
        properties,
        required: Object.keys(properties).slice(0, requiredCount),
        ...(description === undefined ? {} : { description }),
      })),
    fc.record({ type: fc.constant('object' as const), additionalProperties: tie('schema') }),
    fc.record(
      { type: fc.constant('array' as const), items: tie('schema'), description: text },
      { requiredKeys: ['type', 'items'] },
    ),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant(['string', 'null'] as JsonSchema['type']), description: text }),
  ),
})).schema;

const name = fc.constantFrom(
  'x',
  'listOrganizationRepositoriesInput',
  'reposCreateOrUpdateEnvironmentSecretForAuthenticatedUserOutput',
);

async function prettierTs(source: string): Promise<string> {
  return prettier.format(source, { ...PRETTIER_OPTIONS, parser: 'typescript' });
}

describe('the code printer lays declarations out as prettier does', () => {
  it('zod schemas from random JSON Schemas', async () => {
    await fc.assert(
      fc.asyncProperty(schema, name, async (random, constName) => {
        const declarations = [
          constant({ name: constName, value: emitZod({ schema: random, strictRoot: true }) }),
          { kind: 'infer' as const, exported: true, name: 'T', of: constName },
        ];
        const printed = `${printDeclarations(declarations)}\n`;
        expect(printed).toBe(await prettierTs(printed));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('a chain whose last call takes an object (or objects in an array) too wide for the line (a default from the spec)', async () => {
    // The object breaks after its `{`, prettier keeps such an object broken when it reads the file
    // again, and then hugs it on the chain's line: the printer must print that layout the first time.
    const wide = { a: 'x'.repeat(50), b: '*/ `${y}` \'"\u2028'.repeat(4) };
    // JSON.parse keeps `__proto__` as an own key, as the spec loader does.
    const hostile = JSON.parse(
      '{"__proto__":{"constructor":1},"\'\\"":"","0":[1e21,-0],"c":"' + 'z'.repeat(40) + '"}',
    ) as JsonValue;
    const schemas: JsonSchema[] = [
      { default: wide },
      { type: 'object', additionalProperties: { type: 'string' }, default: wide },
      { type: 'object', properties: { p: { default: wide } } },
      { default: hostile },
      { type: 'object', default: hostile },
      // Objects in an array the chain hugs: broken ones are kept broken by prettier too.
      { default: [wide] },
      { type: 'array', items: { type: 'object' }, default: [hostile, { a: 1 }] },
      { type: 'array', items: { type: 'object' }, default: [{ a: 1 }, { b: 'x'.repeat(84) }] },
      { type: 'array', items: { type: 'object' }, default: [{ a: 1 }, { b: 'x'.repeat(86) }] },
      { type: 'object', properties: { longPropertyName: { type: 'array', items: {}, default: [wide, [wide]] } } },
    ];
    for (const [index, schema] of schemas.entries()) {
      for (const constName of ['x', 'reposCreateOrUpdateEnvironmentSecretForAuthenticatedUserOutput']) {
        const printed = `${printDeclarations(constant({ name: constName, value: emitZod({ schema }) }))}\n`;
        expect(printed, `schema ${index}`).toBe(await prettierTs(printed));
        expect(printed).not.toContain('\u0001');
      }
    }
  });

  it('keys prettier would unquote but no identifier may hold (U+2E2F) stay valid and unchanged', async () => {
    const keys = ['\u2e2f', 'a\u2e2f', '\u08a0', '\u{10400}', 'x\u00b7', 'ok'];
    const properties = Object.fromEntries(keys.map((key) => [key, { type: 'string' as const }]));
    const declarations = [
      constant({ name: 'schema', value: emitZod({ schema: { type: 'object', properties } }) }),
      constant({ name: 'data', value: jsonValue(Object.fromEntries(keys.map((key) => [key, key]))) }),
    ];
    const printed = `${printDeclarations(declarations)}\n`;
    expect(printed).toBe(await prettierTs(printed));
    // Evaluated, each key is the property name it stands for.
    const data = jsonValue(Object.fromEntries(keys.map((key) => [key, key])));
    const source = printDeclarations(constant({ name: 'data', value: data, exported: false }));
    const evaluate = new Function(`${source}\nreturn data;`) as () => object;
    expect(Object.keys(evaluate())).toEqual(keys);
  });

  it('tool definitions holding random listings', async () => {
    await fc.assert(
      fc.asyncProperty(schema, fc.jsonValue({ maxDepth: 4 }), name, async (random, value, constName) => {
        const definition = object(
          [
            prop('name', jsonValue(constName)),
            // A JSON value as the plan hands it over (expanded when printed), and as literals.
            prop('listing', json(random)),
            prop('input', id(constName)),
            prop('extra', jsonValue(value)),
          ],
          true,
        );
        const printed = `${printDeclarations(constant({ name: constName, type: 'ToolDefinition', value: definition }))}\n`;
        expect(printed).toBe(await prettierTs(printed));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('formatJson formats as prettier does', () => {
  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 5 }), schema), async (value) => {
        const printed = formatJson(value);
        expect(printed).toBe(await prettier.format(printed, { ...PRETTIER_OPTIONS, parser: 'json' }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('Markdown text is left alone by prettier', () => {
  it('random text as a heading, a paragraph and bold', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (title, paragraph) => {
        const printed = `# ${markdownText(title) || 'x'}\n\n${markdownText(paragraph) || 'x'}\n\nFrom **${markdownText(title) || 'x'}**.\n`;
        expect(printed).toBe(await prettier.format(printed, { ...PRETTIER_OPTIONS, parser: 'markdown' }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('markdownTable aligns as prettier does', () => {
  it('random cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('list_repos', 'get-thing', 'x'), text, text), { minLength: 1, maxLength: 6 }),
        async (rows) => {
          const printed = `${markdownTable({ columns: [{ title: 'Tool', code: true }, { title: 'Risk' }, { title: 'What it does', code: true }], rows })}\n`;
          expect(printed).toBe(await prettier.format(printed, { ...PRETTIER_OPTIONS, parser: 'markdown' }));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
