import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../model/json-schema.js';
import { checkRedact } from './redact.js';

const inputSchema: JsonSchema = {
  type: 'object',
  properties: {
    email: { type: 'string' },
    customer: {
      type: 'object',
      properties: {
        phone: { type: 'string' },
        address: { type: 'object', properties: { street: { type: 'string' } } },
      },
    },
    items: { type: 'array', items: { type: 'object', properties: { note: { type: 'string' } } } },
  },
};
const location = { file: 'mcpgen.yaml', line: 9, column: 13 };
const check = (redact: string[]) => checkRedact({ tool: 'create_order', redact, inputSchema, location });

describe('redact: in the allowlist', () => {
  it('accepts names at any depth and dot paths that lead somewhere, through arrays', () => {
    expect(check(['email', 'phone', 'street', 'customer.address.street', 'items.note'])).toEqual([]);
  });

  it('refuses a name no argument has, with a did-you-mean', () => {
    expect(check(['emial'])).toEqual([
      expect.objectContaining({
        code: 'MCPGEN_UNKNOWN_REDACT_FIELD',
        severity: 'error',
        location,
        message: 'tool "create_order" redacts "emial", which is not an argument of the tool',
        hint: expect.stringContaining('Did you mean "email"?'),
      }),
    ]);
  });

  it('refuses a dot path that leads nowhere, naming what exists where it stops', () => {
    const [problem] = check(['customer.phnoe', 'items.notes.x']);
    expect(problem?.hint).toContain('Did you mean "phone"?');
    expect(check(['items.notes.x'])[0]?.hint).toContain('Argument names here: note.');
  });
});
