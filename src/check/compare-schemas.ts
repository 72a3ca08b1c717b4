import type { DriftCode } from '../diagnostics/catalogue.js';
import { schemaValue, toolFinding, type ContractParam, type ToolContract, type ToolScope } from './contract.js';
import type { FindingDraft } from './report.js';
import { jsonEqual } from '../build/schema/json-value.js';
import { diffSchemas, pairRenames, sameShape, type SchemaChange } from './schema-diff.js';
import { schemaFindings } from './schema-findings.js';

/** How a change to a parameter's (or body field's) schema is reported: seen from a client that sends it. */
function inputCode(change: SchemaChange): DriftCode {
  switch (change.kind) {
    case 'added':
      return change.required ? 'MCPGEN_DRIFT_REQUIRED_PARAM_ADDED' : 'MCPGEN_DRIFT_PARAM_ADDED';
    case 'removed':
      return 'MCPGEN_DRIFT_PARAM_REMOVED';
    case 'renamed':
      return 'MCPGEN_DRIFT_PARAM_RENAMED';
    case 'required':
      return 'MCPGEN_DRIFT_PARAM_REQUIRED';
    case 'optional':
      return 'MCPGEN_DRIFT_PARAM_OPTIONAL';
    case 'type':
      return 'MCPGEN_DRIFT_PARAM_TYPE';
    case 'enum':
      return onlyAdded(change) ? 'MCPGEN_DRIFT_PARAM_ENUM_EXTENDED' : 'MCPGEN_DRIFT_PARAM_ENUM';
    case 'keywords':
      return onlyDescription(change) ? 'MCPGEN_DRIFT_PARAM_DESCRIPTION' : 'MCPGEN_DRIFT_PARAM_SCHEMA';
    case 'order':
      return 'MCPGEN_DRIFT_PARAM_SCHEMA';
  }
}

/** How a change to the response schema is reported: seen from a client that validates what it receives. */
function outputCode(change: SchemaChange): DriftCode {
  switch (change.kind) {
    case 'added':
      return 'MCPGEN_DRIFT_RESPONSE_FIELD_ADDED';
    case 'removed':
      // The output schema requires it: every response now fails validation. An optional one just never comes.
      return change.required ? 'MCPGEN_DRIFT_RESPONSE_FIELD_REMOVED' : 'MCPGEN_DRIFT_RESPONSE_OPTIONAL_FIELD_REMOVED';
    case 'renamed':
      return 'MCPGEN_DRIFT_RESPONSE_FIELD_RENAMED';
    case 'type':
      return 'MCPGEN_DRIFT_RESPONSE_TYPE';
    case 'enum':
      return 'MCPGEN_DRIFT_RESPONSE_ENUM';
    case 'keywords':
      return onlyDescription(change) ? 'MCPGEN_DRIFT_RESPONSE_DESCRIPTION' : 'MCPGEN_DRIFT_RESPONSE_SCHEMA';
    case 'required':
    case 'optional':
    case 'order':
      return 'MCPGEN_DRIFT_RESPONSE_SCHEMA';
  }
}

function onlyDescription(change: SchemaChange): boolean {
  return change.keywords?.length === 1 && change.keywords[0] === 'description';
}

/** An enum that only gained values (or lost its limit): every value sent before is still accepted. */
function onlyAdded(change: SchemaChange): boolean {
  const was = Array.isArray(change.before) ? change.before : null;
  const now = Array.isArray(change.after) ? change.after : null;
  if (!was) return false;
  if (!now) return true;
  return was.every((value) => now.some((other) => jsonEqual(other, value)));
}

/** Changes another finding already reports, left out here. */
export interface Explained {
  /** A response field removed, by its path in the diff. */
  responseField(path: string): boolean;
  /** A parameter removed. */
  param(param: ContractParam): boolean;
  /** Whether anything was left out so far. */
  any(): boolean;
}

const NOTHING_EXPLAINED: Explained = { responseField: () => false, param: () => false, any: () => false };

