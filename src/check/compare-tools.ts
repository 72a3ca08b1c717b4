import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { AllowlistTool } from '../model/allowlist.js';
import type { JsonSchema } from '../model/json-schema.js';
import { editThenGenerate, generateCommand, type FixContext } from './fix-command.js';
import type { IgnoredRefinements } from '../build/tool.js';
import { compareOutput, compareParams, type Explained } from './compare-schemas.js';
import { fieldLocation, snippet, toolFinding, type ToolContract, type ToolScope } from './contract.js';
import { canonicalJson, type FindingDraft } from './report.js';

/** A tool the current spec and allowlist still build, with the contract it would be generated from now. */
export interface CurrentTool {
  tool: AllowlistTool;
  contract: ToolContract;
  /** JSON pointer to the operation in the current spec. */
  pointer: string;
  /**
   * Refinements of the allowlist entry the spec no longer has, which the
   * contract was built without: the allowlist comparison reports them, so the
   * same fact is not reported again as a removed response field or parameter.
   */
  ignored?: IgnoredRefinements;
  /** The whole current success response, when a kept response field is gone (to suggest a replacement). */
  responseSchema?: JsonSchema;
}

/**
 * Each tool's contract recorded in the manifest against the one the current
 * spec gives. Tools whose operation no longer resolves are left to the
 * allowlist comparison (`unresolved`), so one cause is reported once.
 */
export function compareTools(input: {
  recorded: Record<string, ToolContract>;
  current: CurrentTool[];
  /** Every allowlist entry, enabled or not. */
  allowlist: AllowlistTool[];
  unresolved: ReadonlySet<string>;
  /** Where `tools:` is: a tool the allowlist no longer lists is anchored there. */
  toolsLocation: FileLocation;
  context: FixContext;
}): FindingDraft[] {
  const { recorded, context } = input;
  const findings: FindingDraft[] = [];
  for (const current of input.current) {
    const scope: ToolScope = {
      tool: current.tool,
      operation: current.contract.operation,
      pointer: current.pointer,
      context,
    };
    const before = Object.hasOwn(recorded, current.tool.name) ? recorded[current.tool.name] : undefined;
    if (!before) {
      findings.push(
        toolFinding({
          scope,
          code: 'MCPGEN_DRIFT_TOOL_NOT_GENERATED',
          subject: 'tool',
          message: `tool "${current.tool.name}" is in the allowlist but not in the generated server`,
        }),
      );
      continue;
    }
    findings.push(...compareContract({ scope, before, after: current.contract, ignored: current.ignored }));
  }
  const enabled = new Set(input.allowlist.filter((t) => t.enabled !== false).map((t) => t.name));
  for (const [name, contract] of Object.entries(recorded)) {
    if (enabled.has(name) || input.unresolved.has(name)) continue;
    const entry = input.allowlist.find((t) => t.name === name);
    findings.push({
      code: 'MCPGEN_DRIFT_TOOL_NOT_IN_ALLOWLIST',
      category: 'tools',
      tool: name,
      operation: contract.operation,
      location: entry ? fieldLocation({ tool: entry, field: 'enabled' }) : input.toolsLocation,
      subject: 'tool',
      message: `the generated server still exposes tool "${name}", which the allowlist ${entry ? 'disables' : 'no longer lists'}`,
      fix: `run: ${generateCommand(context)}`,
    });
  }
  return findings;
}

/** One tool's recorded contract against its current one (a resource's too: see compare-resources.ts). */
export function compareContract(input: {
  scope: ToolScope;
  before: ToolContract;
  after: ToolContract;
  ignored: IgnoredRefinements | undefined;
}): FindingDraft[] {
  const { scope, before, after } = input;
  // The common case, an unchanged tool, without walking its schemas. (Exact text: a reordering still gets the full comparison.)
  if (!input.ignored && JSON.stringify(before) === JSON.stringify(after)) return [];
  const explained = explainedBy(input.ignored);
  const identity = compareIdentity(input);
  if (identity.replaced) return identity.findings;
  const findings = [...identity.findings, ...compareGovernance(input), ...compareText(input)];
  if (before.deprecated !== after.deprecated) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_DEPRECATED',
        subject: 'deprecated',
        message: after.deprecated
          ? 'the operation is now deprecated in the spec; plan its replacement'
          : 'the operation is no longer deprecated',
        before: before.deprecated ?? false,
        after: after.deprecated ?? false,
      }),
    );
  }
  findings.push(...compareParams({ scope, before: before.params ?? [], after: after.params ?? [], explained }));
  if (json(before.body) !== json(after.body)) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_REQUEST_BODY',
        subject: 'body',
        message: `the request body changed from ${snippet(before.body ?? 'none')} to ${snippet(after.body ?? 'none')}`,
        before: before.body ?? null,
        after: after.body ?? null,
      }),
    );
  }
  findings.push(...compareOutput({ ...input, explained }));
  if (json(sorted(before.security)) !== json(sorted(after.security))) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_SECURITY',
        subject: 'security',
        message: `security changed from ${securityText(before.security)} to ${securityText(after.security)}`,
        before: before.security ?? [],
        after: after.security ?? [],
      }),
    );
  }
  if (findings.length === 0 && !explained.any() && json(before) !== json(after)) findings.push(otherChange(input));
  return findings;
}

