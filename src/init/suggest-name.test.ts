import { describe, expect, it } from 'vitest';
import type { OperationRef } from '../model/operation.js';
import type { HttpMethod } from '../model/risk.js';
import { suggestRisk } from './plan-init.js';
import { suggestToolName, suggestToolNames } from './suggest-name.js';

function op(method: HttpMethod, path: string, operationId?: string): OperationRef {
  return { method, path, ...(operationId ? { operationId } : {}), pointer: '', deprecated: false, tags: [] };
}

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

describe('suggestToolName', () => {
  it('snake-cases operationIds that start with a verb', () => {
    expect(suggestToolName(op('get', '/customers', 'searchCustomers'))).toBe('search_customers');
    expect(suggestToolName(op('get', '/customers/{customerId}/orders', 'listCustomerOrders'))).toBe(
      'list_customer_orders',
    );
    expect(suggestToolName(op('get', '/x', 'GetHTTPStatus'))).toBe('get_http_status');
  });

  it('moves the verb first, or replaces an HTTP method word with the verb the path suggests', () => {
    expect(
      suggestToolName(op('get', '/applications/{id}/activity-instance/{iid}', 'applications_get_activity_instance')),
    ).toBe('get_applications_activity_instance');
    expect(suggestToolName(op('post', '/v1/customers', 'PostCustomers'))).toBe('create_customers');
    expect(suggestToolName(op('get', '/widgets', 'widgetCatalogue'))).toBe('list_widget_catalogue');
  });

  it('derives verb and nouns from method and path when there is no operationId (Fastify)', () => {
    expect(suggestToolName(op('get', '/customers'))).toBe('list_customers');
    expect(suggestToolName(op('get', '/customers/{customerId}'))).toBe('get_customer');
    expect(suggestToolName(op('post', '/customers'))).toBe('create_customer');
    expect(suggestToolName(op('patch', '/customers/{customerId}'))).toBe('update_customer');
    expect(suggestToolName(op('delete', '/lobbies/{lobby_id}'))).toBe('delete_lobby');
    expect(suggestToolName(op('get', '/customers/{customerId}/orders'))).toBe('list_customer_orders');
    expect(suggestToolName(op('post', '/orders/{orderId}/cancel'))).toBe('cancel_order');
    expect(suggestToolName(op('get', '/health'))).toBe('get_health');
    expect(suggestToolName(op('get', '/api/v2/categories'))).toBe('list_categories');
  });

  it('keeps names valid and at most 48 characters', () => {
    const long = suggestToolName(op('get', '/x', 'getTheVeryLongNameOfSomethingThatGoesOnAndOnAndOnForeverAndEver'));
    expect(long.length).toBeLessThanOrEqual(48);
    expect(long).toMatch(TOOL_NAME);
    expect(suggestToolName(op('get', '/{id}', '2fa'))).toMatch(TOOL_NAME);
  });
});

describe('suggestToolNames', () => {
  it('makes clashing names unique, deterministically', () => {
    expect(
      suggestToolNames([op('get', '/a', 'getThing'), op('get', '/b', 'get_thing'), op('get', '/c', 'GetThing')]),
    ).toEqual(['get_thing', 'get_thing_2', 'get_thing_3']);
  });
});

describe('suggestRisk', () => {
  it('follows the method: GET read, POST low, PUT/PATCH medium, DELETE high', () => {
    expect(['get', 'post', 'put', 'patch', 'delete', 'head'].map((m) => suggestRisk(m as HttpMethod))).toEqual([
      'read',
      'low',
      'medium',
      'medium',
      'high',
      'read',
    ]);
  });
});
