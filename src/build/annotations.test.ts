import { describe, expect, it } from 'vitest';
import { buildAnnotations, titleFromName } from './annotations.js';

describe('annotations from risk and method', () => {
  it.each([
    ['read', 'get', { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ['low', 'post', { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ['medium', 'put', { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ['medium', 'patch', { readOnlyHint: false, destructiveHint: true, idempotentHint: false }],
    ['high', 'delete', { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
  ] as const)('%s %s', (risk, method, expected) => {
    expect(buildAnnotations({ title: 'T', risk, method, openWorld: false })).toEqual({
      title: 'T',
      openWorldHint: false,
      ...expected,
    });
  });

  it('sets openWorldHint only when the allowlist says so', () => {
    expect(buildAnnotations({ title: 'T', risk: 'read', method: 'get', openWorld: true }).openWorldHint).toBe(true);
  });

  it('derives a readable title from a tool name', () => {
    expect(titleFromName('get_orders_for_customer')).toBe('Get orders for customer');
    expect(titleFromName('listProducts')).toBe('List products');
  });
});
