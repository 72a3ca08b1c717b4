import { resolveOperations } from '../build/resolve-operations.js';
import { buildServerModel } from '../build/server-model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/spec.js';
import type { Allowlist, AllowlistTool } from '../model/allowlist.js';
import { operationKey, type OperationRef } from '../model/operation.js';
import type { ServerModel } from '../model/server.js';
import { toolContract } from '../plan/manifest.js';
import { buildCurrentResources, type ResourceState } from './build-resources.js';
import type { CurrentTool } from './compare-tools.js';
import { fullResponseSchema } from './response-schema.js';
import type { ToolContract } from './contract.js';

/** An allowlist entry whose operation the spec no longer has (or no longer has once). */
export interface UnresolvedTool {
  tool: AllowlistTool;
  diagnostic: Diagnostic;
}

/** An entry that still resolves, but that the spec no longer lets mcpgen build as written. */
export interface InvalidTool {
  tool: AllowlistTool;
  operation: OperationRef;
  diagnostics: Diagnostic[];
}

/** The allowlist against the current spec, tool by tool, and the whole model when every tool builds. */
export interface CurrentState {
  /** Enabled entries that resolve: tool name → operation. */
  resolved: Map<string, OperationRef>;
  unresolved: UnresolvedTool[];
  invalid: InvalidTool[];
  /** Disabled entries, with their operation unless it no longer resolves. */
  disabled: Array<{ tool: AllowlistTool; operation?: OperationRef }>;
  current: CurrentTool[];
  /** The resource entries, compared as read tools named `resource:<name>`. */
  resources: ResourceState;
  model?: ServerModel;
}

const RESOLUTION_CODES = new Set(['MCPGEN_UNKNOWN_OPERATION', 'MCPGEN_AMBIGUOUS_OPERATION_ID']);

/**
 * Builds each enabled tool on its own, so every problem is attributed to the
 * tool that has it and the tools that still build can be compared; then the
 * whole model, which is what `generate` would render.
 */
export function buildCurrent(input: { spec: LoadedSpec; allowlist: Allowlist }): CurrentState {
  const state = buildAtOnce(input) ?? buildToolByTool(input);
  return { ...state, resources: buildCurrentResources({ ...input, model: state.model }) };
}

/**
 * The common case, a project whose every entry still resolves and builds:
 * one resolution and one build of the whole allowlist. Undefined when
 * anything is wrong, so that the tool-by-tool build attributes each problem.
 */
