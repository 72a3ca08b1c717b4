import type { FindingClass } from '../diagnostics/catalogue.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import type { CheckReport, Finding } from './report.js';

/** Information findings of one code shown before the rest are counted in one line. */
const INFO_SHOWN_PER_CODE = 10;

const STYLE = { red: 31, yellow: 33, cyan: 36, bold: 1, dim: 2, green: 32 } as const;
const SEVERITY_STYLE: Record<Severity, keyof typeof STYLE> = { error: 'red', warning: 'yellow', info: 'cyan' };

type Paint = (style: keyof typeof STYLE, text: string) => string;

/**
 * Compilers' style, one finding per line with its fix below, then a summary:
 * `mcpgen.yaml:34:16: error breaking MCPGEN_DRIFT_PARAM_REQUIRED [create_order POST /orders] …`.
 * The severity says what the policy makes of it (error fails the check,
 * warning does not), the class what the change does to the server.
 * Past ten information findings of one code the rest are counted, not listed.
 */
export function formatTextReport(input: { report: CheckReport; color: boolean }): string {
  const { report } = input;
  const paint: Paint = (style, text) => (input.color ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const finding of report.findings) {
    if (finding.severity === 'info') {
      const count = shown.get(finding.code) ?? 0;
      if (count >= INFO_SHOWN_PER_CODE) {
        hidden.set(finding.code, (hidden.get(finding.code) ?? 0) + 1);
        continue;
      }
      shown.set(finding.code, count + 1);
    }
    lines.push(formatFinding({ finding, paint, spec: report.inputs.spec }), `  ${paint('dim', `fix: ${finding.fix}`)}`);
  }
  for (const [code, count] of hidden) {
    lines.push(paint('dim', `... and ${count} more info ${code} (--format json lists them all)`));
  }
  lines.push(summaryLine({ report, paint }));
  return lines.join('\n');
}

function formatFinding(input: { finding: Finding; spec: string; paint: Paint }): string {
  const { finding, paint } = input;
  const where = finding.location
    ? `${formatLocation(finding.location)}: `
    : finding.specPointer
      ? `${input.spec}#${finding.specPointer}: `
      : '';
  const scope = [finding.tool, finding.operation].filter(Boolean).join(' ');
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity);
  // `info info` says nothing twice.
  const label = finding.severity === finding.class ? severity : `${severity} ${finding.class}`;
  return `${where}${label} ${paint('bold', finding.code)}${scope ? ` [${scope}]` : ''} ${finding.message}`;
}

/** `2 breaking, 1 compatible, 5 info`. */
export function classCounts(summary: Record<FindingClass, number>): string {
  return `${summary.breaking} breaking, ${summary.compatible} compatible, ${summary.info} info`;
}

/** `drift found (fails on breaking)` or `no drift to fail on (fails on breaking)`. */
export function verdict(report: CheckReport): string {
  const policy = `--fail-on ${report.inputs.failOn}${report.inputs.strict ? ' --strict' : ''}`;
  return report.summary.result === 'fail'
    ? `fail: ${plural(report.summary.failing, 'finding')} at ${policy}`
    : `pass: nothing fails ${policy}`;
}

function summaryLine(input: { report: CheckReport; paint: Paint }): string {
  const { summary } = input.report;
  const scope = `${plural(summary.tools, 'tool')}, ${plural(summary.operations, 'spec operation')}${
    summary.regenerated ? '' : '; files checked against the manifest only until the allowlist resolves'
  }`;
  const text = verdict(input.report);
  const painted = summary.result === 'fail' ? input.paint('red', text) : input.paint('green', text);
  return `mcpgen check: ${painted}: ${classCounts(summary)} (${scope})`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
