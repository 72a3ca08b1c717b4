import type { DriftCode } from '../diagnostics/catalogue.js';
import type { JsonValue } from '../model/json-schema.js';
import { snippet, toolFinding, type ToolScope } from './contract.js';
import type { FindingDraft } from './report.js';
import type { SchemaChange, SchemaChangeKind } from './schema-diff.js';

/** More changes of one code in one schema than this become one finding (a shared schema changed everywhere it is used). */
const COLLAPSE_ABOVE = 5;
const PATHS_NAMED = 3;

const PLURAL: Record<SchemaChangeKind, string> = {
  added: 'properties added',
  removed: 'properties removed',
  renamed: 'properties renamed',
  required: 'properties made required',
  optional: 'properties made optional',
  type: 'types changed',
  enum: 'enums changed',
  keywords: 'changed',
  order: 'properties reordered',
};

/** One finding per change, or one per code when a code has more than five changes in the schema. */
export function schemaFindings(input: {
  scope: ToolScope;
  changes: SchemaChange[];
  /** The code each change is reported with. */
  codeOf: (change: SchemaChange) => DriftCode;
  /** Allowlist field to locate the findings at. */
  field: string;
  /** Stable prefix of each finding's subject, e.g. `param query status`, `response`. */
  subject: string;
  /** Human name of the place at a path: `query parameter "status"`, `response field "items[].id"`. */
  describe: (path: string) => string;
}): FindingDraft[] {
  const byCode = new Map<DriftCode, SchemaChange[]>();
  for (const change of input.changes) {
    const code = input.codeOf(change);
    byCode.set(code, [...(byCode.get(code) ?? []), change]);
  }
  const findings: FindingDraft[] = [];
  for (const change of input.changes) {
    const code = input.codeOf(change);
    const group = byCode.get(code) ?? [];
    if (group.length <= COLLAPSE_ABOVE) findings.push(single({ ...input, code, change }));
    else if (group[0] === change) findings.push(collapsed({ ...input, code, group }));
  }
  return findings;
}

function single(input: {
  scope: ToolScope;
  code: DriftCode;
  change: SchemaChange;
  field: string;
  subject: string;
  describe: (path: string) => string;
}): FindingDraft {
  const { change } = input;
  return toolFinding({
    scope: input.scope,
    code: input.code,
    subject: `${input.subject}${change.path ? ` ${change.path}` : ''}`,
    field: input.field,
    message: changeMessage({ change, what: input.describe(change.path) }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
    ...(change.renamedTo === undefined ? {} : { after: change.renamedTo }),
  });
}

function collapsed(input: {
  scope: ToolScope;
  code: DriftCode;
  group: SchemaChange[];
  field: string;
  subject: string;
  describe: (path: string) => string;
}): FindingDraft {
  const { group } = input;
  const kinds = [...new Set(group.map((c) => c.kind))];
  const keywords = [...new Set(group.flatMap((c) => c.keywords ?? []))].sort();
  const what = kinds
    .map((kind) => (kind === 'keywords' ? `${keywords.join(', ')} ${PLURAL[kind]}` : PLURAL[kind]))
    .join('; ');
  const paths = group.map((c) => c.path || '(root)');
  const named = paths.slice(0, PATHS_NAMED).join(', ');
  const more = paths.length > PATHS_NAMED ? ` and ${paths.length - PATHS_NAMED} more` : '';
  return {
    ...toolFinding({
      scope: input.scope,
      code: input.code,
      subject: `${input.subject} ${kinds.join(' ')} x${group.length}`,
      field: input.field,
      message: `${input.describe('')}: ${what} at ${group.length} places (${named}${more}; --format json lists them)`,
    }),
    details: group.map((change) => detail(change)),
  };
}

function detail(change: SchemaChange): JsonValue {
  return {
    path: change.path,
    kind: change.kind,
    ...(change.keywords ? { keywords: change.keywords } : {}),
    ...(change.required === undefined ? {} : { required: change.required }),
    ...(change.renamedTo === undefined ? {} : { renamedTo: change.renamedTo }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
  };
}

function changeMessage(input: { change: SchemaChange; what: string }): string {
  const { change, what } = input;
  switch (change.kind) {
    case 'added':
      return `${what} was added${change.required ? ' and is required' : ''}`;
    case 'removed':
      return `${what} was removed`;
    case 'renamed':
      return `${what} was removed and "${change.renamedTo ?? ''}" added with the same schema: renamed? (did you mean "${change.renamedTo ?? ''}"?)`;
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
      return `${what}: ${keywordText(change)}`;
  }
}

/** `description changed from "a" to "b"`; values only for one scalar keyword, which is what fits on a line. */
function keywordText(change: SchemaChange): string {
  const keywords = change.keywords ?? [];
  const [keyword] = keywords;
  if (keywords.length !== 1 || keyword === undefined) return `${keywords.join(', ')} changed`;
  const value = (side: JsonValue | undefined): JsonValue | undefined =>
    side && typeof side === 'object' && !Array.isArray(side) ? side[keyword] : undefined;
  const was = value(change.before);
  const now = value(change.after);
  const scalar = (v: JsonValue | undefined) => v === null || v === undefined || typeof v !== 'object';
  if (was === null || was === undefined) return `${keyword} added${scalar(now) ? ` (${snippet(now)})` : ''}`;
  if (now === null || now === undefined) return `${keyword} removed${scalar(was) ? ` (was ${snippet(was)})` : ''}`;
  if (!scalar(was) || !scalar(now)) return `${keyword} changed`;
  return `${keyword} changed from ${snippet(was)} to ${snippet(now)}`;
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
