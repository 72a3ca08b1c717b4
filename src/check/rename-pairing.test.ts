import { describe, expect, it } from 'vitest';
import type { OperationRef } from '../model/operation.js';
import type { HttpMethod } from '../model/risk.js';
import { pairRename } from './rename-pairing.js';

function op(method: HttpMethod, path: string, operationId?: string): OperationRef {
  return {
    method,
    path,
    ...(operationId ? { operationId } : {}),
    pointer: `/paths/${path.replace(/\//g, '~1')}/${method}`,
    deprecated: false,
    tags: [],
  };
}

const OPERATIONS = [
  op('get', '/applications/{application_id}/activity-instances/{instance_id}', 'applications_get_activity_instance'),
  op('put', '/channels/{channel_id}/pins/{message_id}', 'deprecated_create_pin'),
  op('get', '/customers/{customerId}/order-history'),
  op('get', '/orders/{orderId}'),
  op('delete', '/channels/{channel_id}'),
  op('delete', '/lobbies/{lobby_id}'),
];
const none = new Set<string>();

describe('pairRename', () => {
  it('finds the same operationId at a new path', () => {
    const pairing = pairRename({
      written: 'GET /applications/{application_id}/activity-instance/{instance_id}',
      recorded: {
        operation: 'GET /applications/{application_id}/activity-instance/{instance_id}',
        operationId: 'applications_get_activity_instance',
      },
      operations: OPERATIONS,
      taken: none,
    });
    expect(pairing).toMatchObject({ kind: 'path', basis: 'same operationId "applications_get_activity_instance"' });
  });

  it('finds the same method and path under a new operationId', () => {
    const pairing = pairRename({
      written: 'pin_message',
      recorded: { operation: 'PUT /channels/{channel_id}/pins/{message_id}', operationId: 'pin_message' },
      operations: OPERATIONS,
      taken: none,
    });
    expect(pairing.kind).toBe('operationId');
    expect(pairing.kind === 'operationId' && pairing.operation.operationId).toBe('deprecated_create_pin');
  });

  it('finds one path segment slightly renamed, or only parameter names changed, without a manifest', () => {
    expect(
      pairRename({ written: 'GET /customers/{id}/order-histories', operations: OPERATIONS, taken: none }),
    ).toMatchObject({
      kind: 'path',
      operation: { path: '/customers/{customerId}/order-history' },
    });
    expect(pairRename({ written: 'GET /orders/{id}', operations: OPERATIONS, taken: none })).toMatchObject({
      kind: 'path',
      operation: { path: '/orders/{orderId}' },
    });
  });

  it('does not pair different resources that share a shape', () => {
    const pairing = pairRename({
      written: 'DELETE /guilds/{guild_id}',
      recorded: { operation: 'DELETE /guilds/{guild_id}', operationId: 'delete_guild' },
      operations: OPERATIONS,
      taken: none,
    });
    expect(pairing.kind).toBe('none');
  });

  it('never proposes an operation another tool uses', () => {
    const pairing = pairRename({
      written: 'GET /orders/{id}',
      operations: OPERATIONS,
      taken: new Set(['GET /orders/{orderId}']),
    });
    expect(pairing.kind).toBe('none');
  });
});
