import { describe, expect, it } from 'vitest';
import { jsonLiteral, propertyKey, stringLiteral } from './literal.js';

const HOSTILE = [
  '*/ alert(1) /*',
  '`${process.exit(1)}`',
  '${x}',
  'line\u2028separator\u2029paragraph',
  '</script><script>alert(1)</script>',
  '"double" \'single\'',
  'back\\slash \\u0041 \\',
  'new\nline\r\n\ttab',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '<!-- html comment -->',
  '',
];

const evaluate = (code: string): unknown => new Function(`return ${code};`)() as unknown;

describe('stringLiteral', () => {
  it.each(HOSTILE)('round-trips %j', (value) => {
    const literal = stringLiteral(value);
    expect(evaluate(literal)).toBe(value);
    expect(literal).not.toMatch(/[\u2028\u2029\n\r\u0000]/);
    expect(literal).not.toContain('</');
    expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  });
});

describe('jsonLiteral', () => {
  it('round-trips nested JSON including hostile strings', () => {
    const value = { a: [1, -2.5, 1e21, true, null, HOSTILE], 'b-c': { '</x>': 'y' }, '': 0 };
    expect(evaluate(jsonLiteral(value))).toEqual(value);
  });

  it('writes a __proto__ key as an own property, not a prototype', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as unknown;
    const copy = evaluate(jsonLiteral(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect(copy.polluted).toBeUndefined();
  });

  it('rejects what is not JSON', () => {
    expect(() => jsonLiteral(undefined)).toThrow(TypeError);
    expect(() => jsonLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => jsonLiteral(() => 1)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonLiteral(cyclic)).toThrow(TypeError);
  });
});

describe('propertyKey', () => {
  it('quotes every key and computes __proto__', () => {
    expect(propertyKey('a-b')).toBe('"a-b"');
    expect(propertyKey('constructor')).toBe('"constructor"');
    expect(propertyKey('__proto__')).toBe('["__proto__"]');
    const object = evaluate(`{ ${propertyKey('__proto__')}: 1, ${propertyKey('1x')}: 2 }`) as Record<string, unknown>;
    expect(Object.keys(object)).toEqual(['__proto__', '1x']);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });
});
