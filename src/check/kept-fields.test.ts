import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../model/json-schema.js';
import { keptFieldFinding } from './kept-fields.js';

const context = { allowlist: 'mcpgen.yaml', allowExternalRefs: false };
const at = { file: 'mcpgen.yaml', line: 37, column: 7 };
const list = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items: { type: 'object', properties } } },
});
const assignee: JsonSchema = { type: 'string', format: 'uuid', description: 'Who works on it.' };

describe('keptFieldFinding', () => {
  it('suggests the new sibling with exactly the old schema as a rename, in report notation, and the allowlist edit', () => {
    const finding = keptFieldFinding({
      tool: 'list_tasks',
      operation: 'GET /tasks',
      field: 'items.assignee',
      recorded: list({ id: { type: 'string' }, assignee }),
      current: list({ id: { type: 'string' }, title: { type: 'string' }, assigneeId: assignee }),
      at,
      context,
    });
    expect(finding.message).toBe(
      'response field "items[].assignee", kept by response.fields, is gone from the response; did you mean "items[].assigneeId"? (added with the same schema: renamed?)',
    );
    expect(finding.fix).toBe(
      'replace "items.assignee" with "items.assigneeId" in response.fields at mcpgen.yaml:37:7, then run: mcpgen generate --allowlist mcpgen.yaml',
    );
  });

  it('falls back to the closest name when no sibling has the old schema', () => {
    const finding = keptFieldFinding({
      tool: 'list_tasks',
      operation: 'GET /tasks',
      field: 'items.assignee',
      recorded: list({ assignee }),
      current: list({ id: { type: 'string' }, assigned_to: { type: 'string' } }),
      at,
      context,
    });
    expect(finding.message).toContain('did you mean "items[].assigned_to"? (the closest field there)');
  });
});
