import { describe, expect, it } from 'vitest';
import { generatorCodeDigest } from '../../scripts/generator-code.js';
import { GENERATOR_CODE_DIGEST } from './generator-code.js';

describe('the generator code digest', () => {
  it('matches the rendering code and libraries of this checkout', async () => {
    expect(
      GENERATOR_CODE_DIGEST,
      'src/plan or src/render changed since the digest was written: run `npm run golden:update`',
    ).toBe(await generatorCodeDigest());
  });
});
