import type { DriftCode } from '../diagnostics/catalogue.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import type { AllowlistTool } from '../model/allowlist.js';
import { operationKey, type OperationRef } from '../model/operation.js';
import type { CurrentState, InvalidTool, UnresolvedTool } from './build-current.js';
import type { CurrentTool } from './compare-tools.js';
import type { ToolContract } from './contract.js';
import { keptFieldFinding } from './kept-fields.js';
import { editThenGenerate, type FixContext } from './fix-command.js';
import { pairRename } from './rename-pairing.js';
import type { FindingDraft } from './report.js';

/** Build problems that have their own drift code; any other becomes MCPGEN_DRIFT_ALLOWLIST_INVALID. */
const INVALID_CODES: Partial<Record<string, DriftCode>> = {
  MCPGEN_UNKNOWN_PARAM: 'MCPGEN_DRIFT_PARAM_OVERRIDE_UNKNOWN',
  MCPGEN_UNKNOWN_RESPONSE_FIELD: 'MCPGEN_DRIFT_KEPT_FIELD_MISSING',
  MCPGEN_AMBIGUOUS_OPERATION_ID: 'MCPGEN_DRIFT_OPERATION_AMBIGUOUS',
};

/**
 * The allowlist against the spec: entries that no longer resolve or no longer
 * build (errors, paired with a likely rename), disabled entries that name
 * nothing (information), and spec operations the allowlist does not mention
 * at all (information: added to the API since the allowlist was written).
 */
export function compareAllowlist(input: {
  state: CurrentState;
  operations: OperationRef[];
  recorded: Record<string, ToolContract>;
  specLabel: string;
  /** Where `tools:` is: spec-wide findings are anchored there. */
  toolsLocation: FileLocation;
  context: FixContext;
}): FindingDraft[] {
  const { state } = input;
  const taken = new Set([...state.resolved.values()].map(operationKey));
  const paired = new Set<string>();
  const findings: FindingDraft[] = [];
  for (const unresolved of state.unresolved) {
    const finding = unresolvedFinding({ ...input, unresolved, taken });
    if (finding.after !== undefined && typeof finding.after === 'string') paired.add(finding.after);
    findings.push(finding);
  }
  for (const invalid of state.invalid) {
    const current = state.current.find((c) => c.tool.name === invalid.tool.name);
    const recorded = Object.hasOwn(input.recorded, invalid.tool.name) ? input.recorded[invalid.tool.name] : undefined;
    findings.push(...invalidFindings({ invalid, current, recorded, context: input.context }));
  }
  findings.push(...disabledUnresolvedFindings({ disabled: state.disabled, specLabel: input.specLabel }));
  // An operation a resource reads was reviewed as much as one a tool calls (enabled or not).
  const resources = state.resources;
  const reviewed = new Set([
    ...taken,
    ...paired,
    ...[...state.disabled, ...resources.disabled].flatMap((d) => (d.operation ? [operationKey(d.operation)] : [])),
    ...resources.current.map((c) => c.contract.operation),
    ...resources.invalid.map((i) => operationKey(i.operation)),
  ]);
  for (const operation of input.operations) {
    const key = operationKey(operation);
    if (reviewed.has(key)) continue;
    findings.push({
      code: 'MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST',
      category: 'allowlist',
      operation: key,
      location: input.toolsLocation,
      specPointer: operation.pointer,
      subject: key,
      message: 'in the spec, but neither a tool nor a disabled entry of the allowlist',
      fix: `add a tool with "operation: ${key}" to ${input.context.allowlist}, or an entry with "enabled: false" to mark it reviewed`,
    });
  }
  return findings;
}

/** What an entry is, in messages and fixes: a tool, or a resource (whose findings name it `resource:<name>`). */
export interface EntryNoun {
  noun: 'tool' | 'resource';
  /** The entry's own name, as the allowlist writes it. */
  name: string;
}

/**
 * Disabled entries whose operation is gone from the spec: nothing to review any
 * more. A resource entry is named as a resource, by its own name.
 */
export function disabledUnresolvedFindings(input: {
  disabled: CurrentState['disabled'];
  specLabel: string;
  entry?: (tool: AllowlistTool) => EntryNoun;
}): FindingDraft[] {
  return input.disabled
    .filter(({ operation }) => !operation)
    .map(({ tool }) => {
      const entry = input.entry?.(tool) ?? { noun: 'tool', name: tool.name };
      const label = entry.noun === 'resource' ? `disabled resource "${entry.name}"` : `disabled entry "${entry.name}"`;
      return {
        code: 'MCPGEN_DRIFT_DISABLED_ENTRY_UNRESOLVED',
        category: 'allowlist',
        tool: tool.name,
        location: tool.fieldLocations['operation'] ?? tool.location,
        subject: `operation ${tool.operation}`,
        message: `${label} names "${tool.operation}", which is not in ${input.specLabel}`,
        fix: `delete the entry "${entry.name}" at ${formatLocation(tool.location)}`,
      };
    });
}

