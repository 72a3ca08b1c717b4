import { describe, expect, it } from 'vitest';
// A test may look downstream: what counts is the code the printer writes from these trees.
import { printDeclarations } from '../render/code/print.js';
import { call, callsIdentifier, compactCode, constant, id, json, jsonValue, member, str, type Expr } from './syntax.js';

const HOSTILE = [
  '*/ alert(1) /*',
  '`${process.exit(1)}`',
  '${x}',
  'line\u2028separator\u2029paragraph',
  '</script><script>alert(1)</script>',
  '"double" \'single\'',
  "''' more single",
  'back\\slash \\u0041 \\',
  'new\nline\r\n\ttab',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '<!-- html comment -->',
  '',
];

/** The tree printed as a generated module declares it, then run. */
const evaluate = (value: Expr): unknown => {
  const source = printDeclarations(constant({ name: 'value', value, exported: false }));
  return new Function(`${source}\nreturn value;`)() as unknown;
};

describe('string nodes', () => {
  it.each(HOSTILE)('print %j as a literal that evaluates to it, on one line', (value) => {
    const source = printDeclarations(constant({ name: 'value', value: str(value), exported: false }));
    expect(source).not.toMatch(/[\u2028\u2029\r\u0000]/);
    expect(source.split('\n').length).toBeLessThanOrEqual(2);
    expect(evaluate(str(value))).toBe(value);
    expect(new Function(`return ${compactCode(str(value))};`)()).toBe(value);
  });
});

describe('jsonValue', () => {
  it('round-trips nested JSON including hostile strings', () => {
    const value = { a: [1, -2.5, 1e21, -1e-7, true, null, HOSTILE], 'b-c': { '</x>': 'y' }, '': 0 };
    expect(evaluate(jsonValue(value))).toEqual(value);
    expect(Object.keys(evaluate(jsonValue({ [HOSTILE[0]!]: 1, [HOSTILE[1]!]: 2 })) as object)).toEqual(
      HOSTILE.slice(0, 2),
    );
  });

  it('writes a __proto__ key as an own property, not a prototype', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as unknown;
    const copy = evaluate(jsonValue(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect(copy.polluted).toBeUndefined();
  });

  it('prints a json node (the plan keeps the value until then) as it prints the literals', () => {
    const value = { a: [1, -2, 'x'], 'b c': { d: true }, e: null };
    const declaration = (tree: Expr) => printDeclarations(constant({ name: 'value', value: tree }));
    expect(declaration(json(value))).toBe(declaration(jsonValue(value)));
    expect(compactCode(json(value))).toBe(compactCode(jsonValue(value)));
    expect(() => declaration(json({ a: undefined }))).toThrow(TypeError);
  });

  it('rejects what is not JSON', () => {
    expect(() => jsonValue(undefined)).toThrow(TypeError);
    expect(() => jsonValue(Number.NaN)).toThrow(TypeError);
    expect(() => jsonValue(() => 1)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonValue(cyclic)).toThrow(TypeError);
  });
});

describe('callsIdentifier', () => {
  it('finds a call of the function, nested anywhere', () => {
    const tree = call(member(call(member(id('z'), 'string')), 'check'), [call(id('specPattern'), [str('^a$')])]);
    expect(callsIdentifier(tree, 'specPattern')).toBe(true);
    expect(callsIdentifier(jsonValue({ a: [1] }), 'specPattern')).toBe(false);
  });

  it('ignores the name in strings, in members and in longer identifiers', () => {
    expect(callsIdentifier(call(member(id('z'), 'describe'), [str('specPattern(x)')]), 'specPattern')).toBe(false);
    expect(callsIdentifier(call(member(id('a'), 'specPattern'), [str('x')]), 'specPattern')).toBe(false);
    expect(callsIdentifier(call(id('mySpecPattern'), []), 'specPattern')).toBe(false);
  });
});
