import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml } from './fast-yaml.js';

/** What the `yaml` library reads, as parseSpecText calls it: the answer readPlainYaml must give, or none. */
function readByYaml(text: string): unknown {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false });
  return doc.errors.length > 0 ? 'error' : doc.toJS({ maxAliasCount: 1000 });
}

/** Same data and the same key order (JSON text), or no answer. */
function expectSameOrNone(text: string): 'same' | 'none' {
  const fast = readPlainYaml(text);
  if (fast === undefined) return 'none';
  expect(JSON.stringify(fast)).toBe(JSON.stringify(readByYaml(text)));
  expect(fast).toEqual(readByYaml(text));
  return 'same';
}

describe('readPlainYaml', () => {
  it('reads plain specs as `yaml` does', () => {
    const spec = [
      'openapi: 3.0.3',
      'info: {title: "Demo: *bold* & more", version: 1.0}',
      'paths:',
      '  /pets/{petId}:',
      '    get:',
      '      description: >-',
      '        Returns **one** pet; see [docs] or *emphasis* & ! marks?',
      '      responses:',
      '        200: {description: ok}',
      '        "404":',
      '          description: |',
      '            Not found.',
      '',
      '            Really.',
      'components:',
      '  schemas:',
      '    Pet:',
      '      properties:',
      '        "null": {type: string}',
      "        '[x]': {type: string}",
      '        __proto__: {type: integer}',
      '        size: {type: number, minimum: -0.5, maximum: 1e3, default: +12, enum: [0o17, 0x1F, .inf, -.Inf, .nan]}',
      '        flags: {enum: [true, False, TRUE, yes, on, ~, null, NULL, nUll, 0b101, 1_000, 1e400, 2023-09-07, 1.]}',
      '      required: [a, a]',
      '      x: 1',
      '      x: 2',
      '      <<: {merged: no}',
    ].join('\n');
    expect(expectSameOrNone(spec)).toBe('same');
  });

  it.each([
    ['a null key', 'a: 1\nnull: 2\n'],
    ['a ~ key', 'a: 1\n~: 2\n'],
    ['an empty key', 'a: 1\n: 2\n'],
    ['an explicit key', 'a: 1\n? [b, c]\n: 2\n'],
    ['a flow sequence key', 'a: 1\n[b, c]: 2\n'],
    ['a flow mapping key', 'a: 1\n{b: c}: 2\n'],
    ['a flow key in a sequence', 'a:\n  - [b]: 2\n'],
    ['an anchor and alias', 'a: &x {b: 1}\nc: *x\n'],
    ['a scalar alias', 'a: &x 1\nc: *x\n'],
    ['a standard tag', 'a: !!str 12\n'],
    ['a float tag on an integer', 'a: !!float 1\n'],
    ['a non-specific tag', 'a: ! 12\n'],
    ['a custom tag', 'a: !custom 12\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['a byte-order mark', '\uFEFFa: 1\n'],
    ['CRLF line ends', 'a: |\r\n  x\r\n  y\r\nb: 1\r\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a scalar document', 'just text\n'],
    ['an empty document', ''],
    ['a sequence document', '- a\n- b\n'],
    ['a syntax error', 'a: [1, 2\nb: 3\n'],
    ['a tab indentation', 'a:\n\tb: 1\n'],
    [
      'deep nesting',
      `${'a:\n'.replace('a', 'x')}${Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')} 1\n`,
    ],
  ])('gives the same answer or none for %s', (_name, text) => {
    expectSameOrNone(text);
  });

  it('keeps -0, infinities and NaN, which a copy through JSON would lose', () => {
    const read = readPlainYaml('a: -0\nb: -0.0\nc: .inf\nd: 1e400\ne: .nan\nf: [1, "x"]\n');
    expect(Object.is(read?.['a'], -0)).toBe(true);
    expect(Object.is(read?.['b'], -0)).toBe(true);
    expect(read).toEqual(readByYaml('a: -0\nb: -0.0\nc: .inf\nd: 1e400\ne: .nan\nf: [1, "x"]\n'));
    expect(readPlainYaml('a: 0\nb: [1.5, 2e3, "\\ud800 lone"]\n__proto__: {c: 1}\n')).toEqual(
      readByYaml('a: 0\nb: [1.5, 2e3, "\\ud800 lone"]\n__proto__: {c: 1}\n'),
    );
  });

  it('leaves specs with anchors, tags or odd keys to `yaml`', () => {
    for (const text of [
      'a: &x 1\nc: *x\n',
      'a: !!str 12\n',
      'null: 1\n',
      '? a\n: 1\n',
      '[a]: 1\n',
      '%YAML 1.2\n---\na: 1\n',
    ])
      expect(readPlainYaml(text)).toBeUndefined();
  });
});
