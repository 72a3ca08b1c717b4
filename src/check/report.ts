import { createHash } from 'node:crypto';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import type { FileLocation, Severity } from '../diagnostics/diagnostic.js';
import type { JsonValue } from '../model/json-schema.js';
import { MCPGEN_VERSION } from '../version.js';

/** Version of the JSON report format; bumped only for incompatible changes. */
export const REPORT_VERSION = 1;

/** Which of the three comparisons of `mcpgen check` found it. */
export type FindingCategory = 'allowlist' | 'tools' | 'files';

/** A finding before the report assigns its fingerprint and final severity. */
export interface FindingDraft {
  /** Stable `MCPGEN_DRIFT_*` code from the catalogue. */
  code: DiagnosticCode;
  /** `error` (drift) or `info` (error under `--strict`). */
  severity: Severity;
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
  /** sha256 of code, tool, subject and values: the same drift gets the same fingerprint on every run and machine. */
  fingerprint: string;
}

/** Counts and outcome of a check. */
export interface ReportSummary {
  /** `clean`: nothing to fix (information only); `drift`: at least one error. */
  result: 'clean' | 'drift';
  exitCode: 0 | 1;
  errors: number;
  warnings: number;
  info: number;
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
  inputs: { spec: string; allowlist: string; out: string; strict: boolean };
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
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Assembles the report: under `strict`, information becomes an error; findings
 * are ordered errors first, allowlist and tools before files, then by file,
 * line and column, code and subject.
 */
export function buildReport(input: {
  drafts: FindingDraft[];
  inputs: CheckReport['inputs'];
  counts: Pick<ReportSummary, 'tools' | 'operations' | 'files' | 'regenerated'>;
}): CheckReport {
  const findings = input.drafts
    .map((draft): Finding => {
      const severity = input.inputs.strict && draft.severity === 'info' ? 'error' : draft.severity;
      return { ...draft, severity, fingerprint: fingerprintOf(draft) };
    })
    .sort(compareFindings);
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  return {
    version: REPORT_VERSION,
    generator: { name: 'mcpgen', version: MCPGEN_VERSION },
    inputs: input.inputs,
    summary: {
      result: errors > 0 ? 'drift' : 'clean',
      exitCode: errors > 0 ? 1 : 0,
      errors,
      warnings: count('warning'),
      info: count('info'),
      ...input.counts,
    },
    findings,
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
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