export function unresolvedFinding(input: {
  unresolved: UnresolvedTool;
  entry?: EntryNoun;
  operations: OperationRef[];
  recorded: Record<string, ToolContract>;
  taken: ReadonlySet<string>;
  specLabel: string;
  context: FixContext;
}): FindingDraft {
  const { tool, diagnostic } = input.unresolved;
  const entry = input.entry ?? { noun: 'tool', name: tool.name };
  const at = tool.fieldLocations['operation'] ?? tool.location;
  const recorded = Object.hasOwn(input.recorded, tool.name) ? input.recorded[tool.name] : undefined;
  const base = {
    category: 'allowlist' as const,
    tool: tool.name,
    operation: recorded?.operation ?? tool.operation,
    location: at,
    subject: `operation ${tool.operation}`,
    before: tool.operation,
  };
  if (diagnostic.code === 'MCPGEN_AMBIGUOUS_OPERATION_ID') {
    return {
      ...base,
      code: 'MCPGEN_DRIFT_OPERATION_AMBIGUOUS',
      message: diagnostic.message,
      fix: fixFrom({ diagnostic, at, context: input.context }),
    };
  }
  const pairing = pairRename({
    written: tool.operation,
    ...(recorded ? { recorded } : {}),
    operations: input.operations,
    taken: input.taken,
  });
  const gone = `"${tool.operation}" is ${recorded ? 'no longer' : 'not'} in ${input.specLabel}`;
  if (pairing.kind === 'path') {
    const key = operationKey(pairing.operation);
    return {
      ...base,
      code: 'MCPGEN_DRIFT_PATH_RENAMED',
      specPointer: pairing.operation.pointer,
      message: `${gone}; did you mean "${key}"? (${pairing.basis})`,
      fix: editThenGenerate({ context: input.context, edit: `set "operation: ${key}"`, at }),
      after: key,
    };
  }
  if (pairing.kind === 'operationId') {
    const key = operationKey(pairing.operation);
    const id = pairing.operation.operationId;
    return {
      ...base,
      code: 'MCPGEN_DRIFT_OPERATION_ID_RENAMED',
      specPointer: pairing.operation.pointer,
      message: `${gone}; ${key} now has ${id ? `operationId "${id}": did you mean "${id}"?` : 'no operationId'}`,
      fix: editThenGenerate({
        context: input.context,
        edit: `set "operation: ${key}" (stable across operationId renames)`,
        at,
      }),
      after: key,
    };
  }
  const hint = didYouMean(pairing.suggestions);
  return {
    ...base,
    code: 'MCPGEN_DRIFT_OPERATION_REMOVED',
    message: `${gone}${recorded ? `; the generated ${entry.noun} ${entry.noun === 'tool' ? 'calls' : 'reads'} an operation the API no longer has` : ''}${hint ? `; ${hint}` : ''}`,
    fix: editThenGenerate({
      context: input.context,
      edit: `remove ${entry.noun} "${entry.name}" or point its "operation:" at another operation`,
      at,
    }),
  };
}

export function invalidFindings(input: {
  invalid: InvalidTool;
  current: CurrentTool | undefined;
  recorded: ToolContract | undefined;
  context: FixContext;
}): FindingDraft[] {
  const { tool, operation, diagnostics } = input.invalid;
  const responseSchema = input.current?.responseSchema;
  const keptGone = responseSchema ? (input.current?.ignored?.responseFields ?? []) : [];
  return diagnostics.map((diagnostic) => {
    const at = diagnostic.location && 'line' in diagnostic.location ? diagnostic.location : tool.location;
    const field =
      diagnostic.code === 'MCPGEN_UNKNOWN_RESPONSE_FIELD'
        ? keptGone.find((f) => diagnostic.message.includes(`"${f}"`))
        : undefined;
    if (field !== undefined && responseSchema) {
      return keptFieldFinding({
        tool: tool.name,
        operation: operationKey(operation),
        field,
        ...(input.recorded?.outputSchema ? { recorded: input.recorded.outputSchema } : {}),
        current: responseSchema,
        at,
        specPointer: operation.pointer,
        context: input.context,
      });
    }
    return {
      code: INVALID_CODES[diagnostic.code] ?? 'MCPGEN_DRIFT_ALLOWLIST_INVALID',
      category: 'allowlist',
      tool: tool.name,
      operation: operationKey(operation),
      location: at,
      specPointer: operation.pointer,
      subject: `${diagnostic.code} ${diagnostic.message}`,
      message: diagnostic.message,
      fix: fixFrom({ diagnostic, at, context: input.context }),
    };
  });
}

function fixFrom(input: { diagnostic: { hint?: string }; at: FileLocation; context: FixContext }): string {
  const hint = input.diagnostic.hint?.replace(/\.$/, '').replace(/^[A-Z]/, (letter) => letter.toLowerCase());
  return editThenGenerate({
    context: input.context,
    edit: hint ? `edit the entry (${hint})` : 'edit the entry',
    at: input.at,
  });
}
