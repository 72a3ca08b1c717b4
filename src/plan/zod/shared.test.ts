import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { specPattern } from '../../../runtime/src/pattern.js';
import type { JsonSchema } from '../../model/json-schema.js';
// A test may look downstream: the layout check needs the printer the templates use.
import { PRETTIER_OPTIONS, printDeclarations } from '../../render/code/print.js';
import { MIN_SHARED_BYTES } from '../shared-schemas.js';
import { emitZod } from './emit.js';
import { sampleValue } from './sample-value.js';
import { planZodModules, type ToolSchemas, type ZodModules } from './shared.js';
import { compactCode, constant, type Declaration } from '../syntax.js';

/** The modules with every tree as compact source, to compare with expected code and to evaluate. */
interface TextModules {
  shared: Array<{ name: string; body: string }>;
  sharedUsesSpecPattern: boolean;
  tools: Array<{ input: string; output?: string; imports: string[]; usesSpecPattern: boolean }>;
}

function text(modules: ZodModules): TextModules {
  return {
    shared: modules.shared.map(({ name, body }) => ({ name, body: compactCode(body) })),
    sharedUsesSpecPattern: modules.sharedUsesSpecPattern,
    tools: modules.tools.map(({ input, output, ...rest }) => ({
      ...rest,
      input: compactCode(input),
      ...(output === undefined ? {} : { output: compactCode(output) }),
    })),
  };
}

const planText = (tools: readonly ToolSchemas[]): TextModules => text(planZodModules(tools));

/** Runs the shared module and each tool's code as the generated modules do; returns each tool's schemas. */
function evaluate(modules: TextModules): Array<{ input: z.ZodType; output?: z.ZodType }> {
  const declarations = modules.shared.map((d) => `const ${d.name} = ${d.body};`).join('\n');
  const tools = modules.tools.map((tool) => `{ input: ${tool.input}, output: ${tool.output ?? 'undefined'} }`);
  return new Function('z', 'specPattern', `${declarations}\nreturn [${tools.join(', ')}];`)(z, specPattern) as Array<{
    input: z.ZodType;
    output?: z.ZodType;
  }>;
}

function inline(tool: ToolSchemas): { input: z.ZodType; output?: z.ZodType } {
  const build = (code: string) => new Function('z', 'specPattern', `return ${code};`)(z, specPattern) as z.ZodType;
  return {
    input: build(compactCode(emitZod({ schema: tool.input, strictRoot: true }))),
    ...(tool.output ? { output: build(compactCode(emitZod({ schema: tool.output }))) } : {}),
  };
}

const address: JsonSchema = {
  type: 'object',
  title: 'Postal Address',
  description: 'Where letters go',
  properties: {
    street: { type: 'string', maxLength: 200 },
    city: { type: 'string', maxLength: 100 },
    postcode: { type: 'string', pattern: '^[0-9]{5}$' },
    country: { type: 'string', enum: ['AE', 'FR', 'DE', 'GB', 'US'], default: 'FR' },
  },
  required: ['street', 'city'],
};
const customer: JsonSchema = {
  type: 'object',
  title: 'Customer',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1 },
    billing: address,
    shipping: { ...address, description: 'Where parcels go' },
    email: { type: 'string', format: 'email' },
    created_at: { type: 'string', format: 'date-time' },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 20 },
    status: { type: 'string', enum: ['active', 'suspended', 'closed'] },
  },
  required: ['id', 'name', 'billing'],
};
const idInput: JsonSchema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };

