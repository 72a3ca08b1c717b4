import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { AllowlistResource } from '../model/allowlist.js';
import type { OperationRef } from '../model/operation.js';
import type { CurrentState } from './build-current.js';
import { resourceAsTool, resourceLabel, type CurrentResource } from './build-resources.js';
import { disabledUnresolvedFindings, invalidFindings, unresolvedFinding } from './compare-allowlist.js';
import { compareContract } from './compare-tools.js';
import { fieldLocation, snippet, toolFinding, type ResourceContract, type ToolScope } from './contract.js';
import { generateCommand, type FixContext } from './fix-command.js';
import type { FindingDraft } from './report.js';

/**
 * Each resource's contract recorded in the manifest against the one the
 * current spec and allowlist give, through the tool comparison: a resource is
 * a read tool whose arguments are its URI's variables, so its operation,
 * parameters, response fields, spec text, deprecation and security drift as
 * a tool's do and are classified the same way. What only a resource has is
 * compared here: its URI and MIME type. Findings name it `resource:<name>`,
 * at its allowlist entry.
 */
export function compareResources(input: {
  state: CurrentState;
  /** The manifest's resources; undefined without a usable manifest (nothing to compare contracts with). */
  recorded: Record<string, ResourceContract> | undefined;
  /** Every allowlist resource, enabled or not. */
  allowlist: AllowlistResource[];
  /** The current spec's operations, to pair a vanished one with its likely rename. */
  operations: OperationRef[];
  specLabel: string;
  /** Where `resources:` is (`tools:` without it): a resource the allowlist no longer lists is anchored there. */
  sectionLocation: FileLocation;
  context: FixContext;
}): FindingDraft[] {
  const { state, context } = input;
  const resources = state.resources;
  const recorded = input.recorded ?? {};
  const recordedAs = Object.fromEntries(
    Object.entries(recorded).map(([name, contract]) => [resourceLabel(name), contract]),
  );
  const recordedOf = (name: string) => (Object.hasOwn(recorded, name) ? recorded[name] : undefined);
  const nameOf = (label: string) => label.slice(resourceLabel('').length);
  const findings: FindingDraft[] = [];
  // Resources may share an operation with a tool or another resource: a rename is paired against any operation.
  const taken = new Set<string>();
  for (const unresolved of resources.unresolved) {
    findings.push(
      unresolvedFinding({
        unresolved,
        entry: { noun: 'resource', name: nameOf(unresolved.tool.name) },
        operations: input.operations,
        recorded: recordedAs,
        taken,
        specLabel: input.specLabel,
        context,
      }),
    );
  }
  for (const invalid of resources.invalid) {
    findings.push(
      ...invalidFindings({ invalid, current: invalid.current, recorded: recordedAs[invalid.tool.name], context }),
    );
  }
  findings.push(
    ...disabledUnresolvedFindings({
      disabled: resources.disabled,
      specLabel: input.specLabel,
      entry: (tool) => ({ noun: 'resource', name: nameOf(tool.name) }),
    }),
  );
  if (!input.recorded) return findings;
  for (const current of resources.current) {
    const before = recordedOf(current.resource.name);
    findings.push(...(before ? compareResource({ current, before, context }) : [notGenerated({ current, context })]));
  }
  const enabled = new Set(input.allowlist.filter((r) => r.enabled !== false).map((r) => r.name));
  for (const [name, contract] of Object.entries(recorded)) {
    if (enabled.has(name)) continue;
    const entry = input.allowlist.find((r) => r.name === name);
    findings.push({
      code: 'MCPGEN_DRIFT_RESOURCE_NOT_IN_ALLOWLIST',
      category: 'tools',
      tool: resourceLabel(name),
      operation: contract.operation,
      location: entry ? fieldLocation({ tool: resourceAsTool(entry), field: 'enabled' }) : input.sectionLocation,
      subject: 'resource',
      message: `the generated server still serves resource "${name}" (${contract.uri ?? 'its URI'}), which the allowlist ${entry ? 'disables' : 'no longer lists'}`,
      fix: `run: ${generateCommand(context)}`,
    });
  }
  return findings;
}

function compareResource(input: {
  current: CurrentResource;
  before: ResourceContract;
  context: FixContext;
}): FindingDraft[] {
  const { current, context } = input;
  const scope: ToolScope = {
    tool: current.tool,
    operation: current.contract.operation,
    pointer: current.pointer,
    context,
  };
  const { uri: uriBefore, mimeType: mimeBefore, ...before } = input.before;
  const { uri: uriAfter, mimeType: mimeAfter, ...after } = current.contract;
  const findings = compareContract({ scope, before, after, ignored: current.ignored }).map(asResourceText);
  if (uriBefore !== uriAfter) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_RESOURCE_URI',
        subject: 'uri',
        field: 'uri',
        message: `the allowlist gives the URI ${snippet(uriAfter ?? 'none')}, but the generated server serves ${snippet(uriBefore ?? 'none')}`,
        before: uriBefore ?? null,
        after: uriAfter ?? null,
      }),
    );
  }
  if (mimeBefore !== mimeAfter) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_RESOURCE_MIME_TYPE',
        subject: 'mimeType',
        field: 'mime_type',
        message: `the allowlist declares MIME type ${snippet(mimeAfter ?? 'none')}, but the generated server sends ${snippet(mimeBefore ?? 'none')}`,
        before: mimeBefore ?? null,
        after: mimeAfter ?? null,
      }),
    );
  }
  return findings;
}

function notGenerated(input: { current: CurrentResource; context: FixContext }): FindingDraft {
  const { current } = input;
  return toolFinding({
    scope: {
      tool: current.tool,
      operation: current.contract.operation,
      pointer: current.pointer,
      context: input.context,
    },
    code: 'MCPGEN_DRIFT_RESOURCE_NOT_GENERATED',
    subject: 'resource',
    message: `resource "${current.resource.name}" is in the allowlist but not in the generated server`,
  });
}

/** The tool comparison speaks of "the generated tool"; here it is the generated resource. */
function asResourceText(finding: FindingDraft): FindingDraft {
  return {
    ...finding,
    message: finding.message
      .replace(/the generated tool/g, 'the generated resource')
      .replace(/the tool's/g, "the resource's"),
    fix: finding.fix.replace(/the tool's/g, "the resource's"),
  };
}
