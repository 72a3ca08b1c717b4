import { describe, expect, it } from 'vitest';
import { closestCandidates, didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts inserts, deletes and substitutions', () => {
    expect(editDistance({ from: 'description', to: 'description' })).toBe(0);
    expect(editDistance({ from: 'descripton', to: 'description' })).toBe(1);
    expect(editDistance({ from: 'kitten', to: 'sitting' })).toBe(3);
    expect(editDistance({ from: '', to: 'abc' })).toBe(3);
    expect(editDistance({ from: 'maxBytes', to: 'max_bytes' })).toBe(2);
  });
});

describe('closestCandidates', () => {
  const candidates = ['searchCustomers', 'getCustomer', 'createOrder', 'listProducts'];

  it('returns the nearest candidates first, case-insensitively', () => {
    expect(closestCandidates({ input: 'SearchCustomer', candidates })).toEqual(['searchCustomers']);
  });

  it('drops candidates beyond the distance limit and caps the count', () => {
    expect(closestCandidates({ input: 'zzz', candidates })).toEqual([]);
    expect(closestCandidates({ input: 'ab', candidates: ['abc', 'abd', 'abe', 'abf'], limit: 2 })).toEqual([
      'abc',
      'abd',
    ]);
  });

  it('breaks ties alphabetically and never suggests the input itself', () => {
    expect(closestCandidates({ input: 'risk', candidates: ['risky', 'risks', 'risk'] })).toEqual(['risks', 'risky']);
  });
});

describe('didYouMean', () => {
  it('phrases one or several suggestions', () => {
    expect(didYouMean([])).toBeUndefined();
    expect(didYouMean(['a'])).toBe('did you mean "a"?');
    expect(didYouMean(['a', 'b', 'c'])).toBe('did you mean "a", "b" or "c"?');
  });
});
