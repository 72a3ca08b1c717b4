import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AllowlistTool } from '../model/allowlist.js';
import type { OperationRef } from '../model/operation.js';
import { draftDescription, oneLine } from './draft-description.js';

const SNIPPET_LENGTH = 60;
/**
 * Methods that overwrite or delete. A POST that creates is what `low` is for
 * (and what `init` suggests for it), so it is not warned about.
 */
const OVERWRITING_METHODS: readonly string[] = ['put', 'patch', 'delete'];

/**
 * Curation that generates but deserves a second look, as warnings at the
 * allowlist line: an overwrite or delete marked `low` (it runs unconfirmed and is
 * announced as not destructive), and a description still as `init` drafted it.
 */
export function curationWarnings(input: {
  tool: AllowlistTool;
  operation: OperationRef;
  op: { summary?: unknown; description?: unknown };
}): Diagnostic[] {
  const { tool, operation } = input;
  const warnings: Diagnostic[] = [];
  if (tool.risk === 'low' && OVERWRITING_METHODS.includes(operation.method.toLowerCase())) {
    const confirmed = tool.confirmation !== undefined && tool.confirmation !== 'none';
    warnings.push({
      code: 'MCPGEN_WRITE_RISK_LOW',
      severity: 'warning',
      message: `tool "${tool.name}" is marked risk "low", but ${operation.method.toUpperCase()} ${operation.path} overwrites or deletes data: the generated server ${
        confirmed ? 'asks for the confirmation you set, but' : 'runs it without any confirmation and'
      } tells clients it is not destructive (destructiveHint: false)`,
      location: tool.fieldLocations['risk'] ?? tool.location,
      hint: 'If it can delete or overwrite data, use risk: medium (confirmation) or high (a person\'s approval); keep "low" only for writes that are safe to run unattended.',
    });
  }
  const draft = draftDescription(input.op);
  if (tool.description !== undefined && draft !== undefined && oneLine(tool.description) === oneLine(draft)) {
    const text = oneLine(draft);
    warnings.push({
      code: 'MCPGEN_DESCRIPTION_IS_DRAFT',
      severity: 'warning',
      message: `tool "${tool.name}" still has the description mcpgen init drafted from the spec (${JSON.stringify(
        text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 3)}...` : text,
      )}); the model reads it to decide when to call the tool`,
      location: tool.fieldLocations['description'] ?? tool.location,
      hint: 'Rewrite it for the model: what the tool does, when to use it, and what it returns.',
    });
  }
  return warnings;
}
