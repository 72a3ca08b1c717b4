/**
 * `formatJson` with `inlineObjects` (the manifest's layout) is prettier's
 * layout too: prettier keeps an object it finds on one line when it fits.
 * Random JSON, with strings of every width (quotes, non-ASCII, wide
 * characters) and keys that look like schema keywords.
 */
import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from './code/print.js';
import { formatJson } from './format-json.js';

const RUNS = Number(process.env['PARITY_RUNS'] ?? 200);
const SEED = process.env['PARITY_SEED'] === undefined ? 20261203 : Number(process.env['PARITY_SEED']);

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 30, maxLength: 90 }),
  fc.constantFrom('日本語のテキスト', 'emoji 😀👍🏽', 'it\'s "quoted"', 'a\\b', '#/schemas/simpleUser'),
);
const key = fc.oneof(
  fc.constantFrom('type', '$ref', 'properties', 'items', 'name', 'required'),
  fc.string({ maxLength: 8 }),
);
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('formatJson with inlineObjects formats as prettier does', () => {
  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (random) => {
        const printed = formatJson(random, { inlineObjects: true });
        expect(JSON.parse(printed)).toEqual(JSON.parse(JSON.stringify(random)));
        expect(printed).toBe(await prettier.format(printed, { ...PRETTIER_OPTIONS, parser: 'json' }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('puts an object that fits on its line, and breaks one that does not', () => {
    const printed = formatJson(
      { short: { type: 'string' }, long: { description: 'x'.repeat(100) }, empty: {} },
      { inlineObjects: true },
    );
    expect(printed).toBe(
      [
        '{',
        '  "short": { "type": "string" },',
        '  "long": {',
        `    "description": "${'x'.repeat(100)}"`,
        '  },',
        '  "empty": {}',
        '}',
        '',
      ].join('\n'),
    );
  });
});
