import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { loadPlainYaml } from './fast-yaml.js';

/** What the spec loader read before js-yaml: the reference every fast result must equal. */
function readWithYaml(text: string): { value?: unknown; failed: boolean } {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.length > 0) return { failed: true };
  try {
    return { value: doc.toJS({ maxAliasCount: 1000 }), failed: false };
  } catch {
    return { failed: true };
  }
}

/** The fast result, when there is one, is exactly `yaml`'s (own keys in order, -0 and NaN included). */
function expectSameAsYaml(text: string): 'fast' | 'fallback' {
  const fast = loadPlainYaml(text);
  if (fast === undefined) return 'fallback';
  const reference = readWithYaml(text);
  expect(reference.failed, `yaml refuses what js-yaml read: ${JSON.stringify(text)}`).toBe(false);
  expect(fast, JSON.stringify(text)).toStrictEqual(reference.value);
  return 'fast';
}

const SCALARS = [
  'yes', 'no', 'on', 'True', 'FALSE', 'tRUE', '~', 'Null', 'NULL', 'nULL', '0o17', '0O17', '0x1F', '0X1F', '017', '1_000',
  '.inf', '-.Inf', '+.INF', '.NaN', '.Nan', '1e3', '1.5E-2', '+12', '-0', '00', '2001-12-14', '12:30', '0b101', '1.', '.5',
  '+.5e+3', '-0x1F', '+0o7', '1e', '08', '-.0', '1e+', '9007199254740993', '1e1000', '1.2.3', '.', 'a b', '"q"', "'it''s'",
  '"\\t\\x41\\u00e9\\/\\N\\_\\L\\P"', 'a #c', 'a#c', '[a, b, ]', '{a: 1, }', '{a, b: 1}', '[[1, 2], [3, 4]]', '[{a: 1}, {b: 2}]',
  'plain\n  continued', '<<', '=',
];

describe('loadPlainYaml', () => {
  it('reads the spec it is meant for, as yaml does', () => {
    const spec = [
      'openapi: 3.0.3',
      'info: {title: "Orders", version: \'1.0\', description: "a: b # not a comment"}',
      'paths:',
      '  /orders/{id}:',
      '    get:',
      '      parameters:',
      '        - {name: id, in: path, required: true, schema: {type: string}}',
      '      responses:',
      "        '200':",
      '          description: |',
      '            # A heading in a block scalar',
      '            - a list item',
      '          content:',
      '            application/json:',
      "              schema: {$ref: '#/components/schemas/Order'}",
      '# a comment at column 0',
      'components:',
      '  schemas:',
      '    Order:',
      '      type: object',
      '      required: [id]',
      '      properties: {id: {type: integer, example: 0x1F}, ratio: {type: number, default: .5}}',
    ].join('\n');
    expect(expectSameAsYaml(spec)).toBe('fast');
    expect(expectSameAsYaml(spec.replace(/\n/g, '\r\n'))).toBe('fast');
  });

  it('resolves scalars as the YAML 1.2 core schema does', () => {
    for (const scalar of SCALARS) {
      expectSameAsYaml(`k: ${scalar}\n`);
      expectSameAsYaml(`${scalar}: v\n`);
      expectSameAsYaml(`k:\n  - ${scalar.replace(/\n/g, '\n    ')}\n`);
    }
  });

  it.each([
    ['an anchor and alias', 'a: &x {b: 1}\nc: *x\n'],
    ['an alias bomb', 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a non-specific tag', 'a: ! 1\n'],
    ['a verbatim tag', 'a: !<tag:yaml.org,2002:str> 1\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\nk: yes\n'],
    ['a collection as key', '[a]: 1\n'],
    ['a collection as key in a flow mapping', '{a: 1, [b]}\n'],
    ['a collection as key in a flow sequence', 'k: [x, [y]: z]\n'],
    ['an explicit key', '? [a]\nb: 1\n'],
    ['a null key', '~: 1\n'],
    ['an empty key', ': 1\n'],
    ['a key named null', 'null: 1\n'],
    ['an empty sequence entry', 'a:\n  - - # note\n  - b\n'],
    ['a comment run into a token', 'a: "b"#c\n'],
    ['a comment run into a flow indicator', 'a: {#c\n b: 1}\n'],
    ['content after a document marker', '--- a: 1\n'],
    ['a lone CR line break', 'a: 1\rb: 2\n'],
    ['a tab indenting a line', 'a:\n\tb: 1\n'],
    ['a syntax error', 'a:\n  b: 1\n   c: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a scalar document', 'just text\n'],
    ['an empty document', ''],
  ])('leaves %s to yaml', (_name, text) => {
    expect(loadPlainYaml(text)).toBeUndefined();
  });

  it('reads documents written in every style as yaml does', () => {
    const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('200', '$ref', 'x-a', 'true', '1.0', '<<', '__proto__', 'a: b', '#c', '? a', '- b'));
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(...SCALARS, '#/components/schemas/A', 'multi\nline', '', ' ', '|', '-'),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    const styles: Array<(value: unknown) => string> = [
      (v) => stringify(v),
      (v) => stringify(v, { collectionStyle: 'flow' }),
      (v) => stringify(v, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 20, minContentWidth: 5 }),
      (v) => stringify(v, { defaultStringType: 'BLOCK_LITERAL' }),
      (v) => jsYaml.dump(v),
      (v) => jsYaml.dump(v, { flowLevel: 1, lineWidth: 10 }),
      (v) => JSON.stringify(v, null, 1),
    ];
    // Small edits near the syntax's edges: most make invalid or unusual text, which must fall back.
    const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(' ', '#', ':', '-', '\t', '\n', '"', "'", '[', ']', '{', '}', ',', '?', '|', '&a ', '*a', '!', '---', '\\', '\r', ': ', '- ', '\n#c\n'));
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), fc.nat(styles.length - 1), fc.array(edit, { maxLength: 2 }), (root, style, edits) => {
        let text = (styles[style] ?? stringify)(root);
        for (const [at, op, chars] of edits) {
          const i = at % (text.length + 1);
          text = op === 'insert' ? text.slice(0, i) + chars + text.slice(i) : text.slice(0, i) + (op === 'replace' ? chars : '') + text.slice(i + 1);
        }
        expectSameAsYaml(text);
      }),
      { numRuns: 3000 },
    );
  });
});
