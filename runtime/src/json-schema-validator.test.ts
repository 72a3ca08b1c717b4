import { describe, expect, it } from 'vitest';
import { LazyJsonSchemaValidator } from './json-schema-validator.js';

describe('LazyJsonSchemaValidator', () => {
  it('checks values against a JSON Schema as the SDK’s ajv validator does, loading it on first use', () => {
    const validator = new LazyJsonSchemaValidator();
    const check = validator.getValidator<{ approve: boolean }>({
      type: 'object',
      properties: { approve: { type: 'boolean' } },
      required: ['approve'],
    });
    expect(check({ approve: true })).toEqual({
      valid: true,
      data: { approve: true },
      errorMessage: undefined,
    });
    const refused = check({ approve: 'yes' });
    expect(refused.valid).toBe(false);
    expect(refused.errorMessage).toContain('boolean');
  });
});