/** Parameters matched by location and wire name: added, removed, made required, and every change inside their schemas. */
export function compareParams(input: {
  scope: ToolScope;
  before: ContractParam[];
  after: ContractParam[];
  explained?: Explained;
}): FindingDraft[] {
  const { scope } = input;
  const explained = input.explained ?? NOTHING_EXPLAINED;
  const key = (p: ContractParam) => `${p.in} ${p.name}`;
  const was = new Map(input.before.map((p) => [key(p), p]));
  const now = new Map(input.after.map((p) => [key(p), p]));
  const findings: FindingDraft[] = [];
  const removed = [...was.keys()].filter((id) => !now.has(id) && !explained.param(was.get(id)!));
  const added = [...now.keys()].filter((id) => !was.has(id));
  // A rename keeps the location: `query q` → `query search`, never `query q` → `header q`.
  const renames = pairRenames({
    removed,
    added,
    before: Object.fromEntries(was),
    after: Object.fromEntries(now),
    same: (a, b) => a.in === b.in && sameShape(a.schema, b.schema),
  });
  const renamedTo = new Set(renames.values());
  for (const id of removed) {
    const param = was.get(id)!;
    const to = renames.get(id);
    const next = to === undefined ? undefined : now.get(to);
    if (next) {
      findings.push(
        toolFinding({
          scope,
          code: 'MCPGEN_DRIFT_PARAM_RENAMED',
          subject: `param ${id}`,
          field: `params.${param.arg}`,
          message: `${describeParam({ param })} was removed and ${describeParam({ param: next })} added with the same schema: renamed? (did you mean "${next.name}"?); the generated tool still sends the old name`,
          before: param.name,
          after: next.name,
        }),
      );
      continue;
    }
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_PARAM_REMOVED',
        subject: `param ${id}`,
        field: `params.${param.arg}`,
        message: `${describeParam({ param })} was removed from the operation; the generated tool still sends it`,
      }),
    );
  }
  for (const [id, param] of now) {
    if (renamedTo.has(id)) continue;
    const old = was.get(id);
    if (!old) {
      findings.push(
        toolFinding({
          scope,
          code: param.required ? 'MCPGEN_DRIFT_REQUIRED_PARAM_ADDED' : 'MCPGEN_DRIFT_PARAM_ADDED',
          subject: `param ${id}`,
          message: param.required
            ? `${describeParam({ param })} was added and is required; the generated tool never sends it, so its calls will fail`
            : `${describeParam({ param })} was added (optional); the generated tool cannot send it`,
          after: { required: param.required, schema: schemaValue(param.schema) },
        }),
      );
      continue;
    }
    findings.push(...compareParam({ scope, before: old, after: param }));
  }
  return findings;
}

function compareParam(input: { scope: ToolScope; before: ContractParam; after: ContractParam }): FindingDraft[] {
  const { scope, before, after } = input;
  const id = `${after.in} ${after.name}`;
  const field = `params.${after.arg}`;
  const findings: FindingDraft[] = [];
  if (before.required !== after.required) {
    findings.push(
      toolFinding({
        scope,
        code: after.required ? 'MCPGEN_DRIFT_PARAM_REQUIRED' : 'MCPGEN_DRIFT_PARAM_OPTIONAL',
        subject: `param ${id}`,
        field,
        message: after.required
          ? `${describeParam({ param: after })} is now required; the generated tool lets the model omit it`
          : `${describeParam({ param: after })} is no longer required`,
      }),
    );
  }
  if (before.arg !== after.arg) {
    findings.push(
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_PARAM_SCHEMA',
        subject: `param ${id} argument`,
        field,
        message: `${describeParam({ param: after })} is now argument "${after.arg}" (was "${before.arg}")`,
        before: before.arg,
        after: after.arg,
      }),
    );
  }
  findings.push(
    ...schemaFindings({
      scope,
      changes: diffSchemas({ before: before.schema, after: after.schema }),
      codeOf: inputCode,
      field,
      subject: `param ${id}`,
      describe: (path) => describeParam({ param: after, path }),
    }),
  );
  return findings;
}

/** The response schema the tool declares: fields removed or added, types and enums changed. */
export function compareOutput(input: {
  scope: ToolScope;
  before: ToolContract;
  after: ToolContract;
  explained?: Explained;
}): FindingDraft[] {
  const { scope, before, after } = input;
  const explained = input.explained ?? NOTHING_EXPLAINED;
  if (!before.outputSchema && !after.outputSchema) return [];
  if (!before.outputSchema || !after.outputSchema) {
    return [
      toolFinding({
        scope,
        code: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
        subject: 'response',
        message: after.outputSchema
          ? 'the operation now documents a JSON success response; the generated tool declares no output schema'
          : 'the operation no longer documents a JSON success response; the generated tool still declares an output schema',
      }),
    ];
  }
  return schemaFindings({
    scope,
    changes: diffSchemas({ before: before.outputSchema, after: after.outputSchema }).filter(
      (change) => !(change.kind === 'removed' && explained.responseField(change.path)),
    ),
    codeOf: outputCode,
    field: 'response.fields',
    subject: 'response',
    describe: (path) => (path ? `response field "${path}"` : 'the response'),
  });
}

function describeParam(input: { param: ContractParam; path?: string }): string {
  const { param, path } = input;
  const name = path ? `${param.name}.${path}`.replace(/\.\[\]/g, '[]').replace(/\.\{\}/g, '{}') : param.name;
  return param.in === 'body' ? `body field "${name}"` : `${param.in} parameter "${name}"`;
}