function buildAtOnce(input: { spec: LoadedSpec; allowlist: Allowlist }): Omit<CurrentState, 'resources'> | undefined {
  const { spec, allowlist } = input;
  // Disabled entries are resolved too: one that no longer resolves is reported.
  const everyEntry: Allowlist = { ...allowlist, tools: allowlist.tools.map((tool) => ({ ...tool, enabled: true })) };
  const resolution = resolveOperations({ allowlist: everyEntry, operations: spec.operations, specLabel: spec.label });
  if (resolution.diagnostics.length > 0 || resolution.resolved.length !== allowlist.tools.length) return undefined;
  const enabled = resolution.resolved.filter(
    ({ tool }) => allowlist.tools.find((t) => t.name === tool.name)?.enabled !== false,
  );
  if (new Set(enabled.map(({ operation }) => operationKey(operation))).size !== enabled.length) return undefined;
  const full = buildServerModel({ spec, allowlist });
  if (!full.model || full.ignored.size > 0 || full.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const byName = new Map(full.model.tools.map((t) => [t.name, t]));
  const state = { ...emptyToolState(), model: full.model };
  for (const { tool: resolved, operation } of resolution.resolved) {
    const tool = allowlist.tools.find((t) => t.name === resolved.name)!;
    if (tool.enabled === false) {
      state.disabled.push({ tool, operation });
      continue;
    }
    const model = byName.get(tool.name);
    if (!model) return undefined;
    state.resolved.set(tool.name, operation);
    state.current.push({ tool, contract: asContract(toolContract(model)), pointer: model.pointer });
  }
  return state;
}

/** The tool half of the state before any entry is looked at. */
function emptyToolState(): Omit<CurrentState, 'resources'> {
  return { resolved: new Map(), unresolved: [], invalid: [], disabled: [], current: [] };
}

function buildToolByTool(input: { spec: LoadedSpec; allowlist: Allowlist }): Omit<CurrentState, 'resources'> {
  const { spec, allowlist } = input;
  const state = emptyToolState();
  const usedBy = new Map<string, string>();
  const single = (tool: AllowlistTool): Allowlist => ({ ...allowlist, tools: [{ ...tool, enabled: true }] });
  for (const tool of allowlist.tools) {
    const resolution = resolveOperations({
      allowlist: single(tool),
      operations: spec.operations,
      specLabel: spec.label,
    });
    const operation = resolution.resolved[0]?.operation;
    if (tool.enabled === false) {
      state.disabled.push({ tool, ...(operation ? { operation } : {}) });
      continue;
    }
    const unresolved = resolution.diagnostics.find((d) => RESOLUTION_CODES.has(d.code));
    if (!operation || unresolved) {
      state.unresolved.push({ tool, diagnostic: unresolved ?? resolution.diagnostics[0]! });
      continue;
    }
    state.resolved.set(tool.name, operation);
    const first = usedBy.get(operationKey(operation));
    if (first) {
      state.invalid.push({ tool, operation, diagnostics: [duplicate({ tool, first, operation })] });
      continue;
    }
    usedBy.set(operationKey(operation), tool.name);
    // Built even when the entry no longer builds as written, so that its other drift is still reported.
    const built = buildServerModel({ spec, allowlist: single(tool), partial: true });
    const model = built.model?.tools[0];
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    const ignored = built.ignored.get(tool.name);
    if (model) {
      const keptGone = (ignored?.responseFields.length ?? 0) > 0;
      const responseSchema = keptGone ? fullResponseSchema({ spec, operation }) : undefined;
      state.current.push({
        tool,
        contract: asContract(toolContract(model)),
        pointer: model.pointer,
        ...(ignored ? { ignored } : {}),
        ...(responseSchema ? { responseSchema } : {}),
      });
    }
    if (errors.length > 0) state.invalid.push({ tool, operation, diagnostics: errors });
  }
  if (state.unresolved.length > 0 || state.invalid.length > 0) return state;

  const full = buildServerModel({ spec, allowlist });
  if (!full.model) {
    // Problems only the whole allowlist shows. A resource's are reported against that resource
    // (see build-resources.ts); the rest against the first tool, so none is lost.
    const ofResources = new Set(
      buildServerModel({ spec, allowlist: { ...allowlist, tools: [] } }).diagnostics.map(diagnosticKey),
    );
    const rest = full.diagnostics.filter((d) => d.severity === 'error' && !ofResources.has(diagnosticKey(d)));
    const [tool] = allowlist.tools.filter((t) => t.enabled !== false);
    const firstOperation = tool ? state.resolved.get(tool.name) : undefined;
    if (tool && firstOperation && rest.length > 0)
      state.invalid.push({ tool, operation: firstOperation, diagnostics: rest });
    return state;
  }
  const byName = new Map(full.model.tools.map((t) => [t.name, t]));
  state.current = state.current.map((entry) => {
    const model = byName.get(entry.tool.name);
    return model ? { ...entry, contract: asContract(toolContract(model)) } : entry;
  });
  state.model = full.model;
  return state;
}

/** The contract as the manifest stores it: plain JSON, read back the same way. */
function asContract(contract: ReturnType<typeof toolContract>): ToolContract {
  return JSON.parse(JSON.stringify(contract)) as ToolContract;
}

function diagnosticKey(diagnostic: Diagnostic): string {
  return JSON.stringify([diagnostic.code, diagnostic.message, diagnostic.location ?? null]);
}

function duplicate(input: { tool: AllowlistTool; first: string; operation: OperationRef }): Diagnostic {
  return {
    code: 'MCPGEN_DUPLICATE_OPERATION',
    severity: 'error',
    message: `tool "${input.tool.name}" names operation "${operationKey(input.operation)}", which tool "${input.first}" already exposes`,
    location: input.tool.fieldLocations['operation'] ?? input.tool.location,
    hint: `expose each operation through one tool only: remove "${input.tool.name}" or merge it into "${input.first}"`,
  };
}