describe('planZodModules', () => {
  it('writes a sub-schema several tools validate once, named from its title, and each tool validates as before', () => {
    const tools: ToolSchemas[] = [
      { name: 'get_customer', input: idInput, output: customer },
      {
        name: 'update_customer',
        input: { type: 'object', properties: { id: { type: 'string' }, billing: address }, required: ['id'] },
        output: customer,
      },
      {
        name: 'list_customers',
        input: { type: 'object', properties: { limit: { type: 'integer', default: 10 } } },
        output: { type: 'object', properties: { items: { type: 'array', items: customer } }, required: ['items'] },
      },
    ];
    const modules = planText(tools);
    expect(modules.shared.map((d) => d.name)).toEqual(['postalAddressSchema', 'customerSchema']);
    const [addressDecl, customerDecl] = modules.shared;
    // One constant for both uses (their descriptions differ), the optionality at each use.
    expect(customerDecl?.body).toContain('"billing": postalAddressSchema, "shipping": postalAddressSchema.optional()');
    expect(addressDecl?.body).not.toContain('Schema');
    expect(modules.tools[0]?.output).toBe('customerSchema');
    expect(modules.tools[1]?.input).toContain('"billing": postalAddressSchema.optional()');
    expect(modules.tools[2]?.output).toBe('z.object({ "items": z.array(customerSchema) })');
    expect(modules.tools.map((tool) => tool.imports)).toEqual([
      ['customerSchema'],
      ['customerSchema', 'postalAddressSchema'],
      ['customerSchema'],
    ]);
    expect(modules.sharedUsesSpecPattern).toBe(true);
    expect(modules.tools.map((tool) => tool.usesSpecPattern)).toEqual([false, false, false]);

    const shared = evaluate(modules);
    const customerValue = sampleValue(customer);
    const values: unknown[] = [
      sampleValue(tools[1]!.input),
      { id: 'x', billing: { street: 's', city: 'c' } },
      { id: 'x', billing: { street: 's', city: 'c', postcode: 'abc' } },
      { id: 'x', billing: { city: 'c' } },
      { id: 'x', extra: 1 },
      customerValue,
      { ...(customerValue as object), shipping: { street: 's', city: 'c', unknown: 1 } },
      { items: [customerValue, { id: 'nope' }] },
      { items: [customerValue] },
      {},
    ];
    tools.forEach((tool, index) => {
      const before = inline(tool);
      const after = shared[index]!;
      for (const value of values) {
        expect(after.input.safeParse(value)).toEqual(before.input.safeParse(value));
        expect(after.output?.safeParse(value)).toEqual(before.output?.safeParse(value));
      }
    });
  });

  it('keeps small sub-schemas inline, and inlines a constant that would be named only once', () => {
    const small: JsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    const inner: JsonSchema = {
      ...address,
      title: 'Inner',
      properties: { ...address.properties, street: { type: 'string', maxLength: 999 } },
    };
    // `inner` repeats only because `outer` does, which is named.
    const outer: JsonSchema = { ...customer, title: 'Outer', properties: { ...customer.properties, x: inner } };
    const modules = planText([
      { name: 'a', input: { type: 'object', properties: { s: small, o: outer } } },
      { name: 'b', input: { type: 'object', properties: { s: small, o: outer } } },
    ]);
    // The postal address is there twice in `outer` itself, so it is named too.
    expect(modules.shared.map((d) => d.name)).toEqual(['postalAddressSchema', 'outerSchema']);
    expect(modules.shared[1]?.body).toContain('"x": z.object({ "street": z.string().max(999)');
    expect(compactCode(emitZod({ schema: small })).length).toBeLessThan(MIN_SHARED_BYTES);
    expect(modules.tools[0]?.input).toContain('"s": z.object({ "a": z.string().optional() }).optional()');
  });

  it('does not name a sub-schema whose own code is small once the schemas it holds are named', () => {
    const wrapper: JsonSchema = { type: 'object', properties: { items: { type: 'array', items: customer } } };
    const modules = planText([
      { name: 'a', input: idInput, output: wrapper },
      { name: 'b', input: idInput, output: wrapper },
    ]);
    expect(modules.shared.map((d) => d.name)).toEqual(['postalAddressSchema', 'customerSchema']);
    expect(modules.tools[1]?.output).toBe('z.object({ "items": z.array(customerSchema).optional() })');
  });

  it('declares each constant after the ones it uses', () => {
    const order: JsonSchema = {
      type: 'object',
      title: 'Order',
      properties: {
        id: { type: 'string', maxLength: 300 },
        buyer: customer,
        lines: { type: 'array', items: address },
        placed_at: { type: 'string', format: 'date-time' },
        status: { type: 'string', enum: ['open', 'paid', 'shipped', 'delivered', 'cancelled'] },
        total: { type: 'number', minimum: 0, multipleOf: 0.01 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    };
    const modules = planText([
      { name: 'get_order', input: idInput, output: order },
      { name: 'list_orders', input: idInput, output: { type: 'array', items: order } },
      { name: 'get_customer', input: idInput, output: customer },
    ]);
    const names = modules.shared.map((d) => d.name);
    expect(names).toEqual(['postalAddressSchema', 'customerSchema', 'orderSchema']);
    modules.shared.forEach((declaration, index) => {
      for (const later of names.slice(index)) expect(declaration.body).not.toMatch(new RegExp(`\\b${later}\\b`));
    });
    expect(evaluate(modules)).toHaveLength(3);
  });

  it('makes names of hostile titles valid, inert and unique, and neutral when nothing names them', () => {
    const titles = [
      '*/ globalThis.pwned = 1; /*',
      '`${globalThis.pwned = 2}`',
      'constructor',
      '__proto__',
      '1x',
      'Ünïcödé — ×',
      '',
      'a very long title that goes on and on for many words',
      'Customer',
      'customer',
    ];
    const components: JsonSchema[] = titles.map((title, index) => ({
      ...address,
      title,
      properties: { ...address.properties, n: { type: 'integer', maximum: index } },
    }));
    const twice: ToolSchemas[] = components.flatMap((component, index) => [
      { name: `get_${index}`, input: idInput, output: { type: 'object', properties: { one: component } } },
      { name: `list_${index}`, input: idInput, output: { type: 'array', items: component } },
    ]);
    const modules = planText(twice);
    const names = modules.shared.map((d) => d.name);
    expect(names).toEqual([
      'globalThisPwned1Schema',
      'globalThisPwned2Schema',
      'constructorSchema',
      'protoSchema',
      'schema1xSchema',
      'nCDSchema',
      'oneSchema',
      'aVeryLongTitleThatSchema',
      'customerSchema',
      'customerSchema2',
    ]);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(evaluate(modules)).toHaveLength(twice.length);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('names an untitled output root shared by tools after the first tool', () => {
    const output: JsonSchema = { ...customer, title: undefined } as JsonSchema;
    delete output.title;
    const modules = planText([
      { name: 'users/get-authenticated', input: idInput, output },
      { name: 'users_get_by_username', input: idInput, output },
    ]);
    expect(modules.shared.map((d) => d.name)).toEqual(['postalAddressSchema', 'usersGetAuthenticatedOutputSchema']);
    expect(modules.tools.map((tool) => tool.output)).toEqual([
      'usersGetAuthenticatedOutputSchema',
      'usersGetAuthenticatedOutputSchema',
    ]);
  });
});

const word = fc.constantFrom('id', 'name', 'owner', 'created_at', 'a-b', 'constructor', '__proto__', '1x');
const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constant('string' as const) }, { requiredKeys: ['type'] }),
  fc.record(
    { type: fc.constant('string' as const), maxLength: fc.integer({ min: 1, max: 500 }), pattern: fc.constant('^a') },
    { requiredKeys: ['type'] },
  ),
  fc.record({
    type: fc.constant('integer' as const),
    minimum: fc.integer({ min: 0, max: 10 }),
    default: fc.constant(5),
  }),
  fc.record({ enum: fc.uniqueArray(fc.constantFrom('on', 'off', "it's", 'a\nb'), { minLength: 1 }) }),
  fc.record({ type: fc.constant(['string', 'null'] as JsonSchema['type']) }),
);
/** Objects of leaves and of a few named components, so that components repeat across tools. */
const component: fc.Arbitrary<JsonSchema> = fc.record({
  type: fc.constant('object' as const),
  title: fc.constantFrom('Simple User', 'Repository', 'x', '*/'),
  properties: fc.dictionary(word, leaf, { minKeys: 4, maxKeys: 8 }),
  required: fc.constantFrom<string[]>([], ['id'], ['name', 'owner']),
});

describe('shared zod, on random tools', () => {
  it('validates as inline code does and is laid out as prettier lays it out', async () => {
    const tool = (components: JsonSchema[]): fc.Arbitrary<{ input: JsonSchema; output: JsonSchema }> =>
      fc.record({
        input: fc.record({
          type: fc.constant('object' as const),
          properties: fc.dictionary(word, fc.oneof(leaf, fc.constantFrom(...components)), { maxKeys: 4 }),
          required: fc.constantFrom<string[]>([], ['id']),
        }),
        output: fc.oneof<fc.Arbitrary<JsonSchema>[]>(
          fc.constantFrom(...components),
          fc.record({ type: fc.constant('array' as const), items: fc.constantFrom(...components) }),
          fc.record({
            type: fc.constant('object' as const),
            properties: fc.record({ user: fc.constantFrom(...components), repo: fc.constantFrom(...components) }),
          }),
        ),
      });
    const tools = fc
      .array(component, { minLength: 1, maxLength: 3 })
      .chain((components) => fc.array(tool(components), { minLength: 2, maxLength: 5 }));
    await fc.assert(
      fc.asyncProperty(tools, fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }), async (random, extra) => {
        const list: ToolSchemas[] = random.map((t, index) => ({ name: `tool_${index}`, ...t }));
        const trees = planZodModules(list);
        const modules = text(trees);
        const built = evaluate(modules);
        list.forEach((schemas, index) => {
          const before = inline(schemas);
          for (const value of [sampleValue(schemas.input), sampleValue(schemas.output!), ...extra]) {
            expect(built[index]!.input.safeParse(value)).toEqual(before.input.safeParse(value));
            expect(built[index]!.output!.safeParse(value)).toEqual(before.output!.safeParse(value));
          }
        });
        const declarations: Declaration[] = [
          ...trees.shared.map((d) => constant({ name: d.name, value: d.body })),
          ...trees.tools.flatMap((t, index) => [
            constant({ name: `tool${index}Input`, value: t.input }),
            constant({ name: `tool${index}Output`, value: t.output! }),
          ]),
        ];
        const printed = `${printDeclarations(declarations)}\n`;
        expect(printed).toBe(await prettier.format(printed, { ...PRETTIER_OPTIONS, parser: 'typescript' }));
      }),
      { numRuns: Number(process.env['PARITY_RUNS'] ?? 60), seed: 20261203 },
    );
  });
});
