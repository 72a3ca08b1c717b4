import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import type { JsonValue } from '../model/json-schema.js';
import { schemaValue, snippet, toolFinding, type ContractParam, type ToolContract, type ToolScope } from './contract.js';
import type { FindingDraft } from './report.js';
import { diffSchemas, type SchemaChange, type SchemaChangeKind } from './schema-diff.js';

const INPUT_CODES: Record<SchemaChangeKind, DiagnosticCode> = {
  added: 'MCPGEN_DRIFT_PARAM_ADDED',
  removed: 'MCPGEN_DRIFT_PARAM_REMOVED',
  required: 'MCPGEN_DRIFT_PARAM_REQUIRED',
  optional: 'MCPGEN_DRIFT_PARAM_OPTIONAL',
  type: 'MCPGEN_DRIFT_PARAM_TYPE',
  enum: 'MCPGEN_DRIFT_PARAM_ENUM',
  keywords: 'MCPGEN_DRIFT_PARAM_SCHEMA',
  order: 'MCPGEN_DRIFT_PARAM_SCHEMA',
};

const OUTPUT_CODES: Record<SchemaChangeKind, DiagnosticCode> = {
  added: 'MCPGEN_DRIFT_RESPONSE_FIELD_ADDED',
  removed: 'MCPGEN_DRIFT_RESPONSE_FIELD_REMOVED',
  required: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  optional: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  type: 'MCPGEN_DRIFT_RESPONSE_TYPE',
  enum: 'MCPGEN_DRIFT_RESPONSE_ENUM',
  keywords: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  order: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
};

/** Parameters matched by location and wire name: added, removed, made required, and every change inside their schemas. */
export function compareParams(input: { scope: ToolScope; before: ContractParam[]; after: ContractParam[] }): FindingDraft[] {
  const { scope } = input;
  const key = (p: ContractParam) => `${p.in} ${p.name}`;
  const was = new Map(input.before.map((p) => [key(p), p]));
  const now = new Map(input.after.map((p) => [key(p), p]));
  const findings: FindingDraft[] = [];
  for (const [id, param] of was) {
    if (now.has(id)) continue;
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
    const old = was.get(id);
    if (!old) {
      findings.push(
        toolFinding({
          scope,
          code: 'MCPGEN_DRIFT_PARAM_ADDED',
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
  for (const change of diffSchemas({ before: before.schema, after: after.schema })) {
    findings.push(
      schemaFinding({ scope, change, codes: INPUT_CODES, field, subject: `param ${id}`, what: describeParam({ param: after, path: change.path }) }),
    );
  }
  return findings;
}

/** The response schema the tool declares: fields removed or added, types and enums changed. */
export function compareOutput(input: { scope: ToolScope; before: ToolContract; after: ToolContract }): FindingDraft[] {
  const { scope, before, after } = input;
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
  return diffSchemas({ before: before.outputSchema, after: after.outputSchema }).map((change) =>
    schemaFinding({
      scope,
      change,
      codes: OUTPUT_CODES,
      field: 'response.fields',
      subject: 'response',
      what: change.path ? `response field "${change.path}"` : 'the response',
    }),
  );
}

function schemaFinding(input: {
  scope: ToolScope;
  change: SchemaChange;
  codes: Record<SchemaChangeKind, DiagnosticCode>;
  field: string;
  subject: string;
  what: string;
}): FindingDraft {
  const { change, what } = input;
  return toolFinding({
    scope: input.scope,
    code: input.codes[change.kind],
    subject: `${input.subject}${change.path ? ` ${change.path}` : ''}`,
    field: input.field,
    message: changeMessage({ change, what }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
  });
}

function changeMessage(input: { change: SchemaChange; what: string }): string {
  const { change, what } = input;
  switch (change.kind) {
    case 'added':
      return `${what} was added${change.required ? ' and is required' : ''}`;
    case 'removed':
      return `${what} was removed`;
    case 'required':
      return `${what} is now required`;
    case 'optional':
      return `${what} is no longer required`;
    case 'type':
      return `${what} changed type from ${typeText(change.before)} to ${typeText(change.after)}`;
    case 'enum':
      return `${what} ${enumText({ before: change.before, after: change.after })}`;
    case 'order':
      return `${what}: properties reordered (the model sees them in the new order)`;
    case 'keywords':
      return `${what}: ${(change.keywords ?? []).join(', ')} changed${keywordValues(change)}`;
  }
}

function keywordValues(change: SchemaChange): string {
  const keywords = change.keywords ?? [];
  if (keywords.length !== 1) return '';
  const [keyword] = keywords as [string];
  const value = (side: JsonValue | undefined) => (side && typeof side === 'object' && !Array.isArray(side) ? side[keyword] : undefined);
  return ` from ${snippet(value(change.before))} to ${snippet(value(change.after))}`;
}

function enumText(input: { before: JsonValue | undefined; after: JsonValue | undefined }): string {
  const was = Array.isArray(input.before) ? input.before : null;
  const now = Array.isArray(input.after) ? input.after : null;
  if (!was) return `is now limited to ${listText(now ?? [])}`;
  if (!now) return `no longer limits its values (was ${listText(was)})`;
  const has = (list: JsonValue[], value: JsonValue) => list.some((v) => JSON.stringify(v) === JSON.stringify(value));
  const removed = was.filter((v) => !has(now, v));
  const added = now.filter((v) => !has(was, v));
  const parts = [
    ...(removed.length > 0 ? [`no longer accepts ${listText(removed)}`] : []),
    ...(added.length > 0 ? [`now also accepts ${listText(added)}`] : []),
  ];
  return parts.length > 0 ? `enum ${parts.join(' and ')}` : 'enum values reordered';
}

function listText(values: JsonValue[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function typeText(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'untyped';
  return Array.isArray(value) ? value.join(' | ') : String(value);
}

function describeParam(input: { param: ContractParam; path?: string }): string {
  const { param, path } = input;
  const name = path ? `${param.name}.${path}`.replace(/\.\[\]/g, '[]').replace(/\.\{\}/g, '{}') : param.name;
  return param.in === 'body' ? `body field "${name}"` : `${param.in} parameter "${name}"`;
}
