import { describe, expect, it } from 'vitest';
import { ArgNamer, sanitizeArgName } from './arg-names.js';

describe('argument names', () => {
  it('keep safe wire names and clean the others', () => {
    expect(sanitizeArgName('customerId')).toBe('customerId');
    expect(sanitizeArgName('X-Request-Id')).toBe('X-Request-Id');
    expect(sanitizeArgName('filter[status]')).toBe('filter_status');
    expect(sanitizeArgName('$select')).toBe('select');
    expect(sanitizeArgName('***')).toBe('param');
    expect(sanitizeArgName('a'.repeat(80))).toHaveLength(64);
  });

  it('settle clashes by location prefix, then by number, in a fixed order', () => {
    const namer = new ArgNamer();
    expect(namer.name({ wireName: 'id', in: 'path' })).toBe('id');
    expect(namer.name({ wireName: 'id', in: 'query' })).toBe('query_id');
    expect(namer.name({ wireName: 'id', in: 'body' })).toBe('body_id');
    expect(namer.name({ wireName: 'query_id', in: 'query' })).toBe('query_query_id');
    expect(namer.name({ wireName: 'id', in: 'body' })).toBe('body_id_2');
  });

  it('never hands out a reserved name', () => {
    const namer = new ArgNamer();
    namer.reserve('confirmation_token');
    expect(namer.name({ wireName: 'confirmation_token', in: 'query' })).toBe('query_confirmation_token');
  });
});
