import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../model/json-schema.js';
import { diffSchemas } from './schema-diff.js';

const customer: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['active', 'inactive', 'prospect'] },
    tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } } },
  },
  required: ['id'],
};

function edited(edit: (schema: JsonSchema) => void): JsonSchema {
  const copy = structuredClone(customer);
  edit(copy);
  return copy;
}

describe('diffSchemas', () => {
  it('finds nothing between equal schemas, whatever their keyword order', () => {
    const reordered: JsonSchema = { required: ['id'], properties: customer.properties!, type: 'object' };
    expect(diffSchemas({ before: customer, after: reordered })).toEqual([]);
  });

  it('reports added, removed and newly required properties by path', () => {
    const after = edited((s) => {
      delete s.properties!['status'];
      s.properties!['email'] = { type: 'string' };
      s.required = ['id', 'email'];
    });
    expect(diffSchemas({ before: customer, after })).toEqual([
      { kind: 'removed', path: 'status', required: false },
      { kind: 'added', path: 'email', required: true },
    ]);
  });

  it('pairs a removed and an added property with the same schema as one rename, descriptions aside', () => {
    const before: JsonSchema = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { assignee: { type: 'string', format: 'uuid', description: 'Who.' }, n: { type: 'integer' } },
            required: ['assignee'],
          },
        },
      },
    };
    const after = structuredClone(before);
    const element = after.properties!['items']!.items!;
    element.properties = {
      assigneeId: { type: 'string', format: 'uuid', description: 'Who, by id.' },
      n: { type: 'integer' },
    };
    element.required = ['assigneeId'];
    expect(diffSchemas({ before, after })).toEqual([
      { kind: 'renamed', path: 'items[].assignee', renamedTo: 'items[].assigneeId', required: true },
    ]);
  });

  it("does not pair when two added properties share the removed one's schema", () => {
    const before: JsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    const after: JsonSchema = { type: 'object', properties: { b: { type: 'string' }, c: { type: 'string' } } };
    expect(diffSchemas({ before, after }).map((c) => c.kind)).toEqual(['removed', 'added', 'added']);
  });

  it('reports a type change once, without walking below it', () => {
    const after = edited((s) => {
      s.properties!['tags'] = { type: 'string' };
    });
    expect(diffSchemas({ before: customer, after })).toEqual([
      { kind: 'type', path: 'tags', before: 'array', after: 'string' },
    ]);
  });

  it('reports enum changes with both value lists', () => {
    const after = edited((s) => {
      s.properties!['status']!.enum = ['active', 'inactive'];
    });
    expect(diffSchemas({ before: customer, after })).toEqual([
      { kind: 'enum', path: 'status', before: ['active', 'inactive', 'prospect'], after: ['active', 'inactive'] },
    ]);
  });

  it('walks into array items and names the keywords that changed', () => {
    const after = edited((s) => {
      s.properties!['tags']!.items!.properties!['name'] = { type: 'string', maxLength: 40, description: 'Tag name.' };
    });
    expect(diffSchemas({ before: customer, after })).toEqual([
      {
        kind: 'keywords',
        path: 'tags[].name',
        keywords: ['description', 'maxLength'],
        before: { description: null, maxLength: 20 },
        after: { description: 'Tag name.', maxLength: 40 },
      },
    ]);
  });

  it('reports reordered properties (the model sees arguments in that order)', () => {
    const after: JsonSchema = {
      ...customer,
      properties: {
        status: customer.properties!['status']!,
        id: customer.properties!['id']!,
        tags: customer.properties!['tags']!,
      },
    };
    expect(diffSchemas({ before: customer, after })).toEqual([
      { kind: 'order', path: '', before: ['id', 'status', 'tags'], after: ['status', 'id', 'tags'] },
    ]);
  });

  it('treats nullable as part of the type', () => {
    expect(diffSchemas({ before: { type: 'string' }, after: { type: ['string', 'null'] } })).toEqual([
      { kind: 'type', path: '', before: 'string', after: ['string', 'null'] },
    ]);
  });
});
