import { describe, expect, it } from 'vitest';
import { patternRisk } from './pattern-risk.js';

describe('patternRisk', () => {
  it.each([
    ['^(a+)+(?=b)', '(a+)+'],
    ['^(a*)*$', '(a*)*'],
    ['^(\\w+\\s?)*$', '(\\w+\\s?)*'],
    ['^(a{1,5})+$', '(a{1,5})+'],
    ['^(?:x+){3}$', '(?:x+){3}'],
    ['^((ab)*c)*$', '((ab)*c)*'],
    ['^(?<word>[a-z]+,?)+$', '(?<word>[a-z]+,?)+'],
  ])('flags %s: %s repeats a repetition', (pattern, at) => {
    expect(patternRisk(pattern)).toEqual({ kind: 'nested-quantifier', at });
  });

  it.each([
    '^cus_[0-9]+$',
    '^(\\d{1,3}\\.){3}\\d{1,3}$',
    '^[A-Z]{2}(-[A-Z0-9]{1,3})?$',
    '^(a|b)+$',
    '^\\(\\d+\\)+$',
    '[(+]+',
    '^a{2,1000}$',
    '\\p{L}+',
    '(unclosed',
  ])('keeps %s', (pattern) => {
    expect(patternRisk(pattern)).toBeUndefined();
  });

  it('flags huge counts, huge shortest matches and deep nesting, without recursing into them', () => {
    expect(patternRisk('a{600000000}')).toEqual({ kind: 'huge-count', count: 600000000 });
    expect(patternRisk('(a{900}){20}')).toMatchObject({ kind: 'too-long' });
    expect(patternRisk(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toEqual({ kind: 'too-nested' });
  });
});
