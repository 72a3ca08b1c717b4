import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { AllowlistTool } from '../model/allowlist.js';
import { gatedOutputSchema, resolveApprovalQueue, resolveConfirmation } from './confirmation.js';

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
    expect(resolveConfirmation(tool({ risk: 'low', confirmation: 'approve' }))).toEqual({
      mode: 'approve',
      diagnostics: [],
    });
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

describe('approval queue setting', () => {
  it('follows the server default for high risk, and the tool overrides it either way', () => {
    expect(resolveApprovalQueue({ tool: tool({}), mode: 'approve', highRiskDefault: true }).queue).toBe(true);
    expect(resolveApprovalQueue({ tool: tool({}), mode: 'approve', highRiskDefault: false }).queue).toBe(false);
    expect(
      resolveApprovalQueue({ tool: tool({ approvalQueue: false }), mode: 'approve', highRiskDefault: true }).queue,
    ).toBe(false);
    expect(resolveApprovalQueue({ tool: tool({ risk: 'medium' }), mode: 'confirm', highRiskDefault: true }).queue).toBe(
      false,
    );
    expect(
      resolveApprovalQueue({
        tool: tool({ risk: 'medium', approvalQueue: true }),
        mode: 'person',
        highRiskDefault: false,
      }).queue,
    ).toBe(true);
  });

  it('is an error on a tool whose calls need no confirmation', () => {
    const located = tool({
      risk: 'low',
      approvalQueue: true,
      fieldLocations: { approval_queue: { file: 'mcpgen.yaml', line: 9, column: 21 } },
    });
    const { queue, diagnostics } = resolveApprovalQueue({ tool: located, mode: 'none', highRiskDefault: true });
    expect(queue).toBe(false);
    expect(formatDiagnostics(diagnostics)).toBe(
      'mcpgen.yaml:9:21: error MCPGEN_APPROVAL_QUEUE_UNGATED: tool "cancel_order" sets approval_queue: true, but its calls need no confirmation (risk "low"), so nothing would ever wait for approval\n' +
        '  hint: Remove the line, or set confirmation: person (or raise the risk) if a person must approve each call.',
    );
  });

  it('"person" is the strictest mode: allowed on medium, and on high', () => {
    expect(resolveConfirmation(tool({ risk: 'medium', confirmation: 'person' }))).toEqual({
      mode: 'person',
      diagnostics: [],
    });
    expect(resolveConfirmation(tool({ risk: 'high', confirmation: 'person' }))).toEqual({
      mode: 'person',
      diagnostics: [],
    });
  });

  it('a queued tool advertises the approval_pending status and its approval', () => {
    const schema = gatedOutputSchema(undefined, true);
    expect(Object.keys(schema.properties ?? {})).toEqual(['status', 'approval', 'confirmation']);
    expect((schema.properties?.['status'] as { enum: string[] }).enum).toContain('approval_pending');
  });
});
