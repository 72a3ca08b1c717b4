import type { Diagnostic, FileLocation, Severity } from '../diagnostics/diagnostic.js';
import { isFileLocation } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import type { CheckReport, Finding } from './report.js';

/** Rows of one code the step summary lists before counting the rest. */
const INFO_ROWS_PER_CODE = 50;

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
      title: `${finding.code}${scopeOf(finding) ? ` [${scopeOf(finding)}]` : ''}`,
      message: `${finding.message}\nfix: ${finding.fix}`,
      relativize: input.relativize,
    }),
  );
  const { summary } = input.report;
  lines.push(`mcpgen check: ${summary.result === 'drift' ? 'drift found' : 'no drift'}: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.info} info`);
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

function annotation(input: { severity: Severity; location?: FileLocation; title: string; message: string; relativize: Relativize }): string {
  const { location } = input;
  const properties = [
    ...(location ? [`file=${escapeProperty(input.relativize(location.file))}`, `line=${location.line}`, `col=${location.column}`] : []),
    `title=${escapeProperty(input.title)}`,
  ];
  return `::${COMMAND[input.severity]} ${properties.join(',')}::${escapeData(input.message)}`;
}

/** The Markdown table for `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdownSummary(report: CheckReport): string {
  const { summary, inputs } = report;
  const lines = [
    `### mcpgen check: ${summary.result === 'drift' ? 'drift found' : 'no drift'}`,
    '',
    `${summary.errors} errors, ${summary.warnings} warnings, ${summary.info} info. Spec \`${cell(inputs.spec)}\`, allowlist \`${cell(inputs.allowlist)}\`, generated project \`${cell(inputs.out)}\`${inputs.strict ? ' (--strict)' : ''}.`,
  ];
  if (report.findings.length === 0) return `${lines.join('\n')}\n`;
  lines.push('', '| Severity | Code | Tool | Operation | Location | Finding | Fix |', '|---|---|---|---|---|---|---|');
  const rows = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const finding of report.findings) {
    const count = rows.get(finding.code) ?? 0;
    if (finding.severity === 'info' && count >= INFO_ROWS_PER_CODE) {
      hidden.set(finding.code, (hidden.get(finding.code) ?? 0) + 1);
      continue;
    }
    rows.set(finding.code, count + 1);
    const where = finding.location ? formatLocation(finding.location) : finding.specPointer ? `${inputs.spec}#${finding.specPointer}` : '';
    lines.push(
      `| ${finding.severity} | \`${finding.code}\` | ${cell(finding.tool ?? '')} | ${code(finding.operation)} | ${code(where)} | ${cell(finding.message)} | ${cell(finding.fix)} |`,
    );
  }
  for (const [findingCode, count] of hidden) lines.push(`| info | \`${findingCode}\` | | | | ${count} more (see \`--format json\`) | |`);
  return `${lines.join('\n')}\n`;
}

function scopeOf(finding: Finding): string {
  return [finding.tool, finding.operation].filter(Boolean).join(' ');
}

function code(text: string | undefined): string {
  return text ? `\`${cell(text)}\`` : '';
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Workflow command data: `%`, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
