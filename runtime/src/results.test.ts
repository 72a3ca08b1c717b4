import { describe, expect, it } from 'vitest';
import { successResult } from './results.js';
import type { ToolDefinition } from './types.js';

const SECRET = 'sk_live_0123456789abcdef';

function textTool(maxBytes: number): ToolDefinition {
  return {
    name: 't',
    risk: 'read',
    confirmation: 'none',
    redact: [],
    listing: { name: 't', inputSchema: { type: 'object' } },
    input: undefined as never,
    request: { method: 'GET', path: '/x', params: [], security: [] },
    response: { maxBytes, strictness: 'lenient' },
  };
}

function textOf(body: string, maxBytes: number): string {
  const result = successResult({
    tool: textTool(maxBytes),
    response: {
      kind: 'response',
      status: 200,
      statusText: 'OK',
      contentType: 'text/plain',
      body,
      cut: false,
      bytes: body.length,
    },
    onOutputMismatch: () => undefined,
    secretForms: [SECRET],
  });
  const [first] = result.content;
  return first?.type === 'text' ? first.text : '';
}

describe('successResult for a text answer', () => {
  it('leaves no part of a credential where the size cap cuts through it', () => {
    const body = `echo: ${SECRET} and more`;
    // The cap falls inside the credential: "echo: sk_live_0123".
    const text = textOf(body, 'echo: sk_live_0123'.length);
    expect(text).not.toContain('sk_live_0');
    expect(text).toContain('[redacted]');
    expect(text).toContain('[Response cut at');
  });

  it('scrubs before cutting, so a whole credential is never half kept', () => {
    const text = textOf(`${SECRET}${'x'.repeat(50)}`, 30);
    expect(text.startsWith('[redacted]')).toBe(true);
    expect(text).not.toContain('sk_live');
  });
});
