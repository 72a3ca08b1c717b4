import { resolveResourceOperations } from '../build/resolve-operations.js';
import { buildServerModel } from '../build/server-model.js';
import type { LoadedSpec } from '../load/spec.js';
import type { Allowlist, AllowlistResource, AllowlistTool } from '../model/allowlist.js';
import { operationKey, type OperationRef } from '../model/operation.js';
import type { ResourceModel, ServerModel } from '../model/server.js';
import { resourceContract } from '../plan/resource-view.js';
import type { InvalidTool, UnresolvedTool } from './build-current.js';
import { fullResponseSchema } from './response-schema.js';
import type { CurrentTool } from './compare-tools.js';
import type { ResourceContract } from './contract.js';

/** A resource entry that still builds, with the contract it would be generated from now. */
export interface CurrentResource extends CurrentTool {
  resource: AllowlistResource;
  contract: ResourceContract;
}

/**
 * The allowlist's resources against the current spec, entry by entry, in the
 * shapes the tool comparison reads: each entry stands as a read tool named
 * `resource:<name>` (the name its findings and audit lines carry), located at
 * the resource's own entry.
 */
export interface ResourceState {
  current: CurrentResource[];
  unresolved: UnresolvedTool[];
  /** With the current entry when a kept field is gone (to suggest its replacement). */
  invalid: Array<InvalidTool & { current?: CurrentTool }>;
  disabled: Array<{ tool: AllowlistTool; operation?: OperationRef }>;
}

const RESOLUTION_CODES = new Set(['MCPGEN_UNKNOWN_OPERATION', 'MCPGEN_AMBIGUOUS_OPERATION_ID']);

/** How findings name a resource, where they name a tool. */
export function resourceLabel(name: string): string {
  return `resource:${name}`;
}

/** The resource entry as the read tool the comparison machinery takes. */
export function resourceAsTool(resource: AllowlistResource): AllowlistTool {
  return {
    name: resourceLabel(resource.name),
    operation: resource.operation,
    risk: 'read',
    ...(resource.title === undefined ? {} : { title: resource.title }),
    ...(resource.description === undefined ? {} : { description: resource.description }),
    openWorld: false,
    ...(resource.enabled === undefined ? {} : { enabled: resource.enabled }),
    params: resource.params,
    response: resource.response,
    redact: resource.redact,
    location: resource.location,
    fieldLocations: resource.fieldLocations,
  };
}

/**
 * Every resource entry of the allowlist: from the whole model when it built
 * (the common case), else each on its own, so that a broken resource is
 * reported against itself and the others are still compared.
 */
export function buildCurrentResources(input: {
  spec: LoadedSpec;
  allowlist: Allowlist;
  model: ServerModel | undefined;
}): ResourceState {
  const { spec, allowlist, model } = input;
  const state: ResourceState = { current: [], unresolved: [], invalid: [], disabled: [] };
  const byName = new Map((model?.resources ?? []).map((r) => [r.name, r]));
  for (const resource of allowlist.resources) {
    const tool = resourceAsTool(resource);
    const alone: Allowlist = { ...allowlist, tools: [], resources: [{ ...resource, enabled: true }] };
    const resolution = resolveResourceOperations({
      allowlist: alone,
      operations: spec.operations,
      specLabel: spec.label,
    });
    const operation = resolution.resolved[0]?.operation;
    if (resource.enabled === false) {
      state.disabled.push({ tool, ...(operation ? { operation } : {}) });
      continue;
    }
    const unresolved = resolution.diagnostics.find((d) => RESOLUTION_CODES.has(d.code));
    if (unresolved) {
      state.unresolved.push({ tool, diagnostic: unresolved });
      continue;
    }
    if (!operation) {
      // Resolved to an operation that cannot be a resource (not a GET): the entry no longer builds.
      const named = spec.operations.find(
        (op) => operationKey(op) === resource.operation || op.operationId === resource.operation,
      );
      if (named) state.invalid.push({ tool, operation: named, diagnostics: resolution.diagnostics });
      else if (resolution.diagnostics[0]) state.unresolved.push({ tool, diagnostic: resolution.diagnostics[0] });
      continue;
    }
    const whole = byName.get(resource.name);
    const own = whole ? undefined : buildServerModel({ spec, allowlist: alone });
    const built = whole ?? own?.model?.resources[0];
    if (built) {
      state.current.push(currentOf({ resource, tool, model: built }));
      continue;
    }
    const errors = (own?.diagnostics ?? []).filter((d) => d.severity === 'error');
    const gone = keptFieldsGone({ resource, messages: errors.map((d) => d.message) });
    const responseSchema = gone.length > 0 ? fullResponseSchema({ spec, operation }) : undefined;
    state.invalid.push({
      tool,
      operation,
      diagnostics: errors,
      ...(responseSchema
        ? {
            current: {
              tool,
              contract: { operation: operationKey(operation) },
              pointer: operation.pointer,
              ignored: { responseFields: gone, params: [] },
              responseSchema,
            },
          }
        : {}),
    });
  }
  return state;
}

function currentOf(input: { resource: AllowlistResource; tool: AllowlistTool; model: ResourceModel }): CurrentResource {
  const contract = JSON.parse(JSON.stringify(resourceContract(input.model))) as ResourceContract;
  return { resource: input.resource, tool: input.tool, contract, pointer: input.model.pointer };
}

/** The kept fields the build could not find (its message quotes each). */
function keptFieldsGone(input: { resource: AllowlistResource; messages: string[] }): string[] {
  return (input.resource.response.fields ?? []).filter((field) =>
    input.messages.some((message) => message.includes(`response field "${field}" does not exist`)),
  );
}
