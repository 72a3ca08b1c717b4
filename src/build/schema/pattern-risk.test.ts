import { describe, expect, it } from 'vitest';
import { patternRisk } from './pattern-risk.js';

describe('patternRisk', () => {
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
    // Nested repetitions are kept: the generated server runs patterns on RE2, in linear time.
    '^(a+)+$',
    '^(\\w+\\s?)*$',
  ])('keeps %s', (pattern) => {
    expect(patternRisk(pattern)).toBeUndefined();
  });

  it('flags huge counts, huge shortest matches and deep nesting, without recursing into them', () => {
    expect(patternRisk('a{600000000}')).toEqual({ kind: 'huge-count', count: 600000000 });
    expect(patternRisk('(a{900}){20}')).toMatchObject({ kind: 'too-long' });
    expect(patternRisk(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toEqual({ kind: 'too-nested' });
  });
});
