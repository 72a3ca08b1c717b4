import { describe, expect, it } from 'vitest';
import { buildOutput } from './output.js';

describe('output schema root', () => {
  it('is always a plain object, even when the response may be null', () => {
    const { output } = buildOutput({ schema: { type: ['object', 'null'], properties: { id: { type: 'string' } } } });
    expect(output.wrapKey).toBeUndefined();
    expect(output.schema.type).toBe('object');
  });
});
