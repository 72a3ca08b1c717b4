import { createHash } from 'node:crypto';
import { findingClassOf, type DriftCode, type FindingClass } from '../diagnostics/catalogue.js';
import type { FileLocation, Severity } from '../diagnostics/diagnostic.js';
import type { JsonValue } from '../model/json-schema.js';
import { MCPGEN_VERSION } from '../version.js';

/**
 * Version of the JSON report format; bumped only for incompatible changes
 * (2: findings carry a class, the summary counts classes and names the
 * --fail-on policy).
 */
export const REPORT_VERSION = 2;

/** Which of the three comparisons of `mcpgen check` found it. */
export type FindingCategory = 'allowlist' | 'tools' | 'files';

/** A finding before the report assigns its class, severity and fingerprint. */
export interface FindingDraft {
  /** Stable `MCPGEN_DRIFT_*` code from the catalogue, which gives the class. */
  code: DriftCode;
  category: FindingCategory;
  /** Tool name as in the allowlist and the manifest. */
  tool?: string;
  /** `METHOD /path` of the operation concerned (the current one when known). */
  operation?: string;
  /** Allowlist `file:line:col`, or a generated file (line 1). */
  location?: FileLocation;
  /** JSON pointer into the current spec. */
  specPointer?: string;
  /** What the finding is about, stable across runs: `param query status`, `file src/index.ts`. */
  subject: string;
  /** One line saying what changed. */
  message: string;
  /** The exact command (or edit, then command) that resolves it. */
  fix: string;
  /** The recorded and the current value, where a value changed. */
  before?: JsonValue;
  after?: JsonValue;
  /** For a finding that stands for many changes (a shared schema changed everywhere it is used): each of them. */
  details?: JsonValue[];
}

/** One finding of the report. */
export interface Finding extends FindingDraft {
  /** What the change does to the committed server (the code's class in the catalogue). */
  class: FindingClass;
  /** `error` when it fails the check under the policy, `warning` (compatible) or `info` otherwise. */
  severity: Severity;
  /** sha256 of code, tool, subject and values: the same drift gets the same fingerprint on every run and machine. */
  fingerprint: string;
}

/** When a check fails. */
export interface CheckPolicy {
  /** The least severe class that fails the check (`breaking` by default). */
  failOn: FindingClass;
  /** Information about operations no tool uses and stray files fails too. */
  strict: boolean;
}

/** Counts and outcome of a check. */
export interface ReportSummary {
  /** `pass`: nothing reaches the --fail-on class; `fail`: something does. */
  result: 'pass' | 'fail';
  exitCode: 0 | 1;
  /** Findings per class. */
  breaking: number;
  compatible: number;
  info: number;
  /** Findings that fail the check under the policy (severity `error`). */
  failing: number;
  /** Enabled tools in the allowlist. */
  tools: number;
  /** Operations in the current spec. */
  operations: number;
  /** Files compared in `--out`. */
  files: number;
  /** false when the allowlist no longer resolves, so files were checked against the manifest only. */
  regenerated: boolean;
}

/** The machine-readable result of `mcpgen check` (`--format json`). */
export interface CheckReport {
  version: typeof REPORT_VERSION;
  generator: { name: 'mcpgen'; version: string };
  inputs: { spec: string; allowlist: string; out: string; strict: boolean; failOn: FindingClass };
  summary: ReportSummary;
  findings: Finding[];
}

/** Stable across runs and machines: no line numbers, paths as reported, no message wording. */
export function fingerprintOf(finding: FindingDraft): string {
  const identity = canonicalJson({
    code: finding.code,
    tool: finding.tool ?? null,
    subject: finding.subject,
    before: finding.before ?? null,
    after: finding.after ?? null,
    details: finding.details ?? null,
  });
  return createHash('sha256').update(identity, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const CLASS_RANK: Record<FindingClass, number> = { breaking: 0, compatible: 1, info: 2 };

/** Information that `--strict` turns into failures: operations no tool uses, and files mcpgen did not generate. */
const STRICT_CODES: ReadonlySet<DriftCode> = new Set([
  'MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST',
  'MCPGEN_DRIFT_DISABLED_ENTRY_UNRESOLVED',
  'MCPGEN_DRIFT_FILE_UNTRACKED',
]);

/** Whether a finding of this class and code fails the check under the policy. */
export function fails(input: { code: DriftCode; class: FindingClass; policy: CheckPolicy }): boolean {
  return (
    CLASS_RANK[input.class] <= CLASS_RANK[input.policy.failOn] || (input.policy.strict && STRICT_CODES.has(input.code))
  );
}

/**
 * Assembles the report: each finding gets its code's class and, from the
 * policy, its severity; findings are ordered failing first, then by class,
 * allowlist and tools before files, then by file, line and column, code and
 * subject.
 */
export function buildReport(input: {
  drafts: FindingDraft[];
  inputs: Omit<CheckReport['inputs'], 'failOn'> & { failOn?: FindingClass };
  counts: Pick<ReportSummary, 'tools' | 'operations' | 'files' | 'regenerated'>;
}): CheckReport {
  const policy: CheckPolicy = { failOn: input.inputs.failOn ?? 'breaking', strict: input.inputs.strict };
  const findings = input.drafts
    .map((draft): Finding => {
      const findingClass = findingClassOf(draft.code);
      const severity: Severity = fails({ code: draft.code, class: findingClass, policy })
        ? 'error'
        : findingClass === 'info'
          ? 'info'
          : 'warning';
      return { ...draft, class: findingClass, severity, fingerprint: fingerprintOf(draft) };
    })
    .sort(compareFindings);
  const count = (c: FindingClass) => findings.filter((f) => f.class === c).length;
  const failing = findings.filter((f) => f.severity === 'error').length;
  return {
    version: REPORT_VERSION,
    generator: { name: 'mcpgen', version: MCPGEN_VERSION },
    inputs: { ...input.inputs, failOn: policy.failOn },
    summary: {
      result: failing > 0 ? 'fail' : 'pass',
      exitCode: failing > 0 ? 1 : 0,
      breaking: count('breaking'),
      compatible: count('compatible'),
      info: count('info'),
      failing,
      ...input.counts,
    },
    findings,
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    CLASS_RANK[a.class] - CLASS_RANK[b.class] ||
    Number(a.category === 'files') - Number(b.category === 'files') ||
    byText(a.location?.file ?? '\uffff', b.location?.file ?? '\uffff') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    byText(a.code, b.code) ||
    byText(a.subject, b.subject)
  );
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
