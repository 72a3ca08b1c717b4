import type { DriftCode } from '../diagnostics/catalogue.js';
import { schemaValue, toolFinding, type ContractParam, type ToolContract, type ToolScope } from './contract.js';
import type { FindingDraft } from './report.js';
import { diffSchemas, type SchemaChangeKind } from './schema-diff.js';
import { schemaFindings } from './schema-findings.js';

const INPUT_CODES: Record<SchemaChangeKind, DriftCode> = {
  added: 'MCPGEN_DRIFT_PARAM_ADDED',
  removed: 'MCPGEN_DRIFT_PARAM_REMOVED',
  required: 'MCPGEN_DRIFT_PARAM_REQUIRED',
  optional: 'MCPGEN_DRIFT_PARAM_OPTIONAL',
  type: 'MCPGEN_DRIFT_PARAM_TYPE',
  enum: 'MCPGEN_DRIFT_PARAM_ENUM',
  keywords: 'MCPGEN_DRIFT_PARAM_SCHEMA',
  order: 'MCPGEN_DRIFT_PARAM_SCHEMA',
};

const OUTPUT_CODES: Record<SchemaChangeKind, DriftCode> = {
  added: 'MCPGEN_DRIFT_RESPONSE_FIELD_ADDED',
  removed: 'MCPGEN_DRIFT_RESPONSE_FIELD_REMOVED',
  required: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  optional: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  type: 'MCPGEN_DRIFT_RESPONSE_TYPE',
  enum: 'MCPGEN_DRIFT_RESPONSE_ENUM',
  keywords: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
  order: 'MCPGEN_DRIFT_RESPONSE_SCHEMA',
};

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
  for (const [id, param] of was) {
    if (now.has(id) || explained.param(param)) continue;
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
  findings.push(
    ...schemaFindings({
      scope,
      changes: diffSchemas({ before: before.schema, after: after.schema }),
      codes: INPUT_CODES,
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
    codes: OUTPUT_CODES,
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