/**
 * Which changes the ignored refinements already account for: a removed
 * response field the entry keeps (`items.company` is `items[].company` in the
 * response, `result.items[].company` in a gated tool's), a removed parameter
 * the entry overrides.
 */
function explainedBy(ignored: IgnoredRefinements | undefined): Explained {
  let used = false;
  const fields = ignored?.responseFields ?? [];
  const params = new Set(ignored?.params ?? []);
  return {
    responseField: (path) => {
      const plain = path.replace(/\[\]|\{\}/g, '');
      const hit = fields.some((field) => plain === field || plain.endsWith(`.${field}`));
      used ||= hit;
      return hit;
    },
    param: (param) => {
      const hit = params.has(param.arg) || params.has(param.name);
      used ||= hit;
      return hit;
    },
    any: () => used,
  };
}

/** Same operation at a new path or under a new operationId, or another operation altogether. */
function compareIdentity(input: { scope: ToolScope; before: ToolContract; after: ToolContract }): {
  findings: FindingDraft[];
  replaced: boolean;
} {
  const { scope, before, after } = input;
  if (before.operation !== after.operation) {
    const moved = before.operationId !== undefined && before.operationId === after.operationId;
    return {
      replaced: !moved,
      findings: [
        toolFinding({
          scope,
          code: moved ? 'MCPGEN_DRIFT_PATH_RENAMED' : 'MCPGEN_DRIFT_OPERATION_CHANGED',
          subject: 'operation',
          message: moved
            ? `operation "${before.operationId}" moved from ${before.operation} to ${after.operation}; the generated tool still calls the old path`
            : `the allowlist now maps this tool to ${after.operation}, but it was generated from ${before.operation}`,
          before: before.operation,
          after: after.operation,
        }),
      ],
    };
  }
  if (before.operationId === after.operationId) return { findings: [], replaced: false };
  return {
    replaced: false,
    findings: [
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_OPERATION_ID_CHANGED',
        subject: 'operationId',
        message: `the operationId changed from ${snippet(before.operationId ?? 'none')} to ${snippet(after.operationId ?? 'none')}; the allowlist names the operation by method and path, so the tool still calls it`,
        before: before.operationId ?? null,
        after: after.operationId ?? null,
      }),
    ],
  };
}

function compareGovernance(input: { scope: ToolScope; before: ToolContract; after: ToolContract }): FindingDraft[] {
  const { scope, before, after } = input;
  return (['risk', 'confirmation'] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) =>
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_RISK_CHANGED',
        subject: field,
        field,
        message: `${field} is "${after[field] ?? 'unset'}" in the allowlist, but the generated tool enforces "${before[field] ?? 'unset'}"`,
        before: before[field] ?? null,
        after: after[field] ?? null,
      }),
    );
}

/** The spec's summary and description: the model reads them unless the allowlist gives its own text. */
function compareText(input: { scope: ToolScope; before: ToolContract; after: ToolContract }): FindingDraft[] {
  const { scope, before, after } = input;
  const overridden = { summary: scope.tool.title !== undefined, description: scope.tool.description !== undefined };
  return (['summary', 'description'] as const)
    .filter((field) => before.specText?.[field] !== after.specText?.[field])
    .map((field) => {
      const was = before.specText?.[field] ?? '';
      const now = after.specText?.[field] ?? '';
      const allowlistField = field === 'summary' ? 'title' : 'description';
      const fix = overridden[field]
        ? editThenGenerate({
            context: scope.context,
            edit: `re-read the tool's ${allowlistField} against the new spec text`,
            at: fieldLocation({ tool: scope.tool, field: allowlistField }),
          })
        : `run: ${generateCommand(scope.context)}`;
      return toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_DESCRIPTION',
        subject: `specText ${field}`,
        field: overridden[field] ? allowlistField : undefined,
        message: `the spec's ${field} changed from ${snippet(was)} to ${snippet(now)}${
          overridden[field] ? ` (the model reads the allowlist's ${allowlistField} instead)` : ' (the model reads it)'
        }`,
        before: was,
        after: now,
        fix,
      });
    });
}

function otherChange(input: { scope: ToolScope; before: ToolContract; after: ToolContract }): FindingDraft {
  const { scope, before, after } = input;
  const was = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .filter((key) => json(was[key]) !== json(now[key]))
    .sort();
  return toolFinding({
    scope,
    code: 'MCPGEN_DRIFT_CONTRACT_CHANGED',
    subject: `contract ${fields.join(' ')}`,
    message: `the tool's contract changed in ${fields.join(', ')} (an allowlist override, or a change mcpgen does not itemise)`,
  });
}

function securityText(security: string[][] | undefined): string {
  if (!security || security.length === 0) return 'none';
  return security.map((set) => (set.length === 0 ? 'anonymous' : set.join(' + '))).join(' or ');
}

function sorted(security: string[][] | undefined): string[] {
  return (security ?? []).map((set) => [...set].sort().join('+')).sort();
}

/** Key order is not meaningful in a contract (property order is, and the schema diff reports it). */
function json(value: unknown): string {
  return canonicalJson(value ?? null);
}
