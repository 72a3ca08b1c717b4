import { describe, expect, it } from 'vitest';
import { findResource, type ResourceDefinition } from './resources.js';

function resource(name: string, uri: string): ResourceDefinition {
  return {
    name,
    uri,
    title: name,
    description: name,
    mimeType: 'application/json',
    redact: [],
    request: { method: 'GET', path: '/x', params: [], security: [] },
    response: { maxBytes: 1000 },
  };
}

const RESOURCES = [
  resource('customer', 'company://customers/{customerId}'),
  resource('everyone', 'company://customers/all'),
  resource('line', 'company://orders/{orderId}/lines/{lineId}'),
  resource('catalogue', 'company://products'),
];

describe('findResource', () => {
  it('finds a fixed URI exactly, before any template that would also match it', () => {
    expect(findResource(RESOURCES, 'company://customers/all')?.resource.name).toBe('everyone');
    expect(findResource(RESOURCES, 'company://products')).toMatchObject({
      resource: { name: 'catalogue' },
      variables: {},
    });
  });

  it('decodes each variable of a template', () => {
    expect(findResource(RESOURCES, 'company://customers/cus%20001')?.variables).toEqual({
      customerId: 'cus 001',
    });
    expect(findResource(RESOURCES, 'company://orders/ord_1/lines/2')?.variables).toEqual({
      orderId: 'ord_1',
      lineId: '2',
    });
  });

  it.each([
    ['a longer path', 'company://customers/cus_001/orders'],
    ['a query string', 'company://customers/cus_001?x=1'],
    ['a fragment', 'company://customers/cus_001#x'],
    ['a reserved character a level-1 expansion would have encoded', 'company://customers/a/b'],
    ['an empty variable', 'company://customers/'],
    ['another scheme', 'other://customers/cus_001'],
    ['a literal part differing in case', 'company://Customers/cus_001'],
    ['percent-encoding that is not UTF-8', 'company://customers/%FF'],
    ['a regular-expression character in the literal part', 'company://productsX'],
  ])('finds nothing for %s', (_label, uri) => {
    expect(findResource(RESOURCES, uri)).toBeUndefined();
  });
});
