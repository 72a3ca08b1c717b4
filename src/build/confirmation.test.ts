import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { AllowlistTool } from '../model/allowlist.js';
import { gatedOutputSchema, resolveConfirmation } from './confirmation.js';

function tool(overrides: Partial<AllowlistTool>): AllowlistTool {
  return {
    name: 'cancel_order',
    operation: 'POST /orders/{id}/cancel',
    risk: 'high',
    openWorld: false,
    params: {},
    response: { strictness: 'lenient' },
    redact: [],
    location: { file: 'mcpgen.yaml', line: 4, column: 3 },
    fieldLocations: { confirmation: { file: 'mcpgen.yaml', line: 7, column: 19 } },
    ...overrides,
  };
}

describe('confirmation mode', () => {
  it('defaults from the risk level', () => {
    expect(resolveConfirmation(tool({ risk: 'read' })).mode).toBe('none');
    expect(resolveConfirmation(tool({ risk: 'low' })).mode).toBe('none');
    expect(resolveConfirmation(tool({ risk: 'medium' })).mode).toBe('confirm');
    expect(resolveConfirmation(tool({ risk: 'high' })).mode).toBe('approve');
  });

  it('may be made stricter', () => {
    expect(resolveConfirmation(tool({ risk: 'low', confirmation: 'approve' }))).toEqual({ mode: 'approve', diagnostics: [] });
  });

  it('may never be made looser', () => {
    const { diagnostics } = resolveConfirmation(tool({ risk: 'high', confirmation: 'confirm' }));
    expect(formatDiagnostics(diagnostics)).toBe(
      'mcpgen.yaml:7:19: error MCPGEN_CONFIRMATION_LOOSER_THAN_RISK: tool "cancel_order" sets confirmation "confirm", looser than "approve" which risk "high" requires\n' +
        '  hint: Remove the line (risk "high" implies "approve") or lower the tool\'s risk if the action really is safer.',
    );
  });

  it('gives gated tools an envelope output schema that holds the result or a preview', () => {
    const schema = gatedOutputSchema({ type: 'object', properties: { id: { type: 'string' } } });
    expect(schema.required).toEqual(['status']);
    expect(Object.keys(schema.properties ?? {})).toEqual(['status', 'result', 'confirmation']);
    expect(Object.keys(gatedOutputSchema(undefined).properties ?? {})).toEqual(['status', 'confirmation']);
  });
});
