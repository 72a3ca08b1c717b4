import type { Diagnostic, FileLocation, Severity } from '../diagnostics/diagnostic.js';
import { isFileLocation } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import { classCounts, verdict } from './format-text.js';
import type { CheckReport, Finding } from './report.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Maps a reported path to one relative to the repository root, as annotations need. */
export type Relativize = (file: string) => string;

/**
 * One workflow annotation per finding (`::error file=…,line=…,col=…,title=…::…`),
 * anchored at the allowlist line or the generated file, then the summary line.
 */
export function formatGithubAnnotations(input: { report: CheckReport; relativize: Relativize }): string {
  const lines = input.report.findings.map((finding) =>
    annotation({
      severity: finding.severity,
      ...(finding.location ? { location: finding.location } : {}),
      title: `${finding.code} (${finding.class})${scopeOf(finding) ? ` [${scopeOf(finding)}]` : ''}`,
      message: `${finding.message}\nfix: ${finding.fix}`,
      relativize: input.relativize,
    }),
  );
  lines.push(`mcpgen check: ${verdict(input.report)}: ${classCounts(input.report.summary)}`);
  return lines.join('\n');
}

/** Bad input (an allowlist or spec error) as annotations, so the job page points at the line. */
export function formatGithubDiagnostics(input: { diagnostics: readonly Diagnostic[]; relativize: Relativize }): string {
  return input.diagnostics
    .map((d) =>
      annotation({
        severity: d.severity,
        ...(d.location && isFileLocation(d.location) ? { location: d.location } : {}),
        title: d.code,
        message: `${d.location && !isFileLocation(d.location) ? `${formatLocation(d.location)}: ` : ''}${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`,
        relativize: input.relativize,
      }),
    )
    .join('\n');
}

function annotation(input: {
  severity: Severity;
  location?: FileLocation;
  title: string;
  message: string;
  relativize: Relativize;
}): string {
  const { location } = input;
  const properties = [
    ...(location
      ? [`file=${escapeProperty(input.relativize(location.file))}`, `line=${location.line}`, `col=${location.column}`]
      : []),
    `title=${escapeProperty(input.title)}`,
  ];
  return `::${COMMAND[input.severity]} ${properties.join(',')}::${escapeData(input.message)}`;
}

function scopeOf(finding: Finding): string {
  return [finding.tool, finding.operation].filter(Boolean).join(' ');
}

/** Workflow command data: `%`, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
